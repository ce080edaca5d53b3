/* hgr-domain-config.c — a guest's configuration: one libxml2 document and the parts read from it
 *
 * The document is the guest's inactive XML as libvirt gave it (read with
 * VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE by the caller). Parts are
 * views: they read it once, keep the user's edits, and write only what
 * changed into a document when applied. Applying never happens on this
 * document: the apply worker re-reads the guest's XML and replays the changes
 * there (hgr_config_apply_changes()), so that what someone else changed
 * meanwhile survives.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-domain-config.h"

#include <glib/gi18n.h>

#include "hgr-config-boot.h"
#include "hgr-config-cpu.h"
#include "hgr-config-disk.h"
#include "hgr-config-memory.h"
#include "hgr-config-nic.h"
#include "hgr-config-overview.h"
#include "hgr-config-xml.h"
#include "hgr-error.h"

struct _HgrDomainConfig
{
  GObject parent_instance;

  char       *xml;
  xmlDocPtr   doc;
  GListStore *parts;
  guint       n_modified;

  HgrConfigLimits limits;
  GStrv           pending_removals; /* titles of devices the running guest still has */
  gboolean        secure;           /* read with the guest's secrets: may be written back */
};

G_DEFINE_FINAL_TYPE (HgrDomainConfig, hgr_domain_config, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
part_modified_changed (HgrConfigPart   *part,
                       GParamSpec      *pspec,
                       HgrDomainConfig *self)
{
  gboolean was = self->n_modified > 0;

  if (hgr_config_part_get_modified (part))
    self->n_modified++;
  else
    self->n_modified--;
  if (was != (self->n_modified > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
watch_part (HgrDomainConfig *self,
            HgrConfigPart   *part)
{
  if (hgr_config_part_get_modified (part))
    part_modified_changed (part, NULL, self);
  g_signal_connect_object (part, "notify::modified", G_CALLBACK (part_modified_changed), self, 0);
}

static gboolean
add_loaded (HgrDomainConfig *self,
            HgrConfigPart   *part,
            GError         **error)
{
  g_autoptr (HgrConfigPart) owned = part;

  if (!hgr_config_part_load (part, xmlDocGetRootElement (self->doc), error))
    return FALSE;
  g_list_store_append (self->parts, part);
  watch_part (self, part);
  return TRUE;
}

static gboolean
read_parts (HgrDomainConfig *self,
            gboolean         autostart,
            GError         **error)
{
  xmlNodePtr domain = xmlDocGetRootElement (self->doc);
  xmlNodePtr devices = hgr_xml_child (domain, "devices");
  guint      index = 0;

  if (!add_loaded (self, hgr_config_overview_new (autostart), error) || !add_loaded (self, hgr_config_cpu_new (), error) ||
      !add_loaded (self, hgr_config_memory_new (), error) || !add_loaded (self, hgr_config_boot_new (), error))
    return FALSE;
  for (xmlNodePtr disk = hgr_xml_child (devices, "disk"); disk != NULL; disk = hgr_xml_next (disk, "disk"))
    {
      g_autofree char *target = hgr_xml_get (hgr_xml_child (disk, "target"), "dev");

      if (target != NULL && !add_loaded (self, hgr_config_disk_new (target), error))
        return FALSE;
    }
  for (xmlNodePtr nic = hgr_xml_child (devices, "interface"); nic != NULL; nic = hgr_xml_next (nic, "interface"), index++)
    {
      g_autofree char *mac = hgr_xml_get (hgr_xml_child (nic, "mac"), "address");
      g_autofree char *position = g_strdup_printf ("#%u", index);

      if (!add_loaded (self, hgr_config_nic_new (mac != NULL ? mac : position), error))
        return FALSE;
    }
  return TRUE;
}

static void
hgr_domain_config_finalize (GObject *object)
{
  HgrDomainConfig *self = HGR_DOMAIN_CONFIG (object);

  g_clear_object (&self->parts);
  g_clear_pointer (&self->doc, xmlFreeDoc);
  g_free (self->xml);
  hgr_config_limits_clear (&self->limits);
  g_strfreev (self->pending_removals);
  G_OBJECT_CLASS (hgr_domain_config_parent_class)->finalize (object);
}

static void
hgr_domain_config_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HgrDomainConfig *self = HGR_DOMAIN_CONFIG (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, hgr_domain_config_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_domain_config_class_init (HgrDomainConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hgr_domain_config_finalize;
  object_class->get_property = hgr_domain_config_get_property;

  /* Any part has an edit not applied yet */
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_domain_config_init (HgrDomainConfig *self)
{
  self->parts = g_list_store_new (HGR_TYPE_CONFIG_PART);
}

/**
 * hgr_domain_config_new:
 * @xml: a `<domain>` document
 * @autostart: whether the guest starts with its host (not in the XML)
 * @error: why @xml is not a guest's configuration
 *
 * Returns: (transfer full) (nullable): the configuration and its parts
 */
HgrDomainConfig *
hgr_domain_config_new (const char *xml,
                       gboolean    autostart,
                       GError    **error)
{
  g_autoptr (HgrDomainConfig) self = g_object_new (HGR_TYPE_DOMAIN_CONFIG, NULL);
  xmlNodePtr root;

  g_return_val_if_fail (xml != NULL, NULL);

  self->doc = hgr_xml_parse (xml, error);
  if (self->doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (self->doc);
  if (xmlStrcmp (root->name, (const xmlChar *) "domain") != 0)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("This is a <%s> document, not a guest’s <domain>."), (const char *) root->name);
      return NULL;
    }
  self->xml = g_strdup (xml);
  if (!read_parts (self, autostart, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The XML the configuration was read from. */
const char *
hgr_domain_config_get_xml (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  return self->xml;
}

/* The `<domain>` element, for new parts that need to see the others (free targets, MACs). */
xmlNodePtr
hgr_domain_config_get_root (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  return xmlDocGetRootElement (self->doc);
}

/* Overview, CPU, memory, boot, then each disk and drive, then each NIC. */
GListModel *
hgr_domain_config_get_parts (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  return G_LIST_MODEL (self->parts);
}

HgrConfigPart *
hgr_domain_config_find_part (HgrDomainConfig *self,
                             const char      *key)
{
  guint n;

  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->parts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

      if (g_strcmp0 (hgr_config_part_get_key (part), key) == 0)
        return part;
    }
  return NULL;
}

/* Adds a new device's part (hgr_config_disk_new_added()…) after the others of its kind. */
void
hgr_domain_config_add_part (HgrDomainConfig *self,
                            HgrConfigPart   *part)
{
  guint n, position;

  g_return_if_fail (HGR_IS_DOMAIN_CONFIG (self));
  g_return_if_fail (hgr_config_part_get_added (part));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->parts));
  position = n;
  if (HGR_IS_CONFIG_DISK (part))
    for (guint i = 0; i < n; i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

        if (HGR_IS_CONFIG_NIC (item))
          {
            position = i;
            break;
          }
      }
  g_list_store_insert (self->parts, position, part);
  watch_part (self, part);
}

/* What the host allows, as the reader found it; zeros where unknown. */
const HgrConfigLimits *
hgr_domain_config_get_limits (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  return &self->limits;
}

void
hgr_domain_config_set_limits (HgrDomainConfig       *self,
                              const HgrConfigLimits *limits)
{
  g_return_if_fail (HGR_IS_DOMAIN_CONFIG (self));
  hgr_config_limits_clear (&self->limits);
  self->limits = *limits;
  self->limits.cpu_models = g_strdupv (limits->cpu_models);
  self->limits.networks = g_strdupv (limits->networks);
  self->limits.path_exists = NULL;
  self->limits.path_data = NULL;
}

/* Whether the XML was read with its secrets (VNC passwords…): only such XML may be defined back. */
gboolean
hgr_domain_config_get_secure (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), FALSE);
  return self->secure;
}

void
hgr_domain_config_set_secure (HgrDomainConfig *self,
                              gboolean         secure)
{
  g_return_if_fail (HGR_IS_DOMAIN_CONFIG (self));
  self->secure = secure;
}

gboolean
hgr_domain_config_get_modified (HgrDomainConfig *self)
{
  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), FALSE);
  return self->n_modified > 0;
}

/* Every part back to what was read; added devices go. */
void
hgr_domain_config_revert (HgrDomainConfig *self)
{
  g_return_if_fail (HGR_IS_DOMAIN_CONFIG (self));

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->parts)); i-- > 0;)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

      if (hgr_config_part_get_added (part))
        {
          g_signal_handlers_disconnect_by_data (part, self);
          self->n_modified--;
          g_list_store_remove (self->parts, i);
        }
      else
        hgr_config_part_revert (part);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * hgr_domain_config_dup_changes:
 * @self: a configuration
 *
 * Copies of the modified parts, in order, for the apply worker.
 *
 * Returns: (transfer full) (element-type HgrConfigPart): the copies
 */
GPtrArray *
hgr_domain_config_dup_changes (HgrDomainConfig *self)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (g_object_unref);
  guint      n = g_list_model_get_n_items (G_LIST_MODEL (self->parts));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);

      if (hgr_config_part_get_modified (part))
        g_ptr_array_add (changes, hgr_config_part_dup (part));
    }
  return changes;
}

/**
 * hgr_domain_config_mark_pending:
 * @self: a guest's inactive configuration
 * @live: (nullable): its running configuration; %NULL when it is not running
 *
 * Marks each part whose values the running guest does not have yet: these
 * take effect after the guest shuts down.
 */
void
hgr_domain_config_mark_pending (HgrDomainConfig *self,
                                HgrDomainConfig *live)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->parts));
  g_autoptr (GStrvBuilder) removals = g_strv_builder_new ();

  /* A device gone from the configuration that the running guest still has
   * (e.g. a PCI unplug the guest has not agreed to yet). */
  for (guint i = 0; live != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (live->parts)); i++)
    {
      g_autoptr (HgrConfigPart) live_part = g_list_model_get_item (G_LIST_MODEL (live->parts), i);

      if (hgr_domain_config_find_part (self, hgr_config_part_get_key (live_part)) == NULL)
        g_strv_builder_add (removals, hgr_config_part_get_title (live_part));
    }
  g_strfreev (self->pending_removals);
  self->pending_removals = g_strv_builder_end (removals);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (G_LIST_MODEL (self->parts), i);
      HgrConfigPart *live_part = live != NULL ? hgr_domain_config_find_part (live, hgr_config_part_get_key (part)) : NULL;

      hgr_config_part_set_pending (part, live != NULL && (live_part == NULL || !hgr_config_part_same_as_live (part, live_part)));
    }
}

/**
 * hgr_config_limits_read_domain_capabilities:
 * @limits: limits to fill
 * @xml: what virConnectGetDomainCapabilities() returned
 *
 * Takes the most vCPUs a guest may have and the named CPU models the host
 * can run from the host's domain capabilities.
 */
void
hgr_config_limits_read_domain_capabilities (HgrConfigLimits *limits,
                                            const char      *xml)
{
  g_autoptr (xmlDoc) doc = hgr_xml_parse (xml, NULL);
  g_autoptr (GPtrArray) models = g_ptr_array_new_with_free_func (g_free);
  xmlNodePtr root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  guint64    max = 0;

  if (root == NULL)
    return;
  if (hgr_xml_get_uint (hgr_xml_child (root, "vcpu"), "max", &max) && max <= G_MAXUINT)
    limits->max_vcpus = (guint) max;
  for (xmlNodePtr mode = hgr_xml_path (root, "cpu/mode"); mode != NULL; mode = hgr_xml_next (mode, "mode"))
    {
      if (!hgr_xml_is (mode, "name", "custom") || !hgr_xml_is (mode, "supported", "yes"))
        continue;
      for (xmlNodePtr model = hgr_xml_child (mode, "model"); model != NULL; model = hgr_xml_next (model, "model"))
        if (!hgr_xml_is (model, "usable", "no"))
          g_ptr_array_add (models, hgr_xml_get_text (model));
    }
  if (models->len == 0)
    return;
  g_ptr_array_add (models, NULL);
  g_strfreev (limits->cpu_models);
  limits->cpu_models = (GStrv) g_ptr_array_free (g_steal_pointer (&models), FALSE);
}

void
hgr_config_limits_clear (HgrConfigLimits *limits)
{
  g_clear_pointer (&limits->cpu_models, g_strfreev);
  g_clear_pointer (&limits->networks, g_strfreev);
}

/* Devices removed from the configuration that the running guest still has, by title. */
const char *const *
hgr_domain_config_get_pending_removals (HgrDomainConfig *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (HGR_IS_DOMAIN_CONFIG (self), NULL);
  return self->pending_removals != NULL ? (const char *const *) self->pending_removals : none;
}

/**
 * hgr_config_apply_changes:
 * @domain: the `<domain>` element of a freshly read document
 * @parts: (element-type HgrConfigPart): the changed parts, in order
 * @limits: (nullable): what the host allows
 * @error: the first part's message that refused, or why a part's node is gone
 *
 * Validates each part against the document as the parts before it left it,
 * then applies it. On failure the document is half-changed: throw it away.
 *
 * Returns: whether every part applied
 */
gboolean
hgr_config_apply_changes (xmlNodePtr             domain,
                          GPtrArray             *parts,
                          const HgrConfigLimits *limits,
                          GError               **error)
{
  for (guint i = 0; i < parts->len; i++)
    {
      HgrConfigPart *part = g_ptr_array_index (parts, i);

      if (!hgr_config_part_validate (part, domain, limits, error))
        {
          g_prefix_error (error, "%s: ", hgr_config_part_get_title (part));
          return FALSE;
        }
      if (!hgr_config_part_apply (part, domain, error))
        return FALSE;
    }
  return TRUE;
}
