/* test-stats-live.c — the live load of a real QEMU guest, read in the bulk call
 *
 * run-with-daemons.sh starts the private daemon and passes its URI in
 * HGR_TEST_QEMU_URI. A tiny guest with no disk boots SeaBIOS, finds nothing
 * to boot and, with a reboot timeout of 0, starts over at once: a guest that
 * keeps its vCPU busy without an operating system. Its CPU figure is above
 * zero while it runs and about zero while it is paused; every tick is one
 * virConnectGetAllDomainStats and no call per guest.
 *
 * With -m perf (the stats-bulk benchmark) it also starts 30 tiny guests
 * paused, so they cost no CPU, and prints what reading them costs per tick.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "hgr-integration-utils.h"

/* Waits for @n more ticks; returns the highest CPU figure they gave. */
static double
wait_ticks (HgrStatsSampler *sampler,
            HgrGuestStats   *stats,
            guint            n)
{
  guint64 until = hgr_test_sampler_ticks (sampler).ticks + n;
  double  highest = -1;

  while (hgr_test_sampler_ticks (sampler).ticks < until)
    {
      guint64 seen = hgr_test_sampler_ticks (sampler).ticks;

      HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks > seen);
      highest = MAX (highest, hgr_guest_stats_get_cpu_percent (stats));
      g_test_message ("tick %" G_GUINT64_FORMAT ": CPU %.1f %%", hgr_test_sampler_ticks (sampler).ticks,
                      hgr_guest_stats_get_cpu_percent (stats));
    }
  return highest;
}

static void
test_cpu_follows_the_guest (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (HgrStatsSampler) sampler = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  HgrGuestStats   *stats;
  HgrStatsTicks    ticks;
  HgrGuest        *guest;
  virDomainPtr     domain;
  double           running, paused;

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);

  name = g_strdup_printf ("hgr-test-stats-%d", (int) getpid ());
  xml = g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                         "<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                         "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/>"
                         "<bios rebootTimeout='0'/></os>"
                         "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                         "<graphics type='vnc' listen='127.0.0.1' autoport='yes'/>"
                         "<video><model type='vga'/></video><memballoon model='virtio'/></devices></domain>",
                         name);
  guest = hgr_test_define_guest_xml (host, xml);
  stats = hgr_guest_get_stats (guest);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  sampler = hgr_stats_sampler_new (host);
  hgr_stats_sampler_set_interval (sampler, 1);

  /* Running: a busy vCPU (one vCPU, so up to 100 %) */
  running = wait_ticks (sampler, stats, 4);
  g_test_message ("running: highest CPU %.1f %%", running);
  g_assert_cmpfloat (running, >, 5);
  g_assert_cmpfloat (running, <=, 100);
  g_assert_true (hgr_guest_stats_get_active (stats));
  /* No balloon driver in the guest: what it uses is not known (the bulk
   * call answered with the allocation only, and nothing is asked again) */
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (stats), ==, 0);
  g_assert_cmpfloat (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_MEMORY)), ==, 0);
  /* no disk, no network interface: nothing moves, and zero is the truth */
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_DISK_READ), ==, 0);
  g_assert_cmpfloat (hgr_guest_stats_get_rate (stats, HGR_STATS_SERIES_NET_RX), ==, 0);

  /* Paused: its vCPU does not run (the tick after the pause still holds
   * some). What is left is QEMU's own threads, which libvirt reads in
   * clock ticks of 10 ms here: 1 % each at this 1 s interval; 0–1 % on a
   * quiet machine, 2 % seen on a loaded one. Below 5 % is paused, against
   * 100 % running. */
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), hgr_guest_get_uuid (guest));
  g_assert_cmpint (virDomainSuspend (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_PAUSED);
  wait_ticks (sampler, stats, 2);
  paused = wait_ticks (sampler, stats, 2);
  g_test_message ("paused: highest CPU %.1f %%", paused);
  g_assert_cmpfloat (paused, >=, 0);
  g_assert_cmpfloat (paused, <, 5);

  /* Resumed: busy again */
  g_assert_cmpint (virDomainResume (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  wait_ticks (sampler, stats, 1);
  running = wait_ticks (sampler, stats, 2);
  g_assert_cmpfloat (running, >, 5);

  /* One bulk call per tick, never a call per guest: QEMU answers every group,
   * the balloon's too */
  ticks = hgr_test_sampler_ticks (sampler);
  g_test_message ("%" G_GUINT64_FORMAT " ticks, %" G_GUINT64_FORMAT " bulk calls, %" G_GUINT64_FORMAT " per-guest reads",
                  ticks.ticks, ticks.bulk_calls, ticks.fallback_calls);
  g_assert_cmpuint (ticks.bulk_calls, ==, ticks.ticks);
  g_assert_cmpuint (ticks.fallback_calls, ==, 0);

  g_clear_object (&sampler);
  g_assert_cmpint (virDomainDestroy (domain), ==, 0);
  g_assert_cmpint (virDomainUndefine (domain), ==, 0);
  virDomainFree (domain);
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

#define N_BULK_GUESTS 30
#define STEADY_TICKS  6

typedef struct
{
  virConnectPtr connection;
  virDomainPtr  domains[N_BULK_GUESTS];
} BulkGuests;

/* One guest's start: transient and paused (nothing stays defined if the run
 * is killed, and it costs no CPU). */
static void
start_paused (gpointer index,
              gpointer user_data)
{
  BulkGuests      *bulk = user_data;
  guint            i = GPOINTER_TO_UINT (index) - 1;
  g_autofree char *xml = g_strdup_printf ("<domain type='qemu'><name>hgr-bench-stats-%d-%02u</name>"
                                          "<memory unit='MiB'>32</memory><vcpu>1</vcpu>"
                                          "<os><type arch='x86_64' machine='pc'>hvm</type></os>"
                                          "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                                          "<memballoon model='virtio'/></devices></domain>",
                                          (int) getpid (), i);

  bulk->domains[i] = virDomainCreateXML (bulk->connection, xml, VIR_DOMAIN_START_PAUSED);
}

static void
destroy (gpointer index,
         gpointer user_data)
{
  BulkGuests *bulk = user_data;
  guint       i = GPOINTER_TO_UINT (index) - 1;

  virDomainDestroy (bulk->domains[i]);
  virDomainFree (bulk->domains[i]);
}

/* The daemon starts and stops QEMU processes in parallel (a destroy waits
 * about 2 s for its process to go), so the set-up and the clean-up do not
 * cost the benchmark a minute each; the figures are taken after the start. */
static void
for_each_guest (BulkGuests *bulk,
                GFunc       func)
{
  GThreadPool *pool = g_thread_pool_new (func, bulk, 8, TRUE, NULL);

  for (guint i = 0; i < N_BULK_GUESTS; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
}

/* 30 paused guests at the default interval: the worker's and the main
 * thread's time per tick and this process's CPU (the core, no window). */
static void
bench_bulk_paused (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (HgrStatsSampler) sampler = NULL;
  g_autoptr (GError) error = NULL;
  BulkGuests    bulk = { 0 };
  HgrStatsTicks before, after;
  gint64        started, wall;
  double        cpu;

  if (uri == NULL)
    return;
  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  bulk.connection = hgr_host_get_connection (host);
  for_each_guest (&bulk, start_paused);
  for (guint i = 0; i < N_BULK_GUESTS; i++)
    g_assert_nonnull (bulk.domains[i]);
  g_test_message ("%d guests started paused in %.1f s", N_BULK_GUESTS, (g_get_monotonic_time () - started) / 1e6);
  HGR_TEST_WAIT_UNTIL_SECONDS (g_list_model_get_n_items (hgr_host_get_guests (host)) >= N_BULK_GUESTS, 60);

  sampler = hgr_stats_sampler_new (host); /* the default interval, 3 s */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_test_sampler_ticks (sampler).ticks >= 2, 30);
  before = hgr_test_sampler_ticks (sampler);
  cpu = cpu_seconds ();
  started = g_get_monotonic_time ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_test_sampler_ticks (sampler).ticks >= before.ticks + STEADY_TICKS, 120);
  wall = g_get_monotonic_time () - started;
  cpu = cpu_seconds () - cpu;
  after = hgr_test_sampler_ticks (sampler);

  printf ("# bench: stats, %d paused QEMU guests, one bulk call per %u s: worker %.2f ms, apply %.2f ms per tick; "
          "this process %.2f %% of a core over %.0f s (%" G_GUINT64_FORMAT " per-guest reads)\n",
          N_BULK_GUESTS, hgr_stats_sampler_get_interval (sampler),
          (after.worker_us - before.worker_us) / 1000.0 / (after.ticks - before.ticks),
          (after.apply_us - before.apply_us) / 1000.0 / (after.ticks - before.ticks), cpu / (wall / 1e6) * 100,
          wall / 1e6, after.fallback_calls - before.fallback_calls);
  /* behaviour, not speed: the bulk call answered every guest */
  g_assert_cmpuint (after.bulk_calls - before.bulk_calls, ==, after.ticks - before.ticks);
  g_assert_cmpuint (after.fallback_calls, ==, 0);

  g_clear_object (&sampler);
  for_each_guest (&bulk, destroy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/stats/cpu-follows-the-guest", test_cpu_follows_the_guest);
  if (g_test_perf ())
    g_test_add_func ("/integration/stats/bulk-paused", bench_bulk_paused);

  return g_test_run ();
}
