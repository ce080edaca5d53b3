/* hgr-test-host.h — a host handle for tests that closes its connection before it goes
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-host-facts.h"
#include "hgr-host-private.h"
#include "hgr-stats-sampler.h"
#include "hgr-test-utils.h"

G_BEGIN_DECLS

/* Disconnects, waits until the worker closed the connection (so nothing is
 * left half-done when the test process exits), then drops the reference. */
static inline void
hgr_test_host_close (HgrHost *host)
{
  hgr_host_disconnect (host);
  HGR_TEST_WAIT_UNTIL (!hgr_host_get_closing (host));
  g_object_unref (host);
}

/* Whether the host's connection has a storage volume at @path (tests look behind
 * Hangar's back, on its own connection). */
static inline gboolean
hgr_test_volume_exists (HgrHost    *host,
                        const char *path)
{
  virStorageVolPtr volume = virStorageVolLookupByPath (hgr_host_get_connection (host), path);

  if (volume == NULL)
    return FALSE;
  virStorageVolFree (volume);
  return TRUE;
}

/* A host on the test-driver fixture @file (in tests/data), connected. */
static inline HgrHost *
hgr_test_connect_fixture (const char *file)
{
  g_autofree char *uri = hgr_test_dup_fixture_uri (file);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  HgrHost *host = hgr_host_new (uri);

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTING);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (host, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);
  return host;
}

/* What a new guest may use on @host, read as the New Guest assistant reads it. */
static inline HgrHostFacts *
hgr_test_read_facts (HgrHost *host)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  HgrHostFacts *facts;

  hgr_host_read_facts_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  facts = hgr_host_read_facts_finish (host, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (facts);
  return facts;
}

/* g_autoptr (HgrTestHost) host = …: an HgrHost that hgr_test_host_close() ends. */
typedef HgrHost HgrTestHost;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrTestHost, hgr_test_host_close)

/* What @sampler did so far (ticks, bulk and per-guest calls, time). */
static inline HgrStatsTicks
hgr_test_sampler_ticks (HgrStatsSampler *sampler)
{
  HgrStatsTicks ticks;

  hgr_stats_sampler_get_ticks (sampler, &ticks);
  return ticks;
}

G_END_DECLS
