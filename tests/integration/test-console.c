/* test-console.c — the console on real QEMU guests: locally and through SSH
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "hgr-console-page.h"
#include "hgr-credential-request.h"
#include "hgr-integration-utils.h"
#include "hgr-test-host.h"
#include "hgr-test-widgets.h"
#include "hgr-test-xml.h"
#include "hgr-vnc-password.h"

/* Hangar's askpass service, as the application runs it. */
static HgrAskpass *askpass;

/* The first guest screen SeaBIOS shows under TCG (RECIPES.md: 720×400). */
#define FIRMWARE_WIDTH  720
#define FIRMWARE_HEIGHT 400

typedef struct
{
  GtkWidget      *window;
  HgrConsolePage *page;
  HgrVncDisplay  *display;
} Console;

static void
console_open (Console  *console,
              HgrGuest *guest)
{
  console->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (console->window), 800, 600);
  console->page = HGR_CONSOLE_PAGE (hgr_console_page_new ());
  console->display = hgr_console_page_get_display (console->page);
  gtk_window_set_child (GTK_WINDOW (console->window), GTK_WIDGET (console->page));
  gtk_window_present (GTK_WINDOW (console->window));
  hgr_console_page_set_guest (console->page, guest);
  hgr_console_page_set_active (console->page, TRUE);
}

static void
console_close (Console *console)
{
  gtk_window_destroy (GTK_WINDOW (console->window));
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0);
}

static const char *
visible_page (Console *console)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (console->page), HGR_TYPE_CONSOLE_PAGE,
                                                              "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static void
wait_for_firmware_screen (Console *console)
{
  guint64 received = 0, more = 0;

  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_vnc_display_get_state (console->display) == HGR_VNC_DISPLAY_STATE_CONNECTED, 60);
  g_assert_cmpstr (visible_page (console), ==, "display");
  /* The first connect may see 640×480 before the firmware's 720×400. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_vnc_display_get_guest_width (console->display) == FIRMWARE_WIDTH &&
                                 hgr_vnc_display_get_guest_height (console->display) == FIRMWARE_HEIGHT &&
                                 hgr_test_count_lit_pixels (console->display) > 500,
                               60);
  g_test_message ("firmware screen: %dx%d, %zu lit pixels", hgr_vnc_display_get_guest_width (console->display),
                  hgr_vnc_display_get_guest_height (console->display), hgr_test_count_lit_pixels (console->display));

  /* And it stays live: the text cursor blinks, so updates keep coming. */
  hgr_vnc_display_get_frame_counts (console->display, &received, NULL);
  HGR_TEST_WAIT_UNTIL ((hgr_vnc_display_get_frame_counts (console->display, &more, NULL), more > received + 2));
}

static void
test_local_console (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  Console console = { 0 };

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = g_object_ref (hgr_test_define_guest (host, "console"));

  /* Not running: the page says so and offers Run, which works. */
  console_open (&console, guest);
  g_assert_cmpstr (visible_page (&console), ==, "status");
  g_assert_cmpint (hgr_vnc_display_get_state (console.display), ==, HGR_VNC_DISPLAY_STATE_CLOSED);
  gtk_widget_activate (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (console.page), HGR_TYPE_CONSOLE_PAGE,
                                                                  "status_button")));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* Through virDomainOpenGraphicsFD: the firmware's screen. */
  wait_for_firmware_screen (&console);

  /* Destroyed while shown: the page says the guest stopped, nothing crashes. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (console.display) == HGR_VNC_DISPLAY_STATE_CLOSED);
  g_assert_cmpstr (visible_page (&console), ==, "status");

  /* Running again: the console comes back by itself. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  wait_for_firmware_screen (&console);

  console_close (&console);
  hgr_test_undefine (host, guest);
}

static char *
spice_guest_xml (const char *name,
                 gboolean    with_vnc)
{
  return g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                          "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                          "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
                          "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                          "<graphics type='spice' autoport='yes' listen='127.0.0.1'/>%s"
                          "<video><model type='qxl'/></video><memballoon model='none'/></devices></domain>",
                          name, with_vnc ? "<graphics type='vnc' listen='127.0.0.1' autoport='yes'/>" : "");
}

/* SPICE first (as virt-manager makes guests), VNC second: the console opens the VNC display. */
static void
test_spice_first (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autofree char *name = g_strdup_printf ("hgr-test-spice-first-%d", (int) getpid ());
  g_autofree char *xml = spice_guest_xml (name, TRUE);
  Console          console = { 0 };

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  console_open (&console, guest);
  wait_for_firmware_screen (&console);
  console_close (&console);
  hgr_test_undefine (host, guest);
}

/* SPICE only: the page says so and offers Add a VNC Display; after a restart the console opens. */
static void
test_spice_only (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autofree char *name = g_strdup_printf ("hgr-test-spice-only-%d", (int) getpid ());
  g_autofree char *xml = spice_guest_xml (name, FALSE);
  g_autofree char *inactive = NULL;
  Console          console = { 0 };
  AdwStatusPage   *status;
  GtkButton       *button;
  virDomainPtr     domain;

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  console_open (&console, guest);
  status = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (console.page), HGR_TYPE_CONSOLE_PAGE, "status_page"));
  button = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (console.page), HGR_TYPE_CONSOLE_PAGE, "status_button"));
  HGR_TEST_WAIT_UNTIL (adw_status_page_get_description (status) != NULL &&
                       strstr (adw_status_page_get_description (status), "SPICE") != NULL);
  g_test_message ("%s", adw_status_page_get_description (status));
  g_assert_cmpstr (visible_page (&console), ==, "status");
  g_assert_cmpstr (gtk_button_get_label (button), ==, "_Add a VNC Display");
  g_signal_emit_by_name (button, "clicked");
  HGR_TEST_WAIT_UNTIL (strstr (adw_status_page_get_description (status), "was added") != NULL);

  /* Only the configuration changed: the running guest still has SPICE alone. */
  domain = virDomainLookupByName (hgr_host_get_connection (host), name);
  inactive = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  virDomainFree (domain);
  g_assert_cmpint (hgr_test_xml_count (inactive, "/domain/devices/graphics[@type='vnc'][@listen='127.0.0.1']"), ==, 1);
  g_assert_cmpint (hgr_test_xml_count (inactive, "/domain/devices/graphics[@type='spice']"), ==, 1);
  g_assert_cmpint (hgr_test_xml_count (inactive, "/domain/devices/video/model[@type='qxl']"), ==, 1);

  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  wait_for_firmware_screen (&console);
  console_close (&console);
  hgr_test_undefine (host, guest);
}

/* ------------------------------------------------------------------------ */
/* Which TCP ports this process and its children are connected to            */

static void
collect_socket_inodes (int         pid,
                       GHashTable *inodes)
{
  g_autofree char *dir_path = g_strdup_printf ("/proc/%d/fd", pid);
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, NULL);
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target != NULL && g_str_has_prefix (target, "socket:["))
        g_hash_table_add (inodes, g_strndup (target + 8, strlen (target) - 9));
    }
}

static int
parent_of (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  const char      *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL)
    return 0;
  /* ") S PPID ..." */
  return atoi (end + 4);
}

/* Socket inodes of this process and every process it started. */
static GHashTable *
our_socket_inodes (void)
{
  GHashTable *inodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;
  int         self = getpid ();

  collect_socket_inodes (self, inodes);
  while ((entry = g_dir_read_name (proc)) != NULL)
    {
      int pid = atoi (entry);
      int ancestor = pid;

      if (pid <= 0 || pid == self)
        continue;
      while (ancestor > 1 && ancestor != self)
        ancestor = parent_of (ancestor);
      if (ancestor == self)
        collect_socket_inodes (pid, inodes);
    }
  return inodes;
}

/* The remote ports of our established TCP connections. */
static GArray *
our_tcp_remote_ports (void)
{
  g_autoptr (GHashTable) inodes = our_socket_inodes ();
  GArray           *ports = g_array_new (FALSE, FALSE, sizeof (int));
  const char *const tables[] = { "/proc/net/tcp", "/proc/net/tcp6" };
  gsize             t;

  for (t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *text = NULL;
      g_auto (GStrv) lines = NULL;
      guint i;

      if (!g_file_get_contents (tables[t], &text, NULL, NULL))
        continue;
      lines = g_strsplit (text, "\n", -1);
      for (i = 1; lines[i] != NULL; i++)
        {
          /* sl local rem st tx:rx tr:when retrnsmt uid timeout inode */
          g_auto (GStrv) fields = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
          g_autoptr (GPtrArray) words = g_ptr_array_new ();
          guint j;

          for (j = 0; fields[j] != NULL; j++)
            if (*fields[j] != '\0')
              g_ptr_array_add (words, fields[j]);
          if (words->len < 10 || !g_hash_table_contains (inodes, g_ptr_array_index (words, 9)))
            continue;
          if (g_str_equal (g_ptr_array_index (words, 3), "01") || g_str_equal (g_ptr_array_index (words, 3), "02"))
            {
              const char *remote = g_ptr_array_index (words, 2);
              int         port = (int) g_ascii_strtoll (strrchr (remote, ':') + 1, NULL, 16);

              g_array_append_val (ports, port);
            }
        }
    }
  return ports;
}

static void
refuse_password_prompt_cb (HgrVncDisplay *display)
{
  g_assert_cmpint (hgr_vnc_display_get_state (display), !=, HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD);
  g_assert_cmpint (hgr_vnc_display_get_state (display), !=, HGR_VNC_DISPLAY_STATE_AUTH_FAILED);
}

static void
test_console_through_ssh (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  const char *ssh_port = hgr_test_require_env ("HGR_TEST_SSH_PORT");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autoptr (GArray) ports = NULL;
  Console console = { 0 };
  guint   i;

  if (uri == NULL || ssh_port == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  g_assert_true (hgr_host_get_remote (host));
  guest = g_object_ref (hgr_test_define_guest (host, "console-ssh"));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* virDomainOpenGraphicsFD cannot pass a socket over SSH: the tunnel. */
  console_open (&console, guest);
  wait_for_firmware_screen (&console);

  /* Every TCP connection of ours (and of ssh, our child) goes to sshd:
   * none to the guest's VNC port. */
  ports = our_tcp_remote_ports ();
  g_assert_cmpuint (ports->len, >, 0);
  for (i = 0; i < ports->len; i++)
    {
      g_test_message ("client-side TCP connection to port %d", g_array_index (ports, int, i));
      g_assert_cmpint (g_array_index (ports, int, i), ==, atoi (ssh_port));
    }

  /* The tunnel's ssh does not know the host key: the page says what ssh
   * said, instead of a socket that closed. */
  console_close (&console);
  {
    g_autofree char *empty = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "console_known_hosts", NULL);
    g_autofree char *use = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_known_hosts", NULL);
    AdwStatusPage   *status;

    g_assert_true (g_file_set_contents (empty, "", 0, NULL));
    g_assert_true (g_file_set_contents (use, empty, -1, NULL));
    console_open (&console, guest);
    status = ADW_STATUS_PAGE (
      gtk_widget_get_template_child (GTK_WIDGET (console.page), HGR_TYPE_CONSOLE_PAGE, "status_page"));
    HGR_TEST_WAIT_UNTIL (adw_status_page_get_description (status) != NULL &&
                         strstr (adw_status_page_get_description (status), "Host key verification failed") != NULL);
    g_test_message ("refused tunnel: %s", adw_status_page_get_description (status));
    g_assert_cmpint (g_unlink (use), ==, 0);
    console_close (&console);
  }
  console_open (&console, guest);
  wait_for_firmware_screen (&console);

  /* Destroyed while shown, over SSH too. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (console.display) == HGR_VNC_DISPLAY_STATE_CLOSED);
  g_assert_cmpstr (visible_page (&console), ==, "status");

  console_close (&console);
  hgr_test_undefine (host, guest);
}

static void
test_password_through_ssh (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autofree char *name = g_strdup_printf ("hgr-test-console-password-%d", (int) getpid ());
  g_autofree char *xml = hgr_test_tiny_guest_xml (name, "hgr-vnc1");
  Console          console = { 0 };

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);

  /* A display with a VNC password: the tunnel cannot skip it as
   * virDomainOpenGraphicsFD does, so the console uses the one in the
   * guest's secure description, and asks nothing. */
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  console_open (&console, guest);
  g_signal_connect (console.display, "notify::state", G_CALLBACK (refuse_password_prompt_cb), NULL);
  wait_for_firmware_screen (&console);

  console_close (&console);
  hgr_test_undefine (host, guest);
}

/* The running guest's VNC password changed behind libvirt (its XML still
 * has the old one), as a monitor command or another tool does. */
static void
set_live_password (const char *name,
                   const char *password)
{
  g_autofree char *command = g_strdup_printf ("set_password vnc %s", password);
  const char      *argv[] = { "virsh", "-c", g_getenv ("HGR_TEST_QEMU_URI"), "qemu-monitor-command", name, "--hmp",
                              command, NULL };
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                               NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static char *
remembered (HgrGuest *guest)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *password;

  hgr_vnc_password_lookup_async (hgr_host_get_uri (hgr_guest_get_host (guest)), hgr_guest_get_uuid (guest), NULL,
                                 hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  password = hgr_vnc_password_lookup_finish (result, &error);
  g_assert_no_error (error);
  return password;
}

static GtkWidget *
page_child (Console    *console,
            const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (console->page), HGR_TYPE_CONSOLE_PAGE, name));
}

/* The page asks for the password: the user types it, with Remember on. */
static void
type_password (Console    *console,
               const char *password)
{
  HGR_TEST_WAIT_UNTIL_SECONDS (gtk_widget_get_visible (page_child (console, "password_entry")), 60);
  g_assert_true (gtk_widget_get_visible (page_child (console, "remember_button")));
  gtk_editable_set_text (GTK_EDITABLE (page_child (console, "password_entry")), password);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (page_child (console, "remember_button")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (console->page), "console.send-password", NULL));
}

/* Waits until the keyring has @expected for @guest (the page stores it
 * once the display accepted it). */
static void
assert_remembered (HgrGuest   *guest,
                   const char *expected)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      char    *password = remembered (guest);
      gboolean same = g_strcmp0 (password, expected) == 0;

      if (password != NULL)
        hgr_vnc_password_free (password);
      if (same)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("the keyring does not have “%s” for the guest", expected);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

static void
password_entry_shown_cb (GtkWidget  *entry,
                         GParamSpec *pspec,
                         guint      *shown)
{
  if (gtk_widget_get_visible (entry))
    (*shown)++;
}

/* A password Hangar cannot read (changed in the running guest): asked once,
 * remembered in the keyring, used without asking next time; when it
 * changes again, asked again and replaced. */
static void
test_password_remembered (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autofree char *name = g_strdup_printf ("hgr-test-console-keyring-%d", (int) getpid ());
  g_autofree char *xml = hgr_test_tiny_guest_xml (name, "hgr-vnc1");
  Console          console = { 0 };
  guint            asked = 0;

  if (uri == NULL)
    return;
  if (g_getenv ("HGR_TEST_PRIVATE_KEYRING") == NULL)
    {
      g_test_skip (g_getenv ("HGR_TEST_NO_KEYRING") != NULL ? g_getenv ("HGR_TEST_NO_KEYRING")
                                                            : "not in a private keyring session");
      return;
    }
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  set_live_password (name, "hgr-vnc2");

  /* The description's password is refused, the keyring has none: asked. */
  console_open (&console, guest);
  type_password (&console, "hgr-vnc2");
  wait_for_firmware_screen (&console);
  assert_remembered (guest, "hgr-vnc2");
  console_close (&console);

  /* Next time: the keyring's, without asking. */
  console_open (&console, guest);
  g_signal_connect (page_child (&console, "password_entry"), "notify::visible", G_CALLBACK (password_entry_shown_cb),
                    &asked);
  wait_for_firmware_screen (&console);
  g_assert_cmpuint (asked, ==, 0);
  console_close (&console);

  /* Changed again: the remembered one is refused, the page says so and
   * asks; the new one replaces it. */
  set_live_password (name, "hgr-vnc3");
  console_open (&console, guest);
  HGR_TEST_WAIT_UNTIL_SECONDS (gtk_widget_get_visible (page_child (&console, "password_entry")), 60);
  g_test_message ("%s", adw_status_page_get_description (ADW_STATUS_PAGE (page_child (&console, "status_page"))));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page_child (&console, "status_page"))),
                            "remembered in the keyring"));
  type_password (&console, "hgr-vnc3");
  wait_for_firmware_screen (&console);
  assert_remembered (guest, "hgr-vnc3");
  console_close (&console);

  hgr_test_undefine (host, guest);
}

typedef struct
{
  HgrCredentialRequest *request;
  guint                 asked;
  char                 *prompt;
} SlowUser;

static gboolean
answer_yes_cb (gpointer user_data)
{
  SlowUser *user = user_data;

  hgr_credential_request_answer (user->request, "y"); /* Accept, as the dialog says it */
  g_clear_object (&user->request);
  return G_SOURCE_REMOVE;
}

static void
host_key_asked_cb (HgrAskpass           *service,
                   HgrCredentialRequest *request,
                   SlowUser             *user)
{
  g_assert_cmpint (hgr_credential_request_get_kind (request), ==, HGR_CREDENTIAL_HOST_KEY);
  user->asked++;
  g_free (user->prompt);
  user->prompt = g_strdup (hgr_credential_request_get_prompt (request));
  /* A user who reads the fingerprint before answering: longer than
   * libgvnc waits for a server's greeting. */
  user->request = g_object_ref (request);
  g_timeout_add_seconds (6, answer_yes_cb, user);
}

static void
test_tunnel_host_key_through_askpass (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrGuest) guest = NULL;
  g_autofree char *known = NULL;
  g_autofree char *use_known = NULL;
  g_autofree char *use_askpass = NULL;
  g_autofree char *contents = NULL;
  SlowUser         user = { 0 };
  Console          console = { 0 };

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = g_object_ref (hgr_test_define_guest (host, "console-askpass"));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* The tunnel's ssh has never seen the host's key: it asks, as the host
   * connection's would, through Hangar's askpass, and the console waits. */
  known = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "console_askpass_known_hosts", NULL);
  use_known = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_known_hosts", NULL);
  use_askpass = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_askpass", NULL);
  g_assert_true (g_file_set_contents (known, "", 0, NULL));
  g_assert_true (g_file_set_contents (use_known, known, -1, NULL));
  g_assert_true (g_file_set_contents (use_askpass, "", 0, NULL));
  g_signal_connect (askpass, "credential-requested", G_CALLBACK (host_key_asked_cb), &user);

  console_open (&console, guest);
  HGR_TEST_WAIT_UNTIL_SECONDS (user.asked == 1, 30);
  g_test_message ("ssh asked: %s", user.prompt);
  g_assert_nonnull (strstr (user.prompt, "fingerprint is SHA256:"));
  /* Meanwhile the page says it connects; the display is handed the socket
   * only once the server speaks (ssh answers first). */
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (gtk_widget_get_template_child (
                     GTK_WIDGET (console.page), HGR_TYPE_CONSOLE_PAGE, "status_page"))),
                   ==, "Connecting to the Display…");

  /* Accepted: the screen comes, and the key is remembered. */
  wait_for_firmware_screen (&console);
  g_assert_true (g_file_get_contents (known, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "ssh-ed25519")); /* Debian hashes the host name */

  g_signal_handlers_disconnect_by_data (askpass, &user);
  HGR_TEST_WAIT_UNTIL (!hgr_askpass_get_busy (askpass));
  g_assert_cmpint (g_unlink (use_known), ==, 0);
  g_assert_cmpint (g_unlink (use_askpass), ==, 0);
  console_close (&console);
  hgr_test_undefine (host, guest);
  g_free (user.prompt);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  askpass = hgr_test_start_askpass ();

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/console/local", test_local_console);
  g_test_add_func ("/console/spice-first", test_spice_first);
  g_test_add_func ("/console/spice-only", test_spice_only);
  g_test_add_func ("/console/through-ssh", test_console_through_ssh);
  g_test_add_func ("/console/password-through-ssh", test_password_through_ssh);
  g_test_add_func ("/console/password-remembered", test_password_remembered);
  g_test_add_func ("/console/tunnel-host-key-through-askpass", test_tunnel_host_key_through_askpass);

  status = g_test_run ();
  g_clear_object (&askpass);
  return status;
}
