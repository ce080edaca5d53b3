/* test-pacing.c — a host's many guests enter the sidebar a few rows per frame, first in the sidebar's order
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hgr-test-window-fixture.h"

#define N_GUESTS 300

/* A test-driver host of N_GUESTS guests, defined in the reverse of their
 * names' order, so that the sidebar's order is not the listing's. */
static char *
write_host (const char *dir)
{
  g_autoptr (GString) xml = g_string_new ("<node>\n");
  g_autofree char *path = g_build_filename (dir, "many.xml", NULL);
  g_autoptr (GError) error = NULL;

  for (int i = N_GUESTS - 1; i >= 0; i--)
    g_string_append_printf (xml,
                            "<domain type='test'><name>guest-%03d</name>"
                            "<uuid>30000000-0000-0000-0000-%012d</uuid><memory unit='MiB'>64</memory>"
                            "<os><type arch='x86_64'>hvm</type></os></domain>\n",
                            i, i);
  g_string_append (xml, "</node>\n");
  g_file_set_contents (path, xml->str, -1, &error);
  g_assert_no_error (error);
  return g_strconcat ("test://", path, NULL);
}

/* The name of the guest at @position of the window's list. */
static char *
name_at (HgrWindow *window,
         guint      position)
{
  g_autoptr (GObject) item = g_list_model_get_item (hgr_window_get_items (window), position);

  g_assert_true (HGR_IS_GUEST (item));
  return g_strdup (hgr_guest_get_name (HGR_GUEST (item)));
}

static void
assert_sorted_prefix (HgrWindow *window)
{
  guint n = g_list_model_get_n_items (hgr_window_get_items (window));

  for (guint i = 1; i < n; i++)
    {
      g_autofree char *name = name_at (window, i);
      g_autofree char *expected = g_strdup_printf ("guest-%03u", i - 1);

      g_assert_cmpstr (name, ==, expected);
    }
}

static void
test_paced_listing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("hgr-pacing-XXXXXX", NULL);
  g_autofree char *uri = write_host (dir);
  g_autofree char *file = g_build_filename (dir, "many.xml", NULL);
  HgrTestWindow    w;
  GListModel      *items;
  guint            first;
  HgrGuest        *last;

  hgr_test_window_open (&w, uri, 700);
  items = hgr_window_get_items (w.window);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (w.host) == HGR_HOST_STATUS_CONNECTED, 30);

  /* The first rows at once, and they are the first by name, not the first listed. */
  first = g_list_model_get_n_items (items);
  g_assert_cmpuint (first, >, 1);
  g_assert_cmpuint (first, <, 1 + N_GUESTS);
  assert_sorted_prefix (w.window);

  /* The rest over the next frames, never more than a few rows per frame. */
  HGR_TEST_WAIT_UNTIL_SECONDS (g_list_model_get_n_items (items) == 1 + N_GUESTS, 30);
  assert_sorted_prefix (w.window);

  /* Reconnected, the guests come paced again; one that is not in the list
   * yet can still be selected, as New Guest does with the guest it made. */
  hgr_host_disconnect (w.host);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 1);
  hgr_host_connect_async (w.host, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (w.host) == HGR_HOST_STATUS_CONNECTED, 30);
  g_assert_cmpuint (g_list_model_get_n_items (items), <, 1 + N_GUESTS);
  last = hgr_host_lookup_guest (w.host, "30000000-0000-0000-0000-000000000299");
  g_assert_nonnull (last);
  g_assert_true (hgr_window_select_item (w.window, G_OBJECT (last)));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1 + N_GUESTS);
  assert_sorted_prefix (w.window);

  hgr_test_window_close (&w);
  g_assert_cmpint (g_remove (file), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/pacing/first-listing", test_paced_listing);

  return g_test_run ();
}
