/* hgr-details-sidebar.c — the Details view's hardware list: a row per part (icon, title, state) and the XML
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-sidebar.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-config-boot.h"
#include "hgr-config-cpu.h"
#include "hgr-config-disk.h"
#include "hgr-config-memory.h"
#include "hgr-config-nic.h"
#include "hgr-config-overview.h"
#include "hgr-details-boot.h"
#include "hgr-details-cpu.h"
#include "hgr-details-disk.h"
#include "hgr-details-memory.h"
#include "hgr-details-nic.h"
#include "hgr-details-overview.h"
#include "hgr-details-xml.h"

static const char *
part_icon (HgrConfigPart *part)
{
  if (HGR_IS_CONFIG_OVERVIEW (part))
    return "computer-symbolic";
  if (HGR_IS_CONFIG_CPU (part))
    return "system-run-symbolic";
  if (HGR_IS_CONFIG_MEMORY (part))
    return "media-flash-symbolic";
  if (HGR_IS_CONFIG_BOOT (part))
    return "system-reboot-symbolic";
  if (HGR_IS_CONFIG_DISK (part))
    return hgr_config_disk_is_removable (HGR_CONFIG_DISK (part)) ? "media-optical-symbolic" : "drive-harddisk-symbolic";
  return "network-wired-symbolic";
}

/* What the row says under the title: its state first, else its source. */
static char *
part_subtitle (HgrConfigPart *part)
{
  g_autofree char *source = NULL;

  if (hgr_config_part_get_removed (part))
    return g_strdup (_ ("Removed on Apply"));
  if (hgr_config_part_get_added (part))
    return g_strdup (_ ("New, not applied"));
  if (hgr_config_part_get_modified (part))
    return g_strdup (_ ("Changed, not applied"));
  if (hgr_config_part_get_pending (part))
    return g_strdup (_ ("Waits for a shut down"));
  if (HGR_IS_CONFIG_DISK (part) || HGR_IS_CONFIG_NIC (part))
    g_object_get (part, "source", &source, NULL);
  if (HGR_IS_CONFIG_DISK (part) && source == NULL && hgr_config_disk_is_removable (HGR_CONFIG_DISK (part)))
    return g_strdup (_ ("Empty"));
  return g_steal_pointer (&source);
}

typedef struct
{
  GtkImage *icon;
  GtkLabel *title;
  GtkLabel *subtitle;
  GtkImage *pending;
} RowWidgets;

static void
update_row (GtkListItem *item)
{
  RowWidgets      *row = g_object_get_data (G_OBJECT (item), "hgr-row");
  GObject         *object = gtk_list_item_get_item (item);
  g_autofree char *subtitle = NULL;
  const char      *title;

  if (HGR_IS_CONFIG_PART (object))
    {
      HgrConfigPart *part = HGR_CONFIG_PART (object);

      title = hgr_config_part_get_title (part);
      subtitle = part_subtitle (part);
      gtk_image_set_from_icon_name (row->icon, part_icon (part));
      gtk_widget_set_visible (GTK_WIDGET (row->pending), hgr_config_part_get_pending (part) || hgr_config_part_get_modified (part));
      gtk_image_set_from_icon_name (row->pending, hgr_config_part_get_modified (part) ? "document-edit-symbolic" : "appointment-soon-symbolic");
    }
  else
    {
      title = _ ("XML");
      gtk_image_set_from_icon_name (row->icon, "text-x-generic-symbolic");
      gtk_widget_set_visible (GTK_WIDGET (row->pending), FALSE);
    }
  gtk_label_set_text (row->title, title);
  gtk_label_set_text (row->subtitle, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (row->subtitle), subtitle != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row->pending), subtitle);
  hgr_a11y_set_list_item_text (gtk_list_item_get_child (item), title, subtitle);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  RowWidgets *row = g_new0 (RowWidgets, 1);
  GtkWidget  *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget  *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  row->icon = GTK_IMAGE (gtk_image_new ());
  row->title = GTK_LABEL (gtk_label_new (NULL));
  row->subtitle = GTK_LABEL (gtk_label_new (NULL));
  row->pending = GTK_IMAGE (gtk_image_new ());
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (row->subtitle, 0);
  gtk_label_set_ellipsize (row->subtitle, PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (row->subtitle), "caption");
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->subtitle));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->icon));
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->pending));
  gtk_list_item_set_child (item, box);
  g_object_set_data_full (G_OBJECT (item), "hgr-row", row, g_free);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  GObject *object = gtk_list_item_get_item (item);

  if (HGR_IS_CONFIG_PART (object))
    g_signal_connect_swapped (object, "notify", G_CALLBACK (update_row), item);
  update_row (item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item)
{
  GObject *object = gtk_list_item_get_item (item);

  if (object != NULL)
    g_signal_handlers_disconnect_by_data (object, item);
}

/* Rows for the sidebar's items (HgrConfigPart, or the XML item). */
GtkListItemFactory *
hgr_details_sidebar_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  return factory;
}

/**
 * hgr_details_section_new:
 * @item: a part of @config, or the XML item
 *
 * Returns: (transfer floating): the section that edits @item
 */
GtkWidget *
hgr_details_section_new (GObject         *item,
                         HgrGuest        *guest,
                         HgrDomainConfig *config,
                         GSettings       *settings)
{
  HgrConfigPart *part = HGR_IS_CONFIG_PART (item) ? HGR_CONFIG_PART (item) : NULL;

  if (part == NULL)
    return hgr_details_xml_new (config, settings);
  if (HGR_IS_CONFIG_OVERVIEW (part))
    return hgr_details_overview_new (part, config);
  if (HGR_IS_CONFIG_CPU (part))
    return hgr_details_cpu_new (part, config);
  if (HGR_IS_CONFIG_MEMORY (part))
    return hgr_details_memory_new (part, config);
  if (HGR_IS_CONFIG_BOOT (part))
    return hgr_details_boot_new (part, config);
  if (HGR_IS_CONFIG_DISK (part))
    return hgr_details_disk_new (part, config);
  return hgr_details_nic_new (part, config);
}
