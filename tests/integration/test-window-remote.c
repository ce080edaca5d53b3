/* test-window-remote.c — the whole story in the real window, over a real sshd and libvirtd
 *
 * A user adds root@127.0.0.1:PORT with a key in the connection dialog, sees
 * the remote guests, the daemon dies and the host goes disconnected with its
 * guests dimmed, the daemon returns and Hangar reconnects by itself. The
 * longest main-loop gap is measured and reported.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "hgr-add-connection-dialog.h"
#include "hgr-delete-dialog.h"
#include "hgr-integration-utils.h"
#include "hgr-test-widgets.h"
#include "hgr-window.h"

static GtkWidget *
dialog_child (HgrAddConnectionDialog *dialog,
              const char             *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HGR_TYPE_ADD_CONNECTION_DIALOG, id));
}

static void
test_remote_host_in_window (void)
{
  const char *port = hgr_test_require_env ("HGR_TEST_SSH_PORT");
  g_autoptr (HgrHostStore) store = NULL;
  g_autoptr (HgrTestHost) host = NULL;
  g_autofree char        *expected_uri = NULL;
  g_autofree char        *guest_name = NULL;
  HgrAddConnectionDialog *dialog;
  HgrWindow              *window;
  GtkWidget              *list;
  HgrHostRow             *host_row;
  GtkLabel               *status;
  HgrGuest               *guest;
  HgrDeleteDialog        *delete_dialog;
  HgrTestStall            stall = { 0 };
  guint                   tick;

  if (port == NULL)
    return;

  store = hgr_host_store_new (NULL);
  window = g_object_new (HGR_TYPE_WINDOW, "host-store", store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), HGR_TYPE_WINDOW, "list_view"));
  tick = g_timeout_add (5, hgr_test_stall_tick_cb, &stall);

  /* The user fills in the dialog as they would. */
  dialog = hgr_add_connection_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_switch_set_active (GTK_SWITCH (dialog_child (dialog, "remote_switch")), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "user_entry")), "root");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "host_entry")), "127.0.0.1");
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "port_entry")), port);
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "key_entry")), g_getenv ("HGR_TEST_SSH_KEY"));
  expected_uri = g_strdup_printf ("qemu+ssh://root@127.0.0.1:%s/system?keyfile=%s", port, g_getenv ("HGR_TEST_SSH_KEY"));
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, expected_uri);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.add", NULL);

  host = g_object_ref (hgr_host_store_lookup (store, expected_uri));
  g_assert_nonnull (host);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED, 60);

  /* A guest on the remote host shows up in the window. */
  guest = hgr_test_define_guest (host, "window");
  guest_name = g_strdup (hgr_guest_get_name (guest));
  HGR_TEST_WAIT_UNTIL (hgr_test_find_guest_row (list, guest_name) != NULL);
  HGR_TEST_WAIT_UNTIL ((host_row = hgr_test_find_host_row (list, host)) != NULL);
  status = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (host_row), HGR_TYPE_HOST_ROW, "status_label"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "Connected"));

  /* A dialog about the guest is open when the daemon dies. */
  delete_dialog = hgr_delete_dialog_new (GTK_WINDOW (window), guest);
  gtk_window_present (GTK_WINDOW (delete_dialog));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (delete_dialog), "delete"));

  /* The daemon dies: the row says so, the guest stays, dimmed, and the
   * dialog says that nothing can be deleted now. */
  hgr_test_kill_daemon ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED, 10);
  HGR_TEST_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (status), "Disconnected: "));
  g_test_message ("host row says: %s", gtk_label_get_label (status));
  HGR_TEST_WAIT_UNTIL (gtk_widget_has_css_class (GTK_WIDGET (hgr_test_find_guest_row (list, guest_name)), "stale"));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (delete_dialog), "delete"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (delete_dialog)), "host is not connected"));

  /* It returns: Hangar reconnects by itself and the guest is live again. */
  hgr_test_start_daemon ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED, 120);
  HGR_TEST_WAIT_UNTIL (!gtk_widget_has_css_class (GTK_WIDGET (hgr_test_find_guest_row (list, guest_name)), "stale"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "Connected"));
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (delete_dialog), "delete"));
  gtk_window_destroy (GTK_WINDOW (delete_dialog));
  hgr_test_undefine (host, hgr_host_lookup_guest (host, hgr_guest_get_uuid (guest)));

  g_source_remove (tick);
  /* Reported, not asserted: it includes GTK's own start-up and rendering;
   * test-connect asserts the bound while connecting. */
  g_test_message ("longest main-loop stall through it all: %.1f ms", stall.longest / 1000.0);

  gtk_window_destroy (GTK_WINDOW (window));
  hgr_host_store_remove (store, host);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/window/remote-host-in-window", test_remote_host_in_window);

  return g_test_run ();
}
