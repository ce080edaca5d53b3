/* hgr-details-memory.c — the Details section for a guest's memory
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-memory.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

#define MiB (1024 * 1024)

struct _HgrDetailsMemory
{
  AdwBin parent_instance;

  HgrConfigPart *part;
};

G_DEFINE_FINAL_TYPE (HgrDetailsMemory, hgr_details_memory, ADW_TYPE_BIN)

static void
hgr_details_memory_dispose (GObject *object)
{
  HgrDetailsMemory *self = HGR_DETAILS_MEMORY (object);

  g_clear_object (&self->part);
  G_OBJECT_CLASS (hgr_details_memory_parent_class)->dispose (object);
}

static void
hgr_details_memory_class_init (HgrDetailsMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_memory_dispose;
}

static void
hgr_details_memory_init (HgrDetailsMemory *self)
{
}

GtkWidget *
hgr_details_memory_new (HgrConfigPart   *part,
                        HgrDomainConfig *config)
{
  HgrDetailsMemory      *self = g_object_new (HGR_TYPE_DETAILS_MEMORY, NULL);
  const HgrConfigLimits *limits = hgr_domain_config_get_limits (config);
  GtkWidget             *page = adw_preferences_page_new ();
  GtkWidget             *group;
  g_autofree char       *host = NULL;
  double                 upper = 16 * 1024 * 1024; /* 16 TiB in MiB when the host does not say */

  self->part = g_object_ref (part);
  if (limits->host_memory != 0)
    {
      g_autofree char *size = g_format_size_full (limits->host_memory, G_FORMAT_SIZE_IEC_UNITS);

      /* Translators: %s is a size such as "8.0 GiB" */
      host = g_strdup_printf (_ ("The host has %s."), size);
    }
  group = hgr_details_group (page, _ ("Memory"), host);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_spin_row (_ ("Maximum (MiB)"), _ ("Takes effect after the guest shuts down"), part,
                                                   "memory", 1, upper, MiB));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_spin_row (_ ("Current (MiB)"), _ ("Changes at once on a running guest"), part,
                                                   "current", 1, upper, MiB));
  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
