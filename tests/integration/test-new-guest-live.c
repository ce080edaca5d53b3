/* test-new-guest-live.c — New Guest on a real QEMU: from a bootable ISO to its screen, locally and through SSH
 *
 * The medium is a GRUB rescue ISO made in the test (grub-mkrescue) whose
 * menu stays on screen. The guest gets the assistant's defaults for a
 * generic Linux, smaller (256 MiB, a 1 GiB disk) so that TCG starts it
 * quickly; its disk goes into a directory pool the test makes and removes.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <string.h>

#include "hgr-console-page.h"
#include "hgr-integration-utils.h"
#include "hgr-new-guest.h"
#include "hgr-os-db.h"
#include "hgr-test-host.h"
#include "hgr-test-widgets.h"
#include "hgr-volume-head.h"

#define MiB                  (G_GUINT64_CONSTANT (1) << 20)
#define GiB                  (G_GUINT64_CONSTANT (1) << 30)
#define POOL                 "hgr-test-install"
#define INSTALLER_LIT_PIXELS 10000

static HgrAskpass *askpass;
static char       *work_dir; /* the ISO and the pool's directory */
static char       *iso_path;

static gboolean
make_rescue_iso (void)
{
  g_autofree char *root = g_build_filename (work_dir, "iso-root", NULL);
  g_autofree char *grub = g_build_filename (root, "boot", "grub", NULL);
  g_autofree char *cfg = g_build_filename (grub, "grub.cfg", NULL);
  const char      *argv[] = { "grub-mkrescue", "-o", NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *err = NULL;
  g_autofree char *mkrescue = g_find_program_in_path ("grub-mkrescue");
  g_autofree char *xorriso = g_find_program_in_path ("xorriso");
  int              status;

  if (mkrescue == NULL || xorriso == NULL)
    return FALSE;
  g_assert_cmpint (g_mkdir_with_parents (grub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (cfg,
                                      "set timeout=-1\n"
                                      "menuentry \"Hangar test installer\" {\n"
                                      "  echo \"Hangar test installer booted\"\n"
                                      "  sleep 3600\n"
                                      "}\n",
                                      -1, NULL));
  iso_path = g_build_filename (work_dir, "hangar-rescue.iso", NULL);
  argv[2] = iso_path;
  argv[3] = root;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("grub-mkrescue failed: %s", err);
  return TRUE;
}

static char *
pool_path (void)
{
  return g_build_filename (work_dir, "pool", NULL);
}

/* The test's directory pool, behind Hangar's back. */
static void
make_pool (virConnectPtr conn)
{
  g_autofree char  *path = pool_path ();
  g_autofree char  *xml = g_strdup_printf ("<pool type='dir'><name>" POOL "</name><target><path>%s</path></target></pool>", path);
  virStoragePoolPtr pool;

  g_mkdir_with_parents (path, 0755);
  pool = virStoragePoolLookupByName (conn, POOL);
  if (pool == NULL)
    pool = virStoragePoolDefineXML (conn, xml, 0);
  g_assert_nonnull (pool);
  if (virStoragePoolIsActive (pool) != 1)
    g_assert_cmpint (virStoragePoolCreate (pool, 0), ==, 0);
  virStoragePoolFree (pool);
}

static void
remove_pool (virConnectPtr conn)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, POOL);

  if (pool == NULL)
    return;
  virStoragePoolDestroy (pool);
  virStoragePoolUndefine (pool);
  virStoragePoolFree (pool);
}

static char *
inventory (virConnectPtr conn)
{
  virDomainPtr     *domains = NULL;
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, POOL);
  virStorageVolPtr *volumes = NULL;
  GString          *text = g_string_new (NULL);
  int               n = virConnectListAllDomains (conn, &domains, 0);

  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (text, "domain %s\n", virDomainGetName (domains[i]));
      virDomainFree (domains[i]);
    }
  free (domains);
  g_assert_nonnull (pool);
  virStoragePoolRefresh (pool, 0);
  n = virStoragePoolListAllVolumes (pool, &volumes, 0);
  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (text, "volume %s\n", virStorageVolGetName (volumes[i]));
      virStorageVolFree (volumes[i]);
    }
  free (volumes);
  virStoragePoolFree (pool);
  return g_string_free (text, FALSE);
}

static HgrOsInfo *
generic_linux (void)
{
  HgrOsDb *db = hgr_os_db_get_default ();
  g_autoptr (GAsyncResult) result = NULL;

  hgr_os_db_load_async (db, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  g_assert_true (hgr_os_db_load_finish (db, result, NULL));
  return hgr_os_db_lookup (db, HGR_OS_GENERIC_LINUX);
}

/* The assistant's choices as a user leaves them, made small for TCG. */
static HgrNewGuest *
new_guest (HgrHost *host)
{
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  HgrNewGuest     *guest = hgr_new_guest_new (host);
  g_autofree char *name = NULL;

  g_assert_true (facts->q35.available);
  hgr_new_guest_set_facts (guest, facts);
  g_object_set (guest, "iso-file", iso_path, NULL);
  hgr_new_guest_set_os (guest, generic_linux ());
  name = g_strdup_printf ("hgr-test-install-%d", (int) getpid ());
  g_object_set (guest, "name", name, "pool", POOL, "memory", 256 * MiB, "vcpus", 1, "disk-size", GiB, "network",
                HGR_INSTALL_NETWORK_NONE, NULL);
  return guest;
}

static gboolean
create (HgrNewGuest *guest,
        GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_new_guest_create_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 120);
  return hgr_new_guest_create_finish (guest, result, error);
}

/* Types @text into the console's guest as the menu's Type Clipboard does. */
static void
type_clipboard (HgrConsolePage *page,
                const char     *text)
{
  GtkRevealer *bar = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (page), HGR_TYPE_CONSOLE_PAGE,
                                                                  "typing_revealer"));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (page)), text);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "console.type-clipboard", NULL));
  /* Its bar with Stop shows while it types and goes when it is done; a
   * short text is done before any slide-in could end. */
  g_assert_true (gtk_revealer_get_reveal_child (bar));
  HGR_TEST_WAIT_UNTIL_SECONDS (!gtk_revealer_get_reveal_child (bar), 30);
}

/* Create, the guest runs, its console shows the installer's screen, Type
 * Clipboard reaches its boot prompt; then Discard removes it all. */
static void
create_and_see (const char *uri_variable,
                gboolean    remote)
{
  const char *uri = hgr_test_require_env (uri_variable);
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (HgrNewGuest) guest = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget       *window;
  HgrConsolePage  *page;
  HgrGuest        *created;
  gint64           start, created_at, shown_at;
  double           fraction = 0;

  if (uri == NULL)
    return;
  if (iso_path == NULL)
    {
      g_test_skip ("grub-mkrescue or xorriso is not installed (packages grub-pc-bin, grub-common, xorriso)");
      return;
    }
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hgr_host_get_remote (host), ==, remote);
  make_pool (hgr_host_get_connection (host));
  before = inventory (hgr_host_get_connection (host));
  guest = new_guest (host);

  start = g_get_monotonic_time ();
  g_assert_true (create (guest, &error));
  g_assert_no_error (error);
  created_at = g_get_monotonic_time ();
  g_object_get (guest, "fraction", &fraction, NULL);
  if (remote)
    g_assert_cmpfloat (fraction, ==, 1.0); /* the upload went to its end */

  HGR_TEST_WAIT_UNTIL ((created = hgr_host_lookup_guest (host, hgr_new_guest_get_uuid (guest))) != NULL);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (created) == HGR_GUEST_STATE_RUNNING);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  page = HGR_CONSOLE_PAGE (hgr_console_page_new ());
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  hgr_console_page_set_guest (page, created);
  hgr_console_page_set_active (page, TRUE);
  /* GRUB's menu with its highlighted entry (some 17 000 lit pixels at 720×400); SeaBIOS's
   * screen before it has a few thousand. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_test_count_lit_pixels (hgr_console_page_get_display (page)) > INSTALLER_LIT_PIXELS, 60);
  shown_at = g_get_monotonic_time ();
  g_test_message ("%s: Create took %.1f s, first installer frame %.1f s after Create was pressed (%zu lit pixels)",
                  remote ? "through SSH, ISO uploaded" : "local", (created_at - start) / 1e6, (shown_at - start) / 1e6,
                  hgr_test_count_lit_pixels (hgr_console_page_get_display (page)));
  printf ("# bench: new guest to first console frame (%s): %.2f s\n", remote ? "ssh" : "local", (shown_at - start) / 1e6);

  /* Type Clipboard into the firmware's boot prompt: "c" at GRUB's menu opens
   * its command line (the menu's highlight goes), and "halt" typed there
   * powers the guest off. */
  type_clipboard (page, "c");
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_test_count_lit_pixels (hgr_console_page_get_display (page)) < INSTALLER_LIT_PIXELS / 2,
                               30);
  type_clipboard (page, "halt\n");
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_guest_get_state (created) == HGR_GUEST_STATE_SHUT_OFF, 60);
  gtk_window_destroy (GTK_WINDOW (window));
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0);

  /* Discard: the guest, its disk and the uploaded ISO go; nothing else. */
  hgr_new_guest_discard_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  g_assert_true (hgr_new_guest_discard_finish (guest, result, &error));
  g_assert_no_error (error);
  after = inventory (hgr_host_get_connection (host));
  g_assert_cmpstr (after, ==, before);
  remove_pool (hgr_host_get_connection (host));
}

static void
test_local (void)
{
  create_and_see ("HGR_TEST_QEMU_URI", FALSE);
}

static void
test_through_ssh (void)
{
  create_and_see ("HGR_TEST_SSH_URI", TRUE);
}

/* A failure after the disk was made (the define) leaves no volume and no domain. */
static void
test_failure_leaves_nothing (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (HgrNewGuest) guest = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (uri == NULL)
    return;
  if (iso_path == NULL)
    {
      g_test_skip ("grub-mkrescue or xorriso is not installed");
      return;
    }
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  make_pool (hgr_host_get_connection (host));
  before = inventory (hgr_host_get_connection (host));
  guest = new_guest (host);
  hgr_new_guest_inject_failure (guest, HGR_CREATE_STEP_DEFINE);
  g_assert_false (create (guest, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Defining the guest failed"));
  after = inventory (hgr_host_get_connection (host));
  g_assert_cmpstr (after, ==, before);

  /* libvirt's own refusal (a bridge the host does not have, at start) is undone the same way. */
  g_clear_error (&error);
  g_clear_object (&guest);
  guest = new_guest (host);
  g_object_set (guest, "network", HGR_INSTALL_NETWORK_BRIDGE, "bridge", "hgrnosuchbr0", NULL);
  g_assert_false (create (guest, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Starting the guest failed"));
  after = inventory (hgr_host_get_connection (host));
  g_assert_cmpstr (after, ==, before);
  remove_pool (hgr_host_get_connection (host));
}

/* An ISO volume of a remote host: its beginning comes through libvirt, and libosinfo reads it. */
static void
test_detect_remote_volume (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (HgrOsInfo) os = NULL;
  g_autofree char  *pool_dir = pool_path ();
  g_autofree char  *iso = g_build_filename (pool_dir, "fedora-server.iso", NULL);
  g_autofree char  *content = g_build_filename (work_dir, "iso-content", NULL);
  g_autofree char  *head = NULL;
  const char       *argv[] = { "xorriso", "-as", "mkisofs", "-quiet", "-V", "Fedora-S-dvd-x86_64-37", "-sysid", "LINUX", "-o", iso, content, NULL };
  virStoragePoolPtr pool;
  int               status;

  if (uri == NULL)
    return;
  if (iso_path == NULL)
    {
      g_test_skip ("xorriso is not installed");
      return;
    }
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  g_assert_true (hgr_host_get_remote (host));
  make_pool (hgr_host_get_connection (host));
  g_mkdir_with_parents (content, 0755);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pool = virStoragePoolLookupByName (hgr_host_get_connection (host), POOL);
  g_assert_cmpint (virStoragePoolRefresh (pool, 0), ==, 0);
  virStoragePoolFree (pool);

  hgr_host_download_volume_head_async (host, iso, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  head = hgr_host_download_volume_head_finish (host, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (head);
  g_clear_object (&result);
  generic_linux (); /* the database, loaded */
  hgr_os_db_identify_async (hgr_os_db_get_default (), head, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  os = hgr_os_db_identify_finish (hgr_os_db_get_default (), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (os);
  g_assert_cmpstr (hgr_os_info_get_short_id (os), ==, "fedora37");
  g_unlink (head);
  g_unlink (iso);
  remove_pool (hgr_host_get_connection (host));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  askpass = hgr_test_start_askpass ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  work_dir = g_dir_make_tmp ("hangar-install-XXXXXX", NULL);
  g_chmod (work_dir, 0755); /* QEMU runs as another user */
  make_rescue_iso ();

  g_test_add_func ("/new-guest-live/local", test_local);
  g_test_add_func ("/new-guest-live/through-ssh", test_through_ssh);
  g_test_add_func ("/new-guest-live/failure-leaves-nothing", test_failure_leaves_nothing);
  g_test_add_func ("/new-guest-live/detect-remote-volume", test_detect_remote_volume);
  status = g_test_run ();

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", work_dir);

    g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL);
  }
  g_clear_object (&askpass);
  return status;
}
