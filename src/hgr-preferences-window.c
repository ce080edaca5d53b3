/* hgr-preferences-window.c — the few settings a user may want to change
 *
 * The connection timeout, what load is read and how often, and the console's
 * release keys, bound straight to GSettings: a change applies at once, to
 * every host and console.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-preferences-window"

#include "config.h"

#include "hgr-preferences-window.h"

#include "hgr-a11y.h"
#include "hgr-host-stats.h"

/* The release keys offered, as the setting stores them. */
static const char *const release_keys[] = {
  "<Control><Alt>",
  "<Control><Shift>",
  "<Control><Alt><Shift>",
};

struct _HgrPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  GtkAdjustment *timeout_adjustment;
  GtkSwitch     *enabled_switch;
  GtkWidget     *interval_row;
  GtkWidget     *memory_row;
  GtkWidget     *disk_row;
  GtkWidget     *network_row;
  GtkAdjustment *interval_adjustment;
  GtkSwitch     *memory_switch;
  GtkSwitch     *disk_switch;
  GtkSwitch     *network_switch;
  AdwComboRow   *release_row;

  /* Owned */
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (HgrPreferencesWindow, hgr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
release_keys_to_row (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  const char *keys = g_variant_get_string (variant, NULL);
  guint       i;

  for (i = 0; i < G_N_ELEMENTS (release_keys); i++)
    if (g_str_equal (keys, release_keys[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  /* Set by hand to something else: no choice shown as chosen. */
  g_value_set_uint (value, GTK_INVALID_LIST_POSITION);
  return TRUE;
}

static GVariant *
release_keys_from_row (const GValue       *value,
                       const GVariantType *type,
                       gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (release_keys))
    return NULL;
  return g_variant_new_string (release_keys[selected]);
}

/* Each switch is one flag of the stats-groups setting. */
static GtkSwitch *
group_switch (HgrPreferencesWindow *self,
              HgrStatsGroups        group)
{
  switch (group)
    {
    case HGR_STATS_GROUP_MEMORY:
      return self->memory_switch;
    case HGR_STATS_GROUP_DISK:
      return self->disk_switch;
    case HGR_STATS_GROUP_NETWORK:
      return self->network_switch;
    default:
      g_assert_not_reached ();
    }
}

static const HgrStatsGroups groups[] = { HGR_STATS_GROUP_MEMORY, HGR_STATS_GROUP_DISK, HGR_STATS_GROUP_NETWORK };

static void
stats_groups_changed_cb (HgrPreferencesWindow *self)
{
  guint flags = g_settings_get_flags (self->settings, "stats-groups");

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_switch_set_active (group_switch (self, groups[i]), (flags & groups[i]) != 0);
}

static void
group_switch_cb (HgrPreferencesWindow *self,
                 GParamSpec           *pspec,
                 GtkSwitch            *toggled)
{
  guint flags;

  if (self->settings == NULL)
    return;
  flags = g_settings_get_flags (self->settings, "stats-groups");
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (group_switch (self, groups[i]) == toggled)
      flags = gtk_switch_get_active (toggled) ? flags | groups[i] : flags & ~groups[i];
  if (flags != g_settings_get_flags (self->settings, "stats-groups"))
    g_settings_set_flags (self->settings, "stats-groups", flags);
}

static void
hgr_preferences_window_dispose (GObject *object)
{
  HgrPreferencesWindow *self = HGR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hgr_preferences_window_parent_class)->dispose (object);
}

static void
hgr_preferences_window_class_init (HgrPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_preferences_window_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, timeout_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, memory_row);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, disk_row);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, network_row);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, interval_adjustment);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, memory_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, disk_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, network_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrPreferencesWindow, release_row);
}

static void
hgr_preferences_window_init (HgrPreferencesWindow *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr (GtkListItemFactory) factory = hgr_a11y_string_factory_new ();
  gsize i;

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_factory (self->release_row, factory);

  /* Labels in the user's language and keyboard ("Ctrl+Alt"). */
  for (i = 0; i < G_N_ELEMENTS (release_keys); i++)
    {
      guint            keyval = 0;
      GdkModifierType  modifiers = 0;
      g_autofree char *label = NULL;

      gtk_accelerator_parse (release_keys[i], &keyval, &modifiers);
      label = gtk_accelerator_get_label (0, modifiers);
      gtk_string_list_append (labels, label);
    }
  adw_combo_row_set_model (self->release_row, G_LIST_MODEL (labels));
}

/**
 * hgr_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: Hangar's settings
 *
 * Returns: (transfer none): a new preferences window, not yet presented
 */
HgrPreferencesWindow *
hgr_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  HgrPreferencesWindow *self = g_object_new (HGR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  g_return_val_if_fail (G_IS_SETTINGS (settings), self);

  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "connect-timeout", self->timeout_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-enabled", self->enabled_switch, "active", G_SETTINGS_BIND_DEFAULT);
  /* how often and what: only while the load is read */
  g_settings_bind (settings, "stats-enabled", self->interval_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "stats-enabled", self->memory_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "stats-enabled", self->disk_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "stats-enabled", self->network_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "stats-interval", self->interval_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  stats_groups_changed_cb (self);
  g_signal_connect_object (settings, "changed::stats-groups", G_CALLBACK (stats_groups_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_signal_connect_object (group_switch (self, groups[i]), "notify::active", G_CALLBACK (group_switch_cb), self,
                             G_CONNECT_SWAPPED);
  g_settings_bind_with_mapping (settings, "console-release-keys", self->release_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, release_keys_to_row, release_keys_from_row, NULL, NULL);
  return self;
}
