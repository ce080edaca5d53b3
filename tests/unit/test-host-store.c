/* test-host-store.c — saved hosts in GSettings (memory backend), first-start defaults
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "hgr-host-store.h"

static GSettings *
new_settings (void)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();

  return g_settings_new_with_backend (APPLICATION_ID, backend);
}

static void
assert_saved (GSettings  *settings,
              const char *expected)
{
  g_autoptr (GVariant) value = g_settings_get_value (settings, "connections");
  g_autofree char *text = g_variant_print (value, FALSE);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_persistence (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (HgrHostStore) store = hgr_host_store_new (settings);
  g_autoptr (HgrHostStore) reloaded = NULL;
  HgrHost *system;
  HgrHost *remote;

  system = hgr_host_store_add (store, "qemu:///system", TRUE, TRUE);
  hgr_host_store_add (store, "test:///default", FALSE, FALSE); /* --connect: shown, never saved */
  remote = hgr_host_store_add (store, "qemu+ssh://root@server/system", FALSE, TRUE);
  assert_saved (settings, "[('qemu:///system', true), ('qemu+ssh://root@server/system', false)]");
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_store_get_hosts (store)), ==, 3);

  /* Adding the same URI again gives the host that is there. */
  g_assert_true (hgr_host_store_add (store, "qemu:///system", FALSE, TRUE) == system);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_store_get_hosts (store)), ==, 3);

  hgr_host_set_autoconnect (remote, TRUE);
  assert_saved (settings, "[('qemu:///system', true), ('qemu+ssh://root@server/system', true)]");

  hgr_host_store_remove (store, system);
  assert_saved (settings, "[('qemu+ssh://root@server/system', true)]");
  g_assert_null (hgr_host_store_lookup (store, "qemu:///system"));

  /* A new run reads back exactly the saved hosts. */
  reloaded = hgr_host_store_new (settings);
  hgr_host_store_load (reloaded);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_store_get_hosts (reloaded)), ==, 1);
  g_assert_true (hgr_host_get_autoconnect (hgr_host_store_lookup (reloaded, "qemu+ssh://root@server/system")));
  g_assert_true (hgr_host_store_is_saved (reloaded, hgr_host_store_lookup (reloaded, "qemu+ssh://root@server/system")));
}

static void
test_defaults (void)
{
  g_autoptr (GSettings) settings = new_settings ();
  g_autoptr (HgrHostStore) store = hgr_host_store_new (settings);
  g_autofree char *socket_path = g_build_filename (g_get_tmp_dir (), "libvirt-sock", NULL);

  /* No system daemon: the user session. */
  hgr_host_store_add_defaults (store, "/nonexistent/libvirt-sock");
  assert_saved (settings, "[('qemu:///session', true)]");
  g_assert_true (g_settings_get_boolean (settings, "defaults-added"));

  /* Removed by the user: not added again. */
  hgr_host_store_remove (store, hgr_host_store_lookup (store, "qemu:///session"));
  hgr_host_store_add_defaults (store, "/nonexistent/libvirt-sock");
  assert_saved (settings, "[]");

  /* With a system daemon's socket, on a fresh start: the system hypervisor. */
  g_settings_reset (settings, "defaults-added");
  g_assert_true (g_file_set_contents (socket_path, "", 0, NULL));
  hgr_host_store_add_defaults (store, socket_path);
  assert_saved (settings, "[('qemu:///system', true)]");
  g_unlink (socket_path);
}

static void
test_without_settings (void)
{
  g_autoptr (HgrHostStore) store = hgr_host_store_new (NULL);

  hgr_host_store_add (store, "test:///default", TRUE, TRUE);
  hgr_host_store_load (store);
  hgr_host_store_add_defaults (store, "/nonexistent");
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_store_get_hosts (store)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/host-store/persistence", test_persistence);
  g_test_add_func ("/host-store/defaults", test_defaults);
  g_test_add_func ("/host-store/without-settings", test_without_settings);

  return g_test_run ();
}
