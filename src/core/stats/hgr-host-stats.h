/* hgr-host-stats.h — one host's live load: its CPU and memory, and the sum of its guests'
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-stats-ring.h"

G_BEGIN_DECLS

/* What the host's sampler reads besides CPU (always); the values of the
 * settings' StatsGroups flags. */
typedef enum
{
  HGR_STATS_GROUP_MEMORY = 1 << 0,
  HGR_STATS_GROUP_DISK = 1 << 1,
  HGR_STATS_GROUP_NETWORK = 1 << 2,
} HgrStatsGroups;

#define HGR_STATS_GROUPS_ALL (HGR_STATS_GROUP_MEMORY | HGR_STATS_GROUP_DISK | HGR_STATS_GROUP_NETWORK)

/**
 * HgrNodeCounters:
 *
 * What one tick read of the host itself, made in the sampler's worker.
 * A part that was not read has its has_ flag FALSE.
 */
typedef struct
{
  guint    cpus; /* logical CPUs, 0 if not known */
  guint    mhz;
  char    *cpu_model; /* nullable */
  gboolean has_cpu;
  guint64  cpu_busy_ns;  /* all CPUs: user + kernel (+ iowait is idle) */
  guint64  cpu_total_ns; /* all CPUs: busy + idle + iowait */
  gboolean has_memory;
  guint64  memory_total_kib;
  guint64  memory_used_kib; /* what processes use: not free, buffers or cache */
} HgrNodeCounters;

void hgr_node_counters_clear (HgrNodeCounters *counters);

/**
 * HgrGuestsLoad:
 *
 * The sum of one tick's running guests, as HgrGuestStats computed it.
 */
typedef struct
{
  guint   running;
  double  cpu_cores;    /* CPUs' worth of time the guests used, -1 if none known */
  guint64 memory_used;  /* bytes, of the guests whose balloon says */
  guint64 memory_total; /* bytes: their current allocations */
} HgrGuestsLoad;

typedef enum
{
  HGR_HOST_SERIES_CPU,           /* % of all the host's CPUs */
  HGR_HOST_SERIES_MEMORY,        /* % of its memory in use */
  HGR_HOST_SERIES_GUESTS_CPU,    /* the guests' share of the host's CPUs, % */
  HGR_HOST_SERIES_GUESTS_MEMORY, /* the memory the guests use, % of the host's */
  HGR_HOST_N_SERIES,
} HgrHostSeries;

#define HGR_TYPE_HOST_STATS (hgr_host_stats_get_type ())

G_DECLARE_FINAL_TYPE (HgrHostStats, hgr_host_stats, HGR, HOST_STATS, GObject)

HgrHostStats       *hgr_host_stats_new (void);
void                hgr_host_stats_update (HgrHostStats          *self,
                                           const HgrNodeCounters *node,
                                           const HgrGuestsLoad   *guests,
                                           gint64                 at_us);
void                hgr_host_stats_clear (HgrHostStats *self);
HgrStatsGroups      hgr_host_stats_get_groups (HgrHostStats *self);
void                hgr_host_stats_set_groups (HgrHostStats  *self,
                                               HgrStatsGroups groups);
gboolean            hgr_host_stats_get_active (HgrHostStats *self);
guint               hgr_host_stats_get_cpus (HgrHostStats *self);
guint               hgr_host_stats_get_mhz (HgrHostStats *self);
const char         *hgr_host_stats_get_cpu_model (HgrHostStats *self);
double              hgr_host_stats_get_cpu_percent (HgrHostStats *self);
guint64             hgr_host_stats_get_memory_used (HgrHostStats *self);
guint64             hgr_host_stats_get_memory_total (HgrHostStats *self);
guint               hgr_host_stats_get_guests_running (HgrHostStats *self);
double              hgr_host_stats_get_guests_cpu_percent (HgrHostStats *self);
guint64             hgr_host_stats_get_guests_memory_used (HgrHostStats *self);
guint64             hgr_host_stats_get_guests_memory_total (HgrHostStats *self);
const HgrStatsRing *hgr_host_stats_get_series (HgrHostStats *self,
                                               HgrHostSeries series);

G_END_DECLS
