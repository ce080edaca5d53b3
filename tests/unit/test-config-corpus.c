/* test-config-corpus.c — the fidelity corpus: every part's change, on every file, touches only what it owns
 *
 * For each file in tests/data/domains and each change a user can make
 * (memory, vCPUs, CPU mode, title, boot order, a disk's bus or cache, CD
 * media, a NIC's model, link, source or MAC, adding and removing devices):
 * load, change through the part's properties, replay on a fresh document as
 * the apply worker does, then assert with the canonical comparison that the
 * result differs from the file only at the nodes the part owns, that the
 * change is there, and that libvirt (test driver, VALIDATE) accepts it.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "hgr-config-boot.h"
#include "hgr-config-disk.h"
#include "hgr-config-memory.h"
#include "hgr-config-nic.h"
#include "hgr-config-xml.h"
#include "hgr-domain-config.h"
#include "hgr-test-xml.h"

#define SYSTEM_DISK "/domain/devices/disk[alias/@name='ua-system-disk']"
#define CD          "/domain/devices/disk[alias/@name='ua-cd']"
#define NET0        "/domain/devices/interface[alias/@name='ua-net0']"

static virConnectPtr conn;

/* What a change owns (XPaths) and what must hold after it (an XPath that selects something). */
typedef struct
{
  GPtrArray *owned;
  char      *expect;
} Change;

typedef gboolean (*ChangeFunc) (HgrDomainConfig *config,
                                Change          *change);

static void
own (Change     *change,
     const char *xpath)
{
  g_ptr_array_add (change->owned, g_strdup (xpath));
}

static HgrConfigPart *
part (HgrDomainConfig *config,
      const char      *key)
{
  HgrConfigPart *found = hgr_domain_config_find_part (config, key);

  g_assert_nonnull (found);
  return found;
}

static HgrConfigPart *
first_nic (HgrDomainConfig *config)
{
  GListModel *parts = hgr_domain_config_get_parts (config);

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr (HgrConfigPart) item = g_list_model_get_item (parts, i);

      if (HGR_IS_CONFIG_NIC (item))
        return item;
    }
  g_assert_not_reached ();
}

static gboolean
has_numa (HgrDomainConfig *config)
{
  return hgr_xml_path (hgr_domain_config_get_root (config), "cpu/numa") != NULL;
}

static gboolean
change_current_memory (HgrDomainConfig *config,
                       Change          *change)
{
  HgrConfigPart *memory = part (config, "memory");
  guint64        max = hgr_config_memory_get_memory (HGR_CONFIG_MEMORY (memory));
  guint64        current = hgr_config_memory_get_current (HGR_CONFIG_MEMORY (memory)) == max / 2 ? max / 4 : max / 2;

  g_object_set (memory, "current", current, NULL);
  own (change, "/domain/currentMemory");
  change->expect = g_strdup_printf ("/domain/currentMemory[@unit='KiB' and text()='%" G_GUINT64_FORMAT "']", current / 1024);
  return TRUE;
}

static gboolean
change_max_memory (HgrDomainConfig *config,
                   Change          *change)
{
  HgrConfigPart *memory = part (config, "memory");
  guint64        max = hgr_config_memory_get_memory (HGR_CONFIG_MEMORY (memory)) + 1024 * 1024 * 1024;

  if (has_numa (config))
    return FALSE; /* the cells set it: refused, see test-config */
  g_object_set (memory, "memory", max, NULL);
  own (change, "/domain/memory");
  change->expect = g_strdup_printf ("/domain/memory[@unit='KiB' and text()='%" G_GUINT64_FORMAT "']", max / 1024);
  return TRUE;
}

static gboolean
change_current_vcpus (HgrDomainConfig *config,
                      Change          *change)
{
  g_object_set (part (config, "cpu"), "vcpus", 1, NULL);
  own (change, "/domain/vcpu/@current");
  change->expect = g_strdup ("/domain/vcpu[@current='1']");
  return TRUE;
}

static gboolean
change_max_vcpus (HgrDomainConfig *config,
                  Change          *change)
{
  HgrConfigPart *cpu = part (config, "cpu");
  guint          max, sockets, cores, threads;

  if (has_numa (config))
    return FALSE; /* the cells name the vCPUs */
  g_object_get (cpu, "max-vcpus", &max, "sockets", &sockets, "cores", &cores, "threads", &threads, NULL);
  if (sockets != 0)
    g_object_set (cpu, "sockets", sockets * 2, NULL);
  g_object_set (cpu, "max-vcpus", max * 2, NULL);
  own (change, "/domain/vcpu/text()");
  own (change, "/domain/vcpu/@current");
  own (change, "/domain/cpu/topology/@sockets");
  change->expect = g_strdup_printf ("/domain/vcpu[text()='%u']", max * 2);
  return TRUE;
}

static gboolean
change_cpu_mode (HgrDomainConfig *config,
                 Change          *change)
{
  HgrConfigPart   *cpu = part (config, "cpu");
  g_autofree char *mode = NULL;
  const char      *new_mode;

  g_object_get (cpu, "mode", &mode, NULL);
  new_mode = g_strcmp0 (mode, "host-passthrough") == 0 ? "host-model" : "host-passthrough";
  if (hgr_xml_child (hgr_domain_config_get_root (config), "cpu") == NULL)
    own (change, "/domain/cpu");
  g_object_set (cpu, "mode", new_mode, NULL);
  own (change, "/domain/cpu/@mode");
  own (change, "/domain/cpu/@match");
  own (change, "/domain/cpu/model");
  own (change, "/domain/cpu/vendor");
  own (change, "/domain/cpu/@migratable");
  change->expect = g_strdup_printf ("/domain/cpu[@mode='%s' and not(model)]", new_mode);
  return TRUE;
}

static gboolean
change_title (HgrDomainConfig *config,
              Change          *change)
{
  g_object_set (part (config, "overview"), "guest-title", "A new title ✓", "description", "Änderung <b> & more", NULL);
  own (change, "/domain/title");
  own (change, "/domain/description");
  change->expect = g_strdup ("/domain[title='A new title ✓' and description='Änderung <b> & more']");
  return TRUE;
}

static gboolean
change_boot_order (HgrDomainConfig *config,
                   Change          *change)
{
  HgrConfigPart *boot = part (config, "boot");
  g_auto (GStrv) order = hgr_config_boot_dup_order (HGR_CONFIG_BOOT (boot));
  guint n = g_strv_length (order);

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n / 2; i++)
    {
      char *swap = order[i];

      order[i] = order[n - 1 - i];
      order[n - 1 - i] = swap;
    }
  hgr_config_boot_set_order (HGR_CONFIG_BOOT (boot), (const char *const *) order);
  own (change, "/domain/os/boot");
  own (change, "/domain/devices/*/boot");
  change->expect = g_strdup ("/domain[not(os/boot) and count(devices/*/boot[@order='1'])=1]");
  return TRUE;
}

static gboolean
change_boot_menu (HgrDomainConfig *config,
                  Change          *change)
{
  HgrConfigPart *boot = part (config, "boot");
  gboolean       menu;

  g_object_get (boot, "menu", &menu, NULL);
  g_object_set (boot, "menu", !menu, NULL);
  own (change, "/domain/os/bootmenu/@enable");
  change->expect = g_strdup_printf ("/domain/os/bootmenu[@enable='%s' and @timeout='3000']", menu ? "no" : "yes");
  return TRUE;
}

static gboolean
change_disk_bus (HgrDomainConfig *config,
                 Change          *change)
{
  g_object_set (part (config, "disk:vda"), "bus", "sata", NULL);
  own (change, SYSTEM_DISK "/target");
  own (change, SYSTEM_DISK "/address");
  change->expect = g_strdup (SYSTEM_DISK "[target/@bus='sata' and starts-with(target/@dev, 'sd') and not(address)]");
  return TRUE;
}

static gboolean
change_disk_cache (HgrDomainConfig *config,
                   Change          *change)
{
  g_object_set (part (config, "disk:vda"), "cache", "none", "readonly", TRUE, NULL);
  own (change, SYSTEM_DISK "/driver/@cache");
  own (change, SYSTEM_DISK "/readonly");
  change->expect = g_strdup (SYSTEM_DISK "[driver/@cache='none' and driver/@io='threads' and readonly]");
  return TRUE;
}

static gboolean
change_cd_media (HgrDomainConfig *config,
                 Change          *change)
{
  HgrConfigPart *cd = part (config, "disk:sda");

  own (change, CD "/source");
  if (hgr_config_disk_get_source (HGR_CONFIG_DISK (cd)) != NULL)
    {
      g_object_set (cd, "source", NULL, NULL);
      change->expect = g_strdup (CD "[not(source) and readonly]");
    }
  else
    {
      g_object_set (cd, "source", "/var/lib/libvirt/images/other.iso", NULL);
      change->expect = g_strdup (CD "/source[@file='/var/lib/libvirt/images/other.iso']");
    }
  return TRUE;
}

static gboolean
change_nic_model (HgrDomainConfig *config,
                  Change          *change)
{
  g_object_set (first_nic (config), "model", "e1000e", NULL);
  own (change, NET0 "/model/@type");
  change->expect = g_strdup (NET0 "[model/@type='e1000e' and driver/@queues='2' and bandwidth]");
  return TRUE;
}

static gboolean
change_nic_link (HgrDomainConfig *config,
                 Change          *change)
{
  g_object_set (first_nic (config), "link-up", FALSE, NULL);
  own (change, NET0 "/link");
  change->expect = g_strdup (NET0 "/link[@state='down']");
  return TRUE;
}

static gboolean
change_nic_source (HgrDomainConfig *config,
                   Change          *change)
{
  HgrConfigPart   *nic = first_nic (config);
  g_autofree char *type = NULL;
  const char      *attribute;

  g_object_get (nic, "type", &type, NULL);
  attribute = g_str_equal (type, "network") ? "network" : g_str_equal (type, "bridge") ? "bridge"
                                                                                       : "dev";
  g_object_set (nic, "source", "other0", NULL);
  change->owned->len = 0;
  g_ptr_array_add (change->owned, g_strdup_printf (NET0 "/source/@%s", attribute));
  change->expect = g_strdup_printf (NET0 "/source[@%s='other0']", attribute);
  return TRUE;
}

static gboolean
change_nic_mac (HgrDomainConfig *config,
                Change          *change)
{
  g_object_set (first_nic (config), "mac", "52:54:00:AB:CD:EF", NULL);
  own (change, NET0 "/mac/@address");
  change->expect = g_strdup (NET0 "/mac[@address='52:54:00:ab:cd:ef']");
  return TRUE;
}

static gboolean
add_disk (HgrDomainConfig *config,
          Change          *change)
{
  HgrConfigPart *disk = hgr_config_disk_new_added (hgr_domain_config_get_root (config), "disk", "virtio");

  g_object_set (disk, "source", "/var/lib/libvirt/images/added.qcow2", NULL);
  hgr_domain_config_add_part (config, disk);
  g_object_unref (disk);
  own (change, "/domain/devices/disk[source/@file='/var/lib/libvirt/images/added.qcow2']");
  change->expect = g_strdup ("/domain/devices/disk[source/@file='/var/lib/libvirt/images/added.qcow2' and "
                             "target/@bus='virtio' and driver/@type='qcow2']");
  return TRUE;
}

static gboolean
add_cdrom (HgrDomainConfig *config,
           Change          *change)
{
  HgrConfigPart *cd = hgr_config_disk_new_added (hgr_domain_config_get_root (config), "cdrom", "sata");

  hgr_domain_config_add_part (config, cd);
  g_object_unref (cd);
  own (change, "/domain/devices/disk[@device='cdrom' and not(alias)]");
  change->expect = g_strdup ("/domain/devices/disk[@device='cdrom' and not(alias) and readonly and not(source)]");
  return TRUE;
}

static gboolean
add_nic (HgrDomainConfig *config,
         Change          *change)
{
  HgrConfigPart *nic = hgr_config_nic_new_added (hgr_domain_config_get_root (config));
  const char    *mac = hgr_config_nic_get_mac (HGR_CONFIG_NIC (nic));

  g_ptr_array_add (change->owned, g_strdup_printf ("/domain/devices/interface[mac/@address='%s']", mac));
  change->expect = g_strdup_printf ("/domain/devices/interface[mac/@address='%s' and source/@network='default' and "
                                    "model/@type='virtio']",
                                    mac);
  hgr_domain_config_add_part (config, nic);
  g_object_unref (nic);
  return TRUE;
}

static gboolean
remove_disk (HgrDomainConfig *config,
             Change          *change)
{
  hgr_config_part_set_removed (part (config, "disk:vda"), TRUE);
  own (change, SYSTEM_DISK);
  change->expect = g_strdup ("/domain/devices[not(disk[target/@dev='vda']) and disk[@device='cdrom']]");
  return TRUE;
}

static gboolean
remove_nic (HgrDomainConfig *config,
            Change          *change)
{
  hgr_config_part_set_removed (first_nic (config), TRUE);
  own (change, NET0);
  change->expect = g_strdup ("/domain/devices[not(interface[alias/@name='ua-net0'])]");
  return TRUE;
}

static const struct
{
  const char *name;
  ChangeFunc  func;
} changes[] = {
  { "memory-current", change_current_memory },
  { "memory-max", change_max_memory },
  { "vcpus-current", change_current_vcpus },
  { "vcpus-max", change_max_vcpus },
  { "cpu-mode", change_cpu_mode },
  { "title", change_title },
  { "boot-order", change_boot_order },
  { "boot-menu", change_boot_menu },
  { "disk-bus", change_disk_bus },
  { "disk-cache", change_disk_cache },
  { "cd-media", change_cd_media },
  { "nic-model", change_nic_model },
  { "nic-link", change_nic_link },
  { "nic-source", change_nic_source },
  { "nic-mac", change_nic_mac },
  { "add-disk", add_disk },
  { "add-cdrom", add_cdrom },
  { "add-nic", add_nic },
  { "remove-disk", remove_disk },
  { "remove-nic", remove_nic },
};

typedef struct
{
  char *path;
  guint change;
} Case;

static void
test_change (gconstpointer data)
{
  const Case      *test_case = data;
  g_autofree char *before = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrDomainConfig) config = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autofree char *after = NULL;
  Change           change = { g_ptr_array_new_with_free_func (g_free), NULL };
  virDomainPtr     domain;

  g_assert_true (g_file_get_contents (test_case->path, &before, NULL, &error));
  config = hgr_domain_config_new (before, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (hgr_domain_config_get_modified (config));

  if (!changes[test_case->change].func (config, &change))
    {
      g_test_skip ("the change does not apply to this file");
      g_ptr_array_unref (change.owned);
      return;
    }
  g_assert_true (hgr_domain_config_get_modified (config));
  g_ptr_array_add (change.owned, NULL);

  /* As the apply worker does: a fresh document, the changed parts replayed. */
  parts = hgr_domain_config_dup_changes (config);
  g_assert_cmpuint (parts->len, >=, 1);
  doc = hgr_xml_parse (before, &error);
  g_assert_no_error (error);
  g_assert_true (hgr_config_apply_changes (xmlDocGetRootElement (doc), parts, NULL, &error));
  g_assert_no_error (error);
  after = hgr_xml_dump (doc);

  hgr_test_assert_xml_differs_only (before, after, (const char *const *) change.owned->pdata);
  if (hgr_test_xml_count (after, change.expect) == 0)
    {
      g_test_message ("expected %s in:\n%s", change.expect, after);
      g_test_fail ();
    }

  domain = virDomainDefineXMLFlags (conn, after, VIR_DOMAIN_DEFINE_VALIDATE);
  if (domain == NULL)
    {
      g_test_message ("libvirt refused it: %s\n%s", virGetLastErrorMessage (), after);
      g_test_fail ();
    }
  else
    {
      virDomainUndefine (domain);
      virDomainFree (domain);
    }
  g_ptr_array_unref (change.owned);
  g_free (change.expect);
}

/* Loading and writing back without a change gives the same document. */
static void
test_unchanged (gconstpointer data)
{
  const char      *path = data;
  g_autofree char *before = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrDomainConfig) config = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_get_contents (path, &before, NULL, &error));
  config = hgr_domain_config_new (before, FALSE, &error);
  g_assert_no_error (error);
  parts = hgr_domain_config_dup_changes (config);
  g_assert_cmpuint (parts->len, ==, 0);
  doc = hgr_xml_parse (before, &error);
  g_assert_true (hgr_config_apply_changes (xmlDocGetRootElement (doc), parts, NULL, &error));
  after = hgr_xml_dump (doc);
  hgr_test_assert_xml_differs_only (before, after, NULL);
}

static void
case_free (gpointer data)
{
  Case *test_case = data;

  g_free (test_case->path);
  g_free (test_case);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autoptr (GDir) listing = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (case_free);
  const char *name;
  int         status;

  g_test_init (&argc, &argv, NULL);
  dir = g_test_build_filename (G_TEST_DIST, "data", "domains", NULL);
  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (files, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (files->len, >=, 25);

  conn = virConnectOpen ("test:///default");
  g_assert_nonnull (conn);

  for (guint f = 0; f < files->len; f++)
    {
      const char      *path = g_ptr_array_index (files, f);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *unchanged = g_strdup_printf ("/config-corpus/%s/unchanged", base);

      g_test_add_data_func (unchanged, path, test_unchanged);
      for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
        {
          Case            *test_case = g_new0 (Case, 1);
          g_autofree char *test_name = g_strdup_printf ("/config-corpus/%s/%s", base, changes[c].name);

          test_case->path = g_strdup (path);
          test_case->change = c;
          g_ptr_array_add (cases, test_case);
          g_test_add_data_func (test_name, test_case, test_change);
        }
    }
  status = g_test_run ();
  virConnectClose (conn);
  return status;
}
