/* hgr-guest-stats.c — one guest's live load: CPU, memory, disk and network, now and lately
 *
 * Each tick's counters (HgrStatsCounters) become figures: CPU time and
 * byte counters turn into rates over the tick's own interval, memory into
 * what is in use of the current allocation. A figure that is not known
 * (its group not read, the first tick, a counter that was reset) is -1.
 * Each figure keeps its last HGR_STATS_RING_SIZE values for graphs: about
 * 1.6 kB per guest, however long Hangar runs. Only properties whose value
 * changed are notified; "updated" says a tick was applied (graphs redraw).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-stats"

#include "config.h"

#include "hgr-guest-stats.h"

struct _HgrGuestStats
{
  GObject parent_instance;

  gboolean         active;
  gboolean         have_previous;
  HgrStatsCounters previous; /* uuid not kept */
  gint64           previous_at;

  double  figures[HGR_STATS_N_SERIES];
  guint64 memory_used;
  guint64 memory_total;

  HgrStatsRing series[HGR_STATS_N_SERIES];
};

G_DEFINE_FINAL_TYPE (HgrGuestStats, hgr_guest_stats, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  PROP_CPU_PERCENT,
  PROP_MEMORY_USED,
  PROP_MEMORY_TOTAL,
  PROP_DISK_READ,
  PROP_DISK_WRITE,
  PROP_NET_RX,
  PROP_NET_TX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The property of each series' current figure (memory has its own two). */
static const guint series_property[HGR_STATS_N_SERIES] = {
  PROP_CPU_PERCENT,
  0,
  PROP_DISK_READ,
  PROP_DISK_WRITE,
  PROP_NET_RX,
  PROP_NET_TX,
};

void
hgr_stats_counters_free (HgrStatsCounters *counters)
{
  g_free (counters->uuid);
  g_free (counters);
}

static void
set_figure (HgrGuestStats *self,
            HgrStatsSeries series,
            double         value)
{
  if (self->figures[series] == value)
    return;
  self->figures[series] = value;
  if (series_property[series] != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[series_property[series]]);
}

static void
set_memory (HgrGuestStats *self,
            guint64        used,
            guint64        total)
{
  if (self->memory_used != used)
    {
      self->memory_used = used;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_USED]);
    }
  if (self->memory_total != total)
    {
      self->memory_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEMORY_TOTAL]);
    }
}

static void
set_active (HgrGuestStats *self,
            gboolean       active)
{
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

/* A byte counter's rate, or -1 (first tick, group missing, reset). */
static double
counter_rate (gboolean have_both,
              guint64  before,
              guint64  after,
              gint64   elapsed_us)
{
  double rate;

  return have_both && hgr_stats_rate (before, after, elapsed_us, &rate) ? rate : -1;
}

/**
 * hgr_guest_stats_update:
 * @self: a guest's stats
 * @counters: what this tick read
 * @at_us: when it was read (monotonic µs): rates use it, not when it arrives
 *
 * Applies one tick. A guest that is not running has no figures.
 */
void
hgr_guest_stats_update (HgrGuestStats          *self,
                        const HgrStatsCounters *counters,
                        gint64                  at_us)
{
  const HgrStatsCounters *before = &self->previous;
  gboolean                previous = self->have_previous;
  gint64                  elapsed = at_us - self->previous_at;
  double                  figures[HGR_STATS_N_SERIES];

  g_return_if_fail (HGR_IS_GUEST_STATS (self));

  if (!counters->running)
    {
      hgr_guest_stats_clear (self);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  figures[HGR_STATS_SERIES_CPU] = -1;
  if (previous && before->has_cpu && counters->has_cpu && counters->vcpus > 0)
    {
      double ns_per_s;

      if (hgr_stats_rate (before->cpu_time_ns, counters->cpu_time_ns, elapsed, &ns_per_s))
        figures[HGR_STATS_SERIES_CPU] = CLAMP (ns_per_s / 1e9 / counters->vcpus * 100, 0, 100);
    }
  figures[HGR_STATS_SERIES_MEMORY] = -1;
  if (counters->has_memory && counters->memory_current_kib > 0)
    {
      guint64 used = MIN (counters->memory_used_kib, counters->memory_current_kib);

      figures[HGR_STATS_SERIES_MEMORY] = 100.0 * used / counters->memory_current_kib;
      set_memory (self, used * 1024, counters->memory_current_kib * 1024);
    }
  else
    set_memory (self, 0, 0);
  figures[HGR_STATS_SERIES_DISK_READ] = counter_rate (previous && before->has_block && counters->has_block,
                                                      before->read_bytes, counters->read_bytes, elapsed);
  figures[HGR_STATS_SERIES_DISK_WRITE] = counter_rate (previous && before->has_block && counters->has_block,
                                                       before->write_bytes, counters->write_bytes, elapsed);
  figures[HGR_STATS_SERIES_NET_RX] = counter_rate (previous && before->has_net && counters->has_net, before->rx_bytes,
                                                   counters->rx_bytes, elapsed);
  figures[HGR_STATS_SERIES_NET_TX] = counter_rate (previous && before->has_net && counters->has_net, before->tx_bytes,
                                                   counters->tx_bytes, elapsed);

  for (guint i = 0; i < HGR_STATS_N_SERIES; i++)
    {
      set_figure (self, i, figures[i]);
      /* an unknown figure draws as 0 in the graph, not as a gap */
      if (figures[i] >= 0 || hgr_stats_ring_get_length (&self->series[i]) > 0)
        hgr_stats_ring_push (&self->series[i], MAX (figures[i], 0));
    }

  self->previous = *counters;
  self->previous.uuid = NULL;
  self->previous_at = at_us;
  self->have_previous = TRUE;
  set_active (self, TRUE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[UPDATED], 0);
}

/* The guest stopped (or its host went away): no figures, no history. */
void
hgr_guest_stats_clear (HgrGuestStats *self)
{
  g_return_if_fail (HGR_IS_GUEST_STATS (self));

  if (!self->active && !self->have_previous)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->have_previous = FALSE;
  for (guint i = 0; i < HGR_STATS_N_SERIES; i++)
    {
      set_figure (self, i, -1);
      hgr_stats_ring_clear (&self->series[i]);
    }
  set_memory (self, 0, 0);
  set_active (self, FALSE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
hgr_guest_stats_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HgrGuestStats *self = HGR_GUEST_STATS (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_CPU_PERCENT:
      g_value_set_double (value, self->figures[HGR_STATS_SERIES_CPU]);
      break;
    case PROP_MEMORY_USED:
      g_value_set_uint64 (value, self->memory_used);
      break;
    case PROP_MEMORY_TOTAL:
      g_value_set_uint64 (value, self->memory_total);
      break;
    case PROP_DISK_READ:
      g_value_set_double (value, self->figures[HGR_STATS_SERIES_DISK_READ]);
      break;
    case PROP_DISK_WRITE:
      g_value_set_double (value, self->figures[HGR_STATS_SERIES_DISK_WRITE]);
      break;
    case PROP_NET_RX:
      g_value_set_double (value, self->figures[HGR_STATS_SERIES_NET_RX]);
      break;
    case PROP_NET_TX:
      g_value_set_double (value, self->figures[HGR_STATS_SERIES_NET_TX]);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_stats_class_init (HgrGuestStatsClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = hgr_guest_stats_get_property;

  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_CPU_PERCENT] = g_param_spec_double ("cpu-percent", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_MEMORY_USED] = g_param_spec_uint64 ("memory-used", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_MEMORY_TOTAL] = g_param_spec_uint64 ("memory-total", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_DISK_READ] = g_param_spec_double ("disk-read-rate", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_DISK_WRITE] = g_param_spec_double ("disk-write-rate", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_NET_RX] = g_param_spec_double ("net-rx-rate", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  properties[PROP_NET_TX] = g_param_spec_double ("net-tx-rate", NULL, NULL, -1, G_MAXDOUBLE, -1, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrGuestStats::updated:
   *
   * A tick was applied, or the figures were cleared: the series changed.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
hgr_guest_stats_init (HgrGuestStats *self)
{
  for (guint i = 0; i < HGR_STATS_N_SERIES; i++)
    self->figures[i] = -1;
}

HgrGuestStats *
hgr_guest_stats_new (void)
{
  return g_object_new (HGR_TYPE_GUEST_STATS, NULL);
}

gboolean
hgr_guest_stats_get_active (HgrGuestStats *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), FALSE);
  return self->active;
}

/* Returns: the CPU in use, in % of the guest's vCPUs, or -1 */
double
hgr_guest_stats_get_cpu_percent (HgrGuestStats *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), -1);
  return self->figures[HGR_STATS_SERIES_CPU];
}

/* Returns: bytes of its current allocation the guest uses, 0 if not known */
guint64
hgr_guest_stats_get_memory_used (HgrGuestStats *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), 0);
  return self->memory_used;
}

/* Returns: the guest's current allocation in bytes, 0 if not known */
guint64
hgr_guest_stats_get_memory_total (HgrGuestStats *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), 0);
  return self->memory_total;
}

/* Returns: a series' current figure, or -1 */
double
hgr_guest_stats_get_rate (HgrGuestStats *self,
                          HgrStatsSeries series)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), -1);
  g_return_val_if_fail (series < HGR_STATS_N_SERIES, -1);
  return self->figures[series];
}

const HgrStatsRing *
hgr_guest_stats_get_series (HgrGuestStats *self,
                            HgrStatsSeries series)
{
  g_return_val_if_fail (HGR_IS_GUEST_STATS (self), NULL);
  g_return_val_if_fail (series < HGR_STATS_N_SERIES, NULL);
  return &self->series[series];
}
