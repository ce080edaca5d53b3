/* test-config-live.c — a running QEMU guest's hardware changed through the configuration layer
 *
 * On the private libvirtd: hot-plug a disk (USB, which QEMU unplugs without
 * the guest's help) and a NIC, change the CD's media and link state, the
 * balloon; detach both again; raise the vCPU maximum, which waits for the
 * guest to shut down, and is there after it starts again.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "hgr-config-disk.h"
#include "hgr-config-nic.h"
#include "hgr-domain-config.h"
#include "hgr-integration-utils.h"

static char *
make_image (const char *dir,
            const char *name)
{
  char *path = g_build_filename (dir, name, NULL);
  int   fd = g_open (path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 4 * 1024 * 1024), ==, 0);
  close (fd);
  return path;
}

static HgrDomainConfig *
read_config (HgrGuest *guest)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  HgrDomainConfig *config;

  hgr_guest_read_config_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  config = hgr_guest_read_config_finish (guest, result, &error);
  g_assert_no_error (error);
  return config;
}

/* Applies and returns the configuration as it is now; no live step may fail. */
static HgrDomainConfig *
apply (HgrGuest        *guest,
       HgrDomainConfig *config)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) live_errors = NULL;
  HgrDomainConfig *after;

  hgr_guest_apply_config_async (guest, config, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  after = hgr_guest_apply_config_finish (guest, result, &live_errors, &error);
  g_assert_no_error (error);
  for (guint i = 0; live_errors[i] != NULL; i++)
    g_test_message ("live: %s", live_errors[i]);
  g_assert_cmpstrv (live_errors, ((const char *const[]){ NULL }));
  return after;
}

static char *
live_xml (HgrHost  *host,
          HgrGuest *guest)
{
  virDomainPtr domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), hgr_guest_get_uuid (guest));
  char        *xml = virDomainGetXMLDesc (domain, 0);

  virDomainFree (domain);
  return xml;
}

static void
test_live_changes (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *disk_path = NULL;
  g_autofree char *iso_path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *disk_key = NULL;
  HgrDomainConfig *config;
  HgrConfigPart   *disk, *nic;
  HgrGuest        *guest;

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);

  /* Images QEMU (another user) can open. */
  dir = g_dir_make_tmp ("hangar-config-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  disk_path = make_image (dir, "hot.raw");
  iso_path = make_image (dir, "media.iso");

  name = g_strdup_printf ("hgr-test-config-%d", (int) getpid ());
  xml = g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                         "<memory unit='MiB'>128</memory><currentMemory unit='MiB'>128</currentMemory><vcpu>1</vcpu>"
                         "<os><type arch='x86_64' machine='q35'>hvm</type><boot dev='hd'/></os><features><acpi/><apic/></features>"
                         "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                         "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sda' bus='sata'/><readonly/></disk>"
                         "<controller type='usb' model='qemu-xhci'/>"
                         "<controller type='pci' index='0' model='pcie-root'/><controller type='pci' index='1' model='pcie-root-port'/>"
                         "<controller type='pci' index='2' model='pcie-root-port'/><controller type='pci' index='3' model='pcie-root-port'/>"
                         "<controller type='pci' index='4' model='pcie-root-port'/><controller type='pci' index='5' model='pcie-root-port'/>"
                         "<graphics type='vnc' listen='127.0.0.1' autoport='yes'/>"
                         "<video><model type='vga'/></video><memballoon model='virtio'/></devices></domain>",
                         name);
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* Hot-plug a disk and a NIC, new media in the CD, the balloon down, one vCPU more at most. */
  config = read_config (guest);
  disk = hgr_config_disk_new_added (hgr_domain_config_get_root (config), "disk", "usb");
  g_object_set (disk, "source", disk_path, "format", "raw", NULL);
  hgr_domain_config_add_part (config, disk);
  disk_key = g_strdup_printf ("disk:%s", hgr_config_disk_get_target (HGR_CONFIG_DISK (disk)));
  g_object_unref (disk);
  nic = hgr_config_nic_new_added (hgr_domain_config_get_root (config));
  g_object_set (nic, "type", "user", "source", NULL, "model", "e1000e", NULL);
  mac = g_strdup (hgr_config_nic_get_mac (HGR_CONFIG_NIC (nic)));
  hgr_domain_config_add_part (config, nic);
  g_object_unref (nic);
  g_object_set (hgr_domain_config_find_part (config, "disk:sda"), "source", iso_path, NULL);
  g_object_set (hgr_domain_config_find_part (config, "memory"), "current", (guint64) 96 * 1024 * 1024, NULL);
  g_object_set (hgr_domain_config_find_part (config, "cpu"), "max-vcpus", 2, NULL);
  {
    g_autoptr (HgrDomainConfig) after = apply (guest, config);
    g_autofree char *live = live_xml (host, guest);

    g_object_unref (config);
    config = g_object_ref (after);
    g_test_message ("live after hot-plug:\n%s", live);
    g_assert_nonnull (strstr (live, disk_path));
    g_assert_nonnull (strstr (live, mac));
    g_assert_nonnull (strstr (live, iso_path));
    /* Live: no pending mark. The vCPU maximum waits for the shut down. */
    g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, disk_key)));
    {
      g_autofree char *nic_key = g_strconcat ("nic:", mac, NULL);

      g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, nic_key)));
    }
    g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, "disk:sda")));
    g_assert_true (hgr_config_part_get_pending (hgr_domain_config_find_part (after, "cpu")));
  }

  /* Grow the hot-plugged disk while the guest runs (virDomainBlockResize). */
  {
    g_autoptr (HgrDomainConfig) after = NULL;
    GStatBuf info;

    g_object_set (hgr_domain_config_find_part (config, disk_key), "size", (guint64) 8 * 1024 * 1024, NULL);
    after = apply (guest, config);
    g_assert_cmpint (g_stat (disk_path, &info), ==, 0);
    g_assert_cmpint (info.st_size, ==, 8 * 1024 * 1024);
    g_object_unref (config);
    config = g_object_ref (after);
  }

  /* Link down, live. */
  {
    g_autofree char *key = g_strconcat ("nic:", mac, NULL);
    g_autoptr (HgrDomainConfig) after = NULL;
    g_autofree char *live = NULL;

    g_object_set (hgr_domain_config_find_part (config, key), "link-up", FALSE, NULL);
    after = apply (guest, config);
    live = live_xml (host, guest);
    g_assert_nonnull (strstr (live, "<link state='down'/>"));
    g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, key)));
    g_object_unref (config);
    config = g_object_ref (after);
  }

  /* Detach the disk (USB: at once) and eject the CD, on the running guest. */
  {
    g_autoptr (HgrDomainConfig) after = NULL;
    g_autofree char *live = NULL;

    hgr_config_part_set_removed (hgr_domain_config_find_part (config, disk_key), TRUE);
    g_object_set (hgr_domain_config_find_part (config, "disk:sda"), "source", NULL, NULL);
    after = apply (guest, config);
    live = live_xml (host, guest);
    g_assert_null (strstr (live, disk_path));
    g_assert_null (strstr (live, iso_path));
    g_assert_null (hgr_domain_config_find_part (after, disk_key));
    g_object_unref (config);
    config = g_object_ref (after);
  }

  /* The NIC is PCI: libvirt asks, a guest without an OS never agrees, so the
   * running guest keeps it until it shuts down, and Hangar says so. */
  {
    g_autofree char *key = g_strconcat ("nic:", mac, NULL);
    g_autofree char *title = g_strconcat ("Network ", mac, NULL);
    g_autoptr (HgrDomainConfig) after = NULL;

    hgr_config_part_set_removed (hgr_domain_config_find_part (config, key), TRUE);
    after = apply (guest, config);
    g_assert_null (hgr_domain_config_find_part (after, key));
    g_assert_cmpstrv (hgr_domain_config_get_pending_removals (after), ((const char *const[]){ title, NULL }));
    g_object_unref (config);
    config = g_object_ref (after);
  }

  /* After a shut down and a start the pending vCPU maximum is the guest's. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  {
    g_autoptr (HgrDomainConfig) now = read_config (guest);
    g_autofree char *live = live_xml (host, guest);

    g_assert_nonnull (strstr (live, ">2</vcpu>"));
    g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (now, "cpu")));
  }

  g_object_unref (config);
  hgr_test_undefine (host, guest);
  g_object_unref (guest);
  g_unlink (disk_path);
  g_unlink (iso_path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/integration/config-live", test_live_changes);
  return g_test_run ();
}
