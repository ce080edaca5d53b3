/* hgr-config-boot.c — how a guest boots: the order of its disks, drives and NICs, menu, kernel
 *
 * The order is a list of device keys ("disk:vda", "nic:52:54:00:…"), the
 * same keys the device parts have. It is read from the devices' <boot
 * order> or, when none has one, from <os><boot dev> (hd: the first disk,
 * cdrom: the first CD drive, network: the first NIC, fd: the first floppy).
 * A changed order is written per device (which libvirt recommends): the
 * <os><boot> elements and every disk's and NIC's <boot> go, the listed
 * devices get <boot order='1'>, '2'… Owns also <os><bootmenu enable>,
 * <kernel>, <initrd> and <cmdline>; never <loader>, <nvram>, <type> or
 * <smbios>.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-boot.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "hgr-config-disk.h"
#include "hgr-config-nic.h"
#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-util.h"

struct _HgrConfigBoot
{
  HgrConfigPart parent_instance;

  char    *order; /* keys, comma-separated: a string compares by value */
  gboolean menu;
  char    *kernel;
  char    *initrd;
  char    *cmdline;
};

G_DEFINE_FINAL_TYPE (HgrConfigBoot, hgr_config_boot, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_ORDER,
  PROP_MENU,
  PROP_KERNEL,
  PROP_INITRD,
  PROP_CMDLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The key the device's own part has. */
static char *
device_key (xmlNodePtr device)
{
  if (xmlStrcmp (device->name, (const xmlChar *) "disk") == 0)
    {
      g_autofree char *target = hgr_xml_get (hgr_xml_child (device, "target"), "dev");

      return target != NULL ? hgr_config_disk_key (target) : NULL;
    }
  else
    {
      g_autofree char *mac = hgr_xml_get (hgr_xml_child (device, "mac"), "address");

      return mac != NULL ? hgr_config_nic_key (mac) : NULL;
    }
}

static gboolean
is_bootable (xmlNodePtr node)
{
  return node->type == XML_ELEMENT_NODE &&
         (xmlStrcmp (node->name, (const xmlChar *) "disk") == 0 || xmlStrcmp (node->name, (const xmlChar *) "interface") == 0);
}

static xmlNodePtr
find_device (xmlNodePtr  domain,
             const char *key)
{
  xmlNodePtr devices = hgr_xml_child (domain, "devices");

  for (xmlNodePtr n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *own = is_bootable (n) ? device_key (n) : NULL;

      if (g_strcmp0 (own, key) == 0)
        return n;
    }
  return NULL;
}

typedef struct
{
  guint64 order;
  char   *key;
} Entry;

static int
compare_entries (const void *a,
                 const void *b)
{
  const Entry *x = a, *y = b;

  return x->order < y->order ? -1 : x->order > y->order;
}

/* The first device of a legacy <boot dev> kind. */
static char *
first_of_kind (xmlNodePtr  domain,
               const char *dev)
{
  xmlNodePtr devices = hgr_xml_child (domain, "devices");

  for (xmlNodePtr n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
    {
      gboolean match;

      if (!is_bootable (n))
        continue;
      if (g_strcmp0 (dev, "network") == 0)
        match = xmlStrcmp (n->name, (const xmlChar *) "interface") == 0;
      else if (xmlStrcmp (n->name, (const xmlChar *) "disk") != 0)
        match = FALSE;
      else if (g_strcmp0 (dev, "hd") == 0)
        {
          g_autofree char *device = hgr_xml_get (n, "device");

          match = device == NULL || g_str_equal (device, "disk");
        }
      else
        match = hgr_xml_is (n, "device", g_strcmp0 (dev, "fd") == 0 ? "floppy" : dev);
      if (match)
        return device_key (n);
    }
  return NULL;
}

static char *
read_order (xmlNodePtr domain)
{
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  xmlNodePtr devices = hgr_xml_child (domain, "devices");

  for (xmlNodePtr n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
    {
      Entry entry = { 0 };

      if (!is_bootable (n) || !hgr_xml_get_uint (hgr_xml_child (n, "boot"), "order", &entry.order))
        continue;
      entry.key = device_key (n);
      if (entry.key != NULL)
        g_array_append_val (entries, entry);
    }
  if (entries->len > 0)
    {
      qsort (entries->data, entries->len, sizeof (Entry), compare_entries);
      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (keys, g_array_index (entries, Entry, i).key);
    }
  else
    for (xmlNodePtr boot = hgr_xml_path (domain, "os/boot"); boot != NULL; boot = hgr_xml_next (boot, "boot"))
      {
        g_autofree char *dev = hgr_xml_get (boot, "dev");
        char            *key = first_of_kind (domain, dev);

        if (key != NULL && !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
          g_ptr_array_add (keys, key);
        else
          g_free (key);
      }
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (",", (GStrv) keys->pdata);
}

static gboolean
hgr_config_boot_load (HgrConfigPart *part,
                      xmlNodePtr     domain,
                      GError       **error)
{
  xmlNodePtr       os = hgr_xml_child (domain, "os");
  g_autofree char *order = read_order (domain);
  g_autofree char *kernel = hgr_xml_get_text (hgr_xml_child (os, "kernel"));
  g_autofree char *initrd = hgr_xml_get_text (hgr_xml_child (os, "initrd"));
  g_autofree char *cmdline = hgr_xml_get_text (hgr_xml_child (os, "cmdline"));

  g_object_set (part,
                "order", order,
                "menu", hgr_xml_is (hgr_xml_child (os, "bootmenu"), "enable", "yes"),
                "kernel", kernel,
                "initrd", initrd,
                "cmdline", cmdline,
                NULL);
  return TRUE;
}

static gboolean
hgr_config_boot_validate (HgrConfigPart         *part,
                          xmlNodePtr             domain,
                          const HgrConfigLimits *limits,
                          GError               **error)
{
  HgrConfigBoot *self = HGR_CONFIG_BOOT (part);
  xmlNodePtr     devices = hgr_xml_child (domain, "devices");

  if (hgr_config_part_changed (part, "order"))
    {
      if (self->order == NULL || *self->order == '\0')
        {
          g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Choose at least one device to boot from."));
          return FALSE;
        }
      for (xmlNodePtr n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
        if (n->type == XML_ELEMENT_NODE && !is_bootable (n) && hgr_xml_child (n, "boot") != NULL)
          {
            g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                         _ ("This guest also boots from a <%s> device: change its boot order in the XML."), (const char *) n->name);
            return FALSE;
          }
    }
  if (self->kernel != NULL && !g_path_is_absolute (self->kernel))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” is not an absolute path on the host."), self->kernel);
      return FALSE;
    }
  if (self->initrd != NULL && !g_path_is_absolute (self->initrd))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” is not an absolute path on the host."), self->initrd);
      return FALSE;
    }
  if (self->kernel == NULL && (self->initrd != NULL || self->cmdline != NULL))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("An initrd or kernel arguments need a kernel."));
      return FALSE;
    }
  return TRUE;
}

static void
apply_order (HgrConfigBoot *self,
             xmlNodePtr     domain)
{
  xmlNodePtr devices = hgr_xml_child (domain, "devices");
  g_auto (GStrv) keys = hgr_config_boot_dup_order (self);
  guint position = 0;

  hgr_xml_remove_children (hgr_xml_child (domain, "os"), "boot");
  for (xmlNodePtr n = devices != NULL ? devices->children : NULL; n != NULL; n = n->next)
    if (is_bootable (n))
      hgr_xml_remove_children (n, "boot");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      xmlNodePtr device = find_device (domain, keys[i]);

      /* A device the same Apply adds gets its place on the next one. */
      if (device != NULL)
        hgr_xml_set_uint (hgr_xml_append (device, "boot"), "order", ++position);
    }
}

static void
set_os_text (xmlNodePtr  domain,
             const char *name,
             const char *text)
{
  xmlNodePtr os = hgr_xml_ensure (domain, "os");

  if (text == NULL)
    hgr_xml_remove_children (os, name);
  else
    hgr_xml_set_text (hgr_xml_ensure (os, name), text);
}

static gboolean
hgr_config_boot_apply (HgrConfigPart *part,
                       xmlNodePtr     domain,
                       GError       **error)
{
  HgrConfigBoot *self = HGR_CONFIG_BOOT (part);

  if (hgr_config_part_changed (part, "order"))
    apply_order (self, domain);
  if (hgr_config_part_changed (part, "menu"))
    {
      xmlNodePtr os = hgr_xml_ensure (domain, "os");
      xmlNodePtr menu = hgr_xml_child (os, "bootmenu");

      if (menu != NULL || self->menu)
        hgr_xml_set (menu != NULL ? menu : hgr_xml_append (os, "bootmenu"), "enable", self->menu ? "yes" : "no");
    }
  if (hgr_config_part_changed (part, "kernel"))
    set_os_text (domain, "kernel", self->kernel);
  if (hgr_config_part_changed (part, "initrd"))
    set_os_text (domain, "initrd", self->initrd);
  if (hgr_config_part_changed (part, "cmdline"))
    set_os_text (domain, "cmdline", self->cmdline);
  return TRUE;
}

static void
hgr_config_boot_finalize (GObject *object)
{
  HgrConfigBoot *self = HGR_CONFIG_BOOT (object);

  g_free (self->order);
  g_free (self->kernel);
  g_free (self->initrd);
  g_free (self->cmdline);
  G_OBJECT_CLASS (hgr_config_boot_parent_class)->finalize (object);
}

static char **
string_field (HgrConfigBoot *self,
              guint          prop_id)
{
  switch (prop_id)
    {
    case PROP_ORDER:
      return &self->order;
    case PROP_KERNEL:
      return &self->kernel;
    case PROP_INITRD:
      return &self->initrd;
    case PROP_CMDLINE:
      return &self->cmdline;
    default:
      return NULL;
    }
}

static void
hgr_config_boot_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HgrConfigBoot *self = HGR_CONFIG_BOOT (object);
  char         **string = string_field (self, prop_id);

  if (string != NULL)
    g_value_set_string (value, *string);
  else if (prop_id == PROP_MENU)
    g_value_set_boolean (value, self->menu);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hgr_config_boot_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HgrConfigBoot *self = HGR_CONFIG_BOOT (object);
  char         **string = string_field (self, prop_id);
  gboolean       changed;

  if (string != NULL)
    {
      const char *text = g_value_get_string (value);

      changed = hgr_set_str (string, text != NULL && *text != '\0' ? text : NULL);
    }
  else if (prop_id == PROP_MENU)
    {
      changed = self->menu != g_value_get_boolean (value);
      self->menu = g_value_get_boolean (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
hgr_config_boot_class_init (HgrConfigBootClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);
  const GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_config_boot_finalize;
  object_class->get_property = hgr_config_boot_get_property;
  object_class->set_property = hgr_config_boot_set_property;
  part_class->load = hgr_config_boot_load;
  part_class->validate = hgr_config_boot_validate;
  part_class->apply = hgr_config_boot_apply;

  /* Device keys, comma-separated, first boots first */
  properties[PROP_ORDER] = g_param_spec_string ("order", NULL, NULL, NULL, flags);
  properties[PROP_MENU] = g_param_spec_boolean ("menu", NULL, NULL, FALSE, flags);
  properties[PROP_KERNEL] = g_param_spec_string ("kernel", NULL, NULL, NULL, flags);
  properties[PROP_INITRD] = g_param_spec_string ("initrd", NULL, NULL, NULL, flags);
  properties[PROP_CMDLINE] = g_param_spec_string ("cmdline", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_boot_init (HgrConfigBoot *self)
{
  hgr_config_part_set_key (HGR_CONFIG_PART (self), "boot");
  hgr_config_part_set_title (HGR_CONFIG_PART (self), _ ("Boot"));
}

HgrConfigPart *
hgr_config_boot_new (void)
{
  return g_object_new (HGR_TYPE_CONFIG_BOOT, NULL);
}

/* The order as device keys; empty when none is set. */
GStrv
hgr_config_boot_dup_order (HgrConfigBoot *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_BOOT (self), NULL);
  if (self->order == NULL)
    return g_new0 (char *, 1);
  return g_strsplit (self->order, ",", -1);
}

void
hgr_config_boot_set_order (HgrConfigBoot     *self,
                           const char *const *keys)
{
  g_autofree char *order = NULL;

  g_return_if_fail (HGR_IS_CONFIG_BOOT (self));
  order = g_strjoinv (",", (GStrv) keys);
  g_object_set (self, "order", order, NULL);
}
