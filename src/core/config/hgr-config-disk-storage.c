/* hgr-config-disk-storage.c — a disk's steps outside the inactive XML
 *
 * A new volume for an added disk (prepare(), undone by rollback() when the
 * define fails), a free volume name, growing the image, deleting the
 * storage of a removed disk, and the live steps on a running guest (attach,
 * detach, new media in a CD drive). hgr-config-disk.c has the XML half.
 * All of it runs in the apply worker.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "hgr-config-disk-private.h"
#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"

/* Only the media of a CD or floppy changed: that much the running guest can take. */
static gboolean
only_media_changed (HgrConfigDisk *self)
{
  static const char *const others[] = { "device", "target", "bus", "format", "cache", "discard", "readonly", "shareable", NULL };

  for (guint i = 0; others[i] != NULL; i++)
    if (hgr_config_part_changed (HGR_CONFIG_PART (self), others[i]))
      return FALSE;
  return hgr_config_disk_is_removable (self);
}

static gboolean
delete_storage (HgrConfigDisk *self,
                virDomainPtr   guest,
                GError       **error)
{
  g_autoptr (virStorageVol) volume = NULL;
  const char *path = hgr_config_part_get_loaded_string (HGR_CONFIG_PART (self), "source");

  if (path == NULL || !g_path_is_absolute (path))
    return TRUE;
  volume = virStorageVolLookupByPath (virDomainGetConnect (guest), path);
  if (volume == NULL || virStorageVolDelete (volume, 0) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The disk was removed from the guest, but its storage could not be deleted."));
      return FALSE;
    }
  return TRUE;
}

/* A volume name no volume of @pool has: "<guest>-<target>.qcow2", then "-2"… */
/**
 * hgr_config_free_volume_name:
 * @pool: a storage pool
 * @stem: the name before the extension (a guest's name, "guest-vdb")
 * @extension: with its dot (".qcow2")
 *
 * Returns: (transfer full): @stem@extension, or @stem-2@extension … when the pool has that volume
 */
char *
hgr_config_free_volume_name (virStoragePoolPtr pool,
                             const char       *stem,
                             const char       *extension)
{
  for (guint i = 1;; i++)
    {
      char *name = i == 1 ? g_strconcat (stem, extension, NULL) : g_strdup_printf ("%s-%u%s", stem, i, extension);
      g_autoptr (virStorageVol) volume = virStorageVolLookupByName (pool, name);

      if (volume == NULL)
        {
          virResetLastError ();
          return name;
        }
      g_free (name);
    }
}

/**
 * hgr_config_volume_xml:
 * @name: the new volume's name
 * @bytes: its capacity
 * @format: qcow2, raw…
 *
 * Returns: (transfer full): the XML of a new volume for virStorageVolCreateXML()
 */
char *
hgr_config_volume_xml (const char *name,
                       guint64     bytes,
                       const char *format)
{
  g_autoptr (xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, (const xmlChar *) "volume", NULL);
  xmlNodePtr capacity;
  char       text[24];

  xmlDocSetRootElement (doc, root);
  hgr_xml_set_text (hgr_xml_append (root, "name"), name);
  capacity = hgr_xml_append (root, "capacity");
  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, bytes);
  hgr_xml_set (capacity, "unit", "bytes");
  hgr_xml_set_text (capacity, text);
  hgr_xml_set (hgr_xml_append (hgr_xml_append (root, "target"), "format"), "type", format);
  return hgr_xml_dump (doc);
}

/* An added disk with a pool: its new volume, once the pool has the room. */
gboolean
hgr_config_disk_prepare (HgrConfigPart *part,
                         virDomainPtr   guest,
                         GError       **error)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (part);
  g_autoptr (virStoragePool) pool = NULL;
  g_autoptr (virStorageVol) volume = NULL;
  g_autofree char   *stem = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *xml = NULL;
  virStoragePoolInfo info;

  if (!hgr_config_part_get_added (part) || self->new_pool == NULL)
    return TRUE;
  pool = virStoragePoolLookupByName (virDomainGetConnect (guest), self->new_pool);
  if (pool == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("The host has no storage pool “%s”."), self->new_pool);
      return FALSE;
    }
  if (virStoragePoolRefresh (pool, 0) < 0 || virStoragePoolGetInfo (pool, &info) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The storage pool could not be read."));
      return FALSE;
    }
  if (self->new_size > info.available)
    {
      g_autofree char *available = g_format_size_full (info.available, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *needed = g_format_size_full (self->new_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The pool “%s” has %s free; the new disk needs %s."),
                   self->new_pool, available, needed);
      return FALSE;
    }
  stem = g_strdup_printf ("%s-%s", virDomainGetName (guest), self->target != NULL ? self->target : "disk");
  name = hgr_config_free_volume_name (pool, stem, ".qcow2");
  xml = hgr_config_volume_xml (name, self->new_size, "qcow2");
  volume = virStorageVolCreateXML (pool, xml, 0);
  if (volume == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The new disk’s volume could not be made."));
      return FALSE;
    }
  self->created_path = virStorageVolGetPath (volume);
  hgr_set_str (&self->source, self->created_path);
  hgr_set_str (&self->source_type, "file");
  hgr_set_str (&self->format, "qcow2");
  return TRUE;
}

void
hgr_config_disk_rollback (HgrConfigPart *part,
                          virDomainPtr   guest)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (part);
  g_autoptr (virStorageVol) volume = NULL;

  if (self->created_path == NULL)
    return;
  volume = virStorageVolLookupByPath (virDomainGetConnect (guest), self->created_path);
  if (volume != NULL)
    virStorageVolDelete (volume, 0);
  g_clear_pointer (&self->created_path, g_free);
}

/* A bigger size: the running guest's block device, or the volume of a shut-off one. */
static gboolean
grow (HgrConfigDisk *self,
      virDomainPtr   guest,
      GError       **error)
{
  g_autoptr (virStorageVol) volume = NULL;

  if (virDomainIsActive (guest) == 1)
    {
      if (virDomainBlockResize (guest, self->target, self->size, VIR_DOMAIN_BLOCK_RESIZE_BYTES) == 0)
        return TRUE;
    }
  else if ((volume = virStorageVolLookupByPath (virDomainGetConnect (guest), self->source)) != NULL &&
           virStorageVolResize (volume, self->size, 0) == 0)
    return TRUE;
  hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The disk could not be made bigger."));
  return FALSE;
}

gboolean
hgr_config_disk_apply_live (HgrConfigPart *part,
                            xmlNodePtr     domain,
                            virDomainPtr   guest,
                            GError       **error)
{
  HgrConfigDisk            *self = HGR_CONFIG_DISK (part);
  const HgrConfigLiveDevice device = {
    .device_xml = self->node_xml,
    .update = only_media_changed (self),
    .update_flags = VIR_DOMAIN_DEVICE_MODIFY_FORCE,
    .attach_failed = _ ("The disk could not be added to the running guest."),
    .detach_failed = _ ("The disk could not be removed from the running guest."),
    .update_failed = _ ("The running guest’s media could not be changed."),
  };

  if (!hgr_config_part_apply_device_live (part, guest, &device, error))
    return FALSE;
  if (hgr_config_part_get_removed (part) && self->remove_storage && !hgr_config_disk_is_removable (self))
    return delete_storage (self, guest, error);
  if (!hgr_config_part_get_added (part) && !hgr_config_part_get_removed (part) && hgr_config_part_changed (part, "size"))
    return grow (self, guest, error);
  return TRUE;
}

/* What the XML says; the size and the new-volume choices are no part of the running guest's XML. */
gboolean
hgr_config_disk_same_as_live (HgrConfigPart *part,
                              HgrConfigPart *live_part)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (part);
  HgrConfigDisk *live = HGR_CONFIG_DISK (live_part);

  return g_strcmp0 (self->device, live->device) == 0 && g_strcmp0 (self->target, live->target) == 0 &&
         g_strcmp0 (self->bus, live->bus) == 0 && g_strcmp0 (self->source_type, live->source_type) == 0 &&
         g_strcmp0 (self->source, live->source) == 0 && g_strcmp0 (self->format, live->format) == 0 &&
         g_strcmp0 (self->cache, live->cache) == 0 && g_strcmp0 (self->discard, live->discard) == 0 &&
         self->readonly == live->readonly && self->shareable == live->shareable;
}
