/* hgr-host-page.c — the page of one host: status, connect or retry, its load and hardware, its settings
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host-page"

#include "config.h"

#include "hgr-host-page.h"

#include <glib/gi18n.h>

#include "hgr-load-graphs.h"

/* A GtkWidget, not an AdwBin: its template's root child is bound, and
 * gtk_widget_dispose_template() unparents it, which AdwBin would do again. */
struct _HgrHostPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwStatusPage *status_page;
  GtkButton     *connect_button;
  GtkButton     *cancel_button;
  GtkButton     *new_guest_button;
  GtkButton     *disconnect_button;
  GtkLabel      *uri_value;
  AdwActionRow  *edit_row;
  AdwActionRow  *autoconnect_row;
  GtkSwitch     *autoconnect_switch;
  GtkButton     *remove_button;
  HgrLoadGraphs *load_graphs;
  GtkWidget     *hardware_group;
  GtkLabel      *cpus_value;
  GtkLabel      *memory_value;

  /* Owned */
  HgrHost      *host;
  GSignalGroup *host_signals;
  GSignalGroup *guests_signals;
  GSignalGroup *stats_signals;
  GBinding     *autoconnect_binding;
};

G_DEFINE_FINAL_TYPE (HgrHostPage, hgr_host_page, GTK_TYPE_WIDGET)

static void
update (HgrHostPage *self)
{
  g_autofree char *status = NULL;
  HgrHostStatus    host_status;

  if (self->host == NULL)
    return;

  host_status = hgr_host_get_status (self->host);
  status = hgr_host_dup_status_label (self->host);
  adw_status_page_set_title (self->status_page, hgr_host_get_display_name (self->host));
  adw_status_page_set_description (self->status_page, status);
  adw_status_page_set_icon_name (self->status_page,
                                 host_status == HGR_HOST_STATUS_FAILED ? "dialog-error-symbolic"
                                 : hgr_host_get_remote (self->host)    ? "network-server-symbolic"
                                                                       : "computer-symbolic");
  gtk_button_set_label (self->connect_button,
                        hgr_host_get_reconnecting (self->host)  ? _ ("_Reconnect Now")
                        : host_status == HGR_HOST_STATUS_FAILED ? _ ("_Try Again")
                                                                : _ ("_Connect"));
  gtk_widget_set_visible (GTK_WIDGET (self->connect_button),
                          host_status == HGR_HOST_STATUS_DISCONNECTED || host_status == HGR_HOST_STATUS_FAILED);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), host_status == HGR_HOST_STATUS_CONNECTING);
  /* Disconnecting also stops reconnecting by itself. */
  gtk_widget_set_visible (GTK_WIDGET (self->new_guest_button), host_status == HGR_HOST_STATUS_CONNECTED);
  gtk_widget_set_visible (GTK_WIDGET (self->disconnect_button),
                          host_status == HGR_HOST_STATUS_CONNECTED || hgr_host_get_reconnecting (self->host));
  gtk_label_set_label (self->uri_value, hgr_host_get_uri (self->host));
  /* Ellipsized to fit a narrow window: the whole address on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->uri_value), hgr_host_get_uri (self->host));
}

/* What virNodeGetInfo said, once the host's sampler has read it. */
static void
update_hardware (HgrHostPage *self)
{
  HgrHostStats    *stats = self->host != NULL ? hgr_host_get_stats (self->host) : NULL;
  guint            cpus = stats != NULL ? hgr_host_stats_get_cpus (stats) : 0;
  g_autofree char *processors = NULL;
  g_autofree char *memory = NULL;

  gtk_widget_set_visible (self->hardware_group, cpus > 0 && hgr_host_stats_get_active (stats));
  if (cpus == 0)
    return;
  if (hgr_host_stats_get_cpu_model (stats) != NULL && hgr_host_stats_get_mhz (stats) > 0)
    /* Translators: the host's processors, as in "8 × x86_64, 2400 MHz" */
    processors = g_strdup_printf (_ ("%u × %s, %u MHz"), cpus, hgr_host_stats_get_cpu_model (stats),
                                  hgr_host_stats_get_mhz (stats));
  else
    processors = g_strdup_printf ("%u", cpus);
  gtk_label_set_label (self->cpus_value, processors);
  memory = g_format_size_full (hgr_host_stats_get_memory_total (stats), G_FORMAT_SIZE_IEC_UNITS);
  gtk_label_set_label (self->memory_value, hgr_host_stats_get_memory_total (stats) > 0 ? memory : C_ ("value", "None"));
}

static void
host_changed_cb (HgrHostPage *self)
{
  update (self);
}

static void
hgr_host_page_dispose (GObject *object)
{
  HgrHostPage *self = HGR_HOST_PAGE (object);

  g_clear_pointer (&self->autoconnect_binding, g_binding_unbind);
  g_signal_group_set_target (self->host_signals, NULL);
  g_signal_group_set_target (self->guests_signals, NULL);
  g_signal_group_set_target (self->stats_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_HOST_PAGE);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (hgr_host_page_parent_class)->dispose (object);
}

static void
hgr_host_page_finalize (GObject *object)
{
  HgrHostPage *self = HGR_HOST_PAGE (object);

  g_clear_object (&self->host_signals);
  g_clear_object (&self->guests_signals);
  g_clear_object (&self->stats_signals);

  G_OBJECT_CLASS (hgr_host_page_parent_class)->finalize (object);
}

static void
hgr_host_page_class_init (HgrHostPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_host_page_dispose;
  object_class->finalize = hgr_host_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-host-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, new_guest_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, disconnect_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, uri_value);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, edit_row);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, autoconnect_row);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, autoconnect_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, load_graphs);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, hardware_group);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, cpus_value);
  gtk_widget_class_bind_template_child (widget_class, HgrHostPage, memory_value);
}

static void
hgr_host_page_init (HgrHostPage *self)
{
  g_type_ensure (HGR_TYPE_LOAD_GRAPHS);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Named by its row ("Remove Connection"), not "Remove Remove Connection". */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->remove_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (host_changed_cb), self);
  g_signal_group_connect_swapped (self->host_signals, "notify::error-message", G_CALLBACK (host_changed_cb), self);
  g_signal_group_connect_swapped (self->host_signals, "notify::reconnecting", G_CALLBACK (host_changed_cb), self);
  self->guests_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_swapped (self->guests_signals, "items-changed", G_CALLBACK (host_changed_cb), self);
  self->stats_signals = g_signal_group_new (HGR_TYPE_HOST_STATS);
  g_signal_group_connect_swapped (self->stats_signals, "updated", G_CALLBACK (update_hardware), self);
}

/**
 * hgr_host_page_get_host:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the host shown
 */
HgrHost *
hgr_host_page_get_host (HgrHostPage *self)
{
  g_return_val_if_fail (HGR_IS_HOST_PAGE (self), NULL);

  return self->host;
}

/**
 * hgr_host_page_set_host:
 * @self: a page
 * @host: (nullable): the host to show
 * @saved: whether @host is saved (only saved hosts connect at start-up)
 */
void
hgr_host_page_set_host (HgrHostPage *self,
                        HgrHost     *host,
                        gboolean     saved)
{
  g_return_if_fail (HGR_IS_HOST_PAGE (self));
  g_return_if_fail (!host || HGR_IS_HOST (host));

  g_clear_pointer (&self->autoconnect_binding, g_binding_unbind);
  g_set_object (&self->host, host);
  g_signal_group_set_target (self->host_signals, host);
  g_signal_group_set_target (self->guests_signals, host != NULL ? hgr_host_get_guests (host) : NULL);
  g_signal_group_set_target (self->stats_signals, host != NULL ? hgr_host_get_stats (host) : NULL);
  hgr_load_graphs_set_host_stats (self->load_graphs, host != NULL ? hgr_host_get_stats (host) : NULL);
  update_hardware (self);
  gtk_widget_set_visible (GTK_WIDGET (self->autoconnect_row), saved);
  if (host == NULL)
    return;

  self->autoconnect_binding = g_object_bind_property (host, "autoconnect", self->autoconnect_switch, "active",
                                                      G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  {
    GtkWidget *buttons[] = { GTK_WIDGET (self->connect_button), GTK_WIDGET (self->cancel_button), GTK_WIDGET (self->new_guest_button),
                             GTK_WIDGET (self->disconnect_button), GTK_WIDGET (self->remove_button),
                             GTK_WIDGET (self->edit_row) };

    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (buttons[i]), g_variant_new_string (hgr_host_get_uri (host)));
  }
  update (self);
}
