/* hgr-host-stats.c — one host's live load: its CPU and memory, and the sum of its guests'
 *
 * Each tick of the host's sampler brings the host's own counters
 * (virNodeGetCPUStats, virNodeGetMemoryStats, virNodeGetInfo) and the sum
 * of what its running guests used. CPU time becomes a percentage of all
 * the host's CPUs over the tick; a figure that is not known is -1 (or 0
 * for bytes). Like HgrGuestStats it keeps the last HGR_STATS_RING_SIZE
 * values of each series (4 × 256 bytes per host), notifies only what
 * changed and emits "updated" once per tick: the guest list re-sorts by
 * load on it.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-stats"

#include "config.h"

#include "hgr-host-stats.h"

struct _HgrHostStats
{
  GObject parent_instance;

  gboolean       active;
  HgrStatsGroups groups;
  gboolean       have_previous;
  guint64        previous_busy;
  guint64        previous_total;

  guint         cpus;
  guint         mhz;
  char         *cpu_model;
  double        figures[HGR_HOST_N_SERIES];
  guint64       memory_used;
  guint64       memory_total;
  HgrGuestsLoad guests;

  HgrStatsRing series[HGR_HOST_N_SERIES];
};

G_DEFINE_FINAL_TYPE (HgrHostStats, hgr_host_stats, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVE,
  PROP_CPUS,
  PROP_CPU_PERCENT,
  PROP_MEMORY_USED,
  PROP_MEMORY_TOTAL,
  PROP_GUESTS_RUNNING,
  PROP_GUESTS_CPU_PERCENT,
  PROP_GUESTS_MEMORY_USED,
  PROP_GROUPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
hgr_node_counters_clear (HgrNodeCounters *counters)
{
  g_clear_pointer (&counters->cpu_model, g_free);
}

#define SET(field, value, prop)                                       \
  G_STMT_START                                                        \
  {                                                                   \
    if (self->field != (value))                                       \
      {                                                               \
        self->field = (value);                                        \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      }                                                               \
  }                                                                   \
  G_STMT_END

/**
 * hgr_host_stats_update:
 * @self: a host's stats
 * @node: what this tick read of the host
 * @guests: the sum of its running guests this tick
 * @at_us: when it was read (monotonic µs)
 *
 * Applies one tick.
 */
void
hgr_host_stats_update (HgrHostStats          *self,
                       const HgrNodeCounters *node,
                       const HgrGuestsLoad   *guests,
                       gint64                 at_us)
{
  double figures[HGR_HOST_N_SERIES] = { -1, -1, -1, -1 };

  g_return_if_fail (HGR_IS_HOST_STATS (self));

  g_object_freeze_notify (G_OBJECT (self));
  /* the host's counters are its own clock: no rate needs at_us */
  (void) at_us;
  if (node->has_cpu && self->have_previous && node->cpu_total_ns > self->previous_total &&
      node->cpu_busy_ns >= self->previous_busy)
    figures[HGR_HOST_SERIES_CPU] = CLAMP (100.0 * (node->cpu_busy_ns - self->previous_busy) /
                                            (node->cpu_total_ns - self->previous_total),
                                          0, 100);
  self->have_previous = node->has_cpu;
  self->previous_busy = node->cpu_busy_ns;
  self->previous_total = node->cpu_total_ns;

  if (node->has_memory && node->memory_total_kib > 0)
    {
      guint64 used = MIN (node->memory_used_kib, node->memory_total_kib);

      figures[HGR_HOST_SERIES_MEMORY] = 100.0 * used / node->memory_total_kib;
      SET (memory_used, used * 1024, PROP_MEMORY_USED);
      SET (memory_total, node->memory_total_kib * 1024, PROP_MEMORY_TOTAL);
    }
  else
    {
      SET (memory_used, 0, PROP_MEMORY_USED);
      SET (memory_total, 0, PROP_MEMORY_TOTAL);
    }
  SET (cpus, node->cpus, PROP_CPUS);
  self->mhz = node->mhz;
  if (g_strcmp0 (self->cpu_model, node->cpu_model) != 0)
    {
      g_free (self->cpu_model);
      self->cpu_model = g_strdup (node->cpu_model);
    }

  if (guests->cpu_cores >= 0 && node->cpus > 0)
    figures[HGR_HOST_SERIES_GUESTS_CPU] = CLAMP (100.0 * guests->cpu_cores / node->cpus, 0, 100);
  if (guests->memory_used > 0 && self->memory_total > 0)
    figures[HGR_HOST_SERIES_GUESTS_MEMORY] = MIN (100.0 * guests->memory_used / self->memory_total, 100);
  SET (guests.running, guests->running, PROP_GUESTS_RUNNING);
  SET (guests.memory_used, guests->memory_used, PROP_GUESTS_MEMORY_USED);
  self->guests.memory_total = guests->memory_total;
  self->guests.cpu_cores = guests->cpu_cores;

  for (guint i = 0; i < HGR_HOST_N_SERIES; i++)
    {
      static const guint props[HGR_HOST_N_SERIES] = { PROP_CPU_PERCENT, 0, PROP_GUESTS_CPU_PERCENT, 0 };

      if (self->figures[i] != figures[i])
        {
          self->figures[i] = figures[i];
          if (props[i] != 0)
            g_object_notify_by_pspec (G_OBJECT (self), properties[props[i]]);
        }
      if (figures[i] >= 0 || hgr_stats_ring_get_length (&self->series[i]) > 0)
        hgr_stats_ring_push (&self->series[i], MAX (figures[i], 0));
    }
  SET (active, TRUE, PROP_ACTIVE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[UPDATED], 0);
}

/* The host went away: no figures, no history. */
void
hgr_host_stats_clear (HgrHostStats *self)
{
  g_return_if_fail (HGR_IS_HOST_STATS (self));

  if (!self->active && !self->have_previous)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  self->have_previous = FALSE;
  for (guint i = 0; i < HGR_HOST_N_SERIES; i++)
    {
      self->figures[i] = -1;
      hgr_stats_ring_clear (&self->series[i]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CPU_PERCENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUESTS_CPU_PERCENT]);
  SET (memory_used, 0, PROP_MEMORY_USED);
  SET (memory_total, 0, PROP_MEMORY_TOTAL);
  SET (guests.running, 0, PROP_GUESTS_RUNNING);
  SET (guests.memory_used, 0, PROP_GUESTS_MEMORY_USED);
  self->guests.memory_total = 0;
  self->guests.cpu_cores = -1;
  SET (active, FALSE, PROP_ACTIVE);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[UPDATED], 0);
}

HgrStatsGroups
hgr_host_stats_get_groups (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), HGR_STATS_GROUPS_ALL);
  return self->groups;
}

/* Set by the host's sampler: what its ticks read besides CPU. */
void
hgr_host_stats_set_groups (HgrHostStats  *self,
                           HgrStatsGroups groups)
{
  g_return_if_fail (HGR_IS_HOST_STATS (self));
  SET (groups, groups & HGR_STATS_GROUPS_ALL, PROP_GROUPS);
}

static void
hgr_host_stats_finalize (GObject *object)
{
  HgrHostStats *self = HGR_HOST_STATS (object);

  g_free (self->cpu_model);
  G_OBJECT_CLASS (hgr_host_stats_parent_class)->finalize (object);
}

static void
hgr_host_stats_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HgrHostStats *self = HGR_HOST_STATS (object);

  switch (prop_id)
    {
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_CPUS:
      g_value_set_uint (value, self->cpus);
      break;
    case PROP_CPU_PERCENT:
      g_value_set_double (value, self->figures[HGR_HOST_SERIES_CPU]);
      break;
    case PROP_MEMORY_USED:
      g_value_set_uint64 (value, self->memory_used);
      break;
    case PROP_MEMORY_TOTAL:
      g_value_set_uint64 (value, self->memory_total);
      break;
    case PROP_GUESTS_RUNNING:
      g_value_set_uint (value, self->guests.running);
      break;
    case PROP_GUESTS_CPU_PERCENT:
      g_value_set_double (value, self->figures[HGR_HOST_SERIES_GUESTS_CPU]);
      break;
    case PROP_GUESTS_MEMORY_USED:
      g_value_set_uint64 (value, self->guests.memory_used);
      break;
    case PROP_GROUPS:
      g_value_set_uint (value, self->groups);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_stats_class_init (HgrHostStatsClass *klass)
{
  GObjectClass     *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_host_stats_finalize;
  object_class->get_property = hgr_host_stats_get_property;

  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_CPUS] = g_param_spec_uint ("cpus", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CPU_PERCENT] = g_param_spec_double ("cpu-percent", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_MEMORY_USED] = g_param_spec_uint64 ("memory-used", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_MEMORY_TOTAL] = g_param_spec_uint64 ("memory-total", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_GUESTS_RUNNING] = g_param_spec_uint ("guests-running", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_GUESTS_CPU_PERCENT] = g_param_spec_double ("guests-cpu-percent", NULL, NULL, -1, 100, -1, flags);
  properties[PROP_GUESTS_MEMORY_USED] = g_param_spec_uint64 ("guests-memory-used", NULL, NULL, 0, G_MAXUINT64, 0,
                                                             flags);
  /* what is read besides CPU: the pages show no graph for the rest */
  properties[PROP_GROUPS] = g_param_spec_uint ("groups", NULL, NULL, 0, HGR_STATS_GROUPS_ALL, HGR_STATS_GROUPS_ALL,
                                               flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrHostStats::updated:
   *
   * A tick was applied (the host's guests' stats were updated with it), or
   * the figures were cleared.
   */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
hgr_host_stats_init (HgrHostStats *self)
{
  self->groups = HGR_STATS_GROUPS_ALL;
  for (guint i = 0; i < HGR_HOST_N_SERIES; i++)
    self->figures[i] = -1;
  self->guests.cpu_cores = -1;
}

HgrHostStats *
hgr_host_stats_new (void)
{
  return g_object_new (HGR_TYPE_HOST_STATS, NULL);
}

gboolean
hgr_host_stats_get_active (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), FALSE);
  return self->active;
}

/* Returns: the host's logical CPUs, 0 if not known */
guint
hgr_host_stats_get_cpus (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->cpus;
}

/* Returns: the CPUs' clock in MHz, 0 if not known */
guint
hgr_host_stats_get_mhz (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->mhz;
}

/* Returns: (nullable): the CPU model libvirt names */
const char *
hgr_host_stats_get_cpu_model (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), NULL);
  return self->cpu_model;
}

/* Returns: the host's CPU in use, % of all its CPUs, or -1 */
double
hgr_host_stats_get_cpu_percent (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), -1);
  return self->figures[HGR_HOST_SERIES_CPU];
}

/* Returns: bytes of memory in use on the host, 0 if not known */
guint64
hgr_host_stats_get_memory_used (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->memory_used;
}

/* Returns: the host's memory in bytes, 0 if not known */
guint64
hgr_host_stats_get_memory_total (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->memory_total;
}

guint
hgr_host_stats_get_guests_running (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->guests.running;
}

/* Returns: the running guests' share of the host's CPUs in %, or -1 */
double
hgr_host_stats_get_guests_cpu_percent (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), -1);
  return self->figures[HGR_HOST_SERIES_GUESTS_CPU];
}

/* Returns: bytes the running guests use, of those whose balloon says */
guint64
hgr_host_stats_get_guests_memory_used (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->guests.memory_used;
}

/* Returns: bytes the running guests were given */
guint64
hgr_host_stats_get_guests_memory_total (HgrHostStats *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), 0);
  return self->guests.memory_total;
}

const HgrStatsRing *
hgr_host_stats_get_series (HgrHostStats *self,
                           HgrHostSeries series)
{
  g_return_val_if_fail (HGR_IS_HOST_STATS (self), NULL);
  g_return_val_if_fail (series < HGR_HOST_N_SERIES, NULL);
  return &self->series[series];
}
