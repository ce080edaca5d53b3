/* hgr-guest-row.c — one guest in the sidebar list: state icon, name, state, and its load when running
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest-row"

#include "config.h"

#include "hgr-guest-row.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-guest-labels.h"
#include "hgr-host.h"
#include "hgr-sparkline.h"

struct _HgrGuestRow
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkImage     *state_icon;
  GtkLabel     *name_label;
  GtkLabel     *state_label;
  GtkWidget    *load_box;
  GtkLabel     *cpu_label;
  HgrSparkline *cpu_sparkline;

  /* Owned */
  HgrGuest     *guest;
  GSignalGroup *guest_signals;
  GSignalGroup *host_signals;
  GSignalGroup *stats_signals;
  char         *state_class;
};

G_DEFINE_FINAL_TYPE (HgrGuestRow, hgr_guest_row, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_GUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Only the states that style.css colours; the rest keep the default colour. */
static const char *
state_css_name (HgrGuestState state)
{
  switch (state)
    {
    case HGR_GUEST_STATE_RUNNING:
      return "running";
    case HGR_GUEST_STATE_PAUSED:
      return "paused";
    case HGR_GUEST_STATE_SAVED:
      return "saved";
    case HGR_GUEST_STATE_CRASHED:
      return "crashed";
    case HGR_GUEST_STATE_SUSPENDED:
    case HGR_GUEST_STATE_SHUTTING_DOWN:
    case HGR_GUEST_STATE_SHUT_OFF:
    case HGR_GUEST_STATE_UNKNOWN:
    default:
      return "other";
    }
}

static void
update (HgrGuestRow *self)
{
  g_autofree char *state_class = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  g_autofree char *load = NULL;
  HgrGuestStats   *stats;
  HgrGuestState    state;
  double           cpu;
  const char      *title;
  HgrHost         *host;

  if (self->guest == NULL)
    return;

  state = hgr_guest_get_state (self->guest);
  title = hgr_guest_get_title (self->guest);
  stats = hgr_guest_get_stats (self->guest);
  gtk_label_set_label (self->name_label, hgr_guest_get_display_name (self->guest));
  if (title != NULL)
    /* Translators: a guest's state and its libvirt name, as in "Running · web01" */
    subtitle = g_strdup_printf (_ ("%s · %s"), hgr_guest_state_to_label (state), hgr_guest_get_name (self->guest));
  else
    subtitle = g_strdup (hgr_guest_state_to_label (state));
  if (hgr_guest_stats_get_memory_total (stats) > 0)
    {
      g_autofree char *used = g_format_size_full (hgr_guest_stats_get_memory_used (stats), G_FORMAT_SIZE_IEC_UNITS);
      char            *with_memory;

      /* Translators: a guest's state line and the memory it uses, as in "Running · 1.2 GiB used" */
      with_memory = g_strdup_printf (_ ("%s · %s used"), subtitle, used);
      g_free (subtitle);
      subtitle = with_memory;
    }
  cpu = hgr_guest_stats_get_cpu_percent (stats);
  gtk_widget_set_visible (self->load_box, hgr_guest_stats_get_active (stats) && cpu >= 0);
  if (cpu >= 0)
    {
      g_autofree char *text = g_strdup_printf (_ ("%.0f%%"), cpu);

      gtk_label_set_label (self->cpu_label, text);
      /* Translators: a guest's CPU use for a screen reader, as in "CPU 12%" */
      load = g_strdup_printf (_ ("CPU %.0f%%"), cpu);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->cpu_sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _ ("CPU use over the last minute"), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, load, -1);
    }
  gtk_label_set_label (self->state_label, subtitle);
  gtk_image_set_from_icon_name (self->state_icon, hgr_guest_state_to_icon_name (state));

  /* A guest of a host that lost its connection is shown as last seen, dimmed. */
  host = hgr_guest_get_host (self->guest);
  if (host != NULL)
    /* Translators: read by a screen reader after a guest's name: its state line and its host, as in "Running, on Test Driver" */
    description = g_strdup_printf (_ ("%s, on %s"), subtitle, hgr_host_get_display_name (host));
  if (load != NULL && description != NULL)
    {
      /* Translators: a guest's description and its CPU use, as in "Running, on Test Driver, CPU 12%" */
      char *with_load = g_strdup_printf (_ ("%s, %s"), description, load);

      g_free (description);
      description = with_load;
    }
  hgr_a11y_set_list_item_text (GTK_WIDGET (self), hgr_guest_get_display_name (self->guest),
                               description != NULL ? description : subtitle);
  if (host != NULL && hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  state_class = g_strconcat ("guest-state-", state_css_name (state), NULL);
  if (g_strcmp0 (state_class, self->state_class) != 0)
    {
      if (self->state_class != NULL)
        gtk_widget_remove_css_class (GTK_WIDGET (self), self->state_class);
      gtk_widget_add_css_class (GTK_WIDGET (self), state_class);
      g_free (self->state_class);
      self->state_class = g_steal_pointer (&state_class);
    }
}

static void
guest_notify_cb (HgrGuestRow *self)
{
  update (self);
}

static void
hgr_guest_row_dispose (GObject *object)
{
  HgrGuestRow *self = HGR_GUEST_ROW (object);

  g_signal_group_set_target (self->guest_signals, NULL);
  g_signal_group_set_target (self->host_signals, NULL);
  g_signal_group_set_target (self->stats_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_GUEST_ROW);
  g_clear_object (&self->guest);

  G_OBJECT_CLASS (hgr_guest_row_parent_class)->dispose (object);
}

static void
hgr_guest_row_finalize (GObject *object)
{
  HgrGuestRow *self = HGR_GUEST_ROW (object);

  g_clear_object (&self->guest_signals);
  g_clear_object (&self->host_signals);
  g_clear_object (&self->stats_signals);
  g_free (self->state_class);

  G_OBJECT_CLASS (hgr_guest_row_parent_class)->finalize (object);
}

static void
hgr_guest_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HgrGuestRow *self = HGR_GUEST_ROW (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      g_value_set_object (value, self->guest);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HgrGuestRow *self = HGR_GUEST_ROW (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      hgr_guest_row_set_guest (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_row_class_init (HgrGuestRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_guest_row_dispose;
  object_class->finalize = hgr_guest_row_finalize;
  object_class->get_property = hgr_guest_row_get_property;
  object_class->set_property = hgr_guest_row_set_property;

  properties[PROP_GUEST] = g_param_spec_object ("guest", NULL, NULL, HGR_TYPE_GUEST,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-guest-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, state_icon);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, load_box);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, cpu_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestRow, cpu_sparkline);
}

static void
hgr_guest_row_init (HgrGuestRow *self)
{
  g_type_ensure (HGR_TYPE_SPARKLINE);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_icon), "state");

  self->guest_signals = g_signal_group_new (HGR_TYPE_GUEST);
  g_signal_group_connect_swapped (self->guest_signals, "notify::state", G_CALLBACK (guest_notify_cb), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::display-name", G_CALLBACK (guest_notify_cb), self);
  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (guest_notify_cb), self);
  /* once per tick, and only while the row shows the guest (rows are recycled) */
  self->stats_signals = g_signal_group_new (HGR_TYPE_GUEST_STATS);
  g_signal_group_connect_swapped (self->stats_signals, "updated", G_CALLBACK (guest_notify_cb), self);
}

/**
 * hgr_guest_row_get_guest:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the guest shown
 */
HgrGuest *
hgr_guest_row_get_guest (HgrGuestRow *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_ROW (self), NULL);

  return self->guest;
}

void
hgr_guest_row_set_guest (HgrGuestRow *self,
                         HgrGuest    *guest)
{
  g_return_if_fail (HGR_IS_GUEST_ROW (self));
  g_return_if_fail (!guest || HGR_IS_GUEST (guest));

  if (!g_set_object (&self->guest, guest))
    return;
  g_signal_group_set_target (self->guest_signals, guest);
  g_signal_group_set_target (self->host_signals, guest != NULL ? hgr_guest_get_host (guest) : NULL);
  g_signal_group_set_target (self->stats_signals, guest != NULL ? hgr_guest_get_stats (guest) : NULL);
  hgr_sparkline_set_stats (self->cpu_sparkline, guest != NULL ? hgr_guest_get_stats (guest) : NULL,
                           HGR_STATS_SERIES_CPU);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST]);
}
