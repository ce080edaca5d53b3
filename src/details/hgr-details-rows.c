/* hgr-details-rows.c — libadwaita rows bound to a configuration part's properties
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-rows.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-config-part.h"

static GtkWidget *
action_row (const char *title,
            const char *subtitle,
            GtkWidget  *control)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
  /* The row names its activatable widget for screen readers (labelled-by its
   * title): a label of our own would be read twice. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
  g_object_set_data (G_OBJECT (row), "hgr-control", control);
  return row;
}

/* The row's entry, spin button, switch or the combo row itself: what a test or a mnemonic drives. */
GtkWidget *
hgr_details_get_control (GtkWidget *row)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (row), "hgr-control");

  return control != NULL ? control : row;
}

static gboolean
null_to_empty (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  const char *text = g_value_get_string (from);

  g_value_set_string (to, text != NULL ? text : "");
  return TRUE;
}

/* A text field; an empty text is "none" for the part. */
GtkWidget *
hgr_details_entry_row (const char *title,
                       const char *subtitle,
                       gpointer    part,
                       const char *property)
{
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *row;

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 28);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  row = action_row (title, subtitle, entry);
  g_object_bind_property_full (part, property, entry, "text", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               null_to_empty, NULL, NULL, NULL);
  return row;
}

static gboolean
to_spin (GBinding     *binding,
         const GValue *from,
         GValue       *to,
         gpointer      data)
{
  guint   scale = GPOINTER_TO_UINT (data);
  guint64 value = G_VALUE_HOLDS_UINT64 (from) ? g_value_get_uint64 (from) : g_value_get_uint (from);

  g_value_set_double (to, (double) (value / scale));
  return TRUE;
}

static gboolean
from_spin (GBinding     *binding,
           const GValue *from,
           GValue       *to,
           gpointer      data)
{
  guint   scale = GPOINTER_TO_UINT (data);
  double  value = g_value_get_double (from);
  guint64 scaled = value <= 0 ? 0 : (guint64) value * scale;

  if (G_VALUE_HOLDS_UINT64 (to))
    g_value_set_uint64 (to, scaled);
  else
    g_value_set_uint (to, (guint) MIN (scaled, G_MAXUINT));
  return TRUE;
}

/**
 * hgr_details_spin_row:
 * @scale: the property's unit per step shown (1 for counts, 1 MiB for bytes shown in MiB)
 *
 * A number; the property is a guint or guint64.
 */
GtkWidget *
hgr_details_spin_row (const char *title,
                      const char *subtitle,
                      gpointer    part,
                      const char *property,
                      double      lower,
                      double      upper,
                      guint       scale)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, 1);
  GtkWidget *row;

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  row = action_row (title, subtitle, spin);
  g_object_bind_property_full (part, property, spin, "value", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, to_spin,
                               from_spin, GUINT_TO_POINTER (scale), NULL);
  return row;
}

GtkWidget *
hgr_details_switch_row (const char *title,
                        const char *subtitle,
                        gpointer    part,
                        const char *property)
{
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *row = action_row (title, subtitle, toggle);

  g_object_bind_property (part, property, toggle, "active", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  return row;
}

static gboolean
value_to_index (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  GStrv       values = data;
  const char *value = g_value_get_string (from);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value != NULL ? value : "") == 0)
      {
        g_value_set_uint (to, i);
        return TRUE;
      }
  return FALSE;
}

static gboolean
index_to_value (GBinding     *binding,
                const GValue *from,
                GValue       *to,
                gpointer      data)
{
  GStrv values = data;
  guint index = g_value_get_uint (from);

  if (index >= g_strv_length (values))
    return FALSE;
  g_value_set_string (to, *values[index] != '\0' ? values[index] : NULL);
  return TRUE;
}

/**
 * hgr_details_combo_row:
 * @values: the property's values ("" for none)
 * @labels: what the user reads for each
 *
 * A choice. A value the guest has that is not in @values is offered as is,
 * and none as "Default", so that showing it never changes it.
 */
GtkWidget *
hgr_details_combo_row (const char        *title,
                       const char        *subtitle,
                       gpointer           part,
                       const char        *property,
                       const char *const *values,
                       const char *const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) list = gtk_string_list_new ((const char *const *) labels);
  g_autoptr (GtkListItemFactory) factory = hgr_a11y_string_factory_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *current = NULL;
  GStrv            all;

  g_object_get (part, property, &current, NULL);
  g_strv_builder_addv (builder, (const char **) values);
  if (current == NULL && !g_strv_contains (values, ""))
    {
      g_strv_builder_add (builder, "");
      gtk_string_list_append (list, _ ("Default"));
    }
  if (current != NULL && !g_strv_contains (values, current))
    {
      g_strv_builder_add (builder, current);
      gtk_string_list_append (list, current);
    }
  all = g_strv_builder_end (builder);
  g_object_set_data_full (G_OBJECT (row), "hgr-values", all, (GDestroyNotify) g_strfreev);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_factory (ADW_COMBO_ROW (row), factory);
  g_object_bind_property_full (part, property, row, "selected", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               value_to_index, index_to_value, all, NULL);
  return row;
}

/* A value shown, not changed (selectable, so it can be copied). */
GtkWidget *
hgr_details_info_row (const char *title,
                      const char *value)
{
  GtkWidget *label = gtk_label_new (value);
  GtkWidget *row = adw_action_row_new ();

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  return row;
}

/* A new group at the end of @page (an AdwPreferencesPage). */
GtkWidget *
hgr_details_group (GtkWidget  *page,
                   const char *title,
                   const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return group;
}

static void
remove_row_update (GtkWidget *row)
{
  HgrConfigPart *part = g_object_get_data (G_OBJECT (row), "hgr-part");
  GtkWidget     *button = hgr_details_get_control (row);
  const char    *remove = g_object_get_data (G_OBJECT (row), "hgr-remove-title");
  gboolean       removed = hgr_config_part_get_removed (part);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), removed ? _ ("Removed when you apply") : remove);
  gtk_button_set_label (GTK_BUTTON (button), removed ? _ ("Keep") : _ ("Remove"));
  if (removed)
    gtk_widget_remove_css_class (button, "destructive-action");
  else
    gtk_widget_add_css_class (button, "destructive-action");
}

static void
remove_clicked_cb (GtkWidget *row)
{
  HgrConfigPart *part = g_object_get_data (G_OBJECT (row), "hgr-part");

  hgr_config_part_set_removed (part, !hgr_config_part_get_removed (part));
}

/**
 * hgr_details_remove_row:
 * @part: a device's part
 * @remove_title: what the row says, e.g. "Remove This Disk"
 *
 * A row whose button marks the device removed (Remove) or takes that back (Keep).
 */
GtkWidget *
hgr_details_remove_row (HgrConfigPart *part,
                        const char    *remove_title)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *row = action_row (remove_title, NULL, button);

  g_object_set_data_full (G_OBJECT (row), "hgr-part", g_object_ref (part), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "hgr-remove-title", g_strdup (remove_title), g_free);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_clicked_cb), row);
  g_signal_connect_object (part, "notify::removed", G_CALLBACK (remove_row_update), row, G_CONNECT_SWAPPED);
  remove_row_update (row);
  return row;
}
