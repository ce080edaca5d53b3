/* hgr-config-memory.c — a guest's memory: maximum and current allocation, current live through the balloon
 *
 * Owns <memory> and <currentMemory> (value and unit); never <maxMemory>
 * (memory hot-plug), <memoryBacking> or NUMA cells.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-memory.h"

#include <glib/gi18n.h>

#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-libvirt.h"

struct _HgrConfigMemory
{
  HgrConfigPart parent_instance;

  guint64  memory;  /* bytes */
  guint64  current; /* bytes */
  gboolean numa;    /* NUMA cells set the total: <memory> is not ours to change */
};

G_DEFINE_FINAL_TYPE (HgrConfigMemory, hgr_config_memory, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_MEMORY,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
hgr_config_memory_load (HgrConfigPart *part,
                        xmlNodePtr     domain,
                        GError       **error)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (part);
  xmlNodePtr       memory = hgr_xml_child (domain, "memory");
  xmlNodePtr       current = hgr_xml_child (domain, "currentMemory");
  guint64          memory_bytes = 0, current_bytes = 0;

  if (memory != NULL && !hgr_xml_get_size (memory, &memory_bytes, error))
    return FALSE;
  if (current != NULL && !hgr_xml_get_size (current, &current_bytes, error))
    return FALSE;
  self->numa = hgr_xml_path (domain, "cpu/numa/cell") != NULL;
  g_object_set (self, "memory", memory_bytes, "current", current != NULL ? current_bytes : memory_bytes, NULL);
  return TRUE;
}

static gboolean
hgr_config_memory_validate (HgrConfigPart         *part,
                            xmlNodePtr             domain,
                            const HgrConfigLimits *limits,
                            GError               **error)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (part);
  g_autofree char *memory = g_format_size_full (self->memory, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *current = g_format_size_full (self->current, G_FORMAT_SIZE_IEC_UNITS);

  if (self->memory == 0 || self->current == 0)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest needs some memory: enter a size above 0."));
      return FALSE;
    }
  if (self->numa && hgr_config_part_changed (part, "memory"))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("This guest’s maximum memory is the sum of its NUMA cells: change the cells in the XML."));
      return FALSE;
    }
  if (limits->host_memory != 0 && self->memory > limits->host_memory)
    {
      g_autofree char *host = g_format_size_full (limits->host_memory, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("The maximum memory (%s) is more than the host has (%s)."), memory, host);
      return FALSE;
    }
  if (self->current > self->memory)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("The current memory (%s) is above the maximum (%s): raise the maximum first."), current, memory);
      return FALSE;
    }
  return TRUE;
}

static gboolean
hgr_config_memory_apply (HgrConfigPart *part,
                         xmlNodePtr     domain,
                         GError       **error)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (part);
  xmlNodePtr       memory = hgr_xml_ensure (domain, "memory");

  if (hgr_config_part_changed (part, "memory"))
    hgr_xml_set_size_kib (memory, self->memory);
  if (hgr_config_part_changed (part, "current"))
    {
      xmlNodePtr current = hgr_xml_child (domain, "currentMemory");

      if (current == NULL)
        current = hgr_xml_insert_after (memory, "currentMemory");
      hgr_xml_set_size_kib (current, self->current);
    }
  return TRUE;
}

/* The balloon: only the current allocation changes on a running guest. */
static gboolean
hgr_config_memory_apply_live (HgrConfigPart *part,
                              xmlNodePtr     domain,
                              virDomainPtr   guest,
                              GError       **error)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (part);

  if (virDomainIsActive (guest) != 1 || !hgr_config_part_changed (part, "current"))
    return TRUE;
  if (virDomainSetMemoryFlags (guest, self->current / 1024, VIR_DOMAIN_AFFECT_LIVE) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The running guest’s memory could not be changed."));
      return FALSE;
    }
  return TRUE;
}

static void
hgr_config_memory_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (object);

  switch (prop_id)
    {
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_CURRENT:
      g_value_set_uint64 (value, self->current);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_config_memory_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HgrConfigMemory *self = HGR_CONFIG_MEMORY (object);
  guint64         *field;

  switch (prop_id)
    {
    case PROP_MEMORY:
      field = &self->memory;
      break;
    case PROP_CURRENT:
      field = &self->current;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field != g_value_get_uint64 (value))
    {
      *field = g_value_get_uint64 (value);
      g_object_notify_by_pspec (object, pspec);
    }
}

static void
hgr_config_memory_class_init (HgrConfigMemoryClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);

  object_class->get_property = hgr_config_memory_get_property;
  object_class->set_property = hgr_config_memory_set_property;
  part_class->load = hgr_config_memory_load;
  part_class->validate = hgr_config_memory_validate;
  part_class->apply = hgr_config_memory_apply;
  part_class->apply_live = hgr_config_memory_apply_live;

  /* Bytes; written back in KiB. */
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 0,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT] = g_param_spec_uint64 ("current", NULL, NULL, 0, G_MAXUINT64, 0,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_memory_init (HgrConfigMemory *self)
{
  hgr_config_part_set_key (HGR_CONFIG_PART (self), "memory");
  hgr_config_part_set_title (HGR_CONFIG_PART (self), _ ("Memory"));
}

HgrConfigPart *
hgr_config_memory_new (void)
{
  return g_object_new (HGR_TYPE_CONFIG_MEMORY, NULL);
}

guint64
hgr_config_memory_get_memory (HgrConfigMemory *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_MEMORY (self), 0);
  return self->memory;
}

guint64
hgr_config_memory_get_current (HgrConfigMemory *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_MEMORY (self), 0);
  return self->current;
}
