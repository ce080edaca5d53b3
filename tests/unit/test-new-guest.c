/* test-new-guest.c — New Guest's core: defaults, names, resources, storage, Create and its rollback, identifying media
 *
 * The OS database and each OS's domain XML are test-new-guest-os.c's.
 * Create runs on the test driver.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "hgr-config-xml.h"
#include "hgr-domain-config.h"
#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-new-guest.h"
#include "hgr-os-db.h"
#include "hgr-test-host.h"
#include "hgr-test-new-guest.h"
#include "hgr-test-xml.h"

static void
test_names (void)
{
  const char *const taken[] = { "fedora37", "web", "Web-2", NULL };
  g_autofree char  *long_name = g_strnfill (200, 'a');
  g_autofree char  *max_name = g_strnfill (HGR_NEW_GUEST_NAME_MAX, 'b');
  g_autofree char  *over_name = g_strnfill (HGR_NEW_GUEST_NAME_MAX + 1, 'c');
  const char       *valid[] = { "fedora38", "fedora37-2", "ubuntu22.04", "web_1", "a", "9lives", "Web", "web-2", "c++", "x.y.z",
                                max_name };
  const char       *invalid[] = { "", "fedora37", "web", "my guest", " web", "web ", "a/b", "/", "../x", ".hidden", "-rf", "_x",
                                  "tab\there", "new\nline", "gäst", "€", "a:b", "a;b", "a*b", "$(id)", "a'b", long_name,
                                  over_name };
  g_autofree char  *unique = NULL;
  g_autofree char  *unique2 = NULL;
  g_autofree char  *cleaned = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!hgr_new_guest_validate_name (valid[i], taken, &error))
        g_error ("“%s” refused: %s", valid[i], error->message);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr (GError) error = NULL;

      if (hgr_new_guest_validate_name (invalid[i], taken, &error))
        g_error ("“%s” taken as a name", invalid[i]);
      g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
    }
  {
    g_autoptr (GError) error = NULL;

    hgr_new_guest_validate_name ("my guest", NULL, &error);
    g_assert_nonnull (strstr (error->message, "space"));
    g_clear_error (&error);
    hgr_new_guest_validate_name ("web", taken, &error);
    g_assert_nonnull (strstr (error->message, "already"));
  }
  unique = hgr_new_guest_make_name ("fedora37", taken);
  g_assert_cmpstr (unique, ==, "fedora37-2");
  unique2 = hgr_new_guest_make_name ("win11", taken);
  g_assert_cmpstr (unique2, ==, "win11");
  cleaned = hgr_new_guest_make_name ("opensuse/tumbleweed", NULL);
  g_assert_cmpstr (cleaned, ==, "opensuse-tumbleweed");
  g_assert_true (hgr_new_guest_validate_name (cleaned, taken, NULL));
  {
    g_autofree char *linux_name = hgr_new_guest_make_name (HGR_OS_GENERIC_LINUX, NULL);
    g_autofree char *other = hgr_new_guest_make_name (HGR_OS_OTHER, NULL);

    g_assert_cmpstr (linux_name, ==, "linux");
    g_assert_cmpstr (other, ==, "guest");
  }
}

/* The host's guest fedora37 makes the default name fedora37-2; a typed name stays. */
static void
test_default_name (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  g_autoptr (GError) error = NULL;

  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os ("fedora37"));
  g_assert_cmpstr (hgr_new_guest_get_name (guest), ==, "fedora37-2");
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_object_set (guest, "name", "fedora37", NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_object_set (guest, "name", "mine", NULL);
  hgr_new_guest_set_os (guest, os ("debian11"));
  g_assert_cmpstr (hgr_new_guest_get_name (guest), ==, "mine");
}

static void
test_resources (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  guint64          memory;
  guint            vcpus;

  /* The test host: 8 GiB, 4 CPUs. Windows 11 recommends 8 GiB and 4 CPUs: bounded by the host. */
  g_assert_cmpuint (facts->memory, ==, 8 * GiB);
  g_assert_cmpuint (facts->cpus, ==, 4);
  g_assert_false (facts->q35.available); /* the test driver has no domain capabilities */
  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os ("win11"));
  g_object_get (guest, "memory", &memory, "vcpus", &vcpus, NULL);
  g_assert_cmpuint (memory, ==, 8 * GiB);
  g_assert_cmpuint (vcpus, ==, 4);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  g_assert_no_error (error);

  g_object_set (guest, "memory", 9 * GiB, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "8.0\u00a0GiB"));
  g_clear_error (&error);
  g_object_set (guest, "memory", 2 * GiB, "vcpus", 5, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  g_assert_nonnull (strstr (error->message, "4 processors"));
  g_clear_error (&error);
  g_object_set (guest, "vcpus", 0, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  g_clear_error (&error);
  g_object_set (guest, "memory", 32 * MiB, "vcpus", 2, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  g_clear_error (&error);
  /* Below the OS's minimum (4 GiB): allowed, with a warning */
  g_object_set (guest, "memory", 2 * GiB, NULL);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_RESOURCES, &error));
  warning = hgr_new_guest_dup_warning (guest, HGR_INSTALL_STEP_RESOURCES);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "4.0\u00a0GiB"));

  /* Nothing known of the OS: 2 GiB, 2 vCPUs, 20 GiB */
  {
    g_autoptr (HgrOsInfo) other = hgr_os_info_new_generic (HGR_OS_OTHER);
    guint64 size;

    hgr_new_guest_set_os (guest, other);
    g_object_get (guest, "memory", &memory, "vcpus", &vcpus, "disk-size", &size, NULL);
    g_assert_cmpuint (memory, ==, 2 * GiB);
    g_assert_cmpuint (vcpus, ==, 2);
    g_assert_cmpuint (size, ==, 20 * GiB);
  }
}

static void
test_storage_checks (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  g_autoptr (GError) error = NULL;
  g_autofree char    *pool = NULL;
  const HgrPoolFacts *default_pool;
  gboolean            create_pool;

  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os ("fedora37"));
  g_object_get (guest, "pool", &pool, "create-pool", &create_pool, NULL);
  g_assert_cmpstr (pool, ==, "default");
  g_assert_false (create_pool);
  default_pool = hgr_host_facts_find_pool (facts, "default");
  g_assert_nonnull (default_pool);
  g_assert_cmpuint (default_pool->available, >, 10 * GiB);
  g_assert_cmpstrv (default_pool->isos, ((const char *[]){ "/hangar-test/default/installer.iso", NULL }));

  g_object_set (guest, "disk-size", default_pool->available, NULL);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_object_set (guest, "disk-size", default_pool->available + 1, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_assert_nonnull (strstr (error->message, "free; the disk needs"));
  g_clear_error (&error);
  g_object_set (guest, "disk-size", 0, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_clear_error (&error);
  g_object_set (guest, "disk-size", 10 * GiB, "pool", "nonesuch", NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_assert_nonnull (strstr (error->message, "nonesuch"));
  g_clear_error (&error);
  g_object_set (guest, "storage", HGR_INSTALL_STORAGE_EXISTING, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_clear_error (&error);
  g_object_set (guest, "storage", HGR_INSTALL_STORAGE_NONE, "source", HGR_INSTALL_SOURCE_NONE, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_clear_error (&error);
  g_object_set (guest, "source", HGR_INSTALL_SOURCE_NETWORK, "network", HGR_INSTALL_NETWORK_NONE, NULL);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_STORAGE, &error));
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_clear_error (&error);
  g_object_set (guest, "network", HGR_INSTALL_NETWORK_VIRTUAL, "network-name", "nonesuch", NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_assert_nonnull (strstr (error->message, "nonesuch"));
  g_clear_error (&error);
  g_object_set (guest, "network", HGR_INSTALL_NETWORK_BRIDGE, "bridge", "br 0", NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_clear_error (&error);
  g_object_set (guest, "bridge", "br0", NULL);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_assert_no_error (error);
}

/* A host without pools: the standard pool is offered. */
static void
test_no_pool (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-empty-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  g_autofree char  *pool = NULL;
  gboolean          create_pool;
  HgrInstallNetwork network;

  g_assert_cmpuint (facts->pools->len, ==, 0);
  g_assert_cmpstr (facts->standard_pool_path, ==, "/var/lib/libvirt/images");
  hgr_new_guest_set_facts (guest, facts);
  g_object_get (guest, "pool", &pool, "create-pool", &create_pool, "network", &network, NULL);
  g_assert_true (create_pool);
  g_assert_cmpstr (pool, ==, "default");
  g_assert_cmpint (network, ==, HGR_INSTALL_NETWORK_NONE); /* no network to choose */
}

/* Everything a host has that Create could make or break. */
static char *
host_inventory (HgrHost *host)
{
  virConnectPtr      conn = hgr_host_get_connection (host);
  virDomainPtr      *domains = NULL;
  virStoragePoolPtr *pools = NULL;
  GString           *text = g_string_new (NULL);
  int                n = virConnectListAllDomains (conn, &domains, 0);

  g_assert_cmpint (n, >=, 0);
  for (int i = 0; i < n; i++)
    {
      g_string_append_printf (text, "domain %s active=%d\n", virDomainGetName (domains[i]), virDomainIsActive (domains[i]));
      virDomainFree (domains[i]);
    }
  free (domains);
  n = virConnectListAllStoragePools (conn, &pools, 0);
  g_assert_cmpint (n, >=, 0);
  for (int i = 0; i < n; i++)
    {
      virStorageVolPtr *volumes = NULL;
      int               m = virStoragePoolListAllVolumes (pools[i], &volumes, 0);

      g_string_append_printf (text, "pool %s\n", virStoragePoolGetName (pools[i]));
      for (int j = 0; j < m; j++)
        {
          g_string_append_printf (text, "  volume %s\n", virStorageVolGetName (volumes[j]));
          virStorageVolFree (volumes[j]);
        }
      free (volumes);
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  return g_string_free (text, FALSE);
}

static gboolean
create (HgrNewGuest *guest,
        GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_new_guest_create_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  return hgr_new_guest_create_finish (guest, result, error);
}

static HgrNewGuest *
ready_guest (HgrHost    *host,
             const char *short_id)
{
  HgrNewGuest *guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);

  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os (short_id));
  g_object_set (guest, "source", HGR_INSTALL_SOURCE_ISO_VOLUME, "iso-volume", "/hangar-test/default/installer.iso",
                "disk-size", 10 * GiB, NULL);
  return guest;
}

static void
test_create (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = ready_guest (host, "debian11");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = host_inventory (host);
  g_autofree char *after = NULL;
  g_autofree char *xml = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  virDomainPtr  domain;
  HgrCreateStep step;

  g_assert_true (create (guest, &error));
  g_assert_no_error (error);
  g_object_get (guest, "step", &step, NULL);
  g_assert_cmpint (step, ==, HGR_CREATE_STEP_DONE);
  g_assert_nonnull (hgr_new_guest_get_uuid (guest));
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), hgr_new_guest_get_uuid (guest));
  g_assert_nonnull (domain);
  g_assert_cmpstr (virDomainGetName (domain), ==, "debian11");
  g_assert_cmpint (virDomainIsActive (domain), ==, 1);
  g_assert_cmpint (virDomainIsPersistent (domain), ==, 1);
  xml = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  virDomainFree (domain);
  doc = hgr_xml_parse (xml, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/disk[@device='disk']/source[@file='/hangar-test/default/debian11.qcow2']"), ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/disk[@device='cdrom']/source[@file='/hangar-test/default/installer.iso']"), ==, 1);
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/default/debian11.qcow2"));
  after = host_inventory (host);
  g_assert_cmpstr (after, !=, before);
  /* The guest arrives in the host's list */
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, hgr_new_guest_get_uuid (guest)) != NULL);
}

/* A failure at each step leaves the host's domains, pools and volumes exactly as they were. */
static void
test_rollback (void)
{
  const HgrCreateStep steps[] = { HGR_CREATE_STEP_DISK, HGR_CREATE_STEP_DEFINE, HGR_CREATE_STEP_START };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
      g_autoptr (HgrNewGuest) guest = ready_guest (host, "fedora37");
      g_autoptr (GError) error = NULL;
      g_autofree char *before = host_inventory (host);
      g_autofree char *after = NULL;

      hgr_new_guest_inject_failure (guest, steps[i]);
      g_assert_false (create (guest, &error));
      g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
      g_test_message ("step %d: %s", steps[i], error->message);
      g_assert_nonnull (strstr (error->message, "injected"));
      after = host_inventory (host);
      g_assert_cmpstr (after, ==, before);
      g_assert_null (hgr_new_guest_get_uuid (guest));
    }
}

/* On a host without pools: the standard pool is made, and removed again when a later step fails. */
static void
test_rollback_pool (void)
{
  const HgrCreateStep steps[] = { HGR_CREATE_STEP_POOL, HGR_CREATE_STEP_DISK, HGR_CREATE_STEP_DEFINE, HGR_CREATE_STEP_START };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-empty-node.xml");
      g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
      g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
      g_autoptr (GError) error = NULL;
      g_autofree char *before = host_inventory (host);
      g_autofree char *after = NULL;

      hgr_new_guest_set_facts (guest, facts);
      hgr_new_guest_set_os (guest, os ("alpinelinux3.17"));
      g_object_set (guest, "source", HGR_INSTALL_SOURCE_NETWORK, "network", HGR_INSTALL_NETWORK_BRIDGE, "bridge", "br0",
                    "disk-size", GiB, NULL);
      hgr_new_guest_inject_failure (guest, steps[i]);
      g_assert_false (create (guest, &error));
      g_test_message ("step %d: %s", steps[i], error->message);
      after = host_inventory (host);
      g_assert_cmpstr (after, ==, before);
    }
}

/* A disk bigger than the pool's room, found at Create (the pool filled up meanwhile): nothing made. */
static void
test_create_no_room (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = ready_guest (host, "fedora37");
  g_autoptr (GError) error = NULL;
  g_autofree char *before = host_inventory (host);
  g_autofree char *after = NULL;
  HgrHostFacts    *facts = (HgrHostFacts *) hgr_new_guest_get_facts (guest);
  HgrPoolFacts    *pool = g_ptr_array_index (facts->pools, 0);

  pool->available = 1000 * GiB; /* what the assistant believed */
  g_object_set (guest, "disk-size", 500 * GiB, NULL);
  g_assert_false (create (guest, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "free"));
  after = host_inventory (host);
  g_assert_cmpstr (after, ==, before);
}

/* Cancelled after the first step (the assistant closed during Create): what it made goes again. */
static void
test_cancel (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-empty-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = hgr_test_read_facts (host);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = host_inventory (host);
  g_autofree char *after = NULL;

  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os ("alpinelinux3.17"));
  g_object_set (guest, "source", HGR_INSTALL_SOURCE_NETWORK, "network", HGR_INSTALL_NETWORK_BRIDGE, "bridge", "br0",
                "disk-size", GiB, NULL);
  /* Cancelled before the worker runs: the pool is made (that step does not stop halfway), then the disk step stops. */
  g_cancellable_cancel (cancellable);
  hgr_new_guest_create_async (guest, cancellable, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_new_guest_create_finish (guest, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  after = host_inventory (host);
  g_assert_cmpstr (after, ==, before);
  g_assert_null (hgr_new_guest_get_uuid (guest));
}

/* Customize before install: defined, not started; Discard removes it and its disk. */
static void
test_customize_discard (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = ready_guest (host, "ubuntu22.04");
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *before = host_inventory (host);
  g_autofree char *after = NULL;
  virDomainPtr     domain;

  g_object_set (guest, "customize", TRUE, NULL);
  g_assert_true (create (guest, &error));
  g_assert_no_error (error);
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), hgr_new_guest_get_uuid (guest));
  g_assert_nonnull (domain);
  g_assert_cmpint (virDomainIsActive (domain), ==, 0);
  virDomainFree (domain);
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/default/ubuntu22.04.qcow2"));

  hgr_new_guest_discard_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_new_guest_discard_finish (guest, result, &error));
  g_assert_no_error (error);
  after = host_inventory (host);
  g_assert_cmpstr (after, ==, before);
}

/* An ISO with the volume id (and publisher) the installed osinfo-db matches. */
static char *
make_iso (const char *dir,
          const char *volume_id,
          const char *publisher,
          const char *system_id)
{
  g_autofree char *content = g_build_filename (dir, "content", NULL);
  g_autofree char *readme = g_build_filename (content, "README", NULL);
  char            *iso = g_strdup_printf ("%s/%08x.iso", dir, g_random_int ());
  const char      *argv[16];
  guint            n = 0;
  g_autoptr (GError) error = NULL;
  int status;

  g_mkdir_with_parents (content, 0755);
  g_assert_true (g_file_set_contents (readme, "Hangar test medium\n", -1, NULL));
  argv[n++] = "xorriso";
  argv[n++] = "-as";
  argv[n++] = "mkisofs";
  argv[n++] = "-quiet";
  argv[n++] = "-V";
  argv[n++] = volume_id;
  if (publisher != NULL)
    {
      argv[n++] = "-publisher";
      argv[n++] = publisher;
    }
  if (system_id != NULL)
    {
      argv[n++] = "-sysid";
      argv[n++] = system_id;
    }
  argv[n++] = "-o";
  argv[n++] = iso;
  argv[n++] = content;
  argv[n++] = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return iso;
}

static HgrOsInfo *
identify (const char *path,
          GError    **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_os_db_identify_async (loaded_db (), path, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 30);
  return hgr_os_db_identify_finish (loaded_db (), result, error);
}

static gboolean
record_thread_cb (gpointer user_data)
{
  GThread **ran_in = user_data;

  *ran_in = g_thread_self ();
  return G_SOURCE_REMOVE;
}

/* Detection reads the medium in a worker, whose I/O must not run the
 * application's main context: GTK's frame clock and layout then ran in the
 * worker, beside the main thread (heap corruption in the New Guest window).
 * While the main thread does not iterate, an idle of the default context
 * must wait for it. */
static void
test_identify_keeps_main_context (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrOsInfo) found = NULL;
  GThread *ran_in = NULL;
  int      fd = g_file_open_tmp ("hangar-XXXXXX.iso", &path, &error);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "not an ISO at all\n", -1, NULL));
  g_close (fd, NULL);
  loaded_db ();
  g_idle_add (record_thread_cb, &ran_in);
  hgr_os_db_identify_async (loaded_db (), path, NULL, hgr_test_store_result_cb, &result);
  /* The worker reads the file meanwhile; a worker on our context takes the idle. */
  g_usleep (G_USEC_PER_SEC / 2);
  g_assert_null (ran_in);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL && ran_in != NULL, 30);
  g_assert_true (ran_in == g_thread_self ());
  found = hgr_os_db_identify_finish (loaded_db (), result, &error);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
  g_assert_null (found);
  g_unlink (path);
}

static void
test_identify (void)
{
  static const struct
  {
    const char *volume_id, *publisher, *system_id, *short_id;
  } media[] = {
    { "Fedora-S-dvd-x86_64-37", NULL, "LINUX", "fedora37" },
    { "Ubuntu 22.04.1 LTS amd64", NULL, NULL, "ubuntu22.04" },
    { "Debian 11.6.0 amd64 n", NULL, NULL, "debian11" },
    { "alpine-virt 3.17.0 x86_64", NULL, NULL, "alpinelinux3.17" },
    { "CCCOMA_X64FRE_EN-US_DV9", "MICROSOFT CORPORATION", NULL, "win11" },
  };
  g_autofree char *dir = NULL;
  g_autofree char *random_iso = NULL;
  g_autofree char *not_iso = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *xorriso = g_find_program_in_path ("xorriso");

  if (xorriso == NULL)
    {
      g_test_skip ("xorriso is not installed (package xorriso): no ISO to detect");
      return;
    }
  dir = g_dir_make_tmp ("hangar-iso-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (media); i++)
    {
      g_autofree char *iso = make_iso (dir, media[i].volume_id, media[i].publisher, media[i].system_id);
      g_autoptr (GError) error = NULL;
      g_autoptr (HgrOsInfo) found = identify (iso, &error);

      g_assert_no_error (error);
      if (found == NULL)
        g_error ("“%s” not detected", media[i].volume_id);
      g_assert_cmpstr (hgr_os_info_get_short_id (found), ==, media[i].short_id);
      g_unlink (iso);
    }

  random_iso = make_iso (dir, "HANGAR_RANDOM_DATA", "NOBODY", NULL);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrOsInfo) found = identify (random_iso, &error);

    g_assert_no_error (error);
    g_assert_null (found);
  }
  not_iso = g_build_filename (dir, "notes.iso", NULL);
  g_assert_true (g_file_set_contents (not_iso, "not an ISO at all\n", -1, NULL));
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrOsInfo) found = identify (not_iso, &error);

    g_assert_null (found);
    g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "notes.iso"));
  }
  missing = g_build_filename (dir, "gone.iso", NULL);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrOsInfo) found = identify (missing, &error);

    g_assert_null (found);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "gone.iso"));
  }
  g_unlink (random_iso);
  g_unlink (not_iso);
  {
    g_autofree char *content = g_build_filename (dir, "content", NULL);
    g_autofree char *readme = g_build_filename (content, "README", NULL);

    g_unlink (readme);
    g_rmdir (content);
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  hgr_libvirt_init ();

  g_test_add_func ("/new-guest/names", test_names);
  g_test_add_func ("/new-guest/default-name", test_default_name);
  g_test_add_func ("/new-guest/resources", test_resources);
  g_test_add_func ("/new-guest/storage", test_storage_checks);
  g_test_add_func ("/new-guest/no-pool", test_no_pool);
  g_test_add_func ("/new-guest/create", test_create);
  g_test_add_func ("/new-guest/rollback", test_rollback);
  g_test_add_func ("/new-guest/rollback-pool", test_rollback_pool);
  g_test_add_func ("/new-guest/create-no-room", test_create_no_room);
  g_test_add_func ("/new-guest/customize-discard", test_customize_discard);
  g_test_add_func ("/new-guest/cancel", test_cancel);
  g_test_add_func ("/new-guest/identify", test_identify);
  g_test_add_func ("/new-guest/identify-keeps-main-context", test_identify_keeps_main_context);
  return g_test_run ();
}
