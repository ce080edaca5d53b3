/* hgr-stats-sampler-private.h — what the sampler's main-thread half and its worker share
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "hgr-guest-stats.h"
#include "hgr-host-stats.h"
#include "hgr-stats-sampler.h"

G_BEGIN_DECLS

/* What the worker remembers between ticks, one tick at a time. */
typedef struct
{
  GHashTable *devices; /* uuid → GStrv: disk targets, NULL, interface targets */
  GHashTable *vcpus;   /* uuid → vCPU count, for hosts whose bulk stats lack it */
  GHashTable *period;  /* uuids whose memory stats period is set */
  gboolean    have_node_info;
  guint       node_cpus;
  guint       node_mhz;
  char       *node_model;
  guint64     node_memory_kib;
  gboolean    node_memory_stats_missing; /* the driver lacks virNodeGetMemoryStats */
} WorkerMemory;

/* One tick: what the main thread hands the worker, and what comes back. */
typedef struct
{
  virConnectPtr   conn;
  WorkerMemory   *memory;
  HgrStatsGroups  groups;
  guint           interval;
  guint           delay_ms;
  GPtrArray      *counters; /* HgrStatsCounters */
  HgrNodeCounters node;
  gint64          at;
  gint64          worker_us;
  gboolean        bulk;
  guint           fallbacks;
  guint           kept_period; /* running guests found in memory->period */
  guint           kept_vcpus;  /* … and in memory->vcpus */
  gboolean        swept;       /* forget_stopped went through the tables */
} TickData;

WorkerMemory *hgr_stats_worker_memory_new (void);
void          hgr_stats_worker_memory_release (WorkerMemory *memory);
void          hgr_stats_tick_data_free (TickData *data);
gboolean      hgr_stats_tick_thread (gpointer      user_data,
                                     GCancellable *cancellable,
                                     GError      **error);

G_END_DECLS
