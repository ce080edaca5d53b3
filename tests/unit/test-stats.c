/* test-stats.c — guests' live load: rates and series from counters, and the sampler on libvirt's test driver
 *
 * The test driver answers virConnectGetAllDomainStats with the state group
 * only, so its guests go through the sampler's one-by-one path; its CPU,
 * block and interface counters grow with the clock.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-guest-stats.h"
#include "hgr-guest.h"
#include "hgr-host.h"
#include "hgr-stats-sampler.h"
#include "hgr-test-host.h"
#include "hgr-test-utils.h"

static void
test_ring_and_rate (void)
{
  HgrStatsRing ring = { 0 };
  double       rate;

  g_assert_cmpuint (hgr_stats_ring_get_length (&ring), ==, 0);
  g_assert_cmpfloat (hgr_stats_ring_get_max (&ring), ==, 0);
  for (guint i = 0; i < HGR_STATS_RING_SIZE + 6; i++)
    hgr_stats_ring_push (&ring, i);
  /* full: the oldest six went */
  g_assert_cmpuint (hgr_stats_ring_get_length (&ring), ==, HGR_STATS_RING_SIZE);
  g_assert_cmpfloat (hgr_stats_ring_get (&ring, 0), ==, 6);
  g_assert_cmpfloat (hgr_stats_ring_get (&ring, HGR_STATS_RING_SIZE - 1), ==, HGR_STATS_RING_SIZE + 5);
  g_assert_cmpfloat (hgr_stats_ring_get_max (&ring), ==, HGR_STATS_RING_SIZE + 5);
  hgr_stats_ring_clear (&ring);
  g_assert_cmpuint (hgr_stats_ring_get_length (&ring), ==, 0);

  /* 3 000 bytes in 1.5 s */
  g_assert_true (hgr_stats_rate (1000, 4000, 1500000, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 2000, 1e-9);
  /* a counter that went down was reset: no rate, not a negative or huge one */
  g_assert_false (hgr_stats_rate (4000, 10, 1500000, &rate));
  g_assert_cmpfloat (rate, ==, 0);
  /* no time passed */
  g_assert_false (hgr_stats_rate (1, 2, 0, &rate));
  /* the largest counters do not overflow */
  g_assert_true (hgr_stats_rate (G_MAXUINT64 - 1000, G_MAXUINT64, G_USEC_PER_SEC, &rate));
  g_assert_cmpfloat_with_epsilon (rate, 1000, 1e-6);
}

static HgrStatsCounters
counters (guint64 cpu_ns,
          guint64 read,
          guint64 rx)
{
  return (HgrStatsCounters){
    .running = TRUE,
    .vcpus = 2,
    .has_cpu = TRUE,
    .cpu_time_ns = cpu_ns,
    .has_memory = TRUE,
    .memory_current_kib = 1024 * 1024,
    .memory_used_kib = 256 * 1024,
    .has_block = TRUE,
    .read_bytes = read,
    .write_bytes = read / 2,
    .has_net = TRUE,
    .rx_bytes = rx,
    .tx_bytes = rx / 4,
  };
}

static void
count_cb (GObject *object,
          guint   *count)
{
  (*count)++;
}

static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_guest_figures (void)
{
  g_autoptr (HgrGuestStats) stats = hgr_guest_stats_new ();
  HgrStatsCounters c;
  guint            updated = 0, cpu_notified = 0;
  const gint64     s = G_USEC_PER_SEC;

  g_signal_connect (stats, "updated", G_CALLBACK (count_cb), &updated);
  g_signal_connect (stats, "notify::cpu-percent", G_CALLBACK (notify_count_cb), &cpu_notified);
  g_assert_false (hgr_guest_stats_get_active (stats));
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, -1);

  /* The first tick: memory is known, rates need a second one. */
  c = counters (0, 0, 0);
  hgr_guest_stats_update (stats, &c, 10 * s);
  g_assert_true (hgr_guest_stats_get_active (stats));
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, -1);
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), ==, 256 * 1024 * 1024);
  g_assert_cmpuint (hgr_guest_stats_get_memory_total (stats), ==, G_GUINT64_CONSTANT (1024) * 1024 * 1024);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), ==, -1);
  g_assert_cmpuint (updated, ==, 1);

  /* 3 s later: 1.5 s of CPU on 2 vCPUs is 25 %; 3 MB read is 1 MB/s */
  c = counters (1500 * G_GUINT64_CONSTANT (1000000), 3000000, 600000);
  hgr_guest_stats_update (stats, &c, 13 * s);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_cpu_percent (stats), 25, 1e-9);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), 1000000, 1e-6);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_WRITE), 500000, 1e-6);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX), 200000, 1e-6);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_TX), 50000, 1e-6);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_MEMORY), 25, 1e-9);
  g_assert_cmpuint (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)), ==, 1);
  g_assert_cmpuint (cpu_notified, ==, 1);

  /* The same load again: the figure did not change, nothing is notified */
  c = counters (3000 * G_GUINT64_CONSTANT (1000000), 6000000, 1200000);
  hgr_guest_stats_update (stats, &c, 16 * s);
  g_assert_cmpuint (cpu_notified, ==, 1);
  g_assert_cmpuint (updated, ==, 3);

  /* More than all its vCPUs (a host's accounting jitter): at most 100 % */
  c = counters (9000 * G_GUINT64_CONSTANT (1000000), 6000000, 1200000);
  hgr_guest_stats_update (stats, &c, 19 * s);
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, 100);

  /* Restarted between two ticks: the counters began again — no rate,
   * never a negative or huge one; the next tick has rates again */
  c = counters (100, 10, 10);
  hgr_guest_stats_update (stats, &c, 22 * s);
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, -1);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), ==, -1);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX), ==, -1);
  for (guint i = 0; i < hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)); i++)
    {
      float value = hgr_stats_ring_get (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU), i);

      g_assert_cmpfloat (value, >=, 0);
      g_assert_cmpfloat (value, <=, 100);
    }
  c = counters (100 + 300 * G_GUINT64_CONSTANT (1000000), 3010, 10);
  hgr_guest_stats_update (stats, &c, 25 * s);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_cpu_percent (stats), 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), 1000, 1e-6);

  /* A group the host did not answer: that figure is not known */
  c = counters (100 + 600 * G_GUINT64_CONSTANT (1000000), 6010, 10);
  c.has_net = FALSE;
  c.has_memory = FALSE;
  hgr_guest_stats_update (stats, &c, 28 * s);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX), ==, -1);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_MEMORY), ==, -1);
  g_assert_cmpuint (hgr_guest_stats_get_memory_total (stats), ==, 0);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_cpu_percent (stats), 5, 1e-9);

  /* Stopped: no figures, no history */
  c.running = FALSE;
  hgr_guest_stats_update (stats, &c, 31 * s);
  g_assert_false (hgr_guest_stats_get_active (stats));
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, -1);
  g_assert_cmpuint (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)), ==, 0);

  /* The series is bounded, however long it runs */
  for (guint i = 0; i < 500; i++)
    {
      c = counters (i * G_GUINT64_CONSTANT (1000000000), i * 1000, i);
      hgr_guest_stats_update (stats, &c, (40 + i) * s);
    }
  g_assert_cmpuint (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)), ==,
                    HGR_STATS_RING_SIZE);
  g_assert_cmpfloat_with_epsilon (hgr_guest_stats_get_cpu_percent (stats), 50, 1e-9);
}

static void
test_host_figures (void)
{
  g_autoptr (HgrHostStats) stats = hgr_host_stats_new ();
  HgrNodeCounters node = { .cpus = 4, .mhz = 2000, .has_cpu = TRUE, .cpu_busy_ns = 1000, .cpu_total_ns = 4000 };
  HgrGuestsLoad   guests = { .running = 2, .cpu_cores = 1, .memory_used = 1024, .memory_total = 4096 };
  guint           updated = 0;
  const gint64    s = G_USEC_PER_SEC;

  g_signal_connect (stats, "updated", G_CALLBACK (count_cb), &updated);

  /* First tick: the CPU needs two readings; the guests' share does not */
  hgr_host_stats_update (stats, &node, &guests, 1 * s);
  g_assert_cmpuint (updated, ==, 1);
  g_assert_true (hgr_host_stats_get_active (stats));
  g_assert_cmpuint (hgr_host_stats_get_cpus (stats), ==, 4);
  g_assert_cmpfloat (hgr_host_stats_get_cpu_percent (stats), ==, -1);
  g_assert_cmpfloat_with_epsilon (hgr_host_stats_get_guests_cpu_percent (stats), 25, 1e-9);
  g_assert_cmpuint (hgr_host_stats_get_guests_running (stats), ==, 2);
  g_assert_cmpuint (hgr_host_stats_get_memory_total (stats), ==, 0); /* not read */

  /* 3 of 4 s busy in the interval: 75 %; memory 1 of 4 GiB in use */
  node.cpu_busy_ns += 3000;
  node.cpu_total_ns += 4000;
  node.has_memory = TRUE;
  node.memory_total_kib = 4 * 1024 * 1024;
  node.memory_used_kib = 1024 * 1024;
  hgr_host_stats_update (stats, &node, &guests, 4 * s);
  g_assert_cmpfloat_with_epsilon (hgr_host_stats_get_cpu_percent (stats), 75, 1e-9);
  g_assert_cmpuint (hgr_host_stats_get_memory_used (stats), ==, G_GUINT64_CONSTANT (1) << 30);
  g_assert_cmpuint (hgr_host_stats_get_memory_total (stats), ==, G_GUINT64_CONSTANT (4) << 30);
  g_assert_cmpfloat_with_epsilon (hgr_stats_ring_get (hgr_host_stats_get_series (stats, HGR_HOST_SERIES_MEMORY), 0),
                                  25, 1e-6);

  /* Counters that did not move (or went back: a rebooted host) give no figure */
  hgr_host_stats_update (stats, &node, &guests, 7 * s);
  g_assert_cmpfloat (hgr_host_stats_get_cpu_percent (stats), ==, -1);
  node.cpu_busy_ns = 10;
  node.cpu_total_ns = 5000;
  hgr_host_stats_update (stats, &node, &guests, 10 * s);
  g_assert_cmpfloat (hgr_host_stats_get_cpu_percent (stats), ==, -1);

  /* More guest time than the host has (rounding, a host that lies): at most 100 % */
  guests.cpu_cores = 9;
  hgr_host_stats_update (stats, &node, &guests, 13 * s);
  g_assert_cmpfloat (hgr_host_stats_get_guests_cpu_percent (stats), ==, 100);

  /* Cleared: nothing left */
  hgr_host_stats_clear (stats);
  g_assert_false (hgr_host_stats_get_active (stats));
  g_assert_cmpfloat (hgr_host_stats_get_guests_cpu_percent (stats), ==, -1);
  g_assert_cmpuint (hgr_stats_ring_get_length (hgr_host_stats_get_series (stats, HGR_HOST_SERIES_CPU)), ==, 0);
  g_assert_cmpuint (updated, ==, 6);
}

static HgrHost *
connect_default (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  HgrHost *host = hgr_host_new ("test:///default");

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (host, result, &error));
  g_assert_no_error (error);
  return host;
}

static void
test_sampler_test_driver (void)
{
  g_autoptr (HgrTestHost) host = connect_default ();
  g_autoptr (HgrStatsSampler) sampler = NULL;
  HgrGuest      *guest = hgr_host_lookup_guest (host, "6695eb01-f6a4-8304-79aa-97f2502e193f");
  HgrGuestStats *stats;
  HgrHostStats  *host_stats;
  HgrStatsTicks  ticks;

  g_assert_nonnull (guest);
  g_assert_cmpint (hgr_guest_get_state (guest), ==, HGR_GUEST_STATE_RUNNING);
  stats = hgr_guest_get_stats (guest);

  /* It ticks at once, and again when asked */
  sampler = hgr_stats_sampler_new (host);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 1);
  g_usleep (20 * 1000);
  g_assert_true (hgr_stats_sampler_tick (sampler));
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 2);

  /* After two ticks: CPU, memory, disk and network */
  g_assert_true (hgr_guest_stats_get_active (stats));
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), >=, 0);
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), <=, 100);
  g_assert_cmpuint (hgr_guest_stats_get_memory_total (stats), >, 0);
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), >, 0);
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), <=, hgr_guest_stats_get_memory_total (stats));
  for (HgrStatsSeries series = HGR_STATS_SERIES_DISK_READ; series < HGR_STATS_N_SERIES; series++)
    g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, series), >=, 0);

  /* one bulk call per tick; the test driver's guest was read one by one */
  ticks = hgr_test_sampler_ticks (sampler);
  g_assert_cmpuint (ticks.bulk_calls, ==, 2);
  g_assert_cmpuint (ticks.fallback_calls, ==, 2);
  g_assert_cmpuint (ticks.skipped, ==, 0);
  g_assert_cmpuint (ticks.sweeps, ==, 0); /* nobody stopped */

  /* The host: its CPUs and memory (virNodeGetInfo, and the free memory:
   * the test driver has no virNodeGetMemoryStats), and its running guest */
  host_stats = hgr_host_get_stats (host);
  g_assert_true (hgr_host_stats_get_active (host_stats));
  g_assert_cmpuint (hgr_host_stats_get_cpus (host_stats), ==, 16);
  g_assert_cmpuint (hgr_host_stats_get_memory_total (host_stats), >, 0);
  g_assert_cmpuint (hgr_host_stats_get_memory_used (host_stats), <=, hgr_host_stats_get_memory_total (host_stats));
  g_assert_cmpuint (hgr_host_stats_get_guests_running (host_stats), ==, 1);
  g_assert_cmpfloat (hgr_host_stats_get_guests_cpu_percent (host_stats), ==,
                     hgr_guest_stats_get_cpu_percent (stats) * 2 / 16); /* 2 vCPUs of 16 */
  g_assert_cmpuint (hgr_host_stats_get_guests_memory_used (host_stats), ==, hgr_guest_stats_get_memory_used (stats));

  /* A stopped guest has no figures */
  {
    g_autoptr (GAsyncResult) result = NULL;

    hgr_guest_perform_async (guest, HGR_GUEST_ACTION_FORCE_OFF, NULL, hgr_test_store_result_cb, &result);
    HGR_TEST_WAIT_UNTIL (result != NULL);
    g_assert_true (hgr_guest_perform_finish (guest, result, NULL));
  }
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_stats_sampler_tick (sampler));
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 3);
  g_assert_false (hgr_guest_stats_get_active (stats));
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), ==, -1);
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).fallback_calls, ==, 2); /* nothing to read of it */
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).sweeps, ==, 1);         /* forgotten once */
  g_assert_cmpuint (hgr_host_stats_get_guests_running (host_stats), ==, 0);
  g_assert_cmpfloat (hgr_host_stats_get_guests_cpu_percent (host_stats), ==, -1);
}

/* Groups off (Preferences): only CPU is read, and the host's stats say so. */
static void
test_sampler_groups (void)
{
  g_autoptr (HgrTestHost) host = connect_default ();
  g_autoptr (HgrStatsSampler) sampler = hgr_stats_sampler_new (host);
  HgrGuest      *guest = hgr_host_lookup_guest (host, "6695eb01-f6a4-8304-79aa-97f2502e193f");
  HgrGuestStats *stats = hgr_guest_get_stats (guest);
  guint64        fallback;

  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 1);
  g_assert_cmpuint (hgr_host_stats_get_groups (hgr_host_get_stats (host)), ==, HGR_STATS_GROUPS_ALL);
  hgr_stats_sampler_set_groups (sampler, HGR_STATS_GROUP_NETWORK);
  g_assert_cmpuint (hgr_host_stats_get_groups (hgr_host_get_stats (host)), ==, HGR_STATS_GROUP_NETWORK);
  g_assert_cmpuint (hgr_stats_sampler_get_groups (sampler), ==, HGR_STATS_GROUP_NETWORK);

  fallback = hgr_test_sampler_ticks (sampler).fallback_calls;
  for (guint tick = 2; tick <= 3; tick++)
    {
      g_usleep (20 * 1000);
      g_assert_true (hgr_stats_sampler_tick (sampler));
      HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == tick);
    }
  g_assert_cmpfloat (hgr_guest_stats_get_cpu_percent (stats), >=, 0);
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), ==, 0);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), ==, -1);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX), >=, 0);
  g_assert_cmpuint (hgr_host_stats_get_guests_memory_used (hgr_host_get_stats (host)), ==, 0);
  /* the test driver's guest is still read one by one, for what is left */
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).fallback_calls, ==, fallback + 2);
  /* and what the worker remembers of it (its balloon period) is kept, not
   * looked through for stopped guests on every tick */
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).sweeps, ==, 0);

  /* Back on: the next two ticks have the figures again */
  hgr_stats_sampler_set_groups (sampler, HGR_STATS_GROUPS_ALL);
  for (guint tick = 4; tick <= 5; tick++)
    {
      g_usleep (20 * 1000);
      g_assert_true (hgr_stats_sampler_tick (sampler));
      HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == tick);
    }
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), >, 0);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), >=, 0);
}

static void
test_sampler_interval_and_disconnect (void)
{
  g_autoptr (HgrTestHost) host = connect_default ();
  g_autoptr (HgrStatsSampler) sampler = hgr_stats_sampler_new (host);
  HgrGuest *guest = hgr_host_lookup_guest (host, "6695eb01-f6a4-8304-79aa-97f2502e193f");
  guint64   before;

  /* 60 s: nothing after the first tick for a while */
  hgr_stats_sampler_set_interval (sampler, 60);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 1);
  hgr_test_run_for (1500 * 1000);
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).ticks, ==, 1);

  /* 1 s: it ticks every second */
  hgr_stats_sampler_set_interval (sampler, 1);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 1);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks >= 3);

  /* out of range: kept within 1–60 */
  hgr_stats_sampler_set_interval (sampler, 0);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 1);
  hgr_stats_sampler_set_interval (sampler, 600);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 60);
  hgr_stats_sampler_set_interval (sampler, 1);

  /* The host goes: no more ticks, its guests' figures go (with the
   * guests, when the host lets them go) */
  g_assert_true (hgr_guest_stats_get_active (hgr_guest_get_stats (guest)));
  hgr_host_disconnect (host);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED);
  guest = hgr_host_lookup_guest (host, "6695eb01-f6a4-8304-79aa-97f2502e193f");
  g_assert_true (guest == NULL || !hgr_guest_stats_get_active (hgr_guest_get_stats (guest)));
  before = hgr_test_sampler_ticks (sampler).ticks;
  hgr_test_run_for (2500 * 1000);
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).ticks, ==, before);
  g_assert_false (hgr_stats_sampler_tick (sampler));

  /* and back: it ticks again */
  {
    g_autoptr (GAsyncResult) result = NULL;

    hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
    HGR_TEST_WAIT_UNTIL (result != NULL);
    g_assert_true (hgr_host_connect_finish (host, result, NULL));
  }
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks > before);
}

static void
test_sampler_slow_worker (void)
{
  g_autoptr (HgrTestHost) host = connect_default ();
  g_autoptr (HgrStatsSampler) sampler = hgr_stats_sampler_new (host);
  HgrStatsTicks ticks;

  /* A host slower than the interval: ticks skip, they do not queue up */
  hgr_stats_sampler_inject_delay (sampler, 2500);
  hgr_stats_sampler_set_interval (sampler, 1);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks == 1); /* the first, made before the delay */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_test_sampler_ticks (sampler).skipped >= 2, 20);
  ticks = hgr_test_sampler_ticks (sampler);
  g_assert_false (hgr_stats_sampler_tick (sampler)); /* one is still running */
  /* at most one runs at a time: in 4 s of 1 s ticks, at most two finished since */
  hgr_test_run_for (4 * G_USEC_PER_SEC);
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).ticks - ticks.ticks, <=, 2);
  g_assert_cmpuint (hgr_test_sampler_ticks (sampler).skipped, >, ticks.skipped);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/ring-and-rate", test_ring_and_rate);
  g_test_add_func ("/stats/guest-figures", test_guest_figures);
  g_test_add_func ("/stats/host-figures", test_host_figures);
  g_test_add_func ("/stats/sampler/test-driver", test_sampler_test_driver);
  g_test_add_func ("/stats/sampler/groups", test_sampler_groups);
  g_test_add_func ("/stats/sampler/interval-and-disconnect", test_sampler_interval_and_disconnect);
  g_test_add_func ("/stats/sampler/slow-worker", test_sampler_slow_worker);
  return g_test_run ();
}
