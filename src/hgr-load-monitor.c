/* hgr-load-monitor.c — the live load of every host in a store, read as the settings say
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One HgrStatsSampler per host while "stats-enabled" is on, none while it is
 * off (a sampler that goes clears its figures). "stats-interval" and
 * "stats-groups" say how often and what, for every sampler at once.
 */

#define G_LOG_DOMAIN "hgr-load-monitor"

#include "config.h"

#include "hgr-load-monitor.h"

struct _HgrLoadMonitor
{
  GObject parent_instance;

  HgrHostStore *store;
  GSettings    *settings;
  GHashTable   *samplers; /* HgrHost → HgrStatsSampler */
};

G_DEFINE_FINAL_TYPE (HgrLoadMonitor, hgr_load_monitor, G_TYPE_OBJECT)

static void
groups_changed_cb (HgrLoadMonitor *self)
{
  HgrStatsGroups groups = g_settings_get_flags (self->settings, "stats-groups");
  GHashTableIter iter;
  gpointer       sampler;

  g_hash_table_iter_init (&iter, self->samplers);
  while (g_hash_table_iter_next (&iter, NULL, &sampler))
    hgr_stats_sampler_set_groups (sampler, groups);
}

/* A sampler for every host in the store, and none for the hosts that left. */
static void
hosts_changed_cb (HgrLoadMonitor *self)
{
  GListModel *hosts = hgr_host_store_get_hosts (self->store);
  g_autoptr (GHashTable) kept = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer       host;
  guint          n_hosts = g_settings_get_boolean (self->settings, "stats-enabled") ? g_list_model_get_n_items (hosts) : 0;

  for (guint i = 0; i < n_hosts; i++)
    {
      g_autoptr (HgrHost) item = g_list_model_get_item (hosts, i);

      g_hash_table_add (kept, item);
      if (!g_hash_table_contains (self->samplers, item))
        {
          HgrStatsSampler *sampler = hgr_stats_sampler_new (item);

          g_settings_bind (self->settings, "stats-interval", sampler, "interval", G_SETTINGS_BIND_GET);
          hgr_stats_sampler_set_groups (sampler, g_settings_get_flags (self->settings, "stats-groups"));
          g_hash_table_insert (self->samplers, g_object_ref (item), sampler);
        }
    }
  g_hash_table_iter_init (&iter, self->samplers);
  while (g_hash_table_iter_next (&iter, &host, NULL))
    if (!g_hash_table_contains (kept, host))
      g_hash_table_iter_remove (&iter);
}

static void
hgr_load_monitor_dispose (GObject *object)
{
  HgrLoadMonitor *self = HGR_LOAD_MONITOR (object);

  if (self->samplers != NULL)
    g_hash_table_remove_all (self->samplers);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hgr_load_monitor_parent_class)->dispose (object);
}

static void
hgr_load_monitor_finalize (GObject *object)
{
  HgrLoadMonitor *self = HGR_LOAD_MONITOR (object);

  g_hash_table_unref (self->samplers);

  G_OBJECT_CLASS (hgr_load_monitor_parent_class)->finalize (object);
}

static void
hgr_load_monitor_class_init (HgrLoadMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_load_monitor_dispose;
  object_class->finalize = hgr_load_monitor_finalize;
}

static void
hgr_load_monitor_init (HgrLoadMonitor *self)
{
  self->samplers = g_hash_table_new_full (NULL, NULL, g_object_unref, g_object_unref);
}

/**
 * hgr_load_monitor_new:
 * @store: the hosts
 * @settings: Hangar's settings (the `stats-*` keys)
 *
 * Returns: (transfer full): a monitor reading the load of @store's hosts
 */
HgrLoadMonitor *
hgr_load_monitor_new (HgrHostStore *store,
                      GSettings    *settings)
{
  HgrLoadMonitor *self;

  g_return_val_if_fail (HGR_IS_HOST_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (HGR_TYPE_LOAD_MONITOR, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (hgr_host_store_get_hosts (store), "items-changed", G_CALLBACK (hosts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::stats-groups", G_CALLBACK (groups_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::stats-enabled", G_CALLBACK (hosts_changed_cb), self, G_CONNECT_SWAPPED);
  hosts_changed_cb (self);
  return self;
}

/**
 * hgr_load_monitor_get_sampler:
 *
 * Returns: (transfer none) (nullable): the sampler reading @host's load;
 *   %NULL while the load is not read or for a host not in the store
 */
HgrStatsSampler *
hgr_load_monitor_get_sampler (HgrLoadMonitor *self,
                              HgrHost        *host)
{
  g_return_val_if_fail (HGR_IS_LOAD_MONITOR (self), NULL);

  return g_hash_table_lookup (self->samplers, host);
}
