/* hgr-test-utils.h — helpers shared by Hangar's tests
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Iterates the default main context until @cond holds; fails the test after
 * @seconds. A guard against hangs, never a timing assertion. */
#define HGR_TEST_WAIT_UNTIL(cond) HGR_TEST_WAIT_UNTIL_SECONDS (cond, 10)

#define HGR_TEST_WAIT_UNTIL_SECONDS(cond, seconds)                                  \
  G_STMT_START                                                                      \
  {                                                                                 \
    gint64 hgr_test_deadline = g_get_monotonic_time () + (seconds) *G_USEC_PER_SEC; \
    while (!(cond))                                                                 \
      {                                                                             \
        if (g_get_monotonic_time () > hgr_test_deadline)                            \
          g_error ("%s:%d: timed out waiting for %s", __FILE__, __LINE__, #cond);   \
        g_main_context_iteration (NULL, FALSE);                                     \
        g_usleep (1000);                                                            \
      }                                                                             \
  }                                                                                 \
  G_STMT_END

/* Runs the default main context for @microseconds, whatever happens. */
static inline void
hgr_test_run_for (gint64 microseconds)
{
  gint64 until = g_get_monotonic_time () + microseconds;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Measures the longest gap between two main-loop iterations: add
 * hgr_test_stall_tick_cb as a 5 ms timeout with an HgrTestStall. */
typedef struct
{
  gint64 last;
  gint64 longest;
} HgrTestStall;

static inline gboolean
hgr_test_stall_tick_cb (gpointer user_data)
{
  HgrTestStall *stall = user_data;
  gint64        now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

/* Keeps the GAsyncResult of an async call for the test to finish it. */
static inline void
hgr_test_store_result_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static inline char *
hgr_test_dup_fixture_uri (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);

  return g_strconcat ("test://", path, NULL);
}

G_END_DECLS
