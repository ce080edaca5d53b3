/* test-load.c — live load in the window: guest rows, sort by load, the graphs of a guest and of a host
 *
 * The guest rows' figures and sparklines, sorting by load, and the graphs.
 * The test driver's CPU time follows the clock, so its guest "test" (2
 * vCPUs) is at 50 %; its block and interface counters grow with the clock
 * too, and its balloon says 1 GiB of 2 GiB is in use. It has no host CPU
 * counters that move and no virNodeGetMemoryStats.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "hgr-guest-page.h"
#include "hgr-host-page.h"
#include "hgr-host-store.h"
#include "hgr-load-graphs.h"
#include "hgr-stats-graph.h"
#include "hgr-stats-sampler.h"
#include "hgr-test-host.h"
#include "hgr-test-utils.h"
#include "hgr-test-widgets.h"
#include "hgr-test-window-fixture.h"
#include "hgr-window.h"

#define TEST_UUID  "6695eb01-f6a4-8304-79aa-97f2502e193f"
#define ALPHA_UUID "10000000-0000-0000-0000-000000000001"
#define BETA_UUID  "10000000-0000-0000-0000-000000000002"
#define GAMMA_UUID "10000000-0000-0000-0000-000000000003"

/* The window on its host, with a sampler at 1 s. */
typedef struct
{
  HgrTestWindow    w;
  HgrStatsSampler *sampler;
} LoadFixture;

static void
load_fixture_set_up (LoadFixture  *fixture,
                     gconstpointer data)
{
  hgr_test_window_open (&fixture->w, data, 900);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (fixture->w.host) == HGR_HOST_STATUS_CONNECTED);
  fixture->sampler = hgr_stats_sampler_new (fixture->w.host);
  hgr_stats_sampler_set_interval (fixture->sampler, 1);
}

static void
load_fixture_tear_down (LoadFixture  *fixture,
                        gconstpointer data)
{
  g_clear_object (&fixture->sampler);
  hgr_test_window_close (&fixture->w);
}

static GtkWidget *
page_child (GtkWidget  *page,
            GType       type,
            const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, type, id));
}

/* Pixels of the series (the line and the area under it) in a graph's plot;
 * the plot's faint ground is far below the threshold. */
static guint
count_plotted (GtkWidget *graph)
{
  graphene_rect_t plot;

  hgr_test_wait_for_frame (graph); /* the plot where the next frame has it */
  hgr_stats_graph_get_plot_area (HGR_STATS_GRAPH (graph), &plot);
  g_assert_cmpfloat (plot.size.width, >, 100);
  g_assert_cmpfloat (plot.size.height, >, 30);
  return hgr_test_count_drawn_pixels (graph, &plot, 0x40);
}

/* A running guest's row shows its CPU, as a figure and a sparkline, and
 * the memory it uses; a stopped guest's row shows none. */
static void
test_guest_row_load (LoadFixture  *fixture,
                     gconstpointer data)
{
  HgrGuestRow *row;
  GtkWidget   *load_box, *cpu_label, *state_label, *sparkline;
  HgrGuest    *guest;

  HGR_TEST_WAIT_UNTIL ((row = hgr_test_find_guest_row (child (&fixture->w, "list_view"), "test")) != NULL);
  load_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_GUEST_ROW, "load_box"));
  cpu_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_GUEST_ROW, "cpu_label"));
  state_label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_GUEST_ROW, "state_label"));
  sparkline = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_GUEST_ROW, "cpu_sparkline"));
  g_assert_false (gtk_widget_get_visible (load_box)); /* nothing known before the second tick */

  HGR_TEST_WAIT_UNTIL (gtk_widget_get_visible (load_box));
  g_assert_true (g_str_has_suffix (gtk_label_get_label (GTK_LABEL (cpu_label)), "%"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (state_label)), "used"));
  /* a few ticks make bars */
  HGR_TEST_WAIT_UNTIL_SECONDS (
    hgr_stats_ring_get_length (hgr_guest_stats_get_series (hgr_guest_get_stats (hgr_guest_row_get_guest (row)),
                                                           HGR_STATS_SERIES_CPU)) >= 2,
    20);
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (sparkline) > 0);
  g_assert_cmpuint (hgr_test_count_drawn_pixels (sparkline, NULL, 1), >, 2 * 2 * 1);
  /* a screen reader hears it */
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (sparkline), GTK_ACCESSIBLE_ROLE_IMG));

  /* stopped: the row shows no load */
  guest = hgr_guest_row_get_guest (row);
  {
    g_autoptr (GAsyncResult) result = NULL;

    hgr_guest_perform_async (guest, HGR_GUEST_ACTION_FORCE_OFF, NULL, hgr_test_store_result_cb, &result);
    HGR_TEST_WAIT_UNTIL (result != NULL);
    g_assert_true (hgr_guest_perform_finish (guest, result, NULL));
  }
  HGR_TEST_WAIT_UNTIL_SECONDS (!gtk_widget_get_visible (load_box), 10);
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (state_label)), "used"));
}

/* The names of the host's guests in the list's order, as "a b c". */
static char *
dup_order (GListModel *items)
{
  g_autoptr (GString) order = g_string_new (NULL);

  for (guint i = 1; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);

      g_string_append_printf (order, "%s%s", order->len > 0 ? " " : "", hgr_guest_get_name (HGR_GUEST (item)));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static gboolean
order_is (GListModel *items,
          const char *expected)
{
  g_autofree char *order = dup_order (items);

  return g_str_equal (order, expected);
}

/* By CPU and by memory: the busiest first, reordered as the load changes,
 * the selection staying on its guest. The test driver's CPU time follows
 * the clock, so a guest's CPU % is 100 / its vCPUs: beta (1 vCPU) 100 %,
 * alpha (2) 50 %, gamma (4, paused) 25 %, beta shut off none. */
static void
test_sort_by_load (LoadFixture  *fixture,
                   gconstpointer data)
{
  GListModel         *items = hgr_window_get_items (fixture->w.window);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (child (&fixture->w, "list_view"))));
  HgrGuest           *alpha = hgr_host_lookup_guest (fixture->w.host, ALPHA_UUID);
  HgrGuest           *beta = hgr_host_lookup_guest (fixture->w.host, BETA_UUID);
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *order = NULL;

  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 4);
  g_assert_true (hgr_window_select_item (fixture->w.window, G_OBJECT (alpha)));
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->w.window), "sort-by", g_variant_new_string ("cpu"));
  g_assert_cmpstr ((order = dup_order (items)), ==, "alpha beta gamma"); /* no figures yet: by name */

  HGR_TEST_WAIT_UNTIL (order_is (items, "alpha gamma beta"));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) alpha);

  /* beta starts and is the busiest after its second tick: alpha moves down, still selected */
  hgr_guest_perform_async (beta, HGR_GUEST_ACTION_RUN, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_guest_perform_finish (beta, result, NULL));
  HGR_TEST_WAIT_UNTIL_SECONDS (order_is (items, "beta alpha gamma"), 10);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) alpha);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);

  /* By memory: the one using the most first (only gamma has a balloon that
   * says), then by name */
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->w.window), "sort-by", g_variant_new_string ("memory"));
  g_assert_cmpuint (hgr_guest_stats_get_memory_used (hgr_guest_get_stats (hgr_host_lookup_guest (fixture->w.host, GAMMA_UUID))), >, 0);
  g_assert_true (order_is (items, "gamma alpha beta"));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) alpha);

  /* By name again: the load no longer moves anyone */
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->w.window), "sort-by", g_variant_new_string ("name"));
  g_assert_true (order_is (items, "alpha beta gamma"));
}

static void
test_guest_graphs (LoadFixture  *fixture,
                   gconstpointer data)
{
  HgrGuest      *guest = hgr_host_lookup_guest (fixture->w.host, TEST_UUID);
  HgrGuestStats *stats = hgr_guest_get_stats (guest);
  GtkWidget     *page, *graphs, *cpu;
  g_autoptr (GAsyncResult) result = NULL;
  const char *expected;

  /* the overview is made when a guest is first chosen */
  g_assert_true (hgr_window_select_item (fixture->w.window, G_OBJECT (guest)));
  page = hgr_test_find_descendant (GTK_WIDGET (fixture->w.window), HGR_TYPE_GUEST_PAGE);
  g_assert_nonnull (page);
  graphs = page_child (page, HGR_TYPE_GUEST_PAGE, "load_graphs");
  cpu = hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 0);
  /* a running guest's load shows from the second tick */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)) >= 3,
                               20);
  g_assert_true (gtk_widget_get_visible (graphs));
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (cpu) > 0);

  g_assert_cmpstr (hgr_stats_graph_get_value (HGR_STATS_GRAPH (cpu)), ==, "50%");
  /* (the expected text in a variable: the macro would take its % for a format) */
  expected = "CPU: 50%";
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (cpu), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (cpu), GTK_ACCESSIBLE_ROLE_IMG));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 1)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Memory: 1.0\u00a0GiB of 2.0\u00a0GiB");
  g_assert_true (g_str_has_prefix (hgr_stats_graph_get_value (HGR_STATS_GRAPH (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 2))),
                                   "Read "));
  g_assert_true (g_str_has_prefix (hgr_stats_graph_get_value (HGR_STATS_GRAPH (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 3))),
                                   "Received "));

  /* Every graph draws its series: the CPU at half height over the samples
   * so far, the others too */
  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *graph = hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), i);
      guint      plotted = count_plotted (graph);

      g_test_message ("graph %u: %u pixels plotted", i, plotted);
      g_assert_cmpuint (plotted, >, 20);
    }

  /* The line follows the samples: more samples, more of the plot drawn */
  {
    guint before = count_plotted (cpu);
    guint length = hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU));

    HGR_TEST_WAIT_UNTIL_SECONDS (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)) >= length + 2, 20);
    g_assert_cmpuint (count_plotted (cpu), >, before);
  }

  /* A figure not read (Preferences) has no graph; on again, it is back */
  hgr_stats_sampler_set_groups (fixture->sampler, HGR_STATS_GROUP_MEMORY | HGR_STATS_GROUP_NETWORK);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 1))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 2))));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 3))));
  hgr_stats_sampler_set_groups (fixture->sampler, 0);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (cpu)));
  for (guint i = 1; i < 4; i++)
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), i))));
  hgr_stats_sampler_set_groups (fixture->sampler, HGR_STATS_GROUPS_ALL);
  for (guint i = 0; i < 4; i++)
    g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), i))));

  /* Stopped: no Load group */
  hgr_guest_perform_async (guest, HGR_GUEST_ACTION_FORCE_OFF, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_guest_perform_finish (guest, result, NULL));
  HGR_TEST_WAIT_UNTIL_SECONDS (!gtk_widget_get_visible (graphs), 10);
  g_assert_cmpuint (count_plotted (cpu), ==, 0);
}

/* The first figure shows at once, as one step of the graph, not only from
 * the second (a new overview's CPU graph stayed blank for an interval). */
static void
test_graph_first_sample (void)
{
  g_autoptr (HgrGuestStats) stats = hgr_guest_stats_new ();
  GtkWidget       *window = gtk_window_new ();
  GtkWidget       *graph = hgr_stats_graph_new ("CPU", 100);
  HgrStatsCounters counters = { .running = TRUE, .vcpus = 1, .has_cpu = TRUE };

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 120);
  gtk_window_set_child (GTK_WINDOW (window), graph);
  gtk_window_present (GTK_WINDOW (window));
  hgr_stats_graph_set_series (HGR_STATS_GRAPH (graph), G_OBJECT (stats),
                              hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU), NULL);
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (graph) > 0);
  g_assert_cmpuint (count_plotted (graph), ==, 0); /* nothing yet */

  /* a first reading has no CPU figure (no interval yet); the second, 50 % */
  hgr_guest_stats_update (stats, &counters, 0);
  counters.cpu_time_ns = 500 * 1000 * 1000;
  hgr_guest_stats_update (stats, &counters, G_USEC_PER_SEC);
  g_assert_cmpuint (hgr_stats_ring_get_length (hgr_guest_stats_get_series (stats, HGR_STATS_SERIES_CPU)), ==, 1);
  g_assert_cmpuint (count_plotted (graph), >, 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_host_page (LoadFixture  *fixture,
                gconstpointer data)
{
  GtkWidget    *page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->w.window), HGR_TYPE_WINDOW, "host_page"));
  GtkWidget    *graphs = page_child (page, HGR_TYPE_HOST_PAGE, "load_graphs");
  GtkWidget    *hardware = page_child (page, HGR_TYPE_HOST_PAGE, "hardware_group");
  HgrHostStats *stats = hgr_host_get_stats (fixture->w.host);
  GtkWidget    *guests_cpu = hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 2);
  const char   *expected;

  g_assert_true (hgr_window_select_item (fixture->w.window, G_OBJECT (fixture->w.host)));
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_stats_ring_get_length (hgr_host_stats_get_series (stats, HGR_HOST_SERIES_GUESTS_CPU)) >= 2,
                               20);
  g_assert_true (gtk_widget_get_visible (graphs));
  g_assert_true (gtk_widget_get_visible (hardware));

  /* virNodeGetInfo: the test driver's 16 CPUs */
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (page_child (page, HGR_TYPE_HOST_PAGE, "cpus_value"))), "16 × "));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (page_child (page, HGR_TYPE_HOST_PAGE, "memory_value"))), !=, "None");
  /* the guests' sum: one guest of 2 vCPUs at 50 % is 1/16 of the host */
  expected = "Guests’ CPU: 1 running · 6%";
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (guests_cpu), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  /* the test driver's host CPU counters do not move: not known, said so */
  g_assert_cmpstr (hgr_stats_graph_get_value (HGR_STATS_GRAPH (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 0))), ==, "—");
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (guests_cpu) > 0);
  g_assert_cmpuint (count_plotted (guests_cpu), >, 10);

  /* Memory not read: no graph of the guests' memory; the host's own stays */
  hgr_stats_sampler_set_groups (fixture->sampler, HGR_STATS_GROUP_DISK);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 1))));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 3))));
  hgr_stats_sampler_set_groups (fixture->sampler, HGR_STATS_GROUPS_ALL);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (hgr_load_graphs_get_graph (HGR_LOAD_GRAPHS (graphs), 3))));

  /* Disconnected: no load, no hardware */
  hgr_host_disconnect (fixture->w.host);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (fixture->w.host) == HGR_HOST_STATUS_DISCONNECTED);
  g_assert_false (gtk_widget_get_visible (graphs));
  g_assert_false (gtk_widget_get_visible (hardware));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/load/guest-row", LoadFixture, NULL, load_fixture_set_up, test_guest_row_load, load_fixture_tear_down);
  g_test_add ("/load/sort-by-load", LoadFixture, "small-node.xml", load_fixture_set_up, test_sort_by_load, load_fixture_tear_down);
  g_test_add ("/load/guest-graphs", LoadFixture, NULL, load_fixture_set_up, test_guest_graphs, load_fixture_tear_down);
  g_test_add_func ("/load/graph-first-sample", test_graph_first_sample);
  g_test_add ("/load/host-page", LoadFixture, NULL, load_fixture_set_up, test_host_page, load_fixture_tear_down);

  return g_test_run ();
}
