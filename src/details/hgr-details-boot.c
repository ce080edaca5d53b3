/* hgr-details-boot.c — the Details section for how a guest boots: device order, menu, direct kernel boot
 *
 * The order is edited as a list of the guest's disks, drives and NICs: a
 * check box takes a device in or out, Move Up and Move Down reorder it.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-boot.h"

#include <glib/gi18n.h>

#include "hgr-config-boot.h"
#include "hgr-config-disk.h"
#include "hgr-config-nic.h"
#include "hgr-details-rows.h"

struct _HgrDetailsBoot
{
  AdwBin parent_instance;

  HgrConfigPart   *part;
  HgrDomainConfig *config;
  GtkWidget       *order_group;
  GPtrArray       *rows; /* the order group's rows, to rebuild it */
};

G_DEFINE_FINAL_TYPE (HgrDetailsBoot, hgr_details_boot, ADW_TYPE_BIN)

static void rebuild_order (HgrDetailsBoot *self);

/* Every bootable device: first those in the order, in it, then the others. */
static GPtrArray *
devices_in_order (HgrDetailsBoot *self,
                  GStrv           order)
{
  GPtrArray  *devices = g_ptr_array_new ();
  GListModel *parts = hgr_domain_config_get_parts (self->config);

  for (guint i = 0; order[i] != NULL; i++)
    {
      HgrConfigPart *part = hgr_domain_config_find_part (self->config, order[i]);

      if (part != NULL)
        g_ptr_array_add (devices, part);
    }
  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (parts, i);

      if ((HGR_IS_CONFIG_DISK (part) || HGR_IS_CONFIG_NIC (part)) && !hgr_config_part_get_added (part) &&
          !g_ptr_array_find (devices, part, NULL))
        g_ptr_array_add (devices, part);
    }
  return devices;
}

/* The rows are new: the keyboard focus goes back to the device's row. */
static void
set_order (HgrDetailsBoot *self,
           GPtrArray      *keys,
           const char     *focus_key)
{
  g_autofree char *key = g_strdup (focus_key);

  g_ptr_array_add (keys, NULL);
  hgr_config_boot_set_order (HGR_CONFIG_BOOT (self->part), (const char *const *) keys->pdata);
  rebuild_order (self);
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "hgr-key"), key) == 0)
        gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "hgr-check"));
    }
}

/* A device moved (by ±1) or turned on or off. */
static void
change_order (HgrDetailsBoot *self,
              const char     *key,
              int             move,
              gboolean        enabled)
{
  g_auto (GStrv) order = hgr_config_boot_dup_order (HGR_CONFIG_BOOT (self->part));
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  guint index;

  for (guint i = 0; order[i] != NULL; i++)
    g_ptr_array_add (keys, order[i]);
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, &index))
    {
      if (enabled)
        g_ptr_array_add (keys, (gpointer) key);
      set_order (self, keys, key);
      return;
    }
  if (!enabled)
    g_ptr_array_remove_index (keys, index);
  else if (move < 0 && index > 0)
    {
      keys->pdata[index] = keys->pdata[index - 1];
      keys->pdata[index - 1] = (gpointer) key;
    }
  else if (move > 0 && index + 1 < keys->len)
    {
      keys->pdata[index] = keys->pdata[index + 1];
      keys->pdata[index + 1] = (gpointer) key;
    }
  set_order (self, keys, key);
}

static void
check_toggled_cb (GtkCheckButton *check,
                  HgrDetailsBoot *self)
{
  change_order (self, g_object_get_data (G_OBJECT (check), "hgr-key"), 0, gtk_check_button_get_active (check));
}

static void
move_clicked_cb (GtkButton      *button,
                 HgrDetailsBoot *self)
{
  g_autofree char *key = g_strdup (g_object_get_data (G_OBJECT (button), "hgr-key"));

  change_order (self, key, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "hgr-move")), TRUE);
}

static GtkWidget *
move_button (HgrDetailsBoot *self,
             const char     *key,
             const char     *title,
             int             move)
{
  GtkWidget *button = gtk_button_new_from_icon_name (move < 0 ? "go-up-symbolic" : "go-down-symbolic");
  /* Translators: a button's name for screen readers: "Move Up: Disk vda" */
  g_autofree char *name = g_strdup_printf (move < 0 ? _ ("Move Up: %s") : _ ("Move Down: %s"), title);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, move < 0 ? _ ("Move Up") : _ ("Move Down"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data_full (G_OBJECT (button), "hgr-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (button), "hgr-move", GINT_TO_POINTER (move));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  return button;
}

static void
rebuild_order (HgrDetailsBoot *self)
{
  g_auto (GStrv) order = hgr_config_boot_dup_order (HGR_CONFIG_BOOT (self->part));
  g_autoptr (GPtrArray) devices = devices_in_order (self, order);
  guint n_order = g_strv_length (order);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self->order_group), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < devices->len; i++)
    {
      HgrConfigPart   *part = g_ptr_array_index (devices, i);
      const char      *key = hgr_config_part_get_key (part);
      const char      *title = hgr_config_part_get_title (part);
      gboolean         enabled = g_strv_contains ((const char *const *) order, key);
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *check = gtk_check_button_new ();
      g_autofree char *source = NULL;

      if (HGR_IS_CONFIG_DISK (part))
        g_object_get (part, "source", &source, NULL);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (source != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), source);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), enabled);
      g_object_set_data_full (G_OBJECT (check), "hgr-key", g_strdup (key), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      if (enabled)
        {
          GtkWidget *up = move_button (self, key, title, -1);
          GtkWidget *down = move_button (self, key, title, +1);

          gtk_widget_set_sensitive (up, i > 0);
          gtk_widget_set_sensitive (down, i + 1 < n_order);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
        }
      g_object_set_data_full (G_OBJECT (row), "hgr-key", g_strdup (key), g_free);
      g_object_set_data (G_OBJECT (row), "hgr-check", check);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->order_group), row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
hgr_details_boot_dispose (GObject *object)
{
  HgrDetailsBoot *self = HGR_DETAILS_BOOT (object);

  g_clear_object (&self->part);
  g_clear_object (&self->config);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (hgr_details_boot_parent_class)->dispose (object);
}

static void
hgr_details_boot_class_init (HgrDetailsBootClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_boot_dispose;
}

static void
hgr_details_boot_init (HgrDetailsBoot *self)
{
  self->rows = g_ptr_array_new ();
}

GtkWidget *
hgr_details_boot_new (HgrConfigPart   *part,
                      HgrDomainConfig *config)
{
  HgrDetailsBoot *self = g_object_new (HGR_TYPE_DETAILS_BOOT, NULL);
  GtkWidget      *page = adw_preferences_page_new ();
  GtkWidget      *group;

  self->part = g_object_ref (part);
  self->config = g_object_ref (config);
  self->order_group = hgr_details_group (page, _ ("Boot Order"), _ ("The guest tries the checked devices from the top."));
  rebuild_order (self);

  group = hgr_details_group (page, _ ("Options"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_switch_row (_ ("Boot Menu"), _ ("Lets you choose a device when the guest starts"), part, "menu"));

  group = hgr_details_group (page, _ ("Direct Kernel Boot"), _ ("Starts a kernel from the host instead of a device."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_entry_row (_ ("Kernel"), _ ("A path on the host"), part, "kernel"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_entry_row (_ ("Initrd"), _ ("A path on the host"), part, "initrd"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_entry_row (_ ("Kernel Arguments"), NULL, part, "cmdline"));

  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
