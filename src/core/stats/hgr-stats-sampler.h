/* hgr-stats-sampler.h — one host's guests' load, read every few seconds in one call
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-host-stats.h"
#include "hgr-host.h"

G_BEGIN_DECLS

#define HGR_STATS_INTERVAL_DEFAULT 3
#define HGR_STATS_INTERVAL_MIN     1
#define HGR_STATS_INTERVAL_MAX     60

/**
 * HgrStatsTicks:
 *
 * What a sampler did, for tests and benchmarks.
 */
typedef struct
{
  guint64 ticks;          /* applied */
  guint64 skipped;        /* the previous tick was still running */
  guint64 bulk_calls;     /* virConnectGetAllDomainStats */
  guint64 fallback_calls; /* guests read one by one (drivers without the bulk groups) */
  guint64 sweeps;         /* ticks whose worker looked for stopped guests to forget */
  gint64  worker_us;      /* summed over the ticks */
  gint64  apply_us;       /* main thread, summed */
} HgrStatsTicks;

#define HGR_TYPE_STATS_SAMPLER (hgr_stats_sampler_get_type ())

G_DECLARE_FINAL_TYPE (HgrStatsSampler, hgr_stats_sampler, HGR, STATS_SAMPLER, GObject)

HgrStatsSampler *hgr_stats_sampler_new (HgrHost *host);
HgrHost         *hgr_stats_sampler_get_host (HgrStatsSampler *self);
guint            hgr_stats_sampler_get_interval (HgrStatsSampler *self);
void             hgr_stats_sampler_set_interval (HgrStatsSampler *self,
                                                 guint            seconds);
HgrStatsGroups   hgr_stats_sampler_get_groups (HgrStatsSampler *self);
void             hgr_stats_sampler_set_groups (HgrStatsSampler *self,
                                               HgrStatsGroups   groups);
gboolean         hgr_stats_sampler_tick (HgrStatsSampler *self);
void             hgr_stats_sampler_get_ticks (HgrStatsSampler *self,
                                              HgrStatsTicks   *ticks);
void             hgr_stats_sampler_inject_delay (HgrStatsSampler *self,
                                                 guint            milliseconds);

G_END_DECLS
