/* hgr-stats-graph.c — one figure of the recent load as a graph, with its title and current value
 *
 * A title on the left and the current value on the right over a plot of
 * one or two series (HgrStatsRing: the oldest sample on the left, the
 * newest at the right edge). The first series is an area in the accent
 * colour, the second a line in the foreground colour, both from the style,
 * so dark mode and high contrast follow. The plot's top is fixed (100 for
 * percentages) or, with top 0, the largest sample kept, rounded up. It is
 * drawn in the snapshot: no widget per point. The series belong to
 * @owner (an HgrGuestStats or HgrHostStats), whose "updated" redraws it.
 * Screen readers hear "Title: value".
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-stats-graph.h"

#include <glib/gi18n.h>
#include <math.h>

#define PLOT_HEIGHT 64
#define HEADER_GAP  6

struct _HgrStatsGraph
{
  GtkWidget parent_instance;

  GtkWidget          *title;
  GtkWidget          *value;
  double              top;
  GObject            *owner;
  gulong              updated_id;
  const HgrStatsRing *series[2];
  graphene_rect_t     plot;
};

G_DEFINE_FINAL_TYPE (HgrStatsGraph, hgr_stats_graph, GTK_TYPE_WIDGET)

static void
header_size (HgrStatsGraph *self,
             int            for_width,
             int           *height)
{
  int title_height, value_height;

  gtk_widget_measure (self->title, GTK_ORIENTATION_VERTICAL, -1, &title_height, NULL, NULL, NULL);
  gtk_widget_measure (self->value, GTK_ORIENTATION_VERTICAL, -1, &value_height, NULL, NULL, NULL);
  *height = MAX (title_height, value_height);
}

static void
hgr_stats_graph_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  HgrStatsGraph *self = HGR_STATS_GRAPH (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int title_min, title_nat, value_min, value_nat;

      gtk_widget_measure (self->title, orientation, -1, &title_min, &title_nat, NULL, NULL);
      gtk_widget_measure (self->value, orientation, -1, &value_min, &value_nat, NULL, NULL);
      *minimum = MAX (title_min + HEADER_GAP + value_min, 120);
      *natural = MAX (title_nat + HEADER_GAP + value_nat, 200);
    }
  else
    {
      int header;

      header_size (self, for_size, &header);
      *minimum = *natural = header + HEADER_GAP + PLOT_HEIGHT;
    }
}

static void
hgr_stats_graph_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  HgrStatsGraph *self = HGR_STATS_GRAPH (widget);
  int            header, value_min, value_nat, title_nat, value_width;

  header_size (self, width, &header);
  gtk_widget_measure (self->value, GTK_ORIENTATION_HORIZONTAL, -1, &value_min, &value_nat, NULL, NULL);
  gtk_widget_measure (self->title, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &title_nat, NULL, NULL);
  /* the value takes what the title leaves (at least half); then both ellipsize */
  value_width = MIN (value_nat, MAX (MAX (width - title_nat - HEADER_GAP, width / 2), value_min));
  gtk_widget_size_allocate (self->value, &(GtkAllocation){ width - value_width, 0, value_width, header }, -1);
  gtk_widget_size_allocate (self->title, &(GtkAllocation){ 0, 0, MAX (width - value_width - HEADER_GAP, 0), header },
                            -1);
  self->plot = GRAPHENE_RECT_INIT (0, header + HEADER_GAP, width, MAX (height - header - HEADER_GAP, 0));
}

static double
plot_top (HgrStatsGraph *self)
{
  double largest = 0, step;

  if (self->top > 0)
    return self->top;
  for (guint s = 0; s < G_N_ELEMENTS (self->series); s++)
    if (self->series[s] != NULL)
      largest = MAX (largest, hgr_stats_ring_get_max (self->series[s]));
  if (largest <= 0)
    return 1;
  /* 1, 2 or 5 times a power of ten, so the graph does not jitter with every sample */
  step = pow (10, floor (log10 (largest)));
  return largest <= step ? step : largest <= 2 * step ? 2 * step
                                : largest <= 5 * step ? 5 * step
                                                      : 10 * step;
}

static void
trace (cairo_t            *cr,
       const HgrStatsRing *ring,
       double              width,
       double              height,
       double              top)
{
  guint  length = hgr_stats_ring_get_length (ring);
  double step = width / (HGR_STATS_RING_SIZE - 1);

  for (guint i = 0; i < length; i++)
    {
      double x = width - (length - 1 - i) * step;
      double y = height - MIN (hgr_stats_ring_get (ring, i) / top, 1) * (height - 1) - 0.5;

      if (i == 0)
        cairo_move_to (cr, length == 1 ? x - step : x, y); /* a first sample shows as one step */
      if (i > 0 || length == 1)
        cairo_line_to (cr, x, y);
    }
}

/* Where the drawn series begins: one step in for a single sample. */
static double
trace_start (const HgrStatsRing *ring,
             double              width)
{
  return width - MAX (hgr_stats_ring_get_length (ring) - 1, 1) * width / (HGR_STATS_RING_SIZE - 1);
}

static void
hgr_stats_graph_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HgrStatsGraph *self = HGR_STATS_GRAPH (widget);
  double         width = self->plot.size.width, height = self->plot.size.height, top;
  GdkRGBA        color, accent, faint;
  cairo_t       *cr;

  gtk_widget_snapshot_child (widget, self->title, snapshot);
  gtk_widget_snapshot_child (widget, self->value, snapshot);
  if (width < 2 || height < 2)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color", &accent))
    accent = color;
  G_GNUC_END_IGNORE_DEPRECATIONS
  faint = color;
  faint.alpha *= 0.12;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &self->plot.origin);
  /* the frame: a faint ground, so an idle or new figure still shows where it goes */
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));
  faint.alpha *= 0.5;
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, 0, width, height - 1));

  top = plot_top (self);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (self->series[0] != NULL && hgr_stats_ring_get_length (self->series[0]) > 0)
    {
      trace (cr, self->series[0], width, height, top);
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_stroke_preserve (cr);
      cairo_line_to (cr, width, height);
      cairo_line_to (cr, trace_start (self->series[0], width), height);
      cairo_close_path (cr);
      accent.alpha *= 0.3;
      gdk_cairo_set_source_rgba (cr, &accent);
      cairo_fill (cr);
    }
  if (self->series[1] != NULL && hgr_stats_ring_get_length (self->series[1]) > 0)
    {
      trace (cr, self->series[1], width, height, top);
      color.alpha *= 0.7;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  gtk_snapshot_restore (snapshot);
}

static void
disconnect_owner (HgrStatsGraph *self)
{
  if (self->owner != NULL)
    g_clear_signal_handler (&self->updated_id, self->owner);
  g_clear_object (&self->owner);
  self->series[0] = self->series[1] = NULL;
}

static void
hgr_stats_graph_dispose (GObject *object)
{
  HgrStatsGraph *self = HGR_STATS_GRAPH (object);

  disconnect_owner (self);
  g_clear_pointer (&self->title, gtk_widget_unparent);
  g_clear_pointer (&self->value, gtk_widget_unparent);
  G_OBJECT_CLASS (hgr_stats_graph_parent_class)->dispose (object);
}

static void
hgr_stats_graph_class_init (HgrStatsGraphClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hgr_stats_graph_dispose;
  widget_class->measure = hgr_stats_graph_measure;
  widget_class->size_allocate = hgr_stats_graph_size_allocate;
  widget_class->snapshot = hgr_stats_graph_snapshot;
  gtk_widget_class_set_css_name (widget_class, "hgr-stats-graph");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hgr_stats_graph_init (HgrStatsGraph *self)
{
  self->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->title, "heading");
  gtk_widget_set_parent (self->title, GTK_WIDGET (self));
  self->value = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->value), 1);
  gtk_label_set_ellipsize (GTK_LABEL (self->value), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->value, "numeric");
  gtk_widget_add_css_class (self->value, "dim-label");
  gtk_widget_set_parent (self->value, GTK_WIDGET (self));
}

/**
 * hgr_stats_graph_new:
 * @title: what the graph shows, e.g. "CPU"
 * @top: the plot's top value (100 for percentages), 0 to follow the largest sample
 *
 * Returns: (transfer floating): a graph with no series yet
 */
GtkWidget *
hgr_stats_graph_new (const char *title,
                     double      top)
{
  HgrStatsGraph *self = g_object_new (HGR_TYPE_STATS_GRAPH, NULL);

  hgr_stats_graph_set_title (self, title, top);
  return GTK_WIDGET (self);
}

/* What the graph shows, and its plot's top (0: the largest sample). */
void
hgr_stats_graph_set_title (HgrStatsGraph *self,
                           const char    *title,
                           double         top)
{
  g_autofree char *value = NULL;

  g_return_if_fail (HGR_IS_STATS_GRAPH (self));

  gtk_label_set_label (GTK_LABEL (self->title), title);
  self->top = MAX (top, 0);
  value = g_strdup (gtk_label_get_label (GTK_LABEL (self->value)));
  gtk_label_set_label (GTK_LABEL (self->value), NULL); /* says the new title too */
  hgr_stats_graph_set_value (self, *value != '\0' ? value : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * hgr_stats_graph_set_series:
 * @self: a graph
 * @owner: (nullable): the object the series belong to, with an "updated" signal
 * @first: (nullable): the series drawn as an area
 * @second: (nullable): the series drawn as a line
 */
void
hgr_stats_graph_set_series (HgrStatsGraph      *self,
                            GObject            *owner,
                            const HgrStatsRing *first,
                            const HgrStatsRing *second)
{
  g_return_if_fail (HGR_IS_STATS_GRAPH (self));

  if (self->owner != owner)
    {
      disconnect_owner (self);
      if (owner != NULL)
        {
          self->owner = g_object_ref (owner);
          self->updated_id = g_signal_connect_swapped (owner, "updated", G_CALLBACK (gtk_widget_queue_draw), self);
        }
    }
  self->series[0] = owner != NULL ? first : NULL;
  self->series[1] = owner != NULL ? second : NULL;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The current value as shown, e.g. "12%"; NULL shows a dash. */
void
hgr_stats_graph_set_value (HgrStatsGraph *self,
                           const char    *value)
{
  g_autofree char *description = NULL;

  g_return_if_fail (HGR_IS_STATS_GRAPH (self));

  /* Translators: a figure that is not known yet */
  value = value != NULL ? value : C_ ("load", "—");
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (self->value)), value) == 0)
    return;
  gtk_label_set_label (GTK_LABEL (self->value), value);
  /* Translators: what a screen reader says of a load graph: "CPU: 12%" */
  description = g_strdup_printf (C_ ("load", "%s: %s"), gtk_label_get_label (GTK_LABEL (self->title)), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

const char *
hgr_stats_graph_get_value (HgrStatsGraph *self)
{
  g_return_val_if_fail (HGR_IS_STATS_GRAPH (self), NULL);
  return gtk_label_get_label (GTK_LABEL (self->value));
}

/* Where the plot is, in the graph's coordinates (for the tests). */
void
hgr_stats_graph_get_plot_area (HgrStatsGraph   *self,
                               graphene_rect_t *area)
{
  g_return_if_fail (HGR_IS_STATS_GRAPH (self));
  *area = self->plot;
}
