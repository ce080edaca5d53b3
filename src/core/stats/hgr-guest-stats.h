/* hgr-guest-stats.h — one guest's live load: CPU, memory, disk and network, now and lately
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-stats-ring.h"

G_BEGIN_DECLS

/**
 * HgrStatsCounters:
 *
 * What one tick read of one guest: libvirt's counters, plain data made in
 * the sampler's worker. A group that was not read has its has_ flag FALSE.
 */
typedef struct
{
  char    *uuid;
  gboolean running;
  guint    vcpus;
  gboolean has_cpu;
  guint64  cpu_time_ns;
  gboolean has_memory;
  guint64  memory_current_kib; /* the balloon's allocation */
  guint64  memory_used_kib;    /* of it, what the guest uses */
  gboolean has_block;
  guint64  read_bytes;
  guint64  write_bytes;
  gboolean has_net;
  guint64  rx_bytes;
  guint64  tx_bytes;
} HgrStatsCounters;

void hgr_stats_counters_free (HgrStatsCounters *counters);

/* Each figure's series. */
typedef enum
{
  HGR_STATS_SERIES_CPU,        /* % of the guest's vCPUs */
  HGR_STATS_SERIES_MEMORY,     /* % of its current allocation in use */
  HGR_STATS_SERIES_DISK_READ,  /* bytes/s */
  HGR_STATS_SERIES_DISK_WRITE, /* bytes/s */
  HGR_STATS_SERIES_NET_RX,     /* bytes/s */
  HGR_STATS_SERIES_NET_TX,     /* bytes/s */
  HGR_STATS_N_SERIES,
} HgrStatsSeries;

#define HGR_TYPE_GUEST_STATS (hgr_guest_stats_get_type ())

G_DECLARE_FINAL_TYPE (HgrGuestStats, hgr_guest_stats, HGR, GUEST_STATS, GObject)

HgrGuestStats      *hgr_guest_stats_new (void);
void                hgr_guest_stats_update (HgrGuestStats          *self,
                                            const HgrStatsCounters *counters,
                                            gint64                  at_us);
void                hgr_guest_stats_clear (HgrGuestStats *self);
gboolean            hgr_guest_stats_get_active (HgrGuestStats *self);
double              hgr_guest_stats_get_cpu_percent (HgrGuestStats *self);
guint64             hgr_guest_stats_get_memory_used (HgrGuestStats *self);
guint64             hgr_guest_stats_get_memory_total (HgrGuestStats *self);
double              hgr_guest_stats_get_rate (HgrGuestStats *self,
                                              HgrStatsSeries series);
const HgrStatsRing *hgr_guest_stats_get_series (HgrGuestStats *self,
                                                HgrStatsSeries series);

G_END_DECLS
