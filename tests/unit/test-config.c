/* test-config.c — the configuration layer on libvirt's test driver: validate, apply, revert, live, outside changes
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <string.h>

#include "hgr-config-boot.h"
#include "hgr-config-cpu.h"
#include "hgr-config-disk.h"
#include "hgr-config-memory.h"
#include "hgr-config-nic.h"
#include "hgr-config-overview.h"
#include "hgr-config-xml.h"
#include "hgr-domain-config.h"
#include "hgr-error.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-test-host.h"
#include "hgr-test-xml.h"

#define GiB (G_GUINT64_CONSTANT (1) << 30)
#define MiB (G_GUINT64_CONSTANT (1) << 20)

static HgrGuest *
guest_by_name (HgrHost    *host,
               const char *name)
{
  GListModel *guests = hgr_host_get_guests (host);

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (guests, i);

      if (g_strcmp0 (hgr_guest_get_name (guest), name) == 0)
        return guest;
    }
  g_assert_not_reached ();
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
  g_assert_nonnull (config);
  return config;
}

static HgrDomainConfig *
apply_config (HgrGuest        *guest,
              HgrDomainConfig *config,
              GStrv           *live_errors,
              GError         **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_guest_apply_config_async (guest, config, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  return hgr_guest_apply_config_finish (guest, result, live_errors, error);
}

/* The guest's XML behind Hangar's back, on the host's own connection. */
static char *
dump_xml (HgrHost    *host,
          const char *name,
          guint       flags)
{
  virDomainPtr domain = virDomainLookupByName (hgr_host_get_connection (host), name);
  char        *xml;

  g_assert_nonnull (domain);
  xml = virDomainGetXMLDesc (domain, flags);
  virDomainFree (domain);
  return xml;
}

/* A part loaded from @xml, for validate tests. */
static HgrDomainConfig *
config_from (const char *xml)
{
  g_autoptr (GError) error = NULL;
  HgrDomainConfig *config = hgr_domain_config_new (xml, FALSE, &error);

  g_assert_no_error (error);
  return config;
}

static const char *const fixture_xml =
  "<domain type='test'><name>v</name><memory unit='GiB'>2</memory><vcpu current='1'>2</vcpu>"
  "<os><type arch='x86_64'>hvm</type><boot dev='hd'/></os><devices>"
  "<disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/></disk>"
  "<disk type='file' device='disk'><source file='/b.qcow2'/><target dev='vdb' bus='virtio'/></disk>"
  "<disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>"
  "<interface type='network'><mac address='52:54:00:00:00:0a'/><source network='default'/><model type='virtio'/></interface>"
  "<interface type='network'><mac address='52:54:00:00:00:0b'/><source network='default'/><model type='virtio'/></interface>"
  "</devices></domain>";

static void
assert_invalid (HgrDomainConfig       *config,
                HgrConfigPart         *part,
                const HgrConfigLimits *limits,
                const char            *message)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (hgr_config_part_validate (part, hgr_domain_config_get_root (config), limits, &error));
  g_assert_error (error, HGR_ERROR, error->code);
  g_assert_cmpstr (error->message, ==, message);
  hgr_config_part_revert (part);
}

static void
test_validate_memory (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart  *memory = hgr_domain_config_find_part (config, "memory");
  HgrConfigLimits limits = { .host_memory = 4 * GiB };

  g_assert_true (hgr_config_part_validate (memory, hgr_domain_config_get_root (config), &limits, NULL));
  g_object_set (memory, "memory", 8 * GiB, "current", 8 * GiB, NULL);
  assert_invalid (config, memory, &limits, "The maximum memory (8.0\u00a0GiB) is more than the host has (4.0\u00a0GiB).");
  g_object_set (memory, "current", 3 * GiB, NULL);
  assert_invalid (config, memory, &limits, "The current memory (3.0\u00a0GiB) is above the maximum (2.0\u00a0GiB): raise the maximum first.");
  g_object_set (memory, "current", (guint64) 0, NULL);
  assert_invalid (config, memory, &limits, "A guest needs some memory: enter a size above 0.");
}

static void
test_validate_cpu (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart  *cpu = hgr_domain_config_find_part (config, "cpu");
  char           *models[] = { (char *) "qemu64", (char *) "Skylake-Client", NULL };
  HgrConfigLimits limits = { .max_vcpus = 8, .cpu_models = models };

  g_object_set (cpu, "vcpus", 3, NULL);
  assert_invalid (config, cpu, &limits, "The current vCPUs (3) are more than the maximum (2): raise the maximum first.");
  g_object_set (cpu, "max-vcpus", 16, NULL);
  assert_invalid (config, cpu, &limits, "The host allows at most 8 vCPUs per guest.");
  g_object_set (cpu, "sockets", 1, "cores", 2, "threads", 2, NULL);
  assert_invalid (config, cpu, &limits, "Sockets × cores × threads (1 × 2 × 2) must equal the maximum vCPUs (2).");
  g_object_set (cpu, "mode", "custom", "model", NULL, NULL);
  assert_invalid (config, cpu, &limits, "Choose a CPU model, or the host’s CPU.");
  g_object_set (cpu, "mode", "custom", "model", "Pentium-9000", NULL);
  assert_invalid (config, cpu, &limits, "The host cannot run the CPU model “Pentium-9000”.");
  g_object_set (cpu, "sockets", 1, "cores", 1, "threads", 2, "mode", "custom", "model", "qemu64", NULL);
  g_assert_true (hgr_config_part_validate (cpu, hgr_domain_config_get_root (config), &limits, NULL));
}

static void
test_validate_nic (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart *nic = hgr_domain_config_find_part (config, "nic:52:54:00:00:00:0a");

  g_assert_nonnull (nic);
  g_object_set (nic, "mac", "52:54:00:00:00", NULL);
  assert_invalid (config, nic, NULL, "“52:54:00:00:00” is not a MAC address: write six pairs of hex digits, like 52:54:00:12:34:56.");
  g_object_set (nic, "mac", "52:54:00:00:00:zz", NULL);
  assert_invalid (config, nic, NULL, "“52:54:00:00:00:zz” is not a MAC address: write six pairs of hex digits, like 52:54:00:12:34:56.");
  g_object_set (nic, "mac", "01:00:5e:00:00:01", NULL);
  assert_invalid (config, nic, NULL, "“01:00:5e:00:00:01” is a multicast address: a network interface needs a unicast one (the first byte even).");
  g_object_set (nic, "mac", "52:54:00:00:00:0B", NULL);
  assert_invalid (config, nic, NULL, "Another network interface of this guest has the MAC address 52:54:00:00:00:0b.");
  g_object_set (nic, "source", "", NULL);
  assert_invalid (config, nic, NULL, "Choose the virtual network to connect to.");
  g_object_set (nic, "mac", "52:54:00:00:00:0c", NULL);
  g_assert_true (hgr_config_part_validate (nic, hgr_domain_config_get_root (config), NULL, NULL));
}

static gboolean
nothing_exists (const char *path,
                gpointer    data)
{
  return FALSE;
}

static void
test_validate_disk (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart  *disk = hgr_domain_config_find_part (config, "disk:vdb");
  HgrConfigPart  *cd = hgr_domain_config_find_part (config, "disk:sda");
  HgrConfigLimits limits = { .path_exists = nothing_exists };

  g_object_set (disk, "target", "vda", NULL);
  assert_invalid (config, disk, &limits, "Another disk already uses the target “vda”.");
  g_object_set (disk, "source", "images/b.qcow2", NULL);
  assert_invalid (config, disk, &limits, "“images/b.qcow2” is not an absolute path on the host.");
  g_object_set (disk, "source", "/nowhere/b.qcow2", NULL);
  assert_invalid (config, disk, &limits, "There is no file “/nowhere/b.qcow2” on the host.");
  g_object_set (disk, "source", NULL, NULL);
  assert_invalid (config, disk, &limits, "Choose the disk’s image or device.");
  g_object_set (disk, "bus", "floppy-bus", NULL);
  assert_invalid (config, disk, &limits, "“floppy-bus” is not a disk bus.");
  g_object_set (cd, "bus", "virtio", NULL);
  assert_invalid (config, cd, &limits, "A CD/DVD drive cannot be on the virtio bus: choose SATA, SCSI or USB.");
  /* An empty CD drive is fine, and an unchanged source is not checked again. */
  g_assert_true (hgr_config_part_validate (cd, hgr_domain_config_get_root (config), &limits, NULL));
  g_assert_true (hgr_config_part_validate (disk, hgr_domain_config_get_root (config), &limits, NULL));
}

static void
test_validate_name_and_boot (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart  *overview = hgr_domain_config_find_part (config, "overview");
  HgrConfigPart  *boot = hgr_domain_config_find_part (config, "boot");
  HgrConfigLimits running = { .guest_active = TRUE };
  const char     *none[] = { NULL };

  g_object_set (overview, "name", "a/b", NULL);
  assert_invalid (config, overview, NULL, "A guest’s name cannot contain “/”.");
  g_object_set (overview, "name", "", NULL);
  assert_invalid (config, overview, NULL, "Enter a name for the guest.");
  g_object_set (overview, "name", " padded", NULL);
  assert_invalid (config, overview, NULL, "A guest’s name cannot begin or end with a space.");
  g_object_set (overview, "name", "renamed", NULL);
  assert_invalid (config, overview, &running, "A guest can be renamed only when it is shut off.");

  hgr_config_boot_set_order (HGR_CONFIG_BOOT (boot), none);
  assert_invalid (config, boot, NULL, "Choose at least one device to boot from.");
  g_object_set (boot, "initrd", "/boot/initrd.img", NULL);
  assert_invalid (config, boot, NULL, "An initrd or kernel arguments need a kernel.");
}

static void
test_revert (void)
{
  g_autoptr (HgrDomainConfig) config = config_from (fixture_xml);
  HgrConfigPart *memory = hgr_domain_config_find_part (config, "memory");
  HgrConfigPart *overview = hgr_domain_config_find_part (config, "overview");
  g_autoptr (HgrConfigPart) added = hgr_config_nic_new_added (hgr_domain_config_get_root (config));
  guint n = g_list_model_get_n_items (hgr_domain_config_get_parts (config));

  g_object_set (memory, "current", GiB, NULL);
  g_assert_true (hgr_config_part_get_modified (memory));
  g_assert_true (hgr_domain_config_get_modified (config));
  /* Back to the value read: not modified any more. */
  g_object_set (memory, "current", 2 * GiB, NULL);
  g_assert_false (hgr_config_part_get_modified (memory));
  g_assert_false (hgr_domain_config_get_modified (config));

  g_object_set (memory, "current", GiB, NULL);
  g_object_set (overview, "guest-title", "Changed", NULL);
  hgr_domain_config_add_part (config, added);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_domain_config_get_parts (config)), ==, n + 1);
  hgr_config_part_set_removed (hgr_domain_config_find_part (config, "disk:vdb"), TRUE);

  hgr_domain_config_revert (config);
  g_assert_false (hgr_domain_config_get_modified (config));
  g_assert_cmpuint (hgr_config_memory_get_current (HGR_CONFIG_MEMORY (memory)), ==, 2 * GiB);
  g_assert_false (hgr_config_part_get_removed (hgr_domain_config_find_part (config, "disk:vdb")));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_domain_config_get_parts (config)), ==, n);
  {
    g_autofree char *title = NULL;

    g_object_get (overview, "guest-title", &title, NULL);
    g_assert_null (title);
  }
}

static void
test_apply (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (HgrConfigPart) nic = hgr_config_nic_new_added (hgr_domain_config_get_root (config));
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) live_errors = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *expect_nic = NULL;

  g_assert_true (hgr_domain_config_get_secure (config));
  g_assert_cmpuint (hgr_domain_config_get_limits (config)->host_memory, ==, 8 * GiB);
  g_object_set (hgr_domain_config_find_part (config, "memory"), "memory", 2 * GiB, "current", 1536 * MiB, NULL);
  g_object_set (hgr_domain_config_find_part (config, "disk:sda"), "source", "/hangar-test/images/spare.qcow2", NULL);
  hgr_domain_config_add_part (config, nic);

  after = apply_config (guest, config, &live_errors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (after);
  g_assert_cmpstrv (live_errors, ((const char *const[]){ NULL }));
  g_assert_false (hgr_domain_config_get_modified (after));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_domain_config_get_parts (after)), ==,
                    g_list_model_get_n_items (hgr_domain_config_get_parts (config)));

  xml = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/memory[text()='2097152']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/currentMemory[text()='1572864']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/devices/disk[target/@dev='sda']/source[@file='/hangar-test/images/spare.qcow2']"), >, 0);
  expect_nic = g_strdup_printf ("/domain/devices/interface[mac/@address='%s']", hgr_config_nic_get_mac (HGR_CONFIG_NIC (nic)));
  g_assert_cmpint (hgr_test_xml_count (xml, expect_nic), >, 0);
  /* What no part owns is still there. */
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/description[text()='Grüße: a shut-off guest to edit.']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/metadata/*[local-name()='note']/*[local-name()='n']"), >, 0);
  g_assert_true (strstr (xml, "<!-- kept -->") != NULL);
}

/* An unrelated edit keeps the VNC password: the XML is read and written with its secrets. */
static void
test_secure (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;

  g_object_set (hgr_domain_config_find_part (config, "overview"), "guest-title", "Retitled", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_no_error (error);
  xml = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain[title='Retitled']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/devices/graphics[@type='vnc' and @passwd='vnc-secret']"), >, 0);
}

static void
count_cb (HgrGuest *guest,
          guint    *count)
{
  (*count)++;
}

/* Someone changes the guest while the user edits it: the event comes, and applying keeps both. */
static void
test_external_change (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) mine = read_config (guest);
  g_autoptr (HgrDomainConfig) theirs = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GPtrArray) their_changes = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *their_xml = NULL;
  g_autofree char *xml = NULL;
  virDomainPtr     defined;
  guint            changed = 0;

  g_signal_connect (guest, "config-changed", G_CALLBACK (count_cb), &changed);
  g_object_set (hgr_domain_config_find_part (mine, "cpu"), "max-vcpus", 4, "vcpus", 4, NULL);

  /* The other program: a new description, defined behind Hangar's back. */
  g_object_set (hgr_domain_config_find_part (theirs, "overview"), "description", "Changed by virsh", NULL);
  their_changes = hgr_domain_config_dup_changes (theirs);
  doc = hgr_xml_parse (hgr_domain_config_get_xml (theirs), &error);
  g_assert_true (hgr_config_apply_changes (xmlDocGetRootElement (doc), their_changes, NULL, &error));
  their_xml = hgr_xml_dump (doc);
  defined = virDomainDefineXML (hgr_host_get_connection (host), their_xml);
  g_assert_nonnull (defined);
  virDomainFree (defined);
  HGR_TEST_WAIT_UNTIL (changed == 1);
  g_assert_true (hgr_domain_config_get_modified (mine)); /* the staged edit is still there */

  after = apply_config (guest, mine, NULL, &error);
  g_assert_no_error (error);
  xml = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain[description='Changed by virsh' and vcpu='4']"), >, 0);
  HGR_TEST_WAIT_UNTIL (changed == 2); /* our own define is an event too */
}

/* libvirt refuses the result: nothing changes, and its message says why. */
static void
test_refused (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  g_autofree char *now = NULL;

  g_object_set (hgr_domain_config_find_part (config, "memory"), "current", 512 * MiB, NULL);
  g_object_set (hgr_domain_config_find_part (config, "nic:52:54:00:00:00:01"), "model", "virtio net", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
  g_test_message ("libvirt said: %s", error->message);
  now = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  g_assert_cmpstr (now, ==, before);
  g_assert_true (hgr_domain_config_get_modified (config)); /* the user's edits stay */
}

static void
test_missing_file (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrConfigPart) disk = hgr_config_disk_new_added (hgr_domain_config_get_root (config), "disk", "virtio");
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE);
  g_autofree char *now = NULL;

  g_object_set (disk, "source", "/hangar-test/images/none.qcow2", NULL);
  hgr_domain_config_add_part (config, disk);
  after = apply_config (guest, config, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Disk vdb: There is no file “/hangar-test/images/none.qcow2” on the host.");
  now = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE);
  g_assert_cmpstr (now, ==, before);

  /* A volume of a pool is there. */
  g_clear_error (&error);
  g_object_set (disk, "source", "/hangar-test/images/spare.qcow2", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_no_error (error);
}

/* The host's networks are known: a NIC on one it lacks is refused. */
static void
test_unknown_network (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpstrv (hgr_domain_config_get_limits (config)->networks, ((const char *const[]){ "default", "isolated", NULL }));
  g_object_set (hgr_domain_config_find_part (config, "nic:52:54:00:00:00:01"), "source", "nowhere", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_null (after);
  g_assert_cmpstr (error->message, ==, "Network 52:54:00:00:00:01: The host has no virtual network “nowhere”.");
  g_clear_error (&error);
  g_object_set (hgr_domain_config_find_part (config, "nic:52:54:00:00:00:01"), "source", "isolated", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_no_error (error);
}

/* A running guest: memory through the balloon now, a new vCPU maximum after it shuts down. */
static void
test_live (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "running");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) live_errors = NULL;
  g_autofree char *live = NULL;
  g_autofree char *inactive = NULL;

  g_assert_true (hgr_guest_get_active (guest));
  for (guint i = 0; i < g_list_model_get_n_items (hgr_domain_config_get_parts (config)); i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (hgr_domain_config_get_parts (config), i);

      g_assert_false (hgr_config_part_get_pending (part));
    }
  g_object_set (hgr_domain_config_find_part (config, "memory"), "current", GiB, NULL);
  g_object_set (hgr_domain_config_find_part (config, "cpu"), "max-vcpus", 6, NULL);
  after = apply_config (guest, config, &live_errors, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (live_errors, ((const char *const[]){ NULL }));

  live = dump_xml (host, "running", 0);
  inactive = dump_xml (host, "running", VIR_DOMAIN_XML_INACTIVE);
  g_assert_cmpint (hgr_test_xml_count (live, "/domain/currentMemory[text()='1048576']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (live, "/domain/vcpu[text()='4']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (inactive, "/domain/vcpu[text()='6']"), >, 0);
  g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, "memory")));
  g_assert_true (hgr_config_part_get_pending (hgr_domain_config_find_part (after, "cpu")));
  g_assert_false (hgr_config_part_get_pending (hgr_domain_config_find_part (after, "disk:vda")));
}

/* A new disk in a pool: refused when the pool is too small, made otherwise, and gone again when the define fails. */
static void
test_new_volume (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrConfigPart) disk = hgr_config_disk_new_added (hgr_domain_config_get_root (config), "disk", "virtio");
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;

  g_assert_cmpuint (g_value_get_uint64 (hgr_config_part_get_loaded (hgr_domain_config_find_part (config, "disk:vda"), "size")), ==, 10 * GiB);
  g_object_set (disk, "new-pool", "images", "new-size", 200 * GiB, NULL);
  hgr_domain_config_add_part (config, disk);
  after = apply_config (guest, config, NULL, &error);
  g_assert_null (after);
  g_assert_cmpstr (error->message, ==, "Disk vdb: The pool “images” has 99.7\u00a0GiB free; the new disk needs 200.0\u00a0GiB.");
  g_assert_false (hgr_test_volume_exists (host, "/hangar-test/images/editor-vdb.qcow2"));

  /* The define fails (a bad NIC model): the volume made for it goes again. */
  g_clear_error (&error);
  g_object_set (disk, "new-size", 2 * GiB, NULL);
  g_object_set (hgr_domain_config_find_part (config, "nic:52:54:00:00:00:01"), "model", "virtio net", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
  g_assert_false (hgr_test_volume_exists (host, "/hangar-test/images/editor-vdb.qcow2"));

  g_clear_error (&error);
  g_object_set (hgr_domain_config_find_part (config, "nic:52:54:00:00:00:01"), "model", "virtio", NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/images/editor-vdb.qcow2"));
  xml = dump_xml (host, "editor", VIR_DOMAIN_XML_INACTIVE);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/devices/disk[target/@dev='vdb' and source/@file='/hangar-test/images/editor-vdb.qcow2' and driver/@type='qcow2']"), >, 0);
  g_assert_cmpuint (g_value_get_uint64 (hgr_config_part_get_loaded (hgr_domain_config_find_part (after, "disk:vdb"), "size")), ==, 2 * GiB);
}

/* Growing a disk: shrinking is refused; the test driver cannot resize volumes,
 * so the grow after the define is reported (integration/config-live grows one). */
static void
test_grow (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) live_errors = NULL;
  HgrConfigPart *disk = hgr_domain_config_find_part (config, "disk:vda");

  g_object_set (disk, "size", 5 * GiB, NULL);
  assert_invalid (config, disk, NULL, "A disk can only grow: 5.0\u00a0GiB is less than its size, 10.0\u00a0GiB.");
  g_object_set (disk, "size", 12 * GiB, NULL);
  after = apply_config (guest, config, &live_errors, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (live_errors), ==, 1);
  g_assert_true (g_str_has_prefix (live_errors[0], "Disk vda: "));
  g_assert_nonnull (strstr (live_errors[0], "virStorageVolResize"));
}

/* Rename: a shut-off guest only; the host's guest follows. */
static void
test_rename (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("config-node.xml");
  HgrGuest *guest = guest_by_name (host, "editor");
  g_autoptr (HgrDomainConfig) config = read_config (guest);
  g_autoptr (HgrDomainConfig) after = NULL;
  g_autoptr (GError) error = NULL;

  g_object_set (hgr_domain_config_find_part (config, "overview"), "name", "editor-renamed", "autostart", TRUE, NULL);
  after = apply_config (guest, config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hgr_config_overview_get_name (HGR_CONFIG_OVERVIEW (hgr_domain_config_find_part (after, "overview"))), ==, "editor-renamed");
  /* libvirt says UNDEFINED then DEFINED (both RENAMED): the list shows the new name. */
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000000001") != NULL &&
                       g_strcmp0 (hgr_guest_get_name (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000000001")),
                                  "editor-renamed") == 0);
  {
    gboolean autostart;

    g_object_get (hgr_domain_config_find_part (after, "overview"), "autostart", &autostart, NULL);
    g_assert_true (autostart);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  hgr_libvirt_init ();

  g_test_add_func ("/config/validate/memory", test_validate_memory);
  g_test_add_func ("/config/validate/cpu", test_validate_cpu);
  g_test_add_func ("/config/validate/nic", test_validate_nic);
  g_test_add_func ("/config/validate/disk", test_validate_disk);
  g_test_add_func ("/config/validate/name-and-boot", test_validate_name_and_boot);
  g_test_add_func ("/config/revert", test_revert);
  g_test_add_func ("/config/apply", test_apply);
  g_test_add_func ("/config/secure", test_secure);
  g_test_add_func ("/config/external-change", test_external_change);
  g_test_add_func ("/config/refused", test_refused);
  g_test_add_func ("/config/missing-file", test_missing_file);
  g_test_add_func ("/config/live", test_live);
  g_test_add_func ("/config/new-volume", test_new_volume);
  g_test_add_func ("/config/rename", test_rename);
  g_test_add_func ("/config/grow", test_grow);
  g_test_add_func ("/config/unknown-network", test_unknown_network);
  return g_test_run ();
}
