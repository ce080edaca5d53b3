/* hgr-stats-sampler.c — one host's guests' load, read every few seconds in one call
 *
 * Every interval one worker job asks the host for all its guests' state,
 * CPU time, balloon, block and interface counters in one
 * virConnectGetAllDomainStats call, with NOWAIT so a guest stuck in a job
 * does not hold the tick up, and only for the guests that are active: a
 * stopped guest has no load, and a guest missing from a tick is stopped.
 * A driver that leaves groups out (libvirt 9.0's test driver gives the
 * state only) gets those guests read one by one in
 * the same job (virDomainGetInfo, MemoryStats, BlockStats, InterfaceStats
 * on the devices read once from the guest's XML). The counters come back to
 * the main thread as one batch with the time they were read; each guest's
 * HgrGuestStats turns them into figures.
 *
 * A tick still running when the next is due makes that one skip: ticks
 * never queue. A host that is not connected does not tick; it starts again
 * when it is back. virDomainSetMemoryStatsPeriod is set once per running
 * guest, so its balloon reports what the guest uses. The same job reads the
 * host itself (virNodeGetCPUStats, virNodeGetMemoryStats, virNodeGetInfo
 * once) for its HgrHostStats, which also gets the sum of its guests.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-stats"

#include "config.h"

#include <libvirt/libvirt.h>

#include "hgr-guest-stats.h"
#include "hgr-guest.h"
#include "hgr-host-private.h"
#include "hgr-stats-sampler-private.h"
#include "hgr-task.h"

struct _HgrStatsSampler
{
  GObject parent_instance;

  HgrHost       *host;
  guint          interval;
  HgrStatsGroups groups;
  guint          timer;
  GCancellable  *tick;   /* the tick under way */
  GHashTable    *active; /* uuids (owned) whose stats have figures */
  WorkerMemory  *memory; /* refcounted: a worker may outlive the sampler */
  HgrStatsTicks  counts;
  guint          delay_ms;
};

G_DEFINE_FINAL_TYPE (HgrStatsSampler, hgr_stats_sampler, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_INTERVAL,
  PROP_GROUPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------ */
/* The main thread                                                          */

static void
clear_all (HgrStatsSampler *self)
{
  GHashTableIter iter;
  const char    *uuid;

  g_hash_table_iter_init (&iter, self->active);
  while (g_hash_table_iter_next (&iter, (gpointer *) &uuid, NULL))
    {
      HgrGuest *guest = hgr_host_lookup_guest (self->host, uuid);

      if (guest != NULL)
        hgr_guest_stats_clear (hgr_guest_get_stats (guest));
    }
  g_hash_table_remove_all (self->active);
  hgr_host_stats_clear (hgr_host_get_stats (self->host));
}

static void
tick_apply (GTask   *task,
            gpointer user_data,
            GError  *error)
{
  HgrStatsSampler *self = g_task_get_source_object (task);
  TickData        *data = user_data;
  gint64           start = g_get_monotonic_time ();
  g_autoptr (GHashTable) seen = NULL;
  GHashTableIter iter;
  const char    *uuid;
  GCancellable  *mine = g_task_get_cancellable (task);
  HgrGuestsLoad  load = { .cpu_cores = -1 };

  if (mine == self->tick)
    g_clear_object (&self->tick);
  if (error != NULL || g_cancellable_is_cancelled (mine))
    {
      /* a stopped tick changes nothing; a failed one waits for the next */
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: %s", hgr_host_get_uri (self->host), error->message);
      hgr_task_return (task, error);
      return;
    }
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < data->counters->len; i++)
    {
      HgrStatsCounters *counters = g_ptr_array_index (data->counters, i);
      HgrGuest         *guest = hgr_host_lookup_guest (self->host, counters->uuid);
      HgrGuestStats    *stats;

      if (guest == NULL)
        continue;
      stats = hgr_guest_get_stats (guest);
      hgr_guest_stats_update (stats, counters, data->at);
      if (counters->running)
        {
          double cpu = hgr_guest_stats_get_cpu_percent (stats);

          load.running++;
          if (cpu >= 0)
            load.cpu_cores = MAX (load.cpu_cores, 0) + cpu / 100 * counters->vcpus;
          load.memory_used += hgr_guest_stats_get_memory_used (stats);
          load.memory_total += hgr_guest_stats_get_memory_total (stats);
          g_hash_table_add (seen, counters->uuid);
          if (!g_hash_table_contains (self->active, counters->uuid))
            g_hash_table_add (self->active, g_strdup (counters->uuid));
        }
    }
  /* guests gone from the host, or no longer running */
  g_hash_table_iter_init (&iter, self->active);
  while (g_hash_table_iter_next (&iter, (gpointer *) &uuid, NULL))
    if (!g_hash_table_contains (seen, uuid))
      {
        HgrGuest *guest = hgr_host_lookup_guest (self->host, uuid);

        if (guest != NULL)
          hgr_guest_stats_clear (hgr_guest_get_stats (guest));
        g_hash_table_iter_remove (&iter);
      }
  hgr_host_stats_update (hgr_host_get_stats (self->host), &data->node, &load, data->at);
  self->counts.ticks++;
  self->counts.bulk_calls += data->bulk ? 1 : 0;
  self->counts.fallback_calls += data->fallbacks;
  self->counts.sweeps += data->swept ? 1 : 0;
  self->counts.worker_us += data->worker_us;
  self->counts.apply_us += g_get_monotonic_time () - start;
  /* for the benchmarks (G_MESSAGES_DEBUG=hgr-perf) */
  g_log ("hgr-perf", G_LOG_LEVEL_DEBUG, "stats tick: %s: %u guests, %u running, worker %.2f ms, apply %.2f ms, %u per-guest reads",
         hgr_host_get_uri (self->host), g_list_model_get_n_items (hgr_host_get_guests (self->host)), load.running, data->worker_us / 1000.0,
         (g_get_monotonic_time () - start) / 1000.0, data->fallbacks);
  hgr_task_return (task, NULL);
}

/**
 * hgr_stats_sampler_tick:
 * @self: a sampler
 *
 * Reads the guests' load now (the timer calls it every interval).
 *
 * Returns: %FALSE if the last tick is still running, or the host is not
 *   connected: this one is skipped
 */
gboolean
hgr_stats_sampler_tick (HgrStatsSampler *self)
{
  virConnectPtr conn;
  GTask        *task;
  TickData     *data;

  g_return_val_if_fail (HGR_IS_STATS_SAMPLER (self), FALSE);

  conn = hgr_host_get_connection (self->host);
  if (conn == NULL || hgr_host_get_status (self->host) != HGR_HOST_STATUS_CONNECTED)
    return FALSE;
  if (self->tick != NULL)
    {
      self->counts.skipped++;
      return FALSE;
    }
  self->tick = g_cancellable_new ();
  data = g_new0 (TickData, 1);
  virConnectRef (conn);
  data->conn = conn;
  data->memory = g_atomic_rc_box_acquire (self->memory);
  data->groups = self->groups;
  data->interval = self->interval;
  data->delay_ms = self->delay_ms;
  task = hgr_task_new (self, self->tick, NULL, NULL, hgr_stats_sampler_tick);
  hgr_task_run (task, hgr_stats_tick_thread, data, (GDestroyNotify) hgr_stats_tick_data_free, tick_apply); /* takes the task */
  return TRUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  hgr_stats_sampler_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
stop (HgrStatsSampler *self)
{
  g_clear_handle_id (&self->timer, g_source_remove);
  if (self->tick != NULL)
    g_cancellable_cancel (self->tick);
  g_clear_object (&self->tick);
}

/* Ticks while the host is connected; its guests' figures go when it is not. */
static void
host_status_cb (HgrStatsSampler *self)
{
  stop (self);
  if (hgr_host_get_status (self->host) != HGR_HOST_STATUS_CONNECTED)
    {
      clear_all (self);
      return;
    }
  self->timer = g_timeout_add_seconds (self->interval, timer_cb, self);
  hgr_stats_sampler_tick (self);
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
hgr_stats_sampler_constructed (GObject *object)
{
  HgrStatsSampler *self = HGR_STATS_SAMPLER (object);

  G_OBJECT_CLASS (hgr_stats_sampler_parent_class)->constructed (object);
  g_signal_connect_object (self->host, "notify::status", G_CALLBACK (host_status_cb), self, G_CONNECT_SWAPPED);
  host_status_cb (self);
}

static void
hgr_stats_sampler_dispose (GObject *object)
{
  HgrStatsSampler *self = HGR_STATS_SAMPLER (object);

  stop (self);
  if (self->host != NULL && self->active != NULL)
    clear_all (self);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (hgr_stats_sampler_parent_class)->dispose (object);
}

static void
hgr_stats_sampler_finalize (GObject *object)
{
  HgrStatsSampler *self = HGR_STATS_SAMPLER (object);

  g_hash_table_unref (self->active);
  hgr_stats_worker_memory_release (self->memory);

  G_OBJECT_CLASS (hgr_stats_sampler_parent_class)->finalize (object);
}

static void
hgr_stats_sampler_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  HgrStatsSampler *self = HGR_STATS_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_GROUPS:
      g_value_set_uint (value, self->groups);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_stats_sampler_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  HgrStatsSampler *self = HGR_STATS_SAMPLER (object);

  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      hgr_stats_sampler_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_GROUPS:
      hgr_stats_sampler_set_groups (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_stats_sampler_class_init (HgrStatsSamplerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = hgr_stats_sampler_constructed;
  object_class->dispose = hgr_stats_sampler_dispose;
  object_class->finalize = hgr_stats_sampler_finalize;
  object_class->get_property = hgr_stats_sampler_get_property;
  object_class->set_property = hgr_stats_sampler_set_property;

  properties[PROP_HOST] = g_param_spec_object ("host", NULL, NULL, HGR_TYPE_HOST,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] = g_param_spec_uint ("interval", NULL, NULL, HGR_STATS_INTERVAL_MIN,
                                                 HGR_STATS_INTERVAL_MAX, HGR_STATS_INTERVAL_DEFAULT,
                                                 G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUPS] = g_param_spec_uint ("groups", NULL, NULL, 0, HGR_STATS_GROUPS_ALL, HGR_STATS_GROUPS_ALL,
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_stats_sampler_init (HgrStatsSampler *self)
{
  self->interval = HGR_STATS_INTERVAL_DEFAULT;
  self->groups = HGR_STATS_GROUPS_ALL;
  self->active = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->memory = hgr_stats_worker_memory_new ();
}

/**
 * hgr_stats_sampler_new:
 * @host: the host whose guests to read
 *
 * Returns: (transfer full): a sampler; it ticks while @host is connected
 */
HgrStatsSampler *
hgr_stats_sampler_new (HgrHost *host)
{
  g_return_val_if_fail (HGR_IS_HOST (host), NULL);
  return g_object_new (HGR_TYPE_STATS_SAMPLER, "host", host, NULL);
}

HgrHost *
hgr_stats_sampler_get_host (HgrStatsSampler *self)
{
  g_return_val_if_fail (HGR_IS_STATS_SAMPLER (self), NULL);
  return self->host;
}

guint
hgr_stats_sampler_get_interval (HgrStatsSampler *self)
{
  g_return_val_if_fail (HGR_IS_STATS_SAMPLER (self), HGR_STATS_INTERVAL_DEFAULT);
  return self->interval;
}

/**
 * hgr_stats_sampler_set_interval:
 * @self: a sampler
 * @seconds: between two ticks, %HGR_STATS_INTERVAL_MIN to %HGR_STATS_INTERVAL_MAX
 */
void
hgr_stats_sampler_set_interval (HgrStatsSampler *self,
                                guint            seconds)
{
  g_return_if_fail (HGR_IS_STATS_SAMPLER (self));

  seconds = CLAMP (seconds, HGR_STATS_INTERVAL_MIN, HGR_STATS_INTERVAL_MAX);
  if (self->interval == seconds)
    return;
  self->interval = seconds;
  if (self->timer != 0)
    {
      g_source_remove (self->timer);
      self->timer = g_timeout_add_seconds (self->interval, timer_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

HgrStatsGroups
hgr_stats_sampler_get_groups (HgrStatsSampler *self)
{
  g_return_val_if_fail (HGR_IS_STATS_SAMPLER (self), 0);
  return self->groups;
}

/* What the next ticks read besides CPU. */
void
hgr_stats_sampler_set_groups (HgrStatsSampler *self,
                              HgrStatsGroups   groups)
{
  g_return_if_fail (HGR_IS_STATS_SAMPLER (self));

  groups &= HGR_STATS_GROUPS_ALL;
  if (self->groups == groups)
    return;
  self->groups = groups;
  hgr_host_stats_set_groups (hgr_host_get_stats (self->host), groups);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GROUPS]);
}

void
hgr_stats_sampler_get_ticks (HgrStatsSampler *self,
                             HgrStatsTicks   *ticks)
{
  g_return_if_fail (HGR_IS_STATS_SAMPLER (self));
  *ticks = self->counts;
}

/* For the tests: each tick's worker waits this long first (a slow host). */
void
hgr_stats_sampler_inject_delay (HgrStatsSampler *self,
                                guint            milliseconds)
{
  g_return_if_fail (HGR_IS_STATS_SAMPLER (self));
  self->delay_ms = milliseconds;
}
