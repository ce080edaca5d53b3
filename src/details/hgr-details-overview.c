/* hgr-details-overview.c — the Details section for a guest's name, title, description and autostart
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-overview.h"

#include <glib/gi18n.h>

#include "hgr-config-overview.h"
#include "hgr-details-rows.h"

struct _HgrDetailsOverview
{
  AdwBin parent_instance;

  HgrConfigPart *part;
};

G_DEFINE_FINAL_TYPE (HgrDetailsOverview, hgr_details_overview, ADW_TYPE_BIN)

static void
hgr_details_overview_dispose (GObject *object)
{
  HgrDetailsOverview *self = HGR_DETAILS_OVERVIEW (object);

  g_clear_object (&self->part);
  G_OBJECT_CLASS (hgr_details_overview_parent_class)->dispose (object);
}

static void
hgr_details_overview_class_init (HgrDetailsOverviewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_overview_dispose;
}

static void
hgr_details_overview_init (HgrDetailsOverview *self)
{
}

GtkWidget *
hgr_details_overview_new (HgrConfigPart   *part,
                          HgrDomainConfig *config)
{
  HgrDetailsOverview *self = g_object_new (HGR_TYPE_DETAILS_OVERVIEW, NULL);
  HgrConfigOverview  *overview = HGR_CONFIG_OVERVIEW (part);
  GtkWidget          *page = adw_preferences_page_new ();
  GtkWidget          *group;
  GtkWidget          *name;

  self->part = g_object_ref (part);
  group = hgr_details_group (page, _ ("General"), NULL);
  name = hgr_details_entry_row (_ ("Name"), _ ("Can be changed while the guest is shut off"), part, "name");
  gtk_widget_set_sensitive (name, !hgr_domain_config_get_limits (config)->guest_active);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), name);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_entry_row (_ ("Title"), NULL, part, "guest-title"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_entry_row (_ ("Description"), NULL, part, "description"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_switch_row (_ ("Autostart"), _ ("Runs when the host starts"), part, "autostart"));

  group = hgr_details_group (page, _ ("System"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_info_row (_ ("Firmware"), hgr_config_overview_get_firmware (overview)));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_info_row (_ ("Machine Type"), hgr_config_overview_get_machine (overview) != NULL
                                                                         ? hgr_config_overview_get_machine (overview)
                                                                         : _ ("Default")));
  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
