/* hgr-new-guest-build.c — HgrNewGuest's domain XML, built with the configuration layer
 *
 * A skeleton (type, name, OS metadata, machine, firmware, features, clock)
 * is written here; memory, vCPUs, the disk, the CD, the NIC and the boot
 * order are the configuration layer's parts, added and applied as the
 * Details view would. The devices no part owns yet (tablet, graphics, video,
 * TPM, RNG, balloon) are single elements written here.
 *
 * Device choice follows the OS: virtio (disk, NIC, RNG, balloon, video)
 * when libosinfo lists virtio devices for it, else SATA and e1000e; "Other"
 * gets IDE and e1000 on the PC machine. q35 when the OS supports it and the
 * host has it. VNC listens on 127.0.0.1 only, with a port libvirt chooses.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-config-boot.h"
#include "hgr-config-cpu.h"
#include "hgr-config-disk.h"
#include "hgr-config-graphics.h"
#include "hgr-config-memory.h"
#include "hgr-config-nic.h"
#include "hgr-config-xml.h"
#include "hgr-domain-config.h"
#include "hgr-error.h"
#include "hgr-new-guest-private.h"

#define LIBOSINFO_NS "http://libosinfo.org/xmlns/libvirt/domain/1.0"

/* The devices of an OS this old or unknown: what every x86 OS has drivers for. */
static gboolean
legacy_devices (HgrNewGuest *self)
{
  return g_strcmp0 (hgr_os_info_get_short_id (self->os), HGR_OS_OTHER) == 0;
}

static const char *
disk_bus (HgrNewGuest *self)
{
  if (hgr_os_info_get_virtio (self->os))
    return "virtio";
  return legacy_devices (self) && g_strcmp0 (hgr_new_guest_get_machine (self), "q35") != 0 ? "ide" : "sata";
}

static const char *
cdrom_bus (HgrNewGuest *self)
{
  return legacy_devices (self) && g_strcmp0 (hgr_new_guest_get_machine (self), "q35") != 0 ? "ide" : "sata";
}

static const char *
nic_model (HgrNewGuest *self)
{
  if (hgr_os_info_get_virtio_net (self->os))
    return "virtio";
  return legacy_devices (self) ? "e1000" : "e1000e";
}

static void
write_metadata (HgrNewGuest *self,
                xmlNodePtr   root)
{
  xmlNodePtr metadata, libosinfo, os;
  xmlNsPtr   ns;

  if (hgr_os_info_get_generic (self->os))
    return;
  metadata = hgr_xml_append (root, "metadata");
  libosinfo = hgr_xml_append (metadata, "libosinfo");
  ns = xmlNewNs (libosinfo, (const xmlChar *) LIBOSINFO_NS, (const xmlChar *) "libosinfo");
  xmlSetNs (libosinfo, ns);
  os = hgr_xml_append (libosinfo, "os");
  xmlSetNs (os, ns);
  hgr_xml_set (os, "id", hgr_os_info_get_id (self->os));
}

static void
write_os (HgrNewGuest *self,
          xmlNodePtr   root)
{
  xmlNodePtr  os = hgr_xml_append (root, "os");
  xmlNodePtr  type;
  const char *machine = hgr_new_guest_get_machine (self);

  if (self->uefi)
    hgr_xml_set (os, "firmware", "efi");
  type = hgr_xml_append (os, "type");
  hgr_xml_set (type, "arch", self->facts->arch);
  if (machine != NULL)
    hgr_xml_set (type, "machine", machine);
  hgr_xml_set_text (type, "hvm");
  if (self->uefi && hgr_os_info_get_windows (self->os))
    {
      /* Windows 11 wants Secure Boot with Microsoft's keys enrolled. */
      xmlNodePtr firmware = hgr_xml_append (os, "firmware");
      xmlNodePtr feature = hgr_xml_append (firmware, "feature");

      hgr_xml_set (feature, "enabled", "yes");
      hgr_xml_set (feature, "name", "secure-boot");
      feature = hgr_xml_append (firmware, "feature");
      hgr_xml_set (feature, "enabled", "yes");
      hgr_xml_set (feature, "name", "enrolled-keys");
    }
}

static void
write_features (HgrNewGuest *self,
                xmlNodePtr   root)
{
  xmlNodePtr features = hgr_xml_append (root, "features");
  gboolean   kvm = g_strcmp0 (self->facts->domain_type, "kvm") == 0;

  hgr_xml_append (features, "acpi");
  hgr_xml_append (features, "apic");
  if (kvm && hgr_os_info_get_windows (self->os))
    {
      xmlNodePtr hyperv = hgr_xml_append (features, "hyperv");

      hgr_xml_set (hgr_xml_append (hyperv, "relaxed"), "state", "on");
      hgr_xml_set (hgr_xml_append (hyperv, "vapic"), "state", "on");
      hgr_xml_set (hgr_xml_append (hyperv, "spinlocks"), "state", "on");
      hgr_xml_set (hgr_xml_child (hyperv, "spinlocks"), "retries", "8191");
    }
  if (self->uefi && g_strcmp0 (hgr_new_guest_get_machine (self), "q35") == 0)
    hgr_xml_set (hgr_xml_append (features, "smm"), "state", "on");
  hgr_xml_set (hgr_xml_append (root, "clock"), "offset", hgr_os_info_get_windows (self->os) ? "localtime" : "utc");
}

static void
write_devices (HgrNewGuest *self,
               xmlNodePtr   root,
               xmlNodePtr   devices)
{
  const char *machine = hgr_new_guest_get_machine (self);
  gboolean    virtio = hgr_os_info_get_virtio (self->os);
  xmlNodePtr  node;

  if (self->facts->emulator != NULL)
    hgr_xml_set_text (hgr_xml_append (devices, "emulator"), self->facts->emulator);
  if (virtio && machine != NULL)
    {
      node = hgr_xml_append (devices, "controller");
      hgr_xml_set (node, "type", "usb");
      hgr_xml_set (node, "model", "qemu-xhci");
      hgr_xml_set (node, "ports", "15");
    }
  node = hgr_xml_append (devices, "input");
  hgr_xml_set (node, "type", "tablet");
  hgr_xml_set (node, "bus", "usb");

  hgr_config_add_vnc_display (root, NULL);

  node = hgr_xml_append (hgr_xml_append (devices, "video"), "model");
  hgr_xml_set (node, "type", virtio ? "virtio" : "vga");

  if (hgr_new_guest_get_tpm (self))
    {
      node = hgr_xml_append (devices, "tpm");
      hgr_xml_set (node, "model", g_strcmp0 (machine, "q35") == 0 ? "tpm-crb" : "tpm-tis");
      node = hgr_xml_append (node, "backend");
      hgr_xml_set (node, "type", "emulator");
      hgr_xml_set (node, "version", "2.0");
    }
  if (hgr_os_info_get_virtio_rng (self->os))
    {
      const HgrMachineFacts *facts = hgr_new_guest_get_machine_facts (self);

      /* QEMU's own source where it has one: a host device file may be missing in
       * libvirt's private /dev of the guest (seen in a fresh Debian chroot). */
      node = hgr_xml_append (devices, "rng");
      hgr_xml_set (node, "model", "virtio");
      node = hgr_xml_append (node, "backend");
      if (facts != NULL && facts->rng_builtin)
        hgr_xml_set (node, "model", "builtin");
      else
        {
          hgr_xml_set (node, "model", "random");
          hgr_xml_set_text (node, "/dev/urandom");
        }
    }
  hgr_xml_set (hgr_xml_append (devices, "memballoon"), "model", virtio ? "virtio" : "none");
}

/* A part read from the document as it is now, then given its new values. */
static HgrConfigPart *
loaded_part (HgrConfigPart *part,
             xmlNodePtr     root)
{
  g_autoptr (GError) error = NULL;

  if (!hgr_config_part_load (part, root, &error))
    g_critical ("A new guest's part did not load: %s", error->message);
  return part;
}

static HgrConfigPart *
add_disk (GPtrArray  *parts,
          xmlNodePtr  root,
          const char *device,
          const char *bus,
          const char *path,
          const char *format)
{
  HgrConfigPart *disk = hgr_config_disk_new_added (root, device, bus);

  g_object_set (disk, "source-type", g_str_has_prefix (path, "/dev/") ? "block" : "file", "source", path, "format", format,
                NULL);
  if (g_strcmp0 (device, "disk") == 0 && g_strcmp0 (bus, "virtio") == 0)
    g_object_set (disk, "discard", "unmap", NULL);
  g_ptr_array_add (parts, disk);
  return disk;
}

/**
 * hgr_new_guest_build_xml:
 * @self: a new guest whose choices check (and whose host's facts are read)
 * @disk_path: (nullable): the disk's path on the host (a new volume's, an
 *   existing one's, the imported image's)
 * @disk_format: (nullable): its format (qcow2, raw); raw when %NULL
 * @media_path: (nullable): the install ISO's path on the host
 * @error: why the XML could not be built
 *
 * Returns: (transfer full) (nullable): the new guest's domain XML
 */
char *
hgr_new_guest_build_xml (HgrNewGuest *self,
                         const char  *disk_path,
                         const char  *disk_format,
                         const char  *media_path,
                         GError     **error)
{
  g_autoptr (xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  xmlNodePtr     root, devices;
  HgrConfigPart *part;
  gboolean       kvm;

  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  g_return_val_if_fail (self->facts != NULL, NULL);
  g_return_val_if_fail (self->os != NULL, NULL);

  kvm = g_strcmp0 (self->facts->domain_type, "kvm") == 0;
  root = xmlNewDocNode (doc, NULL, (const xmlChar *) "domain", NULL);
  xmlDocSetRootElement (doc, root);
  hgr_xml_set (root, "type", self->facts->domain_type != NULL ? self->facts->domain_type : "qemu");
  hgr_xml_set_text (hgr_xml_append (root, "name"), self->name);
  write_metadata (self, root);
  write_os (self, root);
  write_features (self, root);
  devices = hgr_xml_append (root, "devices");
  write_devices (self, root, devices);

  part = loaded_part (hgr_config_memory_new (), root);
  g_object_set (part, "memory", self->memory, "current", self->memory, NULL);
  g_ptr_array_add (parts, part);
  part = loaded_part (hgr_config_cpu_new (), root);
  g_object_set (part, "max-vcpus", self->vcpus, "vcpus", self->vcpus, NULL);
  if (self->facts->q35.available || self->facts->pc.available)
    g_object_set (part, "mode", kvm ? "host-passthrough" : "maximum", NULL);
  g_ptr_array_add (parts, part);
  if (!hgr_config_apply_changes (root, parts, NULL, error))
    return NULL;
  g_ptr_array_set_size (parts, 0);

  /* Devices one after the other: each added part picks a target the ones before left free. */
  if (disk_path != NULL)
    {
      part = add_disk (parts, root, "disk", disk_bus (self), disk_path, disk_format != NULL ? disk_format : "raw");
      g_ptr_array_add (order, hgr_config_disk_key (hgr_config_disk_get_target (HGR_CONFIG_DISK (part))));
      if (!hgr_config_apply_changes (root, parts, NULL, error))
        return NULL;
      g_ptr_array_set_size (parts, 0);
    }
  if (media_path != NULL)
    {
      part = add_disk (parts, root, "cdrom", cdrom_bus (self), media_path, "raw");
      g_object_set (part, "readonly", TRUE, NULL);
      g_ptr_array_add (order, hgr_config_disk_key (hgr_config_disk_get_target (HGR_CONFIG_DISK (part))));
      if (!hgr_config_apply_changes (root, parts, NULL, error))
        return NULL;
      g_ptr_array_set_size (parts, 0);
    }
  if (self->network != HGR_INSTALL_NETWORK_NONE)
    {
      part = hgr_config_nic_new_added (root);
      g_object_set (part, "type", self->network == HGR_INSTALL_NETWORK_BRIDGE ? "bridge" : "network", "source",
                    self->network == HGR_INSTALL_NETWORK_BRIDGE ? self->bridge : self->network_name, "model",
                    nic_model (self), NULL);
      if (self->source == HGR_INSTALL_SOURCE_NETWORK)
        g_ptr_array_add (order, hgr_config_nic_key (hgr_config_nic_get_mac (HGR_CONFIG_NIC (part))));
      g_ptr_array_add (parts, part);
      if (!hgr_config_apply_changes (root, parts, NULL, error))
        return NULL;
      g_ptr_array_set_size (parts, 0);
    }
  /* Disk first: an empty disk falls through to the installer, an installed one boots. (The
   * keys are those of the devices as written: an added part's own key is a placeholder.) */
  if (order->len > 0)
    {
      part = loaded_part (hgr_config_boot_new (), root);
      g_ptr_array_add (order, NULL);
      hgr_config_boot_set_order (HGR_CONFIG_BOOT (part), (const char *const *) order->pdata);
      g_ptr_array_add (parts, part);
      if (!hgr_config_apply_changes (root, parts, NULL, error))
        return NULL;
    }
  return hgr_xml_dump (doc);
}
