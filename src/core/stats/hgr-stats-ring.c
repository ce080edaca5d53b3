/* hgr-stats-ring.c — a guest's recent load: fixed-size series of samples, and rates from counters
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-stats-ring.h"

#include <string.h>

void
hgr_stats_ring_push (HgrStatsRing *ring,
                     float         value)
{
  ring->values[ring->head] = value;
  ring->head = (ring->head + 1) % HGR_STATS_RING_SIZE;
  if (ring->length < HGR_STATS_RING_SIZE)
    ring->length++;
}

guint
hgr_stats_ring_get_length (const HgrStatsRing *ring)
{
  return ring->length;
}

/**
 * hgr_stats_ring_get:
 * @ring: a ring
 * @index: 0 for the oldest sample kept, length − 1 for the newest
 *
 * Returns: the sample
 */
float
hgr_stats_ring_get (const HgrStatsRing *ring,
                    guint               index)
{
  g_return_val_if_fail (index < ring->length, 0);

  return ring->values[(ring->head + HGR_STATS_RING_SIZE - ring->length + index) % HGR_STATS_RING_SIZE];
}

/* The largest sample kept, 0 for none: a graph's scale. */
float
hgr_stats_ring_get_max (const HgrStatsRing *ring)
{
  float max = 0;

  for (guint i = 0; i < ring->length; i++)
    max = MAX (max, hgr_stats_ring_get (ring, i));
  return max;
}

void
hgr_stats_ring_clear (HgrStatsRing *ring)
{
  memset (ring, 0, sizeof *ring);
}

/**
 * hgr_stats_rate:
 * @before: a counter at the previous tick
 * @after: the same counter now
 * @elapsed_us: the time between the two readings
 * @per_second: (out): the counter's rate
 *
 * A counter that went down was reset (the guest started again, a disk
 * was replaced): there is no rate then, rather than a negative or huge one.
 *
 * Returns: whether there is a rate
 */
gboolean
hgr_stats_rate (guint64 before,
                guint64 after,
                gint64  elapsed_us,
                double *per_second)
{
  *per_second = 0;
  if (elapsed_us <= 0 || after < before)
    return FALSE;
  *per_second = (double) (after - before) * G_USEC_PER_SEC / elapsed_us;
  return TRUE;
}
