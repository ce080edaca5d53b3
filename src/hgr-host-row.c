/* hgr-host-row.c — one host in the sidebar list, with its connection status
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host-row"

#include "config.h"

#include "hgr-host-row.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"

struct _HgrHostRow
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkImage   *icon;
  GtkLabel   *name_label;
  GtkLabel   *status_label;
  GtkSpinner *spinner;
  GtkButton  *cancel_button;
  GtkButton  *connect_button;
  GtkButton  *expander_button;

  /* Owned */
  gboolean      expanded;
  HgrHost      *host;
  GSignalGroup *host_signals;
  GSignalGroup *guests_signals;
};

G_DEFINE_FINAL_TYPE (HgrHostRow, hgr_host_row, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the connect button does now: the label its tooltip and its
 * accessible name share. */
static const char *
connect_label (HgrHostRow *self)
{
  if (hgr_host_get_reconnecting (self->host))
    return _ ("Reconnect Now");
  return hgr_host_get_status (self->host) == HGR_HOST_STATUS_FAILED ? _ ("Try Again") : _ ("Connect");
}

static const char *
expander_label (HgrHostRow *self)
{
  return self->expanded ? _ ("Hide Guests") : _ ("Show Guests");
}

static void
update (HgrHostRow *self)
{
  g_autofree char *status = NULL;
  const char      *name;
  HgrHostStatus    host_status;
  gboolean         connecting;

  if (self->host == NULL)
    return;

  name = hgr_host_get_display_name (self->host);
  host_status = hgr_host_get_status (self->host);
  connecting = host_status == HGR_HOST_STATUS_CONNECTING;
  status = hgr_host_dup_status_label (self->host);

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->status_label, status);
  hgr_a11y_set_list_item_text (GTK_WIDGET (self), name, status);
  gtk_image_set_from_icon_name (self->icon, hgr_host_get_remote (self->host) ? "network-server-symbolic"
                                                                             : "computer-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), connecting);
  gtk_spinner_set_spinning (self->spinner, connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), connecting);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_button),
                          host_status == HGR_HOST_STATUS_DISCONNECTED || host_status == HGR_HOST_STATUS_FAILED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->connect_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  connect_label (self), -1);
  /* the expander: only for a host with guests to hide or show */
  gtk_widget_set_visible (GTK_WIDGET (self->expander_button), g_list_model_get_n_items (hgr_host_get_guests (self->host)) > 0);
  gtk_button_set_icon_name (self->expander_button, self->expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->expander_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  expander_label (self), -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED, self->expanded, -1);
  if (host_status == HGR_HOST_STATUS_FAILED || hgr_host_get_reconnecting (self->host))
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
host_changed_cb (HgrHostRow *self)
{
  update (self);
}

/* The row's tooltips are asked for when shown, not set on every update:
 * GTK 4.8 answers each gtk_widget_set_tooltip_text() with a pointer query
 * to the display server (gtk_tooltip_trigger_tooltip_query()), a round trip
 * that blocked the main loop for ~0.5 s in all while 20 hosts connected. */
static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard_mode,
                  GtkTooltip *tooltip,
                  HgrHostRow *self)
{
  g_autofree char *text = hgr_host_row_dup_tooltip_text (self, widget);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
hgr_host_row_dispose (GObject *object)
{
  HgrHostRow *self = HGR_HOST_ROW (object);

  g_signal_group_set_target (self->host_signals, NULL);
  g_signal_group_set_target (self->guests_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_HOST_ROW);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (hgr_host_row_parent_class)->dispose (object);
}

static void
hgr_host_row_finalize (GObject *object)
{
  HgrHostRow *self = HGR_HOST_ROW (object);

  g_clear_object (&self->host_signals);
  g_clear_object (&self->guests_signals);

  G_OBJECT_CLASS (hgr_host_row_parent_class)->finalize (object);
}

static void
hgr_host_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  HgrHostRow *self = HGR_HOST_ROW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;
    case PROP_EXPANDED:
      g_value_set_boolean (value, self->expanded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  HgrHostRow *self = HGR_HOST_ROW (object);

  switch (prop_id)
    {
    case PROP_HOST:
      hgr_host_row_set_host (self, g_value_get_object (value));
      break;
    case PROP_EXPANDED:
      hgr_host_row_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_row_class_init (HgrHostRowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_host_row_dispose;
  object_class->finalize = hgr_host_row_finalize;
  object_class->get_property = hgr_host_row_get_property;
  object_class->set_property = hgr_host_row_set_property;

  properties[PROP_HOST] = g_param_spec_object ("host", NULL, NULL, HGR_TYPE_HOST,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* whether the sidebar shows the host's guests: the window says */
  properties[PROP_EXPANDED] = g_param_spec_boolean ("expanded", NULL, NULL, TRUE,
                                                    G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-host-row.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, icon);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, connect_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostRow, expander_button);
}

static void
hgr_host_row_init (HgrHostRow *self)
{
  self->expanded = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkWidget *with_tooltip[] = { GTK_WIDGET (self->name_label), GTK_WIDGET (self->status_label),
                                  GTK_WIDGET (self->cancel_button), GTK_WIDGET (self->connect_button),
                                  GTK_WIDGET (self->expander_button) };

    for (guint i = 0; i < G_N_ELEMENTS (with_tooltip); i++)
      {
        gtk_widget_set_has_tooltip (with_tooltip[i], TRUE);
        g_signal_connect (with_tooltip[i], "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
      }
  }

  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (host_changed_cb), self);
  g_signal_group_connect_swapped (self->host_signals, "notify::error-message", G_CALLBACK (host_changed_cb), self);
  g_signal_group_connect_swapped (self->host_signals, "notify::reconnecting", G_CALLBACK (host_changed_cb), self);
  self->guests_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->guests_signals, "items-changed", G_CALLBACK (host_changed_cb), self);
}

/**
 * hgr_host_row_get_host:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the host shown
 */
HgrHost *
hgr_host_row_get_host (HgrHostRow *self)
{
  g_return_val_if_fail (HGR_IS_HOST_ROW (self), NULL);

  return self->host;
}

void
hgr_host_row_set_host (HgrHostRow *self,
                       HgrHost    *host)
{
  g_return_if_fail (HGR_IS_HOST_ROW (self));
  g_return_if_fail (!host || HGR_IS_HOST (host));

  if (!g_set_object (&self->host, host))
    return;
  g_signal_group_set_target (self->host_signals, host);
  g_signal_group_set_target (self->guests_signals, host != NULL ? hgr_host_get_guests (host) : NULL);
  if (host != NULL)
    {
      const char *uri = hgr_host_get_uri (host);

      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->cancel_button), g_variant_new_string (uri));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->connect_button), g_variant_new_string (uri));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->expander_button), g_variant_new_string (uri));
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOST]);
}

/**
 * hgr_host_row_dup_tooltip_text:
 * @self: a row
 * @widget: one of the row's widgets
 *
 * Returns: (transfer full) (nullable): the text the tooltip of @widget shows
 *   now, %NULL for none
 */
char *
hgr_host_row_dup_tooltip_text (HgrHostRow *self,
                               GtkWidget  *widget)
{
  g_return_val_if_fail (HGR_IS_HOST_ROW (self), NULL);
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (self->host == NULL)
    return NULL;
  /* A long name ellipsizes beside the expander: its tooltip has it whole,
   * with the address when the name is not the address. */
  if (widget == GTK_WIDGET (self->name_label))
    {
      const char *name = hgr_host_get_display_name (self->host);
      const char *uri = hgr_host_get_uri (self->host);

      return g_strcmp0 (name, uri) == 0 ? g_strdup (uri) : g_strdup_printf ("%s\n%s", name, uri);
    }
  if (widget == GTK_WIDGET (self->status_label))
    return hgr_host_dup_status_label (self->host);
  if (widget == GTK_WIDGET (self->cancel_button))
    return g_strdup (_ ("Cancel Connecting"));
  if (widget == GTK_WIDGET (self->connect_button))
    return g_strdup (connect_label (self));
  if (widget == GTK_WIDGET (self->expander_button))
    return g_strdup (expander_label (self));
  return NULL;
}

gboolean
hgr_host_row_get_expanded (HgrHostRow *self)
{
  g_return_val_if_fail (HGR_IS_HOST_ROW (self), TRUE);
  return self->expanded;
}

/* Shows the expander open (the host's guests shown) or closed. */
void
hgr_host_row_set_expanded (HgrHostRow *self,
                           gboolean    expanded)
{
  g_return_if_fail (HGR_IS_HOST_ROW (self));

  expanded = !!expanded;
  if (self->expanded == expanded)
    return;
  self->expanded = expanded;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}
