/* hgr-details-nic.c — the Details section for one network interface: source, model, MAC, link, removal
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-nic.h"

#include <glib/gi18n.h>

#include "hgr-config-nic.h"
#include "hgr-details-rows.h"

struct _HgrDetailsNic
{
  AdwBin parent_instance;

  HgrConfigPart   *part;
  HgrDomainConfig *config;
  GtkWidget       *source_row;
  GtkWidget       *network_row; /* a choice of the host's networks, when it listed them */
};

G_DEFINE_FINAL_TYPE (HgrDetailsNic, hgr_details_nic, ADW_TYPE_BIN)

static void
type_changed_cb (HgrDetailsNic *self)
{
  g_autofree char *type = NULL;
  const char      *title;

  g_object_get (self->part, "type", &type, NULL);
  if (g_strcmp0 (type, "bridge") == 0)
    title = _ ("Bridge");
  else if (g_strcmp0 (type, "direct") == 0)
    title = _ ("Host Interface");
  else
    title = _ ("Virtual Network");
  gtk_widget_set_visible (self->source_row, g_strcmp0 (type, "user") != 0 &&
                                              (self->network_row == NULL || g_strcmp0 (type, "network") != 0));
  if (self->network_row != NULL)
    gtk_widget_set_visible (self->network_row, g_strcmp0 (type, "network") == 0);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->source_row), title);
}

static void
generate_clicked_cb (HgrDetailsNic *self)
{
  g_autofree char *mac = hgr_config_nic_generate_mac (hgr_domain_config_get_root (self->config));

  g_object_set (self->part, "mac", mac, NULL);
}

static void
hgr_details_nic_dispose (GObject *object)
{
  HgrDetailsNic *self = HGR_DETAILS_NIC (object);

  if (self->part != NULL)
    g_signal_handlers_disconnect_by_data (self->part, self);
  g_clear_object (&self->part);
  g_clear_object (&self->config);
  G_OBJECT_CLASS (hgr_details_nic_parent_class)->dispose (object);
}

static void
hgr_details_nic_class_init (HgrDetailsNicClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_nic_dispose;
}

static void
hgr_details_nic_init (HgrDetailsNic *self)
{
}

GtkWidget *
hgr_details_nic_new (HgrConfigPart   *part,
                     HgrDomainConfig *config)
{
  static const char *const types[] = { "network", "bridge", "direct", "user", NULL };
  const char *const        type_labels[] = { _ ("Virtual network"), _ ("Bridge"), _ ("Host interface (macvtap)"),
                                             _ ("User networking (no host setup)"), NULL };
  static const char *const models[] = { "virtio", "e1000e", "rtl8139", NULL };
  const char *const        model_labels[] = { _ ("VirtIO"), _ ("Intel e1000e"), _ ("Realtek RTL8139"), NULL };
  HgrDetailsNic           *self = g_object_new (HGR_TYPE_DETAILS_NIC, NULL);
  GStrv                    networks = hgr_domain_config_get_limits (config)->networks;
  GtkWidget               *page = adw_preferences_page_new ();
  GtkWidget               *group;
  GtkWidget               *mac;
  GtkWidget               *generate;

  self->part = g_object_ref (part);
  self->config = g_object_ref (config);
  group = hgr_details_group (page, _ ("Connection"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_combo_row (_ ("Type"), NULL, part, "type", types, type_labels));
  self->source_row = hgr_details_entry_row (_ ("Virtual Network"), NULL, part, "source");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->source_row);
  if (networks != NULL && networks[0] != NULL)
    {
      self->network_row = hgr_details_combo_row (_ ("Virtual Network"), NULL, part, "source", (const char *const *) networks,
                                                 (const char *const *) networks);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->network_row);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_switch_row (_ ("Connected"), _ ("The cable is plugged in; changes at once on a running guest"),
                                                     part, "link-up"));

  group = hgr_details_group (page, _ ("Device"), _ ("Takes effect after the guest shuts down."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_combo_row (_ ("Model"), NULL, part, "model", models, model_labels));
  mac = hgr_details_entry_row (_ ("MAC Address"), NULL, part, "mac");
  generate = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_valign (generate, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (generate, _ ("Generate a New Address"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (generate), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Generate a New Address"), -1);
  g_signal_connect_swapped (generate, "clicked", G_CALLBACK (generate_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (mac), generate);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), mac);

  group = hgr_details_group (page, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_remove_row (part, _ ("Remove This Interface")));

  g_signal_connect_swapped (part, "notify::type", G_CALLBACK (type_changed_cb), self);
  type_changed_cb (self);
  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
