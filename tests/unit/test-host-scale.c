/* test-host-scale.c — a host with 5000 guests loads into the model, every one of them
 *
 * Apart from test-host because of its cost under AddressSanitizer: libvirt
 * allocates millions of times parsing the file, and the slow unwinder the
 * other tests need for LeakSanitizer's suppressions makes that take minutes.
 * This test runs with the fast unwinder and without leak checking; the same
 * code paths are leak-checked by test-host.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-test-host.h"

static void
test_many_guests (void)
{
  g_autoptr (HgrTestHost) host = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "node-5000.xml", NULL);
  g_autofree char *uri = g_strconcat ("test://", path, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *guests;
  gint64      start = g_get_monotonic_time ();

  host = hgr_host_new (uri);
  /* The test driver parses its file inside open, which sanitizer builds make
   * many times slower: this test is about loading, not the timeout policy. */
  hgr_host_set_connect_timeout (host, 0);
  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 120);
  g_assert_true (hgr_host_connect_finish (host, result, NULL));
  g_test_message ("5000 guests connected and listed in %.0f ms",
                  (g_get_monotonic_time () - start) / 1000.0);

  guests = hgr_host_get_guests (host);
  g_assert_cmpuint (g_list_model_get_n_items (guests), ==, 5000);
  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (guests, i);

      g_hash_table_add (names, (char *) hgr_guest_get_name (guest));
    }
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("guest-%05u", i);

      g_assert_true (g_hash_table_contains (names, name));
    }
  /* States cycle running, shut off, paused. */
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000004998")), ==,
                   HGR_GUEST_STATE_RUNNING);
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000004999")), ==,
                   HGR_GUEST_STATE_SHUT_OFF);
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000004997")), ==,
                   HGR_GUEST_STATE_PAUSED);
  g_assert_cmpstr (hgr_guest_get_display_name (hgr_host_lookup_guest (host, "20000000-0000-0000-0000-000000004995")), ==,
                   "Guest number 4995");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/host/many-guests", test_many_guests);

  return g_test_run ();
}
