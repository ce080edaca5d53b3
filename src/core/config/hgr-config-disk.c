/* hgr-config-disk.c — one disk or CD/DVD drive: source, bus, target, format, cache, discard, flags
 *
 * Found again by the target it was loaded with. Owns the <disk> element's
 * type, <source>'s file/dev/pool/volume, <target>, <driver>'s type, cache
 * and discard, <readonly/> and <shareable/>; changing the bus also drops
 * its <address> (the old one would not fit the new bus) and, unless the user
 * chose a target, picks a free one for the bus. Never touches <boot>,
 * <alias>, <serial>, <iotune>, <encryption>, seclabels or anything else.
 * Live on a running guest: attach, detach, and new media in a CD drive.
 * Not XML: a new volume for an added disk (prepare(), undone by rollback()
 * when the define fails) and growing the image (after the define).
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

G_DEFINE_FINAL_TYPE (HgrConfigDisk, hgr_config_disk, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_DEVICE,
  PROP_TARGET,
  PROP_BUS,
  PROP_SOURCE_TYPE,
  PROP_SOURCE,
  PROP_FORMAT,
  PROP_CACHE,
  PROP_DISCARD,
  PROP_READONLY,
  PROP_SHAREABLE,
  PROP_REMOVE_STORAGE,
  PROP_SIZE,
  PROP_NEW_POOL,
  PROP_NEW_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const buses[] = { "virtio", "sata", "scsi", "usb", "ide", "fdc", "xen", NULL };

static xmlNodePtr
find_disk (xmlNodePtr  domain,
           const char *target)
{
  xmlNodePtr devices = hgr_xml_child (domain, "devices");

  for (xmlNodePtr disk = hgr_xml_child (devices, "disk"); disk != NULL; disk = hgr_xml_next (disk, "disk"))
    if (target != NULL && hgr_xml_is (hgr_xml_child (disk, "target"), "dev", target))
      return disk;
  return NULL;
}

static const char *
target_prefix (const char *bus)
{
  if (g_strcmp0 (bus, "virtio") == 0)
    return "vd";
  if (g_strcmp0 (bus, "xen") == 0)
    return "xvd";
  if (g_strcmp0 (bus, "ide") == 0)
    return "hd";
  if (g_strcmp0 (bus, "fdc") == 0)
    return "fd";
  return "sd";
}

/**
 * hgr_config_disk_free_target:
 * @domain: the `<domain>` element
 * @bus: the bus the disk will be on
 * @except: (nullable): a disk whose own target does not count
 *
 * Returns: (transfer full) (nullable): the first target of @bus's kind
 *   ("vdb", "sdc"…) no other disk uses, or %NULL when all 26 are taken
 */
char *
hgr_config_disk_free_target (xmlNodePtr  domain,
                             const char *bus,
                             xmlNodePtr  except)
{
  const char *prefix = target_prefix (bus);

  for (char letter = 'a'; letter <= 'z'; letter++)
    {
      g_autofree char *target = g_strdup_printf ("%s%c", prefix, letter);
      xmlNodePtr       disk = find_disk (domain, target);

      if (disk == NULL || disk == except)
        return g_steal_pointer (&target);
    }
  return NULL;
}

static char *
read_source (xmlNodePtr  disk,
             const char *type)
{
  xmlNodePtr source = hgr_xml_child (disk, "source");

  if (source == NULL)
    return NULL;
  if (g_strcmp0 (type, "volume") == 0)
    {
      g_autofree char *pool = hgr_xml_get (source, "pool");
      g_autofree char *volume = hgr_xml_get (source, "volume");

      return g_strdup_printf ("%s/%s", pool != NULL ? pool : "", volume != NULL ? volume : "");
    }
  if (g_strcmp0 (type, "block") == 0)
    return hgr_xml_get (source, "dev");
  if (g_strcmp0 (type, "network") == 0)
    return hgr_xml_get (source, "name");
  if (g_strcmp0 (type, "dir") == 0)
    return hgr_xml_get (source, "dir");
  return hgr_xml_get (source, "file");
}

static void
update_title (HgrConfigDisk *self)
{
  g_autofree char *title = NULL;

  if (g_strcmp0 (self->device, "cdrom") == 0)
    title = g_strdup_printf (_ ("CD/DVD %s"), self->target != NULL ? self->target : "");
  else if (g_strcmp0 (self->device, "floppy") == 0)
    title = g_strdup_printf (_ ("Floppy %s"), self->target != NULL ? self->target : "");
  else
    title = g_strdup_printf (_ ("Disk %s"), self->target != NULL ? self->target : "");
  hgr_config_part_set_title (HGR_CONFIG_PART (self), title);
}

static gboolean
hgr_config_disk_load (HgrConfigPart *part,
                      xmlNodePtr     domain,
                      GError       **error)
{
  HgrConfigDisk   *self = HGR_CONFIG_DISK (part);
  const char      *key = hgr_config_part_get_key (part);
  xmlNodePtr       disk = find_disk (domain, key + strlen ("disk:"));
  xmlNodePtr       target, driver;
  g_autofree char *device = NULL, *type = NULL, *source = NULL;
  g_autofree char *dev = NULL, *bus = NULL, *format = NULL, *cache = NULL, *discard = NULL;

  if (disk == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("The guest has no disk “%s” any more."), key + strlen ("disk:"));
      return FALSE;
    }
  target = hgr_xml_child (disk, "target");
  driver = hgr_xml_child (disk, "driver");
  device = hgr_xml_get (disk, "device");
  type = hgr_xml_get (disk, "type");
  source = read_source (disk, type);
  dev = hgr_xml_get (target, "dev");
  bus = hgr_xml_get (target, "bus");
  format = hgr_xml_get (driver, "type");
  cache = hgr_xml_get (driver, "cache");
  discard = hgr_xml_get (driver, "discard");
  g_object_set (self,
                "device", device != NULL ? device : "disk",
                "target", dev,
                "bus", bus,
                "source-type", type != NULL ? type : "file",
                "source", source,
                "format", format,
                "cache", cache,
                "discard", discard,
                "readonly", hgr_xml_child (disk, "readonly") != NULL,
                "shareable", hgr_xml_child (disk, "shareable") != NULL,
                "remove-storage", FALSE,
                "size", G_GUINT64_CONSTANT (0),
                "new-pool", NULL,
                NULL);
  return TRUE;
}

static gboolean
hgr_config_disk_validate (HgrConfigPart         *part,
                          xmlNodePtr             domain,
                          const HgrConfigLimits *limits,
                          GError               **error)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (part);
  gboolean       cdrom = hgr_config_disk_is_removable (self);
  xmlNodePtr     own = hgr_config_part_get_added (part) ? NULL : find_disk (domain, hgr_config_part_get_loaded_string (part, "target"));
  xmlNodePtr     other;

  if (self->bus == NULL || !g_strv_contains (buses, self->bus))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” is not a disk bus."), self->bus != NULL ? self->bus : "");
      return FALSE;
    }
  if (cdrom && g_strcmp0 (self->bus, "virtio") == 0)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("A CD/DVD drive cannot be on the virtio bus: choose SATA, SCSI or USB."));
      return FALSE;
    }
  if (self->target != NULL && *self->target != '\0')
    {
      other = find_disk (domain, self->target);
      if (other != NULL && other != own && (hgr_config_part_changed (part, "target")))
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Another disk already uses the target “%s”."), self->target);
          return FALSE;
        }
    }
  if (hgr_config_part_changed (part, "size") && self->size < g_value_get_uint64 (hgr_config_part_get_loaded (part, "size")))
    {
      g_autofree char *size = g_format_size_full (self->size, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *was = g_format_size_full (g_value_get_uint64 (hgr_config_part_get_loaded (part, "size")), G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A disk can only grow: %s is less than its size, %s."), size, was);
      return FALSE;
    }
  if (hgr_config_part_get_added (part) && self->new_pool != NULL)
    {
      if (self->new_size < 1024 * 1024)
        {
          g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Enter the new disk’s size: at least 1 MiB."));
          return FALSE;
        }
      return TRUE; /* its source is the volume prepare() makes */
    }
  if (self->source == NULL || *self->source == '\0')
    {
      if (cdrom)
        return TRUE; /* an empty drive */
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Choose the disk’s image or device."));
      return FALSE;
    }
  if (!hgr_config_part_changed (part, "source") && !hgr_config_part_changed (part, "source-type"))
    return TRUE;
  if (g_strcmp0 (self->source_type, "file") == 0 || g_strcmp0 (self->source_type, "block") == 0)
    {
      if (!g_path_is_absolute (self->source))
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” is not an absolute path on the host."), self->source);
          return FALSE;
        }
      if (limits->path_exists != NULL && !limits->path_exists (self->source, limits->path_data))
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("There is no file “%s” on the host."), self->source);
          return FALSE;
        }
    }
  else if (g_strcmp0 (self->source_type, "volume") == 0)
    {
      const char *slash = strchr (self->source, '/');

      if (slash == NULL || slash == self->source || slash[1] == '\0')
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” is not a volume: write pool/volume."), self->source);
          return FALSE;
        }
    }
  else
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("A “%s” disk’s source can be changed only in the XML."), self->source_type);
      return FALSE;
    }
  return TRUE;
}

static void
apply_source (HgrConfigDisk *self,
              xmlNodePtr     disk)
{
  static const char *const source_attributes[] = { "file", "dev", "pool", "volume", NULL };
  xmlNodePtr               source = hgr_xml_child (disk, "source");

  hgr_xml_set (disk, "type", self->source_type);
  if (self->source == NULL || *self->source == '\0')
    {
      hgr_xml_remove (source); /* an empty drive */
      return;
    }
  if (source == NULL)
    {
      xmlNodePtr driver = hgr_xml_child (disk, "driver");

      source = driver != NULL ? hgr_xml_insert_after (driver, "source") : hgr_xml_append (disk, "source");
    }
  else if (hgr_config_part_changed (HGR_CONFIG_PART (self), "source-type"))
    for (guint i = 0; source_attributes[i] != NULL; i++)
      hgr_xml_set (source, source_attributes[i], NULL);

  if (g_strcmp0 (self->source_type, "volume") == 0)
    {
      g_auto (GStrv) parts = g_strsplit (self->source, "/", 2);

      hgr_xml_set (source, "pool", parts[0]);
      hgr_xml_set (source, "volume", parts[1]);
    }
  else
    hgr_xml_set (source, g_strcmp0 (self->source_type, "block") == 0 ? "dev" : "file", self->source);
}

static void
apply_flag (xmlNodePtr  disk,
            const char *name,
            gboolean    on)
{
  if (!on)
    hgr_xml_remove_children (disk, name);
  else if (hgr_xml_child (disk, name) == NULL)
    hgr_xml_append (disk, name);
}

static xmlNodePtr
new_disk (HgrConfigDisk *self,
          xmlNodePtr     domain)
{
  xmlNodePtr devices = hgr_xml_ensure (domain, "devices");
  xmlNodePtr last = NULL;
  xmlNodePtr disk;

  for (xmlNodePtr n = hgr_xml_child (devices, "disk"); n != NULL; n = hgr_xml_next (n, "disk"))
    last = n;
  if (last == NULL)
    last = hgr_xml_child (devices, "emulator");
  disk = last != NULL ? hgr_xml_insert_after (last, "disk") : hgr_xml_append (devices, "disk");
  hgr_xml_set (disk, "device", self->device);
  hgr_xml_set (hgr_xml_append (disk, "driver"), "name", "qemu");
  hgr_xml_append (disk, "target");
  return disk;
}

static gboolean
hgr_config_disk_apply (HgrConfigPart *part,
                       xmlNodePtr     domain,
                       GError       **error)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (part);
  const char    *loaded_target = hgr_config_part_get_loaded_string (part, "target");
  xmlNodePtr     disk, target, driver;

  if (hgr_config_part_get_added (part))
    disk = new_disk (self, domain);
  else if ((disk = find_disk (domain, loaded_target)) == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND,
                   _ ("The disk “%s” was removed outside Hangar. Reload to see the guest as it is now."), loaded_target);
      return FALSE;
    }

  g_clear_pointer (&self->node_xml, g_free);
  if (hgr_config_part_get_removed (part))
    {
      self->node_xml = hgr_xml_dump_node (disk);
      hgr_xml_remove (disk);
      return TRUE;
    }

  target = hgr_xml_ensure (disk, "target");
  if (hgr_config_part_changed (part, "bus"))
    {
      hgr_xml_set (target, "bus", self->bus);
      hgr_xml_remove_children (disk, "address");
      if (!hgr_config_part_changed (part, "target") || self->target == NULL || *self->target == '\0')
        {
          g_autofree char *free_target = hgr_config_disk_free_target (domain, self->bus, disk);
          xmlNodePtr       holder = self->target != NULL ? find_disk (domain, self->target) : NULL;

          if (free_target == NULL)
            {
              g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Every target of this bus is taken."));
              return FALSE;
            }
          /* Keep a target that already fits the bus and no other disk has. */
          if (self->target == NULL || !g_str_has_prefix (self->target, target_prefix (self->bus)) ||
              (holder != NULL && holder != disk))
            hgr_set_str (&self->target, free_target);
        }
    }
  if (hgr_config_part_get_added (part) || hgr_config_part_changed (part, "target") || hgr_config_part_changed (part, "bus"))
    hgr_xml_set (target, "dev", self->target);

  if (hgr_config_part_changed (part, "source") || hgr_config_part_changed (part, "source-type"))
    apply_source (self, disk);

  driver = hgr_xml_child (disk, "driver");
  if (hgr_config_part_changed (part, "format") || hgr_config_part_changed (part, "cache") || hgr_config_part_changed (part, "discard"))
    {
      if (driver == NULL)
        {
          driver = hgr_xml_append (disk, "driver");
          hgr_xml_set (driver, "name", "qemu");
        }
      if (hgr_config_part_changed (part, "format"))
        hgr_xml_set (driver, "type", self->format);
      if (hgr_config_part_changed (part, "cache"))
        hgr_xml_set (driver, "cache", self->cache);
      if (hgr_config_part_changed (part, "discard"))
        hgr_xml_set (driver, "discard", self->discard);
    }
  if (hgr_config_part_changed (part, "readonly"))
    apply_flag (disk, "readonly", self->readonly);
  if (hgr_config_part_changed (part, "shareable"))
    apply_flag (disk, "shareable", self->shareable);

  self->node_xml = hgr_xml_dump_node (disk);
  return TRUE;
}

static void
hgr_config_disk_finalize (GObject *object)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (object);

  g_free (self->device);
  g_free (self->target);
  g_free (self->bus);
  g_free (self->source_type);
  g_free (self->source);
  g_free (self->format);
  g_free (self->cache);
  g_free (self->discard);
  g_free (self->node_xml);
  g_free (self->new_pool);
  g_free (self->created_path);
  G_OBJECT_CLASS (hgr_config_disk_parent_class)->finalize (object);
}

static char **
string_field (HgrConfigDisk *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_DEVICE:
      return &self->device;
    case PROP_TARGET:
      return &self->target;
    case PROP_BUS:
      return &self->bus;
    case PROP_SOURCE_TYPE:
      return &self->source_type;
    case PROP_SOURCE:
      return &self->source;
    case PROP_FORMAT:
      return &self->format;
    case PROP_CACHE:
      return &self->cache;
    case PROP_DISCARD:
      return &self->discard;
    case PROP_NEW_POOL:
      return &self->new_pool;
    default:
      return NULL;
    }
}

static gboolean *
flag_field (HgrConfigDisk *self,
            guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_READONLY:
      return &self->readonly;
    case PROP_SHAREABLE:
      return &self->shareable;
    case PROP_REMOVE_STORAGE:
      return &self->remove_storage;
    default:
      return NULL;
    }
}

static void
hgr_config_disk_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (object);
  char         **string = string_field (self, prop_id);
  gboolean      *flag = flag_field (self, prop_id);

  if (string != NULL)
    g_value_set_string (value, *string);
  else if (flag != NULL)
    g_value_set_boolean (value, *flag);
  else if (prop_id == PROP_SIZE)
    g_value_set_uint64 (value, self->size);
  else if (prop_id == PROP_NEW_SIZE)
    g_value_set_uint64 (value, self->new_size);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hgr_config_disk_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HgrConfigDisk *self = HGR_CONFIG_DISK (object);
  char         **string = string_field (self, prop_id);
  gboolean      *flag = flag_field (self, prop_id);
  gboolean       changed;

  if (string != NULL)
    {
      /* An empty choice is libvirt's default: no attribute. */
      const char *text = g_value_get_string (value);

      changed = hgr_set_str (string, text != NULL && *text != '\0' ? text : NULL);
    }
  else if (flag != NULL)
    {
      changed = *flag != g_value_get_boolean (value);
      *flag = g_value_get_boolean (value);
    }
  else if (prop_id == PROP_SIZE || prop_id == PROP_NEW_SIZE)
    {
      guint64 *field = prop_id == PROP_SIZE ? &self->size : &self->new_size;

      changed = *field != g_value_get_uint64 (value);
      *field = g_value_get_uint64 (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    {
      if (prop_id == PROP_TARGET || prop_id == PROP_DEVICE)
        update_title (self);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
hgr_config_disk_class_init (HgrConfigDiskClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);
  const GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_config_disk_finalize;
  object_class->get_property = hgr_config_disk_get_property;
  object_class->set_property = hgr_config_disk_set_property;
  part_class->load = hgr_config_disk_load;
  part_class->validate = hgr_config_disk_validate;
  part_class->apply = hgr_config_disk_apply;
  part_class->apply_live = hgr_config_disk_apply_live;
  part_class->same_as_live = hgr_config_disk_same_as_live;
  part_class->prepare = hgr_config_disk_prepare;
  part_class->rollback = hgr_config_disk_rollback;

  properties[PROP_DEVICE] = g_param_spec_string ("device", NULL, NULL, "disk", flags);
  properties[PROP_TARGET] = g_param_spec_string ("target", NULL, NULL, NULL, flags);
  properties[PROP_BUS] = g_param_spec_string ("bus", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE_TYPE] = g_param_spec_string ("source-type", NULL, NULL, "file", flags);
  /* A host path, or "pool/volume" for a volume; NULL: an empty drive */
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, flags);
  properties[PROP_CACHE] = g_param_spec_string ("cache", NULL, NULL, NULL, flags);
  properties[PROP_DISCARD] = g_param_spec_string ("discard", NULL, NULL, NULL, flags);
  properties[PROP_READONLY] = g_param_spec_boolean ("readonly", NULL, NULL, FALSE, flags);
  properties[PROP_SHAREABLE] = g_param_spec_boolean ("shareable", NULL, NULL, FALSE, flags);
  properties[PROP_REMOVE_STORAGE] = g_param_spec_boolean ("remove-storage", NULL, NULL, FALSE, flags);
  /* Bytes, as the volume says (0: not known, e.g. not in a pool); a bigger value grows the image */
  properties[PROP_SIZE] = g_param_spec_uint64 ("size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  /* An added disk: make a new qcow2 volume of new-size bytes in this pool (NULL: use source) */
  properties[PROP_NEW_POOL] = g_param_spec_string ("new-pool", NULL, NULL, NULL, flags);
  properties[PROP_NEW_SIZE] = g_param_spec_uint64 ("new-size", NULL, NULL, 0, G_MAXUINT64, G_GUINT64_CONSTANT (20) << 30, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_disk_init (HgrConfigDisk *self)
{
  self->device = g_strdup ("disk");
  self->source_type = g_strdup ("file");
  self->new_size = G_GUINT64_CONSTANT (20) << 30;
}

/* The size the volume has (read by the worker that read the XML); not a change. */
void
hgr_config_disk_set_loaded_size (HgrConfigDisk *self,
                                 guint64        bytes)
{
  g_return_if_fail (HGR_IS_CONFIG_DISK (self));
  g_object_set (self, "size", bytes, NULL);
  hgr_config_part_keep (HGR_CONFIG_PART (self), "size");
}

/* The key of the disk or drive at @target: "disk:vda". */
char *
hgr_config_disk_key (const char *target)
{
  return g_strconcat ("disk:", target, NULL);
}

/* The disk or drive at @target of a guest; load() reads it. */
HgrConfigPart *
hgr_config_disk_new (const char *target)
{
  HgrConfigPart   *part = g_object_new (HGR_TYPE_CONFIG_DISK, NULL);
  g_autofree char *key = hgr_config_disk_key (target);

  hgr_config_part_set_key (part, key);
  return part;
}

/**
 * hgr_config_disk_new_added:
 * @domain: the `<domain>` element it will go into
 * @device: "disk" or "cdrom"
 * @bus: its bus
 *
 * A new disk or drive, on the first free target of @bus; set its source,
 * then apply adds it.
 *
 * Returns: (transfer full): the part
 */
HgrConfigPart *
hgr_config_disk_new_added (xmlNodePtr  domain,
                           const char *device,
                           const char *bus)
{
  static guint     serial;
  g_autofree char *key = g_strdup_printf ("disk:new-%u", ++serial);
  g_autofree char *target = hgr_config_disk_free_target (domain, bus, NULL);
  gboolean         cdrom = g_strcmp0 (device, "cdrom") == 0;
  HgrConfigPart   *part = g_object_new (HGR_TYPE_CONFIG_DISK,
                                        "device", device,
                                        "bus", bus,
                                        "target", target,
                                        "format", cdrom ? "raw" : "qcow2",
                                        "readonly", cdrom,
                                        NULL);

  hgr_config_part_set_key (part, key);
  hgr_config_part_set_added (part, TRUE);
  return part;
}

const char *
hgr_config_disk_get_device (HgrConfigDisk *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_DISK (self), NULL);
  return self->device;
}

const char *
hgr_config_disk_get_target (HgrConfigDisk *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_DISK (self), NULL);
  return self->target;
}

const char *
hgr_config_disk_get_source (HgrConfigDisk *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_DISK (self), NULL);
  return self->source;
}

/* A CD/DVD drive or a floppy: media go in and out. */
gboolean
hgr_config_disk_is_removable (HgrConfigDisk *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_DISK (self), FALSE);
  return g_strcmp0 (self->device, "cdrom") == 0 || g_strcmp0 (self->device, "floppy") == 0;
}
