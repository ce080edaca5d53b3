/* hgr-stats-sampler-worker.c — the sampler's worker half: one tick's libvirt calls
 *
 * The bulk call for every active guest, the per-guest fallback for the
 * groups a driver leaves out, the memory stats period, the host's own
 * figures; see hgr-stats-sampler.c for the whole design. Runs in a worker
 * thread only: nothing here touches a GObject of the main thread.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-stats-sampler-private.h"

static void
worker_memory_clear (WorkerMemory *memory)
{
  g_hash_table_unref (memory->devices);
  g_hash_table_unref (memory->vcpus);
  g_hash_table_unref (memory->period);
  g_free (memory->node_model);
}

WorkerMemory *
hgr_stats_worker_memory_new (void)
{
  WorkerMemory *memory = g_atomic_rc_box_new0 (WorkerMemory);

  memory->devices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_strfreev);
  memory->vcpus = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  memory->period = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return memory;
}

void
hgr_stats_worker_memory_release (WorkerMemory *memory)
{
  g_atomic_rc_box_release_full (memory, (GDestroyNotify) worker_memory_clear);
}

void
hgr_stats_tick_data_free (TickData *data)
{
  virConnectClose (data->conn);
  hgr_stats_worker_memory_release (data->memory);
  g_clear_pointer (&data->counters, g_ptr_array_unref);
  hgr_node_counters_clear (&data->node);
  g_free (data);
}

static gboolean
is_running (int state)
{
  return state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED || state == VIR_DOMAIN_BLOCKED;
}

/* A guest's disk and interface targets, read once from its XML. */
static GStrv
read_devices (virDomainPtr domain)
{
  g_autofree char *xml = virDomainGetXMLDesc (domain, 0);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  static const char *const paths[] = { "/domain/devices/disk/target/@dev", "/domain/devices/interface/target/@dev" };
  xmlDocPtr                doc;

  if (xml == NULL || (doc = xmlReadMemory (xml, strlen (xml), NULL, NULL, XML_PARSE_NONET)) == NULL)
    return g_strv_builder_end (builder);
  for (gsize p = 0; p < G_N_ELEMENTS (paths); p++)
    {
      xmlXPathContextPtr context = xmlXPathNewContext (doc);
      xmlXPathObjectPtr  found = xmlXPathEvalExpression ((const xmlChar *) paths[p], context);

      if (p == 1)
        g_strv_builder_add (builder, ""); /* between the disks and the interfaces */
      for (int i = 0; found != NULL && found->nodesetval != NULL && i < found->nodesetval->nodeNr; i++)
        {
          xmlChar *dev = xmlNodeGetContent (found->nodesetval->nodeTab[i]);

          g_strv_builder_add (builder, (const char *) dev);
          xmlFree (dev);
        }
      xmlXPathFreeObject (found);
      xmlXPathFreeContext (context);
    }
  xmlFreeDoc (doc);
  return g_strv_builder_end (builder);
}

/* Memory in use of the balloon's current allocation (all in KiB): what the
 * guest could still use subtracted from what it sees, else its free memory
 * subtracted from the allocation; nothing known without either. */
static void
set_memory (HgrStatsCounters *counters,
            guint64           current,
            gboolean          have_unused,
            guint64           unused,
            gboolean          have_available,
            guint64           available,
            gboolean          have_usable,
            guint64           usable)
{
  if (current == 0 || !(have_usable || have_unused))
    return;
  counters->has_memory = TRUE;
  counters->memory_current_kib = current;
  if (have_available && have_usable && available >= usable)
    counters->memory_used_kib = available - usable;
  else
    counters->memory_used_kib = current > unused ? current - unused : 0;
}

/* The per-guest calls, for the groups the bulk call did not answer; memory
 * only when it is in @ask (a balloon the bulk call read, with no driver in
 * the guest to say what it uses, would say nothing more here). */
static void
read_one_by_one (TickData         *data,
                 virDomainPtr      domain,
                 HgrStatsCounters *counters,
                 HgrStatsGroups    ask)
{
  virDomainInfo info;
  GStrv         devices;
  gboolean      interfaces = FALSE;

  data->fallbacks++;
  if (!counters->has_cpu && virDomainGetInfo (domain, &info) == 0)
    {
      counters->has_cpu = TRUE;
      counters->cpu_time_ns = info.cpuTime;
      counters->vcpus = info.nrVirtCpu;
    }
  if (!counters->has_memory && (ask & HGR_STATS_GROUP_MEMORY))
    {
      virDomainMemoryStatStruct stats[VIR_DOMAIN_MEMORY_STAT_NR];
      int                       n = virDomainMemoryStats (domain, stats, VIR_DOMAIN_MEMORY_STAT_NR, 0);
      guint64                   actual = 0, unused = 0, available = 0, usable = 0;
      gboolean                  have_unused = FALSE, have_available = FALSE, have_usable = FALSE;

      for (int i = 0; i < n; i++)
        switch (stats[i].tag)
          {
          case VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON:
            actual = stats[i].val;
            break;
          case VIR_DOMAIN_MEMORY_STAT_UNUSED:
            unused = stats[i].val;
            have_unused = TRUE;
            break;
          case VIR_DOMAIN_MEMORY_STAT_AVAILABLE:
            available = stats[i].val;
            have_available = TRUE;
            break;
          case VIR_DOMAIN_MEMORY_STAT_USABLE:
            usable = stats[i].val;
            have_usable = TRUE;
            break;
          default:
            break;
          }
      set_memory (counters, actual, have_unused, unused, have_available, available, have_usable, usable);
    }
  if (!(data->groups & (HGR_STATS_GROUP_DISK | HGR_STATS_GROUP_NETWORK)) || (counters->has_block && counters->has_net))
    return;
  devices = g_hash_table_lookup (data->memory->devices, counters->uuid);
  if (devices == NULL)
    {
      devices = read_devices (domain);
      g_hash_table_insert (data->memory->devices, g_strdup (counters->uuid), devices);
    }
  for (guint i = 0; devices[i] != NULL; i++)
    {
      if (devices[i][0] == '\0')
        interfaces = TRUE;
      else if (!interfaces && !counters->has_block && (data->groups & HGR_STATS_GROUP_DISK))
        {
          virDomainBlockStatsStruct block;

          if (virDomainBlockStats (domain, devices[i], &block, sizeof block) == 0)
            {
              counters->read_bytes += MAX (block.rd_bytes, 0);
              counters->write_bytes += MAX (block.wr_bytes, 0);
            }
        }
      else if (interfaces && !counters->has_net && (data->groups & HGR_STATS_GROUP_NETWORK))
        {
          virDomainInterfaceStatsStruct net;

          if (virDomainInterfaceStats (domain, devices[i], &net, sizeof net) == 0)
            {
              counters->rx_bytes += MAX (net.rx_bytes, 0);
              counters->tx_bytes += MAX (net.tx_bytes, 0);
            }
        }
    }
  counters->has_block = counters->has_block || (data->groups & HGR_STATS_GROUP_DISK);
  counters->has_net = counters->has_net || (data->groups & HGR_STATS_GROUP_NETWORK);
}

static guint64
param_ullong (virDomainStatsRecordPtr record,
              const char             *name,
              gboolean               *found)
{
  unsigned long long value = 0;

  *found = virTypedParamsGetULLong (record->params, record->nparams, name, &value) == 1;
  return value;
}

/* Sums block.N.<what> or net.N.<what> over the record's devices. */
static gboolean
sum_devices (virDomainStatsRecordPtr record,
             const char             *prefix,
             const char             *first,
             const char             *second,
             guint64                *first_sum,
             guint64                *second_sum)
{
  g_autofree char *count_name = g_strdup_printf ("%s.count", prefix);
  unsigned int     count = 0;
  gboolean         any = FALSE;

  if (virTypedParamsGetUInt (record->params, record->nparams, count_name, &count) != 1)
    return FALSE;
  for (unsigned int i = 0; i < count; i++)
    {
      g_autofree char *a = g_strdup_printf ("%s.%u.%s", prefix, i, first);
      g_autofree char *b = g_strdup_printf ("%s.%u.%s", prefix, i, second);
      gboolean         found_a, found_b;

      *first_sum += param_ullong (record, a, &found_a);
      *second_sum += param_ullong (record, b, &found_b);
      any = any || found_a || found_b;
    }
  /* no devices at all: zero is the truth */
  return any || count == 0;
}

static void
read_record (TickData               *data,
             virDomainStatsRecordPtr record)
{
  HgrStatsCounters *counters = g_new0 (HgrStatsCounters, 1);
  char              uuid[VIR_UUID_STRING_BUFLEN];
  int               state = 0;
  gboolean          found;
  HgrStatsGroups    ask = data->groups; /* what the per-guest calls may still read */

  hgr_libvirt_get_uuid_string (record->dom, uuid);
  counters->uuid = g_strdup (uuid);
  virTypedParamsGetInt (record->params, record->nparams, "state.state", &state);
  counters->running = is_running (state);
  g_ptr_array_add (data->counters, counters);
  if (!counters->running)
    return;

  counters->cpu_time_ns = param_ullong (record, "cpu.time", &counters->has_cpu);
  if (data->groups & HGR_STATS_GROUP_MEMORY)
    {
      guint64  current = param_ullong (record, "balloon.current", &found);
      gboolean have_unused, have_available, have_usable;
      guint64  unused = param_ullong (record, "balloon.unused", &have_unused);
      guint64  available = param_ullong (record, "balloon.available", &have_available);
      guint64  usable = param_ullong (record, "balloon.usable", &have_usable);

      if (found)
        {
          set_memory (counters, current, have_unused, unused, have_available, available, have_usable, usable);
          ask &= ~HGR_STATS_GROUP_MEMORY; /* answered, whatever the guest said */
        }
      if (!g_hash_table_contains (data->memory->period, uuid))
        {
          /* the balloon reports what the guest uses from now on; a driver
           * without the call is read as it is */
          virDomainSetMemoryStatsPeriod (record->dom, data->interval, VIR_DOMAIN_AFFECT_LIVE);
          g_hash_table_add (data->memory->period, g_strdup (uuid));
        }
      data->kept_period++;
    }
  else if (g_hash_table_contains (data->memory->period, uuid))
    {
      /* memory is off in Preferences: the period set before stays set on the
       * guest, and a running guest keeps its entry */
      data->kept_period++;
    }
  if (data->groups & HGR_STATS_GROUP_DISK)
    counters->has_block = sum_devices (record, "block", "rd.bytes", "wr.bytes", &counters->read_bytes,
                                       &counters->write_bytes);
  if (data->groups & HGR_STATS_GROUP_NETWORK)
    counters->has_net = sum_devices (record, "net", "rx.bytes", "tx.bytes", &counters->rx_bytes, &counters->tx_bytes);

  /* the vCPU count: read once per run (the bulk VCPU group would list every vCPU) */
  counters->vcpus = GPOINTER_TO_UINT (g_hash_table_lookup (data->memory->vcpus, uuid));
  if (counters->vcpus == 0 && counters->has_cpu)
    {
      virDomainInfo info;

      if (virDomainGetInfo (record->dom, &info) == 0)
        {
          counters->vcpus = info.nrVirtCpu;
          g_hash_table_insert (data->memory->vcpus, g_strdup (uuid), GUINT_TO_POINTER (info.nrVirtCpu));
        }
    }
  if (counters->vcpus != 0)
    data->kept_vcpus++;
  if (!counters->has_cpu || ((ask & HGR_STATS_GROUP_MEMORY) && !counters->has_memory) ||
      ((data->groups & HGR_STATS_GROUP_DISK) && !counters->has_block) ||
      ((data->groups & HGR_STATS_GROUP_NETWORK) && !counters->has_net))
    read_one_by_one (data, record->dom, counters, ask);
}

/* The host's own CPU and memory; its CPUs and memory size read once. */
static void
read_node (TickData *data)
{
  WorkerMemory    *memory = data->memory;
  HgrNodeCounters *node = &data->node;
  int              n = 0;

  if (!memory->have_node_info)
    {
      virNodeInfo info;

      if (virNodeGetInfo (data->conn, &info) == 0)
        {
          memory->have_node_info = TRUE;
          memory->node_cpus = info.cpus;
          memory->node_mhz = info.mhz;
          memory->node_memory_kib = info.memory;
          memory->node_model = info.model[0] != '\0' ? g_strndup (info.model, sizeof info.model) : NULL;
        }
    }
  node->cpus = memory->node_cpus;
  node->mhz = memory->node_mhz;
  node->cpu_model = g_strdup (memory->node_model);

  if (virNodeGetCPUStats (data->conn, VIR_NODE_CPU_STATS_ALL_CPUS, NULL, &n, 0) == 0 && n > 0)
    {
      g_autofree virNodeCPUStatsPtr params = g_new0 (virNodeCPUStats, n);

      if (virNodeGetCPUStats (data->conn, VIR_NODE_CPU_STATS_ALL_CPUS, params, &n, 0) == 0)
        for (int i = 0; i < n; i++)
          {
            gboolean busy = g_str_equal (params[i].field, VIR_NODE_CPU_STATS_KERNEL) ||
                            g_str_equal (params[i].field, VIR_NODE_CPU_STATS_USER);
            gboolean idle = g_str_equal (params[i].field, VIR_NODE_CPU_STATS_IDLE) ||
                            g_str_equal (params[i].field, VIR_NODE_CPU_STATS_IOWAIT);

            node->cpu_busy_ns += busy ? params[i].value : 0;
            node->cpu_total_ns += busy || idle ? params[i].value : 0;
            node->has_cpu = node->has_cpu || busy;
          }
    }

  n = 0;
  if (!memory->node_memory_stats_missing &&
      virNodeGetMemoryStats (data->conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, NULL, &n, 0) == 0 && n > 0)
    {
      g_autofree virNodeMemoryStatsPtr params = g_new0 (virNodeMemoryStats, n);
      guint64                          total = 0, unused = 0;

      if (virNodeGetMemoryStats (data->conn, VIR_NODE_MEMORY_STATS_ALL_CELLS, params, &n, 0) == 0)
        for (int i = 0; i < n; i++)
          {
            if (g_str_equal (params[i].field, VIR_NODE_MEMORY_STATS_TOTAL))
              total = params[i].value;
            else if (g_str_equal (params[i].field, VIR_NODE_MEMORY_STATS_FREE) ||
                     g_str_equal (params[i].field, VIR_NODE_MEMORY_STATS_BUFFERS) ||
                     g_str_equal (params[i].field, VIR_NODE_MEMORY_STATS_CACHED))
              unused += params[i].value;
          }
      if (total > 0)
        {
          node->has_memory = TRUE;
          node->memory_total_kib = total;
          node->memory_used_kib = total > unused ? total - unused : 0;
        }
    }
  else if (memory->node_memory_kib > 0)
    {
      /* drivers without it (the test driver) still say what is free */
      unsigned long long free_bytes = virNodeGetFreeMemory (data->conn);

      memory->node_memory_stats_missing = TRUE;
      if (free_bytes > 0)
        {
          node->has_memory = TRUE;
          node->memory_total_kib = memory->node_memory_kib;
          node->memory_used_kib = memory->node_memory_kib > free_bytes / 1024 ? memory->node_memory_kib - free_bytes / 1024 : 0;
        }
    }
}

/* What the worker remembers of the guests this tick did not see running:
 * their memory stats period and vCPU count are read again when they start.
 * Only when a table holds more than the running guests found in it: most
 * ticks nobody stopped. */
static void
forget_stopped (TickData *data)
{
  g_autoptr (GHashTable) running = NULL;
  GHashTable *remembered[] = { data->memory->period, data->memory->vcpus };

  if (g_hash_table_size (data->memory->period) <= data->kept_period &&
      g_hash_table_size (data->memory->vcpus) <= data->kept_vcpus)
    return;
  data->swept = TRUE;
  running = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < data->counters->len; i++)
    {
      HgrStatsCounters *counters = g_ptr_array_index (data->counters, i);

      if (counters->running)
        g_hash_table_add (running, counters->uuid);
    }
  for (guint t = 0; t < G_N_ELEMENTS (remembered); t++)
    {
      GHashTableIter iter;
      gpointer       uuid;

      g_hash_table_iter_init (&iter, remembered[t]);
      while (g_hash_table_iter_next (&iter, &uuid, NULL))
        if (!g_hash_table_contains (running, uuid))
          g_hash_table_iter_remove (&iter);
    }
}

gboolean
hgr_stats_tick_thread (gpointer      user_data,
                       GCancellable *cancellable,
                       GError      **error)
{
  TickData                *data = user_data;
  virDomainStatsRecordPtr *records = NULL;
  unsigned int             stats = VIR_DOMAIN_STATS_STATE | VIR_DOMAIN_STATS_CPU_TOTAL;
  gint64                   start = g_get_monotonic_time ();
  int                      n;

  if (data->delay_ms > 0)
    g_usleep (data->delay_ms * 1000);
  if (data->groups & HGR_STATS_GROUP_MEMORY)
    stats |= VIR_DOMAIN_STATS_BALLOON;
  if (data->groups & HGR_STATS_GROUP_DISK)
    stats |= VIR_DOMAIN_STATS_BLOCK;
  if (data->groups & HGR_STATS_GROUP_NETWORK)
    stats |= VIR_DOMAIN_STATS_INTERFACE;

  data->at = g_get_monotonic_time ();
  n = virConnectGetAllDomainStats (data->conn, stats, &records,
                                   VIR_CONNECT_GET_ALL_DOMAINS_STATS_NOWAIT | VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
  if (n < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The guests’ load could not be read."));
      return FALSE;
    }
  data->bulk = TRUE;
  read_node (data);
  data->counters = g_ptr_array_new_full (n, (GDestroyNotify) hgr_stats_counters_free);
  for (int i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
    read_record (data, records[i]);
  virDomainStatsRecordListFree (records);
  forget_stopped (data);
  data->worker_us = g_get_monotonic_time () - start;
  return TRUE;
}
