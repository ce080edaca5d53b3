/* test-load-monitor.c — the settings say which hosts' load is read, how often and what
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "hgr-host-stats.h"
#include "hgr-load-monitor.h"
#include "hgr-test-host.h"
#include "hgr-test-utils.h"

#define TEST_UUID "6695eb01-f6a4-8304-79aa-97f2502e193f"

static HgrHost *
add_connected (HgrHostStore *store,
               const char   *uri)
{
  HgrHost *host = hgr_host_store_add (store, uri, FALSE, FALSE);

  hgr_host_connect_async (host, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED);
  return host;
}

static void
remove_host (HgrHostStore *store,
             HgrHost      *host)
{
  g_autoptr (HgrTestHost) closing = g_object_ref (host);

  hgr_host_store_remove (store, host); /* disconnects */
}

static void
test_follows_settings (void)
{
  g_autoptr (GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr (GSettings) settings = g_settings_new_with_backend (APPLICATION_ID, backend);
  g_autoptr (HgrHostStore) store = hgr_host_store_new (NULL);
  HgrHost *host = add_connected (store, "test:///default");
  g_autoptr (HgrLoadMonitor) monitor = hgr_load_monitor_new (store, settings);
  HgrGuestStats   *stats = hgr_guest_get_stats (hgr_host_lookup_guest (host, TEST_UUID));
  HgrStatsSampler *sampler = hgr_load_monitor_get_sampler (monitor, host);
  g_autofree char *uri = hgr_test_dup_fixture_uri ("small-node.xml");
  HgrHost         *other;

  /* On by default: every 3 s, everything */
  g_assert_nonnull (sampler);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, HGR_STATS_INTERVAL_DEFAULT);
  g_assert_cmpuint (hgr_stats_sampler_get_groups (sampler), ==, HGR_STATS_GROUPS_ALL);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks >= 1);
  g_assert_cmpuint (hgr_host_stats_get_guests_running (hgr_host_get_stats (host)), ==, 1);

  /* How often and what: the running sampler follows */
  g_settings_set_uint (settings, "stats-interval", 7);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 7);
  g_settings_set_flags (settings, "stats-groups", HGR_STATS_GROUP_NETWORK);
  g_assert_cmpuint (hgr_stats_sampler_get_groups (sampler), ==, HGR_STATS_GROUP_NETWORK);
  g_assert_cmpuint (hgr_host_stats_get_groups (hgr_host_get_stats (host)), ==, HGR_STATS_GROUP_NETWORK);

  /* Off: no sampler, and no figures left behind */
  g_settings_set_boolean (settings, "stats-enabled", FALSE);
  g_assert_null (hgr_load_monitor_get_sampler (monitor, host));
  g_assert_false (hgr_host_stats_get_active (hgr_host_get_stats (host)));
  g_assert_false (hgr_guest_stats_get_active (stats));

  /* On again: a new sampler with the settings of now */
  g_settings_set_boolean (settings, "stats-enabled", TRUE);
  sampler = hgr_load_monitor_get_sampler (monitor, host);
  g_assert_nonnull (sampler);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 7);
  g_assert_cmpuint (hgr_stats_sampler_get_groups (sampler), ==, HGR_STATS_GROUP_NETWORK);
  HGR_TEST_WAIT_UNTIL (hgr_test_sampler_ticks (sampler).ticks >= 1);

  /* A host added gets its sampler with the same settings; one removed loses it */
  other = add_connected (store, uri);
  g_assert_nonnull (hgr_load_monitor_get_sampler (monitor, other));
  g_assert_cmpuint (hgr_stats_sampler_get_interval (hgr_load_monitor_get_sampler (monitor, other)), ==, 7);
  g_settings_set_uint (settings, "stats-interval", 60);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (hgr_load_monitor_get_sampler (monitor, other)), ==, 60);
  g_assert_cmpuint (hgr_stats_sampler_get_interval (sampler), ==, 60);
  remove_host (store, other);
  g_assert_null (hgr_load_monitor_get_sampler (monitor, other));
  g_assert_true (hgr_load_monitor_get_sampler (monitor, host) == sampler);

  g_clear_object (&monitor);
  g_assert_false (hgr_guest_stats_get_active (stats)); /* the last sampler went with it */
  remove_host (store, host);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/load-monitor/follows-settings", test_follows_settings);
  return g_test_run ();
}
