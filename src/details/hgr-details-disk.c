/* hgr-details-disk.c — the Details section for one disk or CD/DVD drive: media, bus, options, removal
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-disk.h"

#include <glib/gi18n.h>

#include "hgr-config-disk.h"
#include "hgr-details-rows.h"

struct _HgrDetailsDisk
{
  AdwBin parent_instance;

  HgrConfigPart *part;
  GtkWidget     *storage_row;
};

G_DEFINE_FINAL_TYPE (HgrDetailsDisk, hgr_details_disk, ADW_TYPE_BIN)

static void
removed_changed_cb (HgrDetailsDisk *self)
{
  if (self->storage_row != NULL)
    gtk_widget_set_visible (self->storage_row, hgr_config_part_get_removed (self->part));
}

static void
eject_clicked_cb (HgrDetailsDisk *self)
{
  g_object_set (self->part, "source", NULL, NULL);
}

static void
hgr_details_disk_dispose (GObject *object)
{
  HgrDetailsDisk *self = HGR_DETAILS_DISK (object);

  if (self->part != NULL)
    g_signal_handlers_disconnect_by_data (self->part, self);
  g_clear_object (&self->part);
  G_OBJECT_CLASS (hgr_details_disk_parent_class)->dispose (object);
}

static void
hgr_details_disk_class_init (HgrDetailsDiskClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_disk_dispose;
}

static void
hgr_details_disk_init (HgrDetailsDisk *self)
{
}

GtkWidget *
hgr_details_disk_new (HgrConfigPart   *part,
                      HgrDomainConfig *config)
{
  static const char *const disk_buses[] = { "virtio", "sata", "scsi", "usb", NULL };
  static const char *const drive_buses[] = { "sata", "scsi", "usb", "ide", NULL };
  const char *const        disk_bus_labels[] = { _ ("VirtIO"), _ ("SATA"), _ ("SCSI"), _ ("USB"), NULL };
  const char *const        drive_bus_labels[] = { _ ("SATA"), _ ("SCSI"), _ ("USB"), _ ("IDE"), NULL };
  static const char *const caches[] = { "", "none", "writeback", "writethrough", "directsync", "unsafe", NULL };
  const char *const        cache_labels[] = { _ ("Default"), _ ("None"), _ ("Write back"), _ ("Write through"), _ ("Direct sync"),
                                              _ ("Unsafe"), NULL };
  static const char *const discards[] = { "", "unmap", "ignore", NULL };
  const char *const        discard_labels[] = { _ ("Default"), _ ("Pass to the image"), _ ("Ignore"), NULL };
  HgrDetailsDisk          *self = g_object_new (HGR_TYPE_DETAILS_DISK, NULL);
  gboolean                 cdrom = hgr_config_disk_is_removable (HGR_CONFIG_DISK (part));
  GtkWidget               *page = adw_preferences_page_new ();
  GtkWidget               *group;
  GtkWidget               *source;

  self->part = g_object_ref (part);
  group = hgr_details_group (page, cdrom ? _ ("Media") : _ ("Storage"), NULL);
  source = hgr_details_entry_row (cdrom ? _ ("Image") : _ ("Source"), _ ("A path on the host, or pool/volume"), part, "source");
  if (cdrom)
    {
      GtkWidget *eject = gtk_button_new_from_icon_name ("media-eject-symbolic");

      gtk_widget_set_valign (eject, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (eject, _ ("Eject"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (eject), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Eject"), -1);
      g_signal_connect_swapped (eject, "clicked", G_CALLBACK (eject_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (source), eject);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), source);
  if (!cdrom && hgr_config_part_get_added (part))
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 hgr_details_entry_row (_ ("New Image in Pool"), _ ("A storage pool of the host; empty: use the source above"),
                                                        part, "new-pool"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 hgr_details_spin_row (_ ("New Image Size (GiB)"), NULL, part, "new-size", 1, 64 * 1024, 1024 * 1024 * 1024));
    }
  else if (!cdrom && g_value_get_uint64 (hgr_config_part_get_loaded (part, "size")) > 0)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               hgr_details_spin_row (_ ("Size (MiB)"), _ ("Can grow, not shrink; on a running guest at once"), part, "size", 1,
                                                     64.0 * 1024 * 1024, 1024 * 1024));
  if (!cdrom)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_combo_row (_ ("Source Type"), NULL, part, "source-type",
                                                                                     (const char *const[]){ "file", "block", "volume", NULL },
                                                                                     (const char *const[]){ _ ("File"), _ ("Block device"), _ ("Volume"), NULL }));

  group = hgr_details_group (page, _ ("Connection"), _ ("A new bus takes effect after the guest shuts down."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_combo_row (_ ("Bus"), NULL, part, "bus", cdrom ? drive_buses : disk_buses,
                                                    cdrom ? drive_bus_labels : disk_bus_labels));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_entry_row (_ ("Target"), _ ("The device name the guest sees, such as vdb"), part, "target"));

  if (!cdrom)
    {
      group = hgr_details_group (page, _ ("Options"), NULL);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_combo_row (_ ("Cache"), NULL, part, "cache", caches, cache_labels));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 hgr_details_combo_row (_ ("Discard"), _ ("What happens when the guest frees blocks"), part, "discard",
                                                        discards, discard_labels));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_switch_row (_ ("Read-Only"), NULL, part, "readonly"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 hgr_details_switch_row (_ ("Shareable"), _ ("Other guests may use it at the same time"), part, "shareable"));
    }

  group = hgr_details_group (page, NULL, NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_remove_row (part, cdrom ? _ ("Remove This Drive") : _ ("Remove This Disk")));
  if (!cdrom && !hgr_config_part_get_added (part))
    {
      self->storage_row = hgr_details_switch_row (_ ("Also Delete Its Storage"), _ ("The image is deleted from its pool; this cannot be undone"),
                                                  part, "remove-storage");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->storage_row);
    }
  g_signal_connect_swapped (part, "notify::removed", G_CALLBACK (removed_changed_cb), self);
  removed_changed_cb (self);

  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
