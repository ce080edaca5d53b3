/* hgr-load-graphs.h — the "Load" group of a guest's or a host's page: one graph per figure
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest-stats.h"
#include "hgr-host-stats.h"

G_BEGIN_DECLS

#define HGR_TYPE_LOAD_GRAPHS (hgr_load_graphs_get_type ())

G_DECLARE_FINAL_TYPE (HgrLoadGraphs, hgr_load_graphs, HGR, LOAD_GRAPHS, AdwPreferencesGroup)

GtkWidget *hgr_load_graphs_new (void);
void       hgr_load_graphs_set_guest_stats (HgrLoadGraphs *self,
                                            HgrGuestStats *stats,
                                            HgrHostStats  *host_stats);
void       hgr_load_graphs_set_host_stats (HgrLoadGraphs *self,
                                           HgrHostStats  *stats);
GtkWidget *hgr_load_graphs_get_graph (HgrLoadGraphs *self,
                                      guint          index);

G_END_DECLS
