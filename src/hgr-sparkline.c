/* hgr-sparkline.c — a guest's recent load as a small bar graph
 *
 * The last minute or so of one series of HgrGuestStats, newest on the
 * right, one bar per sample, 0–100 % (or up to the largest sample kept
 * for rates). Drawn with colour nodes in the foreground colour, so it
 * follows dark mode and high contrast; a recycled list row only changes
 * its stats.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-sparkline.h"

/* One bar, and the space after it, in logical pixels. */
#define BAR_WIDTH 2
#define BAR_GAP   1

struct _HgrSparkline
{
  GtkWidget parent_instance;

  HgrGuestStats *stats;
  HgrStatsSeries series;
  gulong         updated_id;
};

G_DEFINE_FINAL_TYPE (HgrSparkline, hgr_sparkline, GTK_TYPE_WIDGET)

static void
hgr_sparkline_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  HgrSparkline       *self = HGR_SPARKLINE (widget);
  int                 width = gtk_widget_get_width (widget);
  int                 height = gtk_widget_get_height (widget);
  const HgrStatsRing *ring;
  GdkRGBA             color, faint;
  guint               length, bars;
  float               top;

  if (self->stats == NULL || width <= 0 || height <= 0)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  faint = color;
  faint.alpha *= 0.15;
  /* the baseline, so an idle guest still shows a graph */
  gtk_snapshot_append_color (snapshot, &faint, &GRAPHENE_RECT_INIT (0, height - 1, width, 1));

  ring = hgr_guest_stats_get_series (self->stats, self->series);
  length = hgr_stats_ring_get_length (ring);
  bars = MIN (length, (guint) (width + BAR_GAP) / (BAR_WIDTH + BAR_GAP));
  top = self->series == HGR_STATS_SERIES_CPU || self->series == HGR_STATS_SERIES_MEMORY
          ? 100
          : MAX (hgr_stats_ring_get_max (ring), 1);
  for (guint i = 0; i < bars; i++)
    {
      float  value = hgr_stats_ring_get (ring, length - bars + i);
      double bar = MAX (1, value / top * height);
      double x = width - (bars - i) * (BAR_WIDTH + BAR_GAP) + BAR_GAP;

      gtk_snapshot_append_color (snapshot, &color, &GRAPHENE_RECT_INIT (x, height - bar, BAR_WIDTH, bar));
    }
}

static void
disconnect_stats (HgrSparkline *self)
{
  if (self->stats != NULL)
    g_clear_signal_handler (&self->updated_id, self->stats);
  g_clear_object (&self->stats);
}

static void
hgr_sparkline_dispose (GObject *object)
{
  disconnect_stats (HGR_SPARKLINE (object));
  G_OBJECT_CLASS (hgr_sparkline_parent_class)->dispose (object);
}

static void
hgr_sparkline_class_init (HgrSparklineClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hgr_sparkline_dispose;
  widget_class->snapshot = hgr_sparkline_snapshot;
  gtk_widget_class_set_css_name (widget_class, "hgr-sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
hgr_sparkline_init (HgrSparkline *self)
{
}

GtkWidget *
hgr_sparkline_new (void)
{
  return g_object_new (HGR_TYPE_SPARKLINE, NULL);
}

/**
 * hgr_sparkline_set_stats:
 * @self: a sparkline
 * @stats: (nullable): the guest's stats
 * @series: which of its figures
 */
void
hgr_sparkline_set_stats (HgrSparkline  *self,
                         HgrGuestStats *stats,
                         HgrStatsSeries series)
{
  g_return_if_fail (HGR_IS_SPARKLINE (self));

  self->series = series;
  if (self->stats != stats)
    {
      disconnect_stats (self);
      if (stats != NULL)
        {
          self->stats = g_object_ref (stats);
          self->updated_id = g_signal_connect_swapped (stats, "updated", G_CALLBACK (gtk_widget_queue_draw), self);
        }
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
