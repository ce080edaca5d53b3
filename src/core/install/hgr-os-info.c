/* hgr-os-info.c — one operating system a new guest can run, and what it needs
 *
 * Read once from libosinfo (in the worker that loads the database) into
 * plain values, so the list and the assistant never touch libosinfo again.
 * The generic choices ("Generic Linux", "Generic Windows", "Other") are the
 * same object without a database entry.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-os-info.h"

#include <glib/gi18n.h>
#include <string.h>

#define GIB ((guint64) 1024 * 1024 * 1024)

struct _HgrOsInfo
{
  GObject parent_instance;

  char    *id;
  char    *short_id;
  char    *name;
  char    *release_date; /* YYYY-MM-DD, or NULL */
  char    *search_key;   /* casefolded name and short id */
  gboolean generic;

  guint64  minimum_memory, recommended_memory;   /* bytes, 0: not known */
  guint    minimum_vcpus, recommended_vcpus;     /* 0: not known */
  guint64  minimum_storage, recommended_storage; /* bytes, 0: not known */
  gboolean windows;
  gboolean virtio, virtio_net, virtio_rng;
  gboolean q35;
  gboolean bios; /* FALSE when the OS says BIOS is not supported */
  gboolean efi;  /* the OS lists UEFI */
};

G_DEFINE_FINAL_TYPE (HgrOsInfo, hgr_os_info, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SHORT_ID,
  PROP_NAME,
  PROP_RELEASE_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The x86_64 entry of a resources list, else the one for every architecture. */
static OsinfoResources *
pick_resources (OsinfoResourcesList *list)
{
  OsinfoResources *any = NULL;

  for (int i = 0; list != NULL && i < osinfo_list_get_length (OSINFO_LIST (list)); i++)
    {
      OsinfoResources *resources = OSINFO_RESOURCES (osinfo_list_get_nth (OSINFO_LIST (list), i));
      const char      *arch = osinfo_resources_get_architecture (resources);

      if (g_strcmp0 (arch, "x86_64") == 0)
        return resources;
      if (g_strcmp0 (arch, "all") == 0)
        any = resources;
    }
  return any;
}

static void
read_resources (HgrOsInfo *self,
                OsinfoOs  *os)
{
  g_autoptr (OsinfoResourcesList) minimum = osinfo_os_get_minimum_resources (os);
  g_autoptr (OsinfoResourcesList) recommended = osinfo_os_get_recommended_resources (os);
  OsinfoResources *min = pick_resources (minimum);
  OsinfoResources *rec = pick_resources (recommended);

  if (min != NULL)
    {
      self->minimum_memory = MAX (osinfo_resources_get_ram (min), 0);
      self->minimum_vcpus = MAX (osinfo_resources_get_n_cpus (min), 0);
      self->minimum_storage = MAX (osinfo_resources_get_storage (min), 0);
    }
  if (rec != NULL)
    {
      self->recommended_memory = MAX (osinfo_resources_get_ram (rec), 0);
      self->recommended_vcpus = MAX (osinfo_resources_get_n_cpus (rec), 0);
      self->recommended_storage = MAX (osinfo_resources_get_storage (rec), 0);
    }
}

static void
read_devices (HgrOsInfo *self,
              OsinfoOs  *os)
{
  g_autoptr (OsinfoDeviceList) devices = osinfo_os_get_all_devices (os, NULL);

  for (int i = 0; i < osinfo_list_get_length (OSINFO_LIST (devices)); i++)
    {
      OsinfoEntity *device = osinfo_list_get_nth (OSINFO_LIST (devices), i);
      const char   *name = osinfo_device_get_name (OSINFO_DEVICE (device));
      const char   *id = osinfo_entity_get_id (device);

      if (g_strcmp0 (name, "virtio-block") == 0 || g_strcmp0 (name, "virtio1.0-block") == 0)
        self->virtio = TRUE;
      else if (g_strcmp0 (name, "virtio-net") == 0 || g_strcmp0 (name, "virtio1.0-net") == 0)
        self->virtio_net = TRUE;
      else if (g_strcmp0 (name, "virtio-rng") == 0 || g_strcmp0 (name, "virtio1.0-rng") == 0)
        self->virtio_rng = TRUE;
      else if (g_strcmp0 (id, "http://qemu.org/chipset/x86/q35") == 0)
        self->q35 = TRUE;
    }
}

static void
read_firmware (HgrOsInfo *self,
               OsinfoOs  *os)
{
  g_autoptr (OsinfoFirmwareList) list = osinfo_os_get_complete_firmware_list (os, NULL);

  for (int i = 0; i < osinfo_list_get_length (OSINFO_LIST (list)); i++)
    {
      OsinfoFirmware *firmware = OSINFO_FIRMWARE (osinfo_list_get_nth (OSINFO_LIST (list), i));
      const char     *type = osinfo_firmware_get_firmware_type (firmware);

      if (g_strcmp0 (osinfo_firmware_get_architecture (firmware), "x86_64") != 0)
        continue;
      if (g_strcmp0 (type, "bios") == 0 && !osinfo_firmware_is_supported (firmware))
        self->bios = FALSE;
      else if (g_strcmp0 (type, "efi") == 0 && osinfo_firmware_is_supported (firmware))
        self->efi = TRUE;
    }
}

static void
set_search_key (HgrOsInfo *self)
{
  g_autofree char *text = g_strdup_printf ("%s %s", self->name, self->short_id);

  self->search_key = g_utf8_casefold (text, -1);
}

/**
 * hgr_os_info_new_from_osinfo:
 * @os: an entry of the database
 *
 * Returns: (transfer full): what Hangar needs of @os
 */
HgrOsInfo *
hgr_os_info_new_from_osinfo (OsinfoOs *os)
{
  HgrOsInfo  *self = g_object_new (HGR_TYPE_OS_INFO, NULL);
  const char *family = osinfo_os_get_family (os);
  const char *name = osinfo_product_get_name (OSINFO_PRODUCT (os));
  const char *short_id = osinfo_product_get_short_id (OSINFO_PRODUCT (os));

  self->id = g_strdup (osinfo_entity_get_id (OSINFO_ENTITY (os)));
  self->short_id = g_strdup (short_id != NULL ? short_id : self->id);
  self->name = g_strdup (name != NULL ? name : self->short_id);
  self->release_date = g_strdup (osinfo_entity_get_param_value (OSINFO_ENTITY (os), OSINFO_PRODUCT_PROP_RELEASE_DATE));
  self->windows = family != NULL && g_str_has_prefix (family, "win");
  read_resources (self, os);
  read_devices (self, os);
  read_firmware (self, os);
  set_search_key (self);
  return self;
}

/**
 * hgr_os_info_new_generic:
 * @short_id: %HGR_OS_GENERIC_LINUX, %HGR_OS_GENERIC_WINDOWS or %HGR_OS_OTHER
 *
 * A recent Linux takes virtio and q35; a Windows without drivers takes SATA
 * and e1000e; "Other" gets the oldest devices QEMU has.
 *
 * Returns: (transfer full): the generic choice
 */
HgrOsInfo *
hgr_os_info_new_generic (const char *short_id)
{
  HgrOsInfo *self = g_object_new (HGR_TYPE_OS_INFO, NULL);

  self->generic = TRUE;
  self->short_id = g_strdup (short_id);
  self->id = g_strdup (short_id);
  if (g_strcmp0 (short_id, HGR_OS_GENERIC_LINUX) == 0)
    {
      self->name = g_strdup (_ ("Generic Linux"));
      self->virtio = self->virtio_net = self->virtio_rng = self->q35 = TRUE;
    }
  else if (g_strcmp0 (short_id, HGR_OS_GENERIC_WINDOWS) == 0)
    {
      self->name = g_strdup (_ ("Generic Windows"));
      self->windows = self->q35 = TRUE;
    }
  else
    self->name = g_strdup (_ ("Other"));
  set_search_key (self);
  return self;
}

static void
hgr_os_info_init (HgrOsInfo *self)
{
  self->bios = TRUE;
}

static void
hgr_os_info_finalize (GObject *object)
{
  HgrOsInfo *self = HGR_OS_INFO (object);

  g_free (self->id);
  g_free (self->short_id);
  g_free (self->name);
  g_free (self->release_date);
  g_free (self->search_key);
  G_OBJECT_CLASS (hgr_os_info_parent_class)->finalize (object);
}

static void
hgr_os_info_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  HgrOsInfo *self = HGR_OS_INFO (object);

  switch (prop_id)
    {
    case PROP_SHORT_ID:
      g_value_set_string (value, self->short_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_RELEASE_DATE:
      g_value_set_string (value, self->release_date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_os_info_class_init (HgrOsInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_os_info_finalize;
  object_class->get_property = hgr_os_info_get_property;

  properties[PROP_SHORT_ID] = g_param_spec_string ("short-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_RELEASE_DATE] = g_param_spec_string ("release-date", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

const char *
hgr_os_info_get_id (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), NULL);
  return self->id;
}

const char *
hgr_os_info_get_short_id (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), NULL);
  return self->short_id;
}

const char *
hgr_os_info_get_name (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), NULL);
  return self->name;
}

/* Returns: (nullable): the release date as YYYY-MM-DD */
const char *
hgr_os_info_get_release_date (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), NULL);
  return self->release_date;
}

const char *
hgr_os_info_get_search_key (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), NULL);
  return self->search_key;
}

gboolean
hgr_os_info_get_generic (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->generic;
}

/**
 * hgr_os_info_matches:
 * @self: an OS
 * @text: (nullable): what the user typed
 *
 * Returns: whether every word of @text is in the OS's name or short id
 */
gboolean
hgr_os_info_matches (HgrOsInfo  *self,
                     const char *text)
{
  g_autofree char *folded = NULL;
  g_auto (GStrv) words = NULL;

  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);

  if (text == NULL || *text == '\0')
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  words = g_strsplit_set (folded, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (self->search_key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

guint64
hgr_os_info_get_minimum_memory (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  return self->minimum_memory;
}

/* What the OS recommends; twice its minimum when only that is known; else 2 GiB. */
guint64
hgr_os_info_get_default_memory (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  if (self->recommended_memory > 0)
    return self->recommended_memory;
  if (self->minimum_memory > 0)
    return 2 * self->minimum_memory;
  return 2 * GIB;
}

guint
hgr_os_info_get_minimum_vcpus (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  return self->minimum_vcpus;
}

guint
hgr_os_info_get_default_vcpus (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  if (self->recommended_vcpus > 0)
    return self->recommended_vcpus;
  if (self->minimum_vcpus > 0)
    return 2 * self->minimum_vcpus;
  return 2;
}

guint64
hgr_os_info_get_minimum_storage (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  return self->minimum_storage;
}

/* What the OS recommends, else 20 GiB, and never less than its minimum. */
guint64
hgr_os_info_get_default_storage (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), 0);
  if (self->recommended_storage > 0)
    return MAX (self->recommended_storage, self->minimum_storage);
  return MAX (20 * GIB, self->minimum_storage);
}

gboolean
hgr_os_info_get_windows (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->windows;
}

/* Whether the installer has virtio block drivers. */
gboolean
hgr_os_info_get_virtio (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->virtio;
}

gboolean
hgr_os_info_get_virtio_net (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->virtio_net;
}

gboolean
hgr_os_info_get_virtio_rng (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->virtio_rng;
}

gboolean
hgr_os_info_get_q35 (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->q35;
}

/* Returns: FALSE when the OS cannot boot with BIOS (Windows 11) */
gboolean
hgr_os_info_get_bios (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), TRUE);
  return self->bios;
}

gboolean
hgr_os_info_get_efi (HgrOsInfo *self)
{
  g_return_val_if_fail (HGR_IS_OS_INFO (self), FALSE);
  return self->efi;
}
