/* test-dialogs.c — the dialogs around the main window: Preferences, Add and Edit Connection, credentials
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hgr-add-connection-dialog.h"
#include "hgr-credential-dialog.h"
#include "hgr-preferences-window.h"
#include "hgr-test-widgets.h"
#include "hgr-test-window-fixture.h"

static void
test_preferences (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  HgrPreferencesWindow *preferences = hgr_preferences_window_new (NULL, settings);
  GtkAdjustment        *timeout = GTK_ADJUSTMENT (
           gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "timeout_adjustment"));
  AdwComboRow *release = ADW_COMBO_ROW (
    gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "release_row"));
  g_autofree char *keys = NULL;

  gtk_window_present (GTK_WINDOW (preferences));

  /* The settings show, and a change is saved at once. */
  g_assert_cmpfloat (gtk_adjustment_get_value (timeout), ==, 30);
  gtk_adjustment_set_value (timeout, 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "connect-timeout"), ==, 45);
  gtk_adjustment_set_value (timeout, 1000); /* clamped to the setting's range */
  g_assert_cmpuint (g_settings_get_uint (settings, "connect-timeout"), ==, 600);

  g_assert_cmpuint (adw_combo_row_get_selected (release), ==, 0);
  adw_combo_row_set_selected (release, 2);
  keys = g_settings_get_string (settings, "console-release-keys");
  g_assert_cmpstr (keys, ==, "<Control><Alt><Shift>");
  g_settings_set_string (settings, "console-release-keys", "<Control><Shift>");
  g_assert_cmpuint (adw_combo_row_get_selected (release), ==, 1);

  /* The load: how often (1 to 60 s), and what besides CPU */
  {
    GtkAdjustment *interval = GTK_ADJUSTMENT (
      gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "interval_adjustment"));
    GtkSwitch *disk = GTK_SWITCH (
      gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "disk_switch"));
    GtkSwitch *memory = GTK_SWITCH (
      gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "memory_switch"));

    GtkSwitch *enabled = GTK_SWITCH (
      gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "enabled_switch"));
    GtkWidget *interval_row =
      GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences), HGR_TYPE_PREFERENCES_WINDOW, "interval_row"));

    /* off: not read, and how often or what cannot be chosen */
    g_assert_true (gtk_switch_get_active (enabled));
    g_assert_true (gtk_widget_get_sensitive (interval_row));
    gtk_switch_set_active (enabled, FALSE);
    g_assert_false (g_settings_get_boolean (settings, "stats-enabled"));
    g_assert_false (gtk_widget_get_sensitive (interval_row));
    g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (disk), ADW_TYPE_ACTION_ROW)));
    g_settings_set_boolean (settings, "stats-enabled", TRUE);
    g_assert_true (gtk_switch_get_active (enabled));
    g_assert_true (gtk_widget_get_sensitive (interval_row));

    g_assert_cmpfloat (gtk_adjustment_get_value (interval), ==, 3);
    gtk_adjustment_set_value (interval, 10);
    g_assert_cmpuint (g_settings_get_uint (settings, "stats-interval"), ==, 10);
    gtk_adjustment_set_value (interval, 0);
    g_assert_cmpuint (g_settings_get_uint (settings, "stats-interval"), ==, 1);

    g_assert_true (gtk_switch_get_active (memory) && gtk_switch_get_active (disk));
    gtk_switch_set_active (disk, FALSE);
    g_assert_cmpuint (g_settings_get_flags (settings, "stats-groups"), ==, HGR_STATS_GROUP_MEMORY | HGR_STATS_GROUP_NETWORK);
    g_settings_set_flags (settings, "stats-groups", HGR_STATS_GROUP_DISK);
    g_assert_false (gtk_switch_get_active (memory));
    g_assert_true (gtk_switch_get_active (disk));
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (disk), GTK_ACCESSIBLE_PROPERTY_LABEL, "Read disk traffic");
  }

  g_settings_reset (settings, "connect-timeout");
  g_settings_reset (settings, "console-release-keys");
  g_settings_reset (settings, "stats-interval");
  g_settings_reset (settings, "stats-groups");
  g_settings_reset (settings, "stats-enabled");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static GtkWidget *
dialog_child (HgrAddConnectionDialog *dialog,
              const char             *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HGR_TYPE_ADD_CONNECTION_DIALOG, id));
}

static void
test_add_connection_validation (void)
{
  g_autoptr (HgrHostStore) store = hgr_host_store_new (NULL);
  HgrAddConnectionDialog *dialog = hgr_add_connection_dialog_new (NULL, store);
  GtkWidget              *uri_row = dialog_child (dialog, "uri_row");
  GtkWidget              *uri_entry = dialog_child (dialog, "uri_entry");
  GtkWidget              *error_label = dialog_child (dialog, "error_label");
  GtkWidget              *add_button = dialog_child (dialog, "add_button");
  AdwComboRow            *hypervisor = ADW_COMBO_ROW (dialog_child (dialog, "hypervisor_row"));

  hgr_host_store_add (store, "test:///default", FALSE, FALSE);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Default: the system hypervisor. */
  adw_combo_row_set_selected (hypervisor, 0);
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu:///system");
  g_assert_true (gtk_widget_is_sensitive (add_button));
  g_assert_false (gtk_widget_get_visible (uri_row));
  adw_combo_row_set_selected (hypervisor, 1);
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu:///session");

  /* The test driver is already in the list: refused, with a message. */
  adw_combo_row_set_selected (hypervisor, 2);
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "in the list already"));

  /* Custom: empty is unfinished, not an error; wrong is refused with a reason. */
  adw_combo_row_set_selected (hypervisor, 3);
  g_assert_true (gtk_widget_get_visible (uri_row));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_false (gtk_widget_get_visible (error_label));
  gtk_editable_set_text (GTK_EDITABLE (uri_entry), "kvm:///system");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "“kvm” is not a libvirt driver"));
  g_assert_true (gtk_widget_has_css_class (uri_entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (uri_entry), "qemu+ssh://root:pw@host/system");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "password"));

  /* Right: accepted, previewed, and Add puts it in the store. */
  gtk_editable_set_text (GTK_EDITABLE (uri_entry), "test:///no/such/file.xml");
  g_assert_true (gtk_widget_is_sensitive (add_button));
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (uri_entry, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (dialog_child (dialog, "preview_row"))), ==,
                   "test:///no/such/file.xml");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.add", NULL);
  g_assert_nonnull (hgr_host_store_lookup (store, "test:///no/such/file.xml"));
  g_assert_true (hgr_host_store_is_saved (store, hgr_host_store_lookup (store, "test:///no/such/file.xml")));
  /* The file does not exist: the host fails with libvirt's reason, nothing crashes. */
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (hgr_host_store_lookup (store, "test:///no/such/file.xml")) ==
                       HGR_HOST_STATUS_FAILED);
}

static void
test_add_connection_remote (void)
{
  g_autoptr (HgrHostStore) store = hgr_host_store_new (NULL);
  HgrAddConnectionDialog *dialog = hgr_add_connection_dialog_new (NULL, store);
  GtkWidget              *error_label = dialog_child (dialog, "error_label");
  GtkEditable            *user = GTK_EDITABLE (dialog_child (dialog, "user_entry"));
  GtkEditable            *host = GTK_EDITABLE (dialog_child (dialog, "host_entry"));
  GtkEditable            *port = GTK_EDITABLE (dialog_child (dialog, "port_entry"));
  GtkEditable            *key = GTK_EDITABLE (dialog_child (dialog, "key_entry"));
  g_autofree char        *key_path = g_build_filename (g_get_tmp_dir (), "hangar test key", NULL);
  g_autofree char        *escaped_key = NULL;
  g_autofree char        *expected = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (dialog_child (dialog, "host_row")));
  gtk_switch_set_active (GTK_SWITCH (dialog_child (dialog, "remote_switch")), TRUE);
  g_assert_true (gtk_widget_get_visible (dialog_child (dialog, "host_row")));

  /* No host yet: refused with what to do. */
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Enter the host name"));

  gtk_editable_set_text (user, "root");
  gtk_editable_set_text (host, "127.0.0.1");
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu+ssh://root@127.0.0.1/system");
  gtk_editable_set_text (port, "2222");
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu+ssh://root@127.0.0.1:2222/system");
  g_assert_true (gtk_widget_is_sensitive (dialog_child (dialog, "add_button")));

  gtk_editable_set_text (port, "22x");
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "from 1 to 65535"));
  gtk_editable_set_text (port, "70000");
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  gtk_editable_set_text (port, "");

  gtk_editable_set_text (key, key_path);
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "There is no key file"));
  g_assert_true (g_file_set_contents (key_path, "not really a key", -1, NULL));
  gtk_editable_set_text (key, "");
  gtk_editable_set_text (key, key_path);
  escaped_key = g_uri_escape_string (key_path, "/", FALSE);
  expected = g_strdup_printf ("qemu+ssh://root@127.0.0.1/system?keyfile=%s", escaped_key);
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, expected);

  /* IPv6 in brackets, and the session hypervisor applies remotely too. */
  gtk_editable_set_text (key, "");
  gtk_editable_set_text (host, "::1");
  adw_combo_row_set_selected (ADW_COMBO_ROW (dialog_child (dialog, "hypervisor_row")), 1);
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu+ssh://root@[::1]/session");
  gtk_editable_set_text (host, "bad host");
  g_assert_null (hgr_add_connection_dialog_get_uri (dialog));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "is not a host name"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (key_path);
}

static void
test_edit_connection_round_trip (void)
{
  g_autoptr (HgrHostStore) store = hgr_host_store_new (NULL);
  g_autofree char        *key_path = g_build_filename (g_get_tmp_dir (), "hangar edit key", NULL);
  g_autofree char        *escaped_key = g_uri_escape_string (key_path, "/", FALSE);
  g_autofree char        *uri = g_strdup_printf ("qemu+ssh://user%%40corp@[::1]:2222/session?keyfile=%s", escaped_key);
  g_autofree char        *changed = g_strdup_printf ("qemu+ssh://user%%40corp@[::1]:2200/session?keyfile=%s", escaped_key);
  HgrAddConnectionDialog *dialog;
  HgrHost                *before;
  HgrHost                *after;

  g_assert_true (g_file_set_contents (key_path, "key", -1, NULL));
  hgr_host_store_add (store, "test:///default", FALSE, TRUE);
  before = hgr_host_store_add (store, uri, FALSE, TRUE);
  hgr_host_store_add (store, "qemu+tls://server/system", TRUE, TRUE);

  /* Every field comes back as saved, and saving unchanged changes nothing. */
  dialog = hgr_add_connection_dialog_new_edit (NULL, store, before);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Edit Connection");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "remote_switch"))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dialog_child (dialog, "hypervisor_row"))), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "user_entry"))), ==, "user@corp");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "host_entry"))), ==, "::1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "port_entry"))), ==, "2222");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "key_entry"))), ==, key_path);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "autoconnect_switch"))));
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, uri);

  /* A changed port replaces the host in its place, still saved. */
  gtk_editable_set_text (GTK_EDITABLE (dialog_child (dialog, "port_entry")), "2200");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.add", NULL);
  g_assert_null (hgr_host_store_lookup (store, uri));
  after = hgr_host_store_lookup (store, changed);
  g_assert_nonnull (after);
  g_assert_true (hgr_host_store_is_saved (store, after));
  {
    g_autoptr (HgrHost) second = g_list_model_get_item (hgr_host_store_get_hosts (store), 1);

    g_assert_true (second == after);
  }
  /* It was not connected before, so it is not connected now either. */
  g_assert_cmpint (hgr_host_get_status (after), ==, HGR_HOST_STATUS_DISCONNECTED);

  /* A typed address comes back typed. */
  dialog = hgr_add_connection_dialog_new_edit (NULL, store, hgr_host_store_lookup (store, "qemu+tls://server/system"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (dialog_child (dialog, "hypervisor_row"))), ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog_child (dialog, "uri_entry"))), ==, "qemu+tls://server/system");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (dialog_child (dialog, "autoconnect_switch"))));
  g_assert_cmpstr (hgr_add_connection_dialog_get_uri (dialog), ==, "qemu+tls://server/system");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_unlink (key_path);
}

typedef struct
{
  HgrCredentialRequest *request;
  char                 *answer;
} Waiter;

/* Runs in a thread, as libvirt's credential callback does. */
static gpointer
wait_thread (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->answer = hgr_credential_request_wait (waiter->request, NULL, 30, NULL);
  return NULL;
}

static void
test_credential_dialog (Fixture      *fixture,
                        gconstpointer data)
{
  Waiter               waiter = { 0 };
  GThread             *thread;
  HgrCredentialDialog *dialog;
  GtkWidget           *entry;

  /* A password question of the host's connection shows a dialog… */
  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_PASSWORD, "root@server's password:", "QEMU/KVM on root@server");
  thread = g_thread_new ("hgr-test-wait", wait_thread, &waiter);
  g_signal_emit_by_name (fixture->host, "credential-requested", waiter.request);
  dialog = HGR_CREDENTIAL_DIALOG (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (hgr_credential_dialog_get_request (dialog) == waiter.request);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Password Needed");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "root@server's password:"));

  /* …with a hidden entry named by the question; its answer reaches the worker. */
  entry = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, "root@server's password:");
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  g_thread_join (thread);
  g_assert_cmpstr (waiter.answer, ==, "s3cret");
  /* Answered: the dialog is gone. */
  HGR_TEST_WAIT_UNTIL (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG) == NULL);
  g_clear_pointer (&waiter.answer, g_free);
  g_clear_object (&waiter.request);

  /* An unknown host key: Reject is the default, and answers "n". */
  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_HOST_KEY, "Accept SSH host key with hash 'ab:cd' (y/n)?", "server");
  thread = g_thread_new ("hgr-test-wait", wait_thread, &waiter);
  g_signal_emit_by_name (fixture->host, "credential-requested", waiter.request);
  dialog = HGR_CREDENTIAL_DIALOG (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==, "reject");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "ab:cd"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "reject");
  g_thread_join (thread);
  g_assert_cmpstr (waiter.answer, ==, "n");
  HGR_TEST_WAIT_UNTIL (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG) == NULL);
  g_clear_pointer (&waiter.answer, g_free);
  g_clear_object (&waiter.request);

  /* Cancelled elsewhere (connecting cancelled, timed out): the dialog goes. */
  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_USER_NAME, "User name", "server");
  g_signal_emit_by_name (fixture->host, "credential-requested", waiter.request);
  dialog = HGR_CREDENTIAL_DIALOG (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG));
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog)))));
  hgr_credential_request_cancel (waiter.request);
  HGR_TEST_WAIT_UNTIL (find_toplevel (HGR_TYPE_CREDENTIAL_DIALOG) == NULL);
  g_clear_object (&waiter.request);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/preferences", test_preferences);
  g_test_add_func ("/add-connection/validation", test_add_connection_validation);
  g_test_add_func ("/add-connection/remote", test_add_connection_remote);
  g_test_add_func ("/add-connection/edit-round-trip", test_edit_connection_round_trip);
  g_test_add ("/credential-dialog/answers", Fixture, NULL, fixture_set_up, test_credential_dialog, fixture_tear_down);

  return g_test_run ();
}
