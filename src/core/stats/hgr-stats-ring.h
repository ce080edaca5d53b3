/* hgr-stats-ring.h — a guest's recent load: fixed-size series of samples, and rates from counters
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Samples kept per series: 64 × 4 bytes; at the default 3 s, 3 minutes. */
#define HGR_STATS_RING_SIZE 64

/**
 * HgrStatsRing:
 *
 * The last %HGR_STATS_RING_SIZE samples of one figure, oldest first; a
 * newer sample pushes the oldest out. Plain memory, no allocation.
 */
typedef struct
{
  float values[HGR_STATS_RING_SIZE];
  guint head; /* where the next sample goes */
  guint length;
} HgrStatsRing;

void  hgr_stats_ring_push (HgrStatsRing *ring,
                           float         value);
guint hgr_stats_ring_get_length (const HgrStatsRing *ring);
float hgr_stats_ring_get (const HgrStatsRing *ring,
                          guint               index);
float hgr_stats_ring_get_max (const HgrStatsRing *ring);
void  hgr_stats_ring_clear (HgrStatsRing *ring);

gboolean hgr_stats_rate (guint64 before,
                         guint64 after,
                         gint64  elapsed_us,
                         double *per_second);

G_END_DECLS
