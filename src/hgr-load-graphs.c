/* hgr-load-graphs.c — the "Load" group of a guest's or a host's page: one graph per figure
 *
 * For a guest (HgrGuestStats): CPU % of its vCPUs, memory in use of its
 * current allocation, disk read/write and network received/sent bytes a
 * second. For a host (HgrHostStats): its CPU and memory in use, and its
 * running guests' share of its CPUs with the memory they use. The graphs
 * flow two to a line in a wide window and one in a narrow one. The group
 * hides while there are no figures (a stopped guest, a host not connected);
 * it follows the stats' "updated", once per tick.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-load-graphs.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-stats-graph.h"

#define N_GRAPHS 4

struct _HgrLoadGraphs
{
  AdwPreferencesGroup parent_instance;

  GtkWidget     *flow;
  HgrStatsGraph *graphs[N_GRAPHS];
  GObject       *stats; /* HgrGuestStats or HgrHostStats */
  gulong         updated_id;
  HgrHostStats  *host_stats; /* whose groups say which graphs show */
  gulong         groups_id;
  HgrStatsGroups needs[N_GRAPHS]; /* the group each graph shows, 0 for CPU */
};

G_DEFINE_FINAL_TYPE (HgrLoadGraphs, hgr_load_graphs, ADW_TYPE_PREFERENCES_GROUP)

static char *
dup_percent (double value)
{
  /* Translators: a load in percent, as in "12%" */
  return value >= 0 ? g_strdup_printf (_ ("%.0f%%"), value) : NULL;
}

static char *
dup_rate (double bytes_per_second)
{
  g_autofree char *size = g_format_size ((guint64) MAX (bytes_per_second, 0));

  /* Translators: bytes a second, as in "1.2 MB/s" */
  return g_strdup_printf (_ ("%s/s"), size);
}

static char *
dup_pair (const char *first_label,
          double      first,
          const char *second_label,
          double      second)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (first < 0 && second < 0)
    return NULL;
  a = dup_rate (first);
  b = dup_rate (second);
  /* Translators: two rates with what they are, as in "Read 1.2 MB/s · Write 0 B/s" */
  return g_strdup_printf (_ ("%s %s · %s %s"), first_label, a, second_label, b);
}

static char *
dup_memory (guint64 used,
            guint64 total)
{
  g_autofree char *u = NULL;
  g_autofree char *t = NULL;

  if (total == 0)
    return NULL;
  u = g_format_size_full (used, G_FORMAT_SIZE_IEC_UNITS);
  t = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: memory in use, as in "1.2 GiB of 2.0 GiB" */
  return g_strdup_printf (_ ("%s of %s"), u, t);
}

static void
set_values (HgrLoadGraphs *self,
            char          *values[N_GRAPHS])
{
  for (guint i = 0; i < N_GRAPHS; i++)
    {
      hgr_stats_graph_set_value (self->graphs[i], values[i]);
      g_free (values[i]);
    }
}

static void
update_guest (HgrLoadGraphs *self,
              HgrGuestStats *stats)
{
  char *values[N_GRAPHS];

  gtk_widget_set_visible (GTK_WIDGET (self), hgr_guest_stats_get_active (stats));
  values[0] = dup_percent (hgr_guest_stats_get_cpu_percent (stats));
  values[1] = dup_memory (hgr_guest_stats_get_memory_used (stats), hgr_guest_stats_get_memory_total (stats));
  values[2] = dup_pair (C_ ("disk", "Read"), hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ),
                        C_ ("disk", "Write"), hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_WRITE));
  values[3] = dup_pair (C_ ("network", "Received"), hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX),
                        C_ ("network", "Sent"), hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_TX));
  set_values (self, values);
}

static void
update_host (HgrLoadGraphs *self,
             HgrHostStats  *stats)
{
  char  *values[N_GRAPHS];
  double guests_cpu = hgr_host_stats_get_guests_cpu_percent (stats);
  guint  running = hgr_host_stats_get_guests_running (stats);

  gtk_widget_set_visible (GTK_WIDGET (self), hgr_host_stats_get_active (stats));
  values[0] = dup_percent (hgr_host_stats_get_cpu_percent (stats));
  values[1] = dup_memory (hgr_host_stats_get_memory_used (stats), hgr_host_stats_get_memory_total (stats));
  if (guests_cpu >= 0)
    /* Translators: the running guests' share of the host's CPUs, as in "3 running · 12%" */
    values[2] = g_strdup_printf (g_dngettext (NULL, "%u running · %.0f%%", "%u running · %.0f%%", running), running,
                                 guests_cpu);
  else
    values[2] = running == 0 ? g_strdup (_ ("None running")) : NULL;
  values[3] = hgr_host_stats_get_guests_memory_used (stats) > 0
                ? dup_memory (hgr_host_stats_get_guests_memory_used (stats), hgr_host_stats_get_memory_total (stats))
                : NULL;
  set_values (self, values);
}

static void
updated_cb (HgrLoadGraphs *self)
{
  if (HGR_IS_GUEST_STATS (self->stats))
    update_guest (self, HGR_GUEST_STATS (self->stats));
  else if (HGR_IS_HOST_STATS (self->stats))
    update_host (self, HGR_HOST_STATS (self->stats));
}

/* A figure the sampler does not read (Preferences) has no graph. */
static void
groups_changed_cb (HgrLoadGraphs *self)
{
  HgrStatsGroups groups = self->host_stats != NULL ? hgr_host_stats_get_groups (self->host_stats) : HGR_STATS_GROUPS_ALL;

  for (guint i = 0; i < N_GRAPHS; i++)
    gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->graphs[i])),
                            self->needs[i] == 0 || (groups & self->needs[i]) != 0);
}

static void
set_stats (HgrLoadGraphs       *self,
           GObject             *stats,
           HgrHostStats        *host_stats,
           const char          *titles[N_GRAPHS],
           const double         tops[N_GRAPHS],
           const HgrStatsGroups needs[N_GRAPHS])
{
  if (self->stats != NULL)
    g_clear_signal_handler (&self->updated_id, self->stats);
  if (self->host_stats != NULL)
    g_clear_signal_handler (&self->groups_id, self->host_stats);
  g_set_object (&self->stats, stats);
  if (stats == NULL)
    host_stats = NULL;
  g_set_object (&self->host_stats, host_stats);
  memcpy (self->needs, needs, sizeof self->needs);
  if (self->host_stats != NULL)
    self->groups_id = g_signal_connect_swapped (self->host_stats, "notify::groups", G_CALLBACK (groups_changed_cb), self);
  groups_changed_cb (self);
  for (guint i = 0; i < N_GRAPHS; i++)
    hgr_stats_graph_set_series (self->graphs[i], NULL, NULL, NULL);
  if (stats == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->updated_id = g_signal_connect_swapped (stats, "updated", G_CALLBACK (updated_cb), self);
  for (guint i = 0; i < N_GRAPHS; i++)
    hgr_stats_graph_set_title (self->graphs[i], titles[i], tops[i]);
}

static void
hgr_load_graphs_dispose (GObject *object)
{
  HgrLoadGraphs *self = HGR_LOAD_GRAPHS (object);

  if (self->stats != NULL)
    g_clear_signal_handler (&self->updated_id, self->stats);
  if (self->host_stats != NULL)
    g_clear_signal_handler (&self->groups_id, self->host_stats);
  g_clear_object (&self->stats);
  g_clear_object (&self->host_stats);
  G_OBJECT_CLASS (hgr_load_graphs_parent_class)->dispose (object);
}

static void
hgr_load_graphs_class_init (HgrLoadGraphsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_load_graphs_dispose;
}

static void
hgr_load_graphs_init (HgrLoadGraphs *self)
{
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _ ("Load"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), _ ("The last few minutes"));
  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->flow), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 2);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 24);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 18);
  gtk_widget_add_css_class (self->flow, "card");
  gtk_widget_add_css_class (self->flow, "hgr-load-graphs");
  for (guint i = 0; i < N_GRAPHS; i++)
    {
      GtkWidget *graph = hgr_stats_graph_new (NULL, 0);

      self->graphs[i] = HGR_STATS_GRAPH (graph);
      gtk_flow_box_append (GTK_FLOW_BOX (self->flow), graph);
      /* the graphs are pictures, not things to move the focus through */
      gtk_widget_set_focusable (gtk_widget_get_parent (graph), FALSE);
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->flow);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
hgr_load_graphs_new (void)
{
  return g_object_new (HGR_TYPE_LOAD_GRAPHS, NULL);
}

/**
 * hgr_load_graphs_set_guest_stats:
 * @self: the graphs
 * @stats: (nullable): a guest's figures; NULL shows none
 * @host_stats: (nullable): its host's, whose groups say which graphs show
 */
void
hgr_load_graphs_set_guest_stats (HgrLoadGraphs *self,
                                 HgrGuestStats *stats,
                                 HgrHostStats  *host_stats)
{
  const char          *titles[N_GRAPHS] = { _ ("CPU"), _ ("Memory"), _ ("Disk"), _ ("Network") };
  const double         tops[N_GRAPHS] = { 100, 100, 0, 0 };
  const HgrStatsGroups needs[N_GRAPHS] = { 0, HGR_STATS_GROUP_MEMORY, HGR_STATS_GROUP_DISK, HGR_STATS_GROUP_NETWORK };

  g_return_if_fail (HGR_IS_LOAD_GRAPHS (self));

  if (self->stats == (GObject *) stats && self->host_stats == host_stats)
    return;
  set_stats (self, G_OBJECT (stats), host_stats, titles, tops, needs);
  if (stats == NULL)
    return;
  hgr_stats_graph_set_series (self->graphs[0], G_OBJECT (stats), hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU),
                              NULL);
  hgr_stats_graph_set_series (self->graphs[1], G_OBJECT (stats),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_MEMORY), NULL);
  hgr_stats_graph_set_series (self->graphs[2], G_OBJECT (stats),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_DISK_READ),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_DISK_WRITE));
  hgr_stats_graph_set_series (self->graphs[3], G_OBJECT (stats),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_NET_RX),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_NET_TX));
  update_guest (self, stats);
}

/* Shows a host's figures and its guests' sum; NULL shows none. */
void
hgr_load_graphs_set_host_stats (HgrLoadGraphs *self,
                                HgrHostStats  *stats)
{
  const char          *titles[N_GRAPHS] = { _ ("CPU"), _ ("Memory"), _ ("Guests’ CPU"), _ ("Guests’ Memory") };
  const double         tops[N_GRAPHS] = { 100, 100, 100, 100 };
  const HgrStatsGroups needs[N_GRAPHS] = { 0, 0, 0, HGR_STATS_GROUP_MEMORY }; /* the host's memory is its own */

  g_return_if_fail (HGR_IS_LOAD_GRAPHS (self));

  if (self->stats == (GObject *) stats)
    return;
  set_stats (self, G_OBJECT (stats), stats, titles, tops, needs);
  if (stats == NULL)
    return;
  hgr_stats_graph_set_series (self->graphs[0], G_OBJECT (stats), hgr_host_stats_get_series (stats, HGR_HOST_SERIES_CPU),
                              NULL);
  hgr_stats_graph_set_series (self->graphs[1], G_OBJECT (stats),
                              hgr_host_stats_get_series (stats, HGR_HOST_SERIES_MEMORY), NULL);
  hgr_stats_graph_set_series (self->graphs[2], G_OBJECT (stats),
                              hgr_host_stats_get_series (stats, HGR_HOST_SERIES_GUESTS_CPU), NULL);
  hgr_stats_graph_set_series (self->graphs[3], G_OBJECT (stats),
                              hgr_host_stats_get_series (stats, HGR_HOST_SERIES_GUESTS_MEMORY), NULL);
  update_host (self, stats);
}

/* Returns: (transfer none): the graph at @index (0: CPU, 1: memory, …), for the tests */
GtkWidget *
hgr_load_graphs_get_graph (HgrLoadGraphs *self,
                           guint          index)
{
  g_return_val_if_fail (HGR_IS_LOAD_GRAPHS (self), NULL);
  g_return_val_if_fail (index < N_GRAPHS, NULL);
  return GTK_WIDGET (self->graphs[index]);
}
