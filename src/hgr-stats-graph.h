/* hgr-stats-graph.h — one figure of the recent load as a graph, with its title and current value
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hgr-stats-ring.h"

G_BEGIN_DECLS

#define HGR_TYPE_STATS_GRAPH (hgr_stats_graph_get_type ())

G_DECLARE_FINAL_TYPE (HgrStatsGraph, hgr_stats_graph, HGR, STATS_GRAPH, GtkWidget)

GtkWidget  *hgr_stats_graph_new (const char *title,
                                 double      top);
void        hgr_stats_graph_set_title (HgrStatsGraph *self,
                                       const char    *title,
                                       double         top);
void        hgr_stats_graph_set_series (HgrStatsGraph      *self,
                                        GObject            *owner,
                                        const HgrStatsRing *first,
                                        const HgrStatsRing *second);
void        hgr_stats_graph_set_value (HgrStatsGraph *self,
                                       const char    *value);
const char *hgr_stats_graph_get_value (HgrStatsGraph *self);
void        hgr_stats_graph_get_plot_area (HgrStatsGraph   *self,
                                           graphene_rect_t *area);

G_END_DECLS
