/* test-new-guest-os.c — New Guest's OS facts: the host's domain capabilities, the OS database, each OS's domain XML
 *
 * The XML tests take the host's facts from a real QEMU's domain capabilities
 * (tests/data/domcaps-*.xml, read from Debian 12's libvirt 9.0 with OVMF and
 * swtpm installed) and check what each OS of the installed osinfo-db gets,
 * through the configuration layer and XPath.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/xpath.h>
#include <string.h>

#include "hgr-config-disk.h"
#include "hgr-config-nic.h"
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
test_domain_capabilities (void)
{
  g_autoptr (HgrHostFacts) facts = qemu_facts ();

  g_assert_true (facts->q35.available);
  g_assert_cmpstr (facts->q35.machine, ==, "pc-q35-7.2");
  g_assert_true (facts->q35.efi);
  g_assert_true (facts->q35.tpm);
  g_assert_cmpuint (facts->q35.max_vcpus, ==, 288);
  g_assert_true (facts->q35.rng_builtin);
  g_assert_cmpstr (facts->pc.machine, ==, "pc-i440fx-7.2");
  g_assert_cmpstr (facts->emulator, ==, "/usr/bin/qemu-system-x86_64");
  g_assert_cmpstr (facts->domain_type, ==, "qemu");
}

static void
test_database (void)
{
  HgrOsDb    *db = loaded_db ();
  GListModel *list = hgr_os_db_get_list (db);
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr (GDateTime) then = g_date_time_new_utc (2023, 1, 2, 0, 0, 0);
  g_autofree char *previous = NULL;
  guint            n = g_list_model_get_n_items (list);

  g_assert_cmpuint (n, >, 100);
  /* The generic choices first, then newest first */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrOsInfo) info = g_list_model_get_item (list, i);
      const char *date = hgr_os_info_get_release_date (info);

      if (i < 3)
        {
          g_assert_true (hgr_os_info_get_generic (info));
          continue;
        }
      g_assert_false (hgr_os_info_get_generic (info));
      if (date == NULL)
        {
          g_clear_pointer (&previous, g_free);
          previous = g_strdup ("0");
          continue;
        }
      if (previous != NULL)
        g_assert_cmpstr (date, <=, previous);
      g_free (previous);
      previous = g_strdup (date);
    }
  g_assert_cmpstr (hgr_os_info_get_name (os ("fedora37")), ==, "Fedora Linux 37");
  g_assert_true (hgr_os_info_matches (os ("fedora37"), "fedora 37"));
  g_assert_true (hgr_os_info_matches (os ("fedora37"), "FEDORA"));
  g_assert_true (hgr_os_info_matches (os ("win11"), "win11"));
  g_assert_true (hgr_os_info_matches (os ("win11"), "windows 11"));
  g_assert_false (hgr_os_info_matches (os ("win11"), "fedora"));
  g_assert_false (hgr_os_info_matches (os ("fedora37"), "fedora 38"));
  /* Debian 12's osinfo-db is from December 2022 */
  g_assert_nonnull (hgr_os_db_get_version (db));
  g_assert_true (hgr_os_db_is_outdated (db, now));
  g_assert_false (hgr_os_db_is_outdated (db, then));
}

static xmlXPathObjectPtr
xpath (xmlDocPtr   doc,
       const char *expression)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr  result = xmlXPathEvalExpression ((const xmlChar *) expression, context);

  xmlXPathFreeContext (context);
  return result;
}

static char *
xpath_string (xmlDocPtr   doc,
              const char *expression)
{
  g_autofree char  *wrapped = g_strdup_printf ("string(%s)", expression);
  xmlXPathObjectPtr result = xpath (doc, wrapped);
  char             *text = g_strdup ((const char *) result->stringval);

  xmlXPathFreeObject (result);
  return text;
}

typedef struct
{
  const char *short_id;
  const char *disk_bus;
  const char *nic_model;
  const char *machine;
  guint64     memory;
  guint       vcpus;
  gboolean    uefi;
  gboolean    tpm;
  const char *video;
  gboolean    rng;
} Expected;

/* What each OS gets on the QEMU host with OVMF and swtpm. */
static const Expected expected[] = {
  { "fedora37", "virtio", "virtio", "q35", 2 * GiB, 2, FALSE, FALSE, "virtio", TRUE },
  { "ubuntu22.04", "virtio", "virtio", "q35", 4 * GiB, 2, FALSE, FALSE, "virtio", TRUE },
  { "debian11", "virtio", "virtio", "q35", 1 * GiB, 2, FALSE, FALSE, "virtio", TRUE },
  { "rhel9.0", "virtio", "virtio", "q35", 1536 * MiB, 2, FALSE, FALSE, "virtio", TRUE },
  { "alpinelinux3.17", "virtio", "virtio", "q35", 768 * MiB, 1, FALSE, FALSE, "virtio", TRUE },
  { "win10", "sata", "e1000e", "q35", 4 * GiB, 2, FALSE, FALSE, "vga", FALSE },
  /* BIOS not supported: UEFI, and with it the emulated TPM */
  { "win11", "sata", "e1000e", "q35", 8 * GiB, 4, TRUE, TRUE, "vga", FALSE },
  { "win2k22", "sata", "e1000e", "q35", 2 * GiB, 2, FALSE, FALSE, "vga", FALSE },
  /* libosinfo lists no q35 for it */
  { "freebsd13.1", "virtio", "virtio", "pc", 2 * GiB, 2, FALSE, FALSE, "virtio", FALSE },
  { "winxp", "sata", "e1000e", "pc", 512 * MiB, 2, FALSE, FALSE, "vga", FALSE },
  { HGR_OS_GENERIC_LINUX, "virtio", "virtio", "q35", 2 * GiB, 2, FALSE, FALSE, "virtio", TRUE },
  { HGR_OS_GENERIC_WINDOWS, "sata", "e1000e", "q35", 2 * GiB, 2, FALSE, FALSE, "vga", FALSE },
  { HGR_OS_OTHER, "ide", "e1000", "pc", 2 * GiB, 2, FALSE, FALSE, "vga", FALSE },
};

static HgrOsInfo *
os_or_generic (const char *short_id)
{
  return hgr_os_db_lookup (loaded_db (), short_id) != NULL ? os (short_id) : NULL;
}

static HgrConfigPart *
find_disk_part (HgrDomainConfig *config,
                const char      *device)
{
  GListModel *parts = hgr_domain_config_get_parts (config);

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (parts, i);

      if (HGR_IS_CONFIG_DISK (part) && g_strcmp0 (hgr_config_disk_get_device (HGR_CONFIG_DISK (part)), device) == 0)
        return part;
    }
  return NULL;
}

static HgrConfigPart *
find_nic_part (HgrDomainConfig *config)
{
  GListModel *parts = hgr_domain_config_get_parts (config);

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (parts, i);

      if (HGR_IS_CONFIG_NIC (part))
        return part;
    }
  return NULL;
}

static void
test_os_xml (gconstpointer data)
{
  const Expected *want = data;
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = qemu_facts ();
  g_autoptr (HgrOsInfo) generic = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrDomainConfig) config = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *text = NULL;
  HgrOsInfo       *info = os_or_generic (want->short_id);
  HgrConfigPart   *disk, *cdrom, *nic, *memory, *cpu;
  guint64          bytes;
  guint            vcpus;

  if (info == NULL)
    info = generic = hgr_os_info_new_generic (want->short_id);
  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, info);
  g_object_set (guest, "source", HGR_INSTALL_SOURCE_ISO_VOLUME, "iso-volume", "/var/lib/libvirt/images/installer.iso", NULL);
  g_assert_true (hgr_new_guest_check_all (guest, NULL, &error));
  g_assert_no_error (error);
  xml = hgr_new_guest_build_xml (guest, "/var/lib/libvirt/images/new.qcow2", "qcow2", "/var/lib/libvirt/images/installer.iso",
                                 &error);
  g_assert_no_error (error);
  g_test_message ("%s", xml);

  /* Through the configuration layer */
  config = hgr_domain_config_new (xml, FALSE, &error);
  g_assert_no_error (error);
  disk = find_disk_part (config, "disk");
  cdrom = find_disk_part (config, "cdrom");
  nic = find_nic_part (config);
  g_assert_nonnull (disk);
  g_assert_nonnull (cdrom);
  g_assert_nonnull (nic);
  g_object_get (disk, "bus", &text, NULL);
  g_assert_cmpstr (text, ==, want->disk_bus);
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (hgr_config_disk_get_source (HGR_CONFIG_DISK (disk)), ==, "/var/lib/libvirt/images/new.qcow2");
  g_object_get (disk, "format", &text, NULL);
  g_assert_cmpstr (text, ==, "qcow2");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (hgr_config_disk_get_source (HGR_CONFIG_DISK (cdrom)), ==, "/var/lib/libvirt/images/installer.iso");
  g_object_get (nic, "model", &text, NULL);
  g_assert_cmpstr (text, ==, want->nic_model);
  g_clear_pointer (&text, g_free);
  g_object_get (nic, "source", &text, NULL);
  g_assert_cmpstr (text, ==, "default");
  g_clear_pointer (&text, g_free);
  memory = hgr_domain_config_find_part (config, "memory");
  g_object_get (memory, "memory", &bytes, NULL);
  g_assert_cmpuint (bytes, ==, want->memory);
  cpu = hgr_domain_config_find_part (config, "cpu");
  g_object_get (cpu, "vcpus", &vcpus, NULL);
  g_assert_cmpuint (vcpus, ==, want->vcpus);
  g_object_get (cpu, "mode", &text, NULL);
  g_assert_cmpstr (text, ==, "maximum"); /* TCG: every feature it emulates (x86-64-v2 for RHEL 9) */
  g_clear_pointer (&text, g_free);

  /* The rest by XPath */
  doc = hgr_xml_parse (xml, &error);
  g_assert_no_error (error);
  text = xpath_string (doc, "/domain/@type");
  g_assert_cmpstr (text, ==, "qemu");
  g_clear_pointer (&text, g_free);
  text = xpath_string (doc, "/domain/os/type/@machine");
  g_assert_cmpstr (text, ==, want->machine);
  g_clear_pointer (&text, g_free);
  text = xpath_string (doc, "/domain/os/@firmware");
  g_assert_cmpstr (text, ==, want->uefi ? "efi" : "");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/tpm[@model='tpm-crb']/backend[@type='emulator'][@version='2.0']"), ==,
                    want->tpm ? 1 : 0);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/tpm"), ==, want->tpm ? 1 : 0);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/os/firmware/feature[@name='secure-boot'][@enabled='yes']"), ==,
                    want->uefi ? 1 : 0);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/graphics"), ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/graphics[@type='vnc'][@autoport='yes'][@listen='127.0.0.1']"
                                             "/listen[@type='address'][@address='127.0.0.1']"),
                    ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/input[@type='tablet'][@bus='usb']"), ==, 1);
  text = xpath_string (doc, "/domain/devices/video/model/@type");
  g_assert_cmpstr (text, ==, want->video);
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/rng[@model='virtio']/backend[@model='builtin']"), ==,
                    want->rng ? 1 : 0);
  text = xpath_string (doc, "/domain/devices/memballoon/@model");
  g_assert_cmpstr (text, ==, g_str_equal (want->disk_bus, "virtio") ? "virtio" : "none");
  g_clear_pointer (&text, g_free);
  text = xpath_string (doc, "/domain/devices/emulator");
  g_assert_cmpstr (text, ==, "/usr/bin/qemu-system-x86_64");
  g_clear_pointer (&text, g_free);
  /* Disk first, then the installer */
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/disk[@device='disk']/boot[@order='1']"), ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/disk[@device='cdrom']/boot[@order='2']"), ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/devices/disk[@device='cdrom']/readonly"), ==, 1);
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/os/boot"), ==, 0);
  /* libvirt's schema takes it (on the test driver, as its own type) */
  {
    g_autoptr (xmlDoc) copy = xmlCopyDoc (doc, 1);
    g_autofree char *test_xml = NULL;
    virDomainPtr     domain;

    hgr_xml_set (xmlDocGetRootElement (copy), "type", "test");
    test_xml = hgr_xml_dump (copy);
    domain = virDomainDefineXMLFlags (hgr_host_get_connection (host), test_xml, VIR_DOMAIN_DEFINE_VALIDATE);
    if (domain == NULL)
      g_error ("libvirt refused the XML: %s", virGetLastErrorMessage ());
    virDomainUndefineFlags (domain, VIR_DOMAIN_UNDEFINE_NVRAM);
    virDomainFree (domain);
  }
  /* The OS is recorded as other tools do */
  g_assert_cmpuint (hgr_test_xml_count (xml, "/domain/metadata/*[local-name()='libosinfo']/*[local-name()='os']"), ==,
                    hgr_os_info_get_generic (info) ? 0 : 1);
}

/* Without OVMF or swtpm on the host, Windows 11 gets BIOS, a warning, and no TPM. */
static void
test_no_uefi (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("install-node.xml");
  g_autoptr (HgrNewGuest) guest = hgr_new_guest_new (host);
  g_autoptr (HgrHostFacts) facts = qemu_facts ();
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  gboolean         uefi;

  facts->q35.efi = facts->pc.efi = FALSE;
  hgr_new_guest_set_facts (guest, facts);
  hgr_new_guest_set_os (guest, os ("win11"));
  g_object_get (guest, "uefi", &uefi, NULL);
  g_assert_false (uefi);
  g_assert_false (hgr_new_guest_get_uefi_available (guest));
  g_assert_false (hgr_new_guest_get_tpm (guest));
  warning = hgr_new_guest_dup_warning (guest, HGR_INSTALL_STEP_NAME);
  g_assert_nonnull (strstr (warning, "ovmf"));
  /* UEFI asked for anyway is refused with the reason */
  g_object_set (guest, "uefi", TRUE, NULL);
  g_assert_false (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  /* UEFI but no swtpm: no TPM */
  facts->q35.efi = TRUE;
  facts->q35.tpm = FALSE;
  g_object_set (guest, "uefi", TRUE, NULL);
  g_assert_true (hgr_new_guest_check (guest, HGR_INSTALL_STEP_NAME, &error));
  g_assert_false (hgr_new_guest_get_tpm (guest));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  hgr_libvirt_init ();

  g_test_add_func ("/new-guest/domain-capabilities", test_domain_capabilities);
  g_test_add_func ("/new-guest/database", test_database);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = g_strdup_printf ("/new-guest/xml/%s", expected[i].short_id);

      g_test_add_data_func (path, &expected[i], test_os_xml);
    }
  g_test_add_func ("/new-guest/no-uefi", test_no_uefi);
  return g_test_run ();
}
