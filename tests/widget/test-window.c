/* test-window.c — the main window and its pages, driven through actions and properties
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "hgr-console-page-private.h"
#include "hgr-console-page.h"
#include "hgr-console-window.h"
#include "hgr-delete-dialog.h"
#include "hgr-details-view.h"
#include "hgr-domain-config.h"
#include "hgr-guest-page.h"
#include "hgr-guest-row.h"
#include "hgr-host-page.h"
#include "hgr-host-private.h"
#include "hgr-host-row.h"
#include "hgr-host-stats.h"
#include "hgr-host-store.h"
#include "hgr-new-guest-window.h"
#include "hgr-os-db.h"
#include "hgr-stats-sampler.h"
#include "hgr-test-host.h"
#include "hgr-test-widgets.h"
#include "hgr-window-private.h"
#include "hgr-window.h"

#define ALPHA_UUID "10000000-0000-0000-0000-000000000001"
#define BETA_UUID  "10000000-0000-0000-0000-000000000002"
#define GAMMA_UUID "10000000-0000-0000-0000-000000000003"

#include "hgr-test-window-fixture.h"

/* A host's guests hide and show: its row's expander, Left and Right, the
 * selection kept on the host; remembered per host in the settings. */
static void
test_collapse_host (Fixture      *fixture,
                    gconstpointer data)
{
  GListModel         *items = hgr_window_get_items (fixture->window);
  HgrHost            *other = hgr_host_store_add (fixture->store, "test:///default", FALSE, FALSE);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (child (fixture, "list_view"))));
  const char         *uri = hgr_host_get_uri (fixture->host);
  HgrHostRow         *row;
  GtkWidget          *expander;

  hgr_host_connect_async (other, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 6); /* 2 hosts, 3 + 1 guests */
  HGR_TEST_WAIT_UNTIL (hgr_test_find_host_row (child (fixture, "list_view"), fixture->host) != NULL);
  row = hgr_test_find_host_row (child (fixture, "list_view"), fixture->host);
  expander = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_HOST_ROW, "expander_button"));
  g_assert_true (gtk_widget_get_visible (expander));
  g_assert_true (hgr_host_row_get_expanded (row));
  gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL, "Hide Guests");

  /* The expander (win.toggle-host-guests): a selected guest of the host
   * gives the selection to the host */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (hgr_host_lookup_guest (fixture->host, BETA_UUID))));
  g_assert_true (gtk_widget_activate_action (expander, "win.toggle-host-guests", "s", uri));
  g_assert_false (hgr_window_get_host_expanded (fixture->window, fixture->host));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) fixture->host);
  g_assert_false (hgr_host_row_get_expanded (row));
  gtk_test_accessible_assert_property (expander, GTK_ACCESSIBLE_PROPERTY_LABEL, "Show Guests");
  {
    g_autofree char *tooltip = hgr_host_row_dup_tooltip_text (row, expander);

    g_assert_cmpstr (tooltip, ==, "Show Guests");
  }
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, FALSE);
  g_assert_true (hgr_window_get_host_expanded (fixture->window, other)); /* the other host keeps its guests */

  /* A guest defined meanwhile stays hidden with the others */
  {
    virDomainPtr domain = virDomainDefineXML (hgr_host_get_connection (fixture->host),
                                              "<domain type='test'><name>delta</name><memory>65536</memory>"
                                              "<os><type>hvm</type></os></domain>");

    g_assert_nonnull (domain);
    virDomainFree (domain);
    HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (hgr_host_get_guests (fixture->host)) == 4);
    g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  }

  /* Right on the host shows them, Left hides them; Left on a guest goes up to its host */
  hgr_window_sidebar_key_cb (NULL, GDK_KEY_Right, 0, 0, fixture->window);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 7);
  g_assert_true (hgr_host_row_get_expanded (row));
  gtk_test_accessible_assert_state (row, GTK_ACCESSIBLE_STATE_EXPANDED, TRUE);
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (hgr_host_lookup_guest (fixture->host, GAMMA_UUID))));
  g_assert_true (hgr_window_sidebar_key_cb (NULL, GDK_KEY_Left, 0, 0, fixture->window));
  g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) fixture->host);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 7);
  g_assert_true (hgr_window_sidebar_key_cb (NULL, GDK_KEY_Left, 0, 0, fixture->window));
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  g_assert_false (hgr_window_sidebar_key_cb (NULL, GDK_KEY_Up, 0, 0, fixture->window)); /* the list's own */

  /* Remembered: a window on the same settings starts with the host collapsed */
  {
    g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
    HgrWindow *first = g_object_new (HGR_TYPE_WINDOW, "host-store", fixture->store, "settings", settings, NULL);
    HgrWindow *second;
    g_auto (GStrv) saved = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (hgr_window_get_items (first)), ==, 7);
    hgr_window_set_host_expanded (first, fixture->host, FALSE);
    saved = g_settings_get_strv (settings, "collapsed-hosts");
    g_assert_cmpstrv (saved, ((const char *const[]){ uri, NULL }));
    gtk_window_destroy (GTK_WINDOW (first));
    second = g_object_new (HGR_TYPE_WINDOW, "host-store", fixture->store, "settings", settings, NULL);
    g_assert_false (hgr_window_get_host_expanded (second, fixture->host));
    g_assert_cmpuint (g_list_model_get_n_items (hgr_window_get_items (second)), ==, 3);
    gtk_window_destroy (GTK_WINDOW (second));
    g_settings_reset (settings, "collapsed-hosts");
  }
  hgr_host_store_remove (fixture->store, other);
}

static void
test_failed_host_shows_reason (Fixture      *fixture,
                               gconstpointer data)
{
  HgrHost    *broken = hgr_host_store_add (fixture->store, "test:///no/such/hangar-node.xml", FALSE, FALSE);
  HgrHostRow *row;
  GtkLabel   *status;

  hgr_host_connect_async (broken, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (broken) == HGR_HOST_STATUS_FAILED);
  HGR_TEST_WAIT_UNTIL (hgr_test_find_host_row (child (fixture, "list_view"), broken) != NULL);
  row = hgr_test_find_host_row (child (fixture, "list_view"), broken);
  status = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_HOST_ROW, "status_label"));
  HGR_TEST_WAIT_UNTIL (g_str_has_prefix (gtk_label_get_label (status), "Could not connect: "));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "hangar-node.xml"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  /* The row's tooltips are asked for when shown (query-tooltip). */
  {
    g_autofree char *tooltip = hgr_host_row_dup_tooltip_text (row, GTK_WIDGET (status));

    g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (status)));
    g_assert_cmpstr (tooltip, ==, gtk_label_get_label (status));
  }
  /* Its name, cut short beside the expander when long, is whole in its tooltip. */
  {
    GtkWidget       *name = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_HOST_ROW, "name_label"));
    g_autofree char *tooltip = hgr_host_row_dup_tooltip_text (row, name);

    g_assert_true (gtk_widget_get_has_tooltip (name));
    g_assert_nonnull (tooltip);
    g_assert_true (g_str_has_prefix (tooltip, hgr_host_get_display_name (broken)));
    g_assert_nonnull (strstr (tooltip, "test:///no/such/hangar-node.xml"));
  }
  /* Its row offers to try again, named for assistive technologies. */
  {
    GtkWidget       *connect = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (row), HGR_TYPE_HOST_ROW, "connect_button"));
    g_autofree char *tooltip = hgr_host_row_dup_tooltip_text (row, connect);

    gtk_test_accessible_assert_property (connect, GTK_ACCESSIBLE_PROPERTY_LABEL, "Try Again");
    g_assert_cmpstr (tooltip, ==, "Try Again");
  }

  /* Its page says the same, in full. */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (broken)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "host");
  hgr_host_store_remove (fixture->store, broken);
}

static void
test_shows_test_driver_guests (Fixture      *fixture,
                               gconstpointer data)
{
  GListModel *items = hgr_window_get_items (fixture->window);
  g_autoptr (GObject) first = NULL;
  g_autoptr (GObject) second = NULL;

  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 2);
  first = g_list_model_get_item (items, 0);
  second = g_list_model_get_item (items, 1);
  g_assert_true (first == G_OBJECT (fixture->host));
  g_assert_true (HGR_IS_GUEST (second));
  g_assert_cmpstr (hgr_guest_get_name (HGR_GUEST (second)), ==, "test");
  g_assert_cmpint (hgr_guest_get_state (HGR_GUEST (second)), ==, HGR_GUEST_STATE_RUNNING);

  /* And a user can see it: a mapped row of the list shows the guest. */
  HGR_TEST_WAIT_UNTIL (hgr_test_find_guest_row (child (fixture, "list_view"), "test") != NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "sidebar_stack"))), ==, "list");
}

static void
test_search_filters (Fixture      *fixture,
                     gconstpointer data)
{
  GListModel  *items = hgr_window_get_items (fixture->window);
  GtkEditable *entry = GTK_EDITABLE (child (fixture, "search_entry"));

  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 4);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (child (fixture, "search_bar"))));

  /* By title, case-insensitively: "Alpha Server" is alpha's title. */
  gtk_editable_set_text (entry, "SERVER");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 2);
  gtk_editable_set_text (entry, "gam");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 2);
  gtk_editable_set_text (entry, "no such guest");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 1); /* the host stays */
  gtk_editable_set_text (entry, "");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 4);
}

static void
test_sort_by_state (Fixture      *fixture,
                    gconstpointer data)
{
  GListModel *items = hgr_window_get_items (fixture->window);
  const char *by_name[] = { "alpha", "beta", "gamma" };
  const char *by_state[] = { "alpha", "gamma", "beta" }; /* running, paused, shut off */

  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 4);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (items, i + 1);

      g_assert_cmpstr (hgr_guest_get_name (guest), ==, by_name[i]);
    }
  g_action_group_change_action_state (G_ACTION_GROUP (fixture->window), "sort-by", g_variant_new_string ("state"));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (items, i + 1);

      g_assert_cmpstr (hgr_guest_get_name (guest), ==, by_state[i]);
    }
}

/* For the log of a test that fails: what the guest went through. */
static void
log_notify_cb (HgrGuest   *guest,
               GParamSpec *pspec)
{
  g_test_message ("%s: %s → state %d, busy %d", hgr_guest_get_name (guest), pspec->name, hgr_guest_get_state (guest),
                  hgr_guest_get_busy (guest));
}

static void
test_action_sensitivity (Fixture      *fixture,
                         gconstpointer data)
{
  HgrGuest  *beta = hgr_host_lookup_guest (fixture->host, BETA_UUID);
  HgrGuest  *alpha = hgr_host_lookup_guest (fixture->host, ALPHA_UUID);
  GtkWidget *run = child (fixture, "run_button");
  GtkWidget *pause = child (fixture, "pause_button");
  GtkWidget *shut_down = child (fixture, "shut_down_button");

  /* Nothing selected: no guest command can run. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (child (fixture, "list_view")))),
                                     GTK_INVALID_LIST_POSITION);
  g_assert_false (gtk_widget_get_visible (run));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "none");

  /* A shut-off guest can run, not pause. */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (beta)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "guest");
  g_assert_true (gtk_widget_get_visible (run));
  g_assert_true (gtk_widget_is_sensitive (run));
  g_assert_false (gtk_widget_get_visible (pause));
  g_assert_false (gtk_widget_get_visible (shut_down));

  /* Running it through the action: the buttons follow the new state. */
  g_signal_connect (beta, "notify", G_CALLBACK (log_notify_cb), NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.run", NULL);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (beta) == HGR_GUEST_STATE_RUNNING && !hgr_guest_get_busy (beta));
  g_assert_false (gtk_widget_get_visible (run));
  g_assert_true (gtk_widget_get_visible (pause));
  g_assert_true (gtk_widget_is_sensitive (pause));
  g_assert_true (gtk_widget_is_sensitive (shut_down));

  /* A disabled action does nothing: run on a running guest. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.run", NULL);
  g_assert_false (hgr_guest_get_busy (beta));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.pause", NULL);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (beta) == HGR_GUEST_STATE_PAUSED && !hgr_guest_get_busy (beta));
  g_assert_true (gtk_widget_get_visible (child (fixture, "resume_button")));
  g_assert_false (gtk_widget_get_visible (pause));

  /* Selecting the other guest follows its own state. */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (alpha)));
  g_assert_true (gtk_widget_get_visible (pause));
  g_assert_false (gtk_widget_get_visible (child (fixture, "resume_button")));

  /* Icon-only buttons have names for assistive technologies. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (run), GTK_ACCESSIBLE_PROPERTY_LABEL, "Run");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (pause), GTK_ACCESSIBLE_PROPERTY_LABEL, "Pause");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (shut_down), GTK_ACCESSIBLE_PROPERTY_LABEL, "Shut Down");
}

static GtkWidget *
console_child (HgrConsolePage *page,
               const char     *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), HGR_TYPE_CONSOLE_PAGE, id));
}

static void
test_console_page (Fixture      *fixture,
                   gconstpointer data)
{
  HgrGuest         *beta = hgr_host_lookup_guest (fixture->host, BETA_UUID);
  AdwViewStack     *views = ADW_VIEW_STACK (child (fixture, "guest_view_stack"));
  HgrConsolePage   *page;
  AdwStatusPage    *status;
  GtkButton        *status_button;
  HgrConsoleWindow *console;

  /* The console of a shut-off guest, through the view action (Alt+2). The
   * page is made then, not with the window (start-up). */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (beta)));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "overview");
  g_assert_null (fixture->window->console_page);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "console");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "console");
  page = fixture->window->console_page;
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (page), GTK_WIDGET (views)));
  status = ADW_STATUS_PAGE (console_child (page, "status_page"));
  status_button = GTK_BUTTON (console_child (page, "status_button"));
  g_assert_true (hgr_console_page_get_guest (page) == beta);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Guest Not Running");
  g_assert_cmpstr (gtk_button_get_label (status_button), ==, "_Run");
  gtk_test_accessible_assert_property (hgr_console_page_get_display (page), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Screen of beta");

  /* Run from the page: the guest runs, then the display is tried. beta has
   * none (in the test driver's file): the page says so. */
  /* The button names the page's action, which does nothing while disabled
   * (as the button is insensitive then). */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (status_button)), ==, "console.run");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (status_button)));
  gtk_widget_activate_action (GTK_WIDGET (status_button), gtk_actionable_get_action_name (GTK_ACTIONABLE (status_button)),
                              NULL);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (beta) == HGR_GUEST_STATE_RUNNING);
  HGR_TEST_WAIT_UNTIL (g_strcmp0 (adw_status_page_get_title (status), "Console Unavailable") == 0);
  g_assert_nonnull (strstr (adw_status_page_get_description (status), "has no display"));
  g_assert_cmpstr (gtk_button_get_label (status_button), ==, "_Try Again");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (status_button)), ==, "console.reconnect");
  g_assert_false (gtk_widget_get_visible (console_child (page, "toolbar")));

  /* The host goes away: the console says so, not a stale error. */
  hgr_host_disconnect (fixture->host);
  HGR_TEST_WAIT_UNTIL (g_strcmp0 (adw_status_page_get_title (status), "Host Disconnected") == 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (status_button)));
  hgr_host_connect_async (fixture->host, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (fixture->host) == HGR_HOST_STATUS_CONNECTED);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, BETA_UUID) != NULL);
  beta = hgr_host_lookup_guest (fixture->host, BETA_UUID);
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (beta)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "console");
  /* Back with its host, the page shows the guest as it is now, not the lost
   * host: the test driver reads its file afresh on each connection, so beta
   * is shut off again and the page offers Run. */
  g_assert_cmpint (hgr_guest_get_state (beta), ==, HGR_GUEST_STATE_SHUT_OFF);
  HGR_TEST_WAIT_UNTIL (g_strcmp0 (adw_status_page_get_title (status), "Guest Not Running") == 0);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (status_button)));
  g_assert_cmpstr (gtk_button_get_label (status_button), ==, "_Run");

  /* Detach: the console moves to a window of its own, the overview stays. */
  gtk_widget_activate_action (GTK_WIDGET (page), "console.detach", NULL);
  console = (HgrConsoleWindow *) find_toplevel (HGR_TYPE_CONSOLE_WINDOW);
  g_assert_nonnull (console);
  g_assert_true (hgr_console_window_get_guest (console) == beta);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "overview");
  g_assert_true (hgr_console_page_get_guest (hgr_console_window_get_page (console)) == beta);

  /* Back to the main window: the detached one closes, the console shows. */
  gtk_widget_activate_action (GTK_WIDGET (console), "win.attach", NULL);
  HGR_TEST_WAIT_UNTIL (find_toplevel (HGR_TYPE_CONSOLE_WINDOW) == NULL);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (views), ==, "console");

  /* Fullscreen from the main window: the console alone, in its window. */
  gtk_widget_activate_action (GTK_WIDGET (page), "console.fullscreen", NULL);
  console = (HgrConsoleWindow *) find_toplevel (HGR_TYPE_CONSOLE_WINDOW);
  g_assert_nonnull (console);
  g_assert_true (hgr_console_window_get_guest (console) == beta);
  HGR_TEST_WAIT_UNTIL (gtk_window_is_fullscreen (GTK_WINDOW (console)));
  {
    /* No header; the toolbar floats over the picture, and hides. */
    HgrConsolePage *detached = hgr_console_window_get_page (console);
    GtkWidget      *toolbar = console_child (detached, "toolbar");
    GtkRevealer    *osd = GTK_REVEALER (console_child (detached, "osd_revealer"));

    g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (
      gtk_widget_get_template_child (GTK_WIDGET (console), HGR_TYPE_CONSOLE_WINDOW, "header_revealer"))));
    g_assert_true (gtk_widget_get_parent (toolbar) == GTK_WIDGET (osd));
    g_assert_true (gtk_widget_has_css_class (toolbar, "osd"));
    HGR_TEST_WAIT_UNTIL (!gtk_revealer_get_reveal_child (osd));
    /* (Leaving fullscreen needs a window manager to confirm it: not here.) */
  }
  gtk_window_destroy (GTK_WINDOW (console));
}

/* A console page follows the settings it is given, inside HgrApplication or not. */
static void
test_console_page_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  HgrConsolePage *page = g_object_ref_sink (g_object_new (HGR_TYPE_CONSOLE_PAGE, NULL));
  HgrVncDisplay  *display = HGR_VNC_DISPLAY (console_child (page, "display"));

  g_settings_set_string (settings, "console-release-keys", "<Control><Shift>");
  g_assert_cmphex (hgr_vnc_display_get_release_modifiers (display), ==, GDK_CONTROL_MASK | GDK_ALT_MASK);
  hgr_console_page_set_settings (page, settings);
  g_assert_cmphex (hgr_vnc_display_get_release_modifiers (display), ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  g_settings_set_string (settings, "console-release-keys", "<Control><Alt><Shift>");
  g_assert_cmphex (hgr_vnc_display_get_release_modifiers (display), ==,
                   GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK);
  g_settings_reset (settings, "console-release-keys");
  g_object_unref (page);
}

static gboolean
has_label_containing (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (has_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* A screenshot that cannot be saved says so on the page (a toast), instead of
 * a log line the user never sees. */
static void
test_console_page_screenshot_failure (void)
{
  HgrConsolePage     *page = g_object_ref_sink (g_object_new (HGR_TYPE_CONSOLE_PAGE, NULL));
  GtkWidget          *window = gtk_window_new ();
  static const guint8 pixels[4 * 2 * 2] = { 0xff };
  g_autoptr (GBytes) bytes = g_bytes_new_static (pixels, sizeof pixels);
  g_autoptr (GdkTexture) texture = gdk_memory_texture_new (2, 2, GDK_MEMORY_B8G8R8A8, bytes, 8);
  g_autofree char *dir = g_dir_make_tmp ("hangar-shot-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "shot.png", NULL);
  g_autoptr (GFile) good_file = g_file_new_for_path (good);
  g_autoptr (GFile) bad_file = g_file_new_for_path ("/nonexistent-hangar-folder/shot.png");
  GtkWidget *overlay = console_child (page, "toast_overlay");

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (hgr_console_page_save_screenshot (page, texture, good_file));
  g_assert_true (g_file_test (good, G_FILE_TEST_IS_REGULAR));
  g_assert_false (has_label_containing (overlay, "could not be saved"));

  g_assert_false (hgr_console_page_save_screenshot (page, texture, bad_file));
  HGR_TEST_WAIT_UNTIL (has_label_containing (overlay, "The screenshot could not be saved as “/nonexistent-hangar-folder/shot.png”"));

  g_unlink (good);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (page);
}

static const char *
guest_page_value (HgrGuestPage *page,
                  const char   *id)
{
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (page), HGR_TYPE_GUEST_PAGE, id)));
}

static void
test_guest_page (Fixture      *fixture,
                 gconstpointer data)
{
  HgrGuestPage *page;
  HgrGuest     *alpha;
  AdwActionRow *description;

  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, ALPHA_UUID) != NULL);
  alpha = hgr_host_lookup_guest (fixture->host, ALPHA_UUID);
  /* the overview is made when a guest is first chosen, not with the window */
  g_assert_null (fixture->window->guest_page);
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (alpha)));
  page = fixture->window->guest_page;
  g_assert_nonnull (page);

  /* What the guest list knows, at once; its configuration once it is read. */
  g_assert_cmpstr (guest_page_value (page, "heading_label"), ==, "Alpha Server");
  g_assert_cmpstr (guest_page_value (page, "subheading_label"), ==, "Running");
  g_assert_cmpstr (guest_page_value (page, "name_value"), ==, "alpha");
  g_assert_cmpstr (guest_page_value (page, "title_value"), ==, "Alpha Server");
  g_assert_cmpstr (guest_page_value (page, "state_value"), ==, "Running");
  g_assert_cmpstr (guest_page_value (page, "host_value"), ==, "Test Driver (small-node.xml)");
  g_assert_cmpstr (guest_page_value (page, "uuid_value"), ==, ALPHA_UUID);
  g_assert_cmpstr (guest_page_value (page, "persistent_value"), ==, "Yes");
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_details_loaded (alpha));
  g_assert_cmpstr (guest_page_value (page, "vcpus_value"), ==, "2");
  g_assert_cmpstr (guest_page_value (page, "memory_value"), ==, "1.0\u00a0GiB"); /* GLib puts a no-break space */
  g_assert_cmpstr (guest_page_value (page, "os_type_value"), ==, "hvm");
  g_assert_cmpstr (guest_page_value (page, "arch_value"), ==, "x86_64");
  g_assert_cmpstr (guest_page_value (page, "autostart_value"), ==, "No");
  description = ADW_ACTION_ROW (gtk_widget_get_template_child (GTK_WIDGET (page), HGR_TYPE_GUEST_PAGE, "description_row"));
  g_assert_cmpstr (adw_action_row_get_subtitle (description), ==, "The first guest of the fixture.");

  /* A state change shows without selecting again. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.pause", NULL);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (alpha) == HGR_GUEST_STATE_PAUSED);
  g_assert_cmpstr (guest_page_value (page, "subheading_label"), ==, "Paused");
  g_assert_cmpstr (guest_page_value (page, "state_value"), ==, "Paused");
}

static void
test_host_page (Fixture      *fixture,
                gconstpointer data)
{
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (fixture->host)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "content_stack"))), ==, "host");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.disconnect-selected", NULL);
  g_assert_cmpint (hgr_host_get_status (fixture->host), ==, HGR_HOST_STATUS_DISCONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_window_get_items (fixture->window)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "host.connect", "s", hgr_host_get_uri (fixture->host));
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (fixture->host) == HGR_HOST_STATUS_CONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_window_get_items (fixture->window)), ==, 4);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "host.remove", "s", hgr_host_get_uri (fixture->host));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_store_get_hosts (fixture->store)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (child (fixture, "sidebar_stack"))), ==, "empty");
}

static void
test_delete_dialog_lists_disks (Fixture      *fixture,
                                gconstpointer data)
{
  HgrGuest        *alpha = hgr_host_lookup_guest (fixture->host, ALPHA_UUID);
  HgrDeleteDialog *dialog;
  GtkWidget       *list;
  g_auto (GStrv) chosen = NULL;
  guint n_rows = 0;

  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (alpha)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.delete", NULL);
  dialog = (HgrDeleteDialog *) find_toplevel (HGR_TYPE_DELETE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (hgr_delete_dialog_get_guest (dialog) == alpha);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HGR_TYPE_DELETE_DIALOG, "disks_list"));
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_visible (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 2); /* two disks; the CD-ROM is not offered */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "forced off"));

  /* The user disconnects the host meanwhile: its guests leave the list, and
   * the dialog goes with them. (A lost connection instead keeps the dialog,
   * disabled: test-window-remote kills a real daemon for that.) */
  hgr_host_disconnect (fixture->host);
  HGR_TEST_WAIT_UNTIL (find_toplevel (HGR_TYPE_DELETE_DIALOG) == NULL);
  hgr_host_connect_async (fixture->host, NULL, NULL, NULL);
  HGR_TEST_WAIT_UNTIL (hgr_host_get_status (fixture->host) == HGR_HOST_STATUS_CONNECTED);
  alpha = hgr_host_lookup_guest (fixture->host, ALPHA_UUID);
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (alpha)));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "guest.delete", NULL);
  dialog = (HgrDeleteDialog *) find_toplevel (HGR_TYPE_DELETE_DIALOG);
  g_assert_nonnull (dialog);
  list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), HGR_TYPE_DELETE_DIALOG, "disks_list"));
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_visible (list));

  /* Nothing ticked by default: storage is kept. */
  chosen = hgr_delete_dialog_dup_chosen_disks (dialog);
  g_assert_cmpuint (g_strv_length (chosen), ==, 0);
  g_clear_pointer (&chosen, g_strfreev);
  hgr_delete_dialog_set_disk_chosen (dialog, "/hangar-test/images/alpha-data.qcow2", TRUE);
  chosen = hgr_delete_dialog_dup_chosen_disks (dialog);
  g_assert_cmpuint (g_strv_length (chosen), ==, 1);
  g_assert_cmpstr (chosen[0], ==, "/hangar-test/images/alpha-data.qcow2");

  /* Agreeing deletes the guest and exactly the ticked disk. */
  g_object_ref (alpha);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, ALPHA_UUID) == NULL);
  gtk_window_destroy (GTK_WINDOW (dialog)); /* a response button would also close it */
  g_object_unref (alpha);
  g_assert_false (hgr_test_volume_exists (fixture->host, "/hangar-test/images/alpha-data.qcow2"));
  g_assert_true (hgr_test_volume_exists (fixture->host, "/hangar-test/images/alpha.qcow2"));
}

/* Another guest chosen while the Details view has unsaved edits: the window asks; Stay stays, Discard goes. */
static void
test_details_leave_guest (Fixture      *fixture,
                          gconstpointer data)
{
  HgrGuest         *alpha = hgr_host_lookup_guest (fixture->host, ALPHA_UUID);
  HgrGuest         *beta = hgr_host_lookup_guest (fixture->host, BETA_UUID);
  HgrDetailsView   *details;
  AdwMessageDialog *dialog;

  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (alpha)));
  g_assert_null (fixture->window->details_view); /* made when first shown */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.view", "s", "details");
  details = fixture->window->details_view;
  g_assert_nonnull (details);
  HGR_TEST_WAIT_UNTIL (hgr_details_view_get_config (details) != NULL);
  g_object_set (hgr_domain_config_find_part (hgr_details_view_get_config (details), "memory"), "current",
                (guint64) 512 * 1024 * 1024, NULL);
  g_assert_true (hgr_details_view_get_modified (details));

  hgr_window_select_item (fixture->window, G_OBJECT (beta));
  HGR_TEST_WAIT_UNTIL ((dialog = hgr_test_find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard the Changes to “Alpha Server”?");
  g_assert_true (hgr_details_view_get_guest (details) == alpha);
  adw_message_dialog_response (dialog, "stay");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (hgr_details_view_get_guest (details) == alpha);
  g_assert_true (hgr_details_view_get_modified (details));

  hgr_window_select_item (fixture->window, G_OBJECT (beta));
  HGR_TEST_WAIT_UNTIL ((dialog = hgr_test_find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "discard");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (hgr_details_view_get_guest (details) == beta);
  HGR_TEST_WAIT_UNTIL (hgr_details_view_get_config (details) != NULL);
  g_assert_false (hgr_details_view_get_modified (details));
}

static void
store_uuid_cb (char       **uuid,
               HgrNewGuest *model)
{
  *uuid = g_strdup (hgr_new_guest_get_uuid (model));
}

static HgrNewGuestWindow *
find_assistant (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (HGR_IS_NEW_GUEST_WINDOW (window))
        return HGR_NEW_GUEST_WINDOW (window);
    }
  return NULL;
}

/* New Guest from the window (Ctrl+N's action) and from the host page: the made guest is selected, its console shown. */
static void
test_new_guest (Fixture      *fixture,
                gconstpointer data)
{
  HgrNewGuestWindow *assistant;
  HgrNewGuest       *model;
  GtkWidget         *button;
  g_autofree char   *uuid = NULL;
  guint              before = g_list_model_get_n_items (hgr_host_get_guests (fixture->host));

  /* The host page offers it for a connected host, with the host as its target. */
  g_assert_true (hgr_window_select_item (fixture->window, G_OBJECT (fixture->host)));
  button = GTK_WIDGET (gtk_widget_get_template_child (child (fixture, "host_page"), HGR_TYPE_HOST_PAGE, "new_guest_button"));
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "host.new-guest");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)), NULL), ==,
                   hgr_host_get_uri (fixture->host));
  g_signal_emit_by_name (button, "clicked");
  HGR_TEST_WAIT_UNTIL ((assistant = find_assistant ()) != NULL);
  gtk_window_destroy (GTK_WINDOW (assistant));
  HGR_TEST_WAIT_UNTIL (find_assistant () == NULL);

  /* win.new-guest (app.new-guest, Ctrl+N) on the selected host */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-guest", NULL);
  HGR_TEST_WAIT_UNTIL ((assistant = find_assistant ()) != NULL);
  /* The OS database loads in about a second; many times that under AddressSanitizer. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_new_guest_window_get_ready (assistant), 280);
  model = hgr_new_guest_window_get_model (assistant);
  g_assert_true (hgr_new_guest_get_host (model) == fixture->host);
  g_object_set (model, "source", HGR_INSTALL_SOURCE_NETWORK, NULL);
  hgr_new_guest_set_os (model, hgr_os_db_lookup (hgr_os_db_get_default (), "debian11"));
  for (guint i = 0; i < HGR_INSTALL_STEP_SUMMARY; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "wizard.next", NULL));
  g_assert_cmpint (hgr_new_guest_window_get_step (assistant), ==, HGR_INSTALL_STEP_SUMMARY);
  g_signal_connect_swapped (assistant, "created", G_CALLBACK (store_uuid_cb), &uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "wizard.create", NULL));
  HGR_TEST_WAIT_UNTIL (find_assistant () == NULL);
  g_assert_nonnull (uuid);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (hgr_host_get_guests (fixture->host)) == before + 1);
  HGR_TEST_WAIT_UNTIL (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (child (fixture, "list_view"))))) ==
                       (gpointer) hgr_host_lookup_guest (fixture->host, uuid));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (child (fixture, "guest_view_stack"))), ==,
                   "console");
  g_clear_pointer (&uuid, g_free);

  /* Customize before install: its Details, under the banner; Cancel Installation removes it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-guest", NULL);
  HGR_TEST_WAIT_UNTIL ((assistant = find_assistant ()) != NULL);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_new_guest_window_get_ready (assistant), 280);
  model = hgr_new_guest_window_get_model (assistant);
  g_object_set (model, "source", HGR_INSTALL_SOURCE_NETWORK, "customize", TRUE, NULL);
  hgr_new_guest_set_os (model, hgr_os_db_lookup (hgr_os_db_get_default (), "debian11"));
  for (guint i = 0; i < HGR_INSTALL_STEP_SUMMARY; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "wizard.next", NULL));
  g_signal_connect_swapped (assistant, "created", G_CALLBACK (store_uuid_cb), &uuid);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "wizard.create", NULL));
  HGR_TEST_WAIT_UNTIL (find_assistant () == NULL);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, uuid) != NULL);
  HGR_TEST_WAIT_UNTIL (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (child (fixture, "guest_view_stack"))) != NULL &&
                       g_str_equal (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (child (fixture, "guest_view_stack"))), "details"));
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (fixture->host, uuid)), ==, HGR_GUEST_STATE_SHUT_OFF);
  {
    GtkRevealer *revealer = GTK_REVEALER (gtk_widget_get_first_child (child (fixture, "install_banner")));
    GtkWidget   *box = gtk_revealer_get_child (revealer);
    GtkWidget   *cancel = NULL;

    g_assert_true (gtk_revealer_get_reveal_child (revealer));
    for (GtkWidget *w = gtk_widget_get_first_child (box); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_BUTTON (w) && g_str_equal (gtk_button_get_label (GTK_BUTTON (w)), "_Cancel Installation"))
        cancel = w;
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
    HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, uuid) == NULL);
    g_assert_false (gtk_revealer_get_reveal_child (revealer));
  }
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (fixture->host)), ==, before + 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/window/shows-test-driver-guests", Fixture, NULL, fixture_set_up, test_shows_test_driver_guests, fixture_tear_down);
  g_test_add ("/window/search-filters", Fixture, "small-node.xml", fixture_set_up, test_search_filters, fixture_tear_down);
  g_test_add ("/window/sort-by-state", Fixture, "small-node.xml", fixture_set_up, test_sort_by_state, fixture_tear_down);
  g_test_add ("/window/collapse-host", Fixture, "small-node.xml", fixture_set_up, test_collapse_host, fixture_tear_down);
  g_test_add ("/window/action-sensitivity", Fixture, "small-node.xml", fixture_set_up, test_action_sensitivity, fixture_tear_down);
  g_test_add ("/window/console-page", Fixture, "small-node.xml", fixture_set_up, test_console_page, fixture_tear_down);
  g_test_add ("/window/host-page", Fixture, "small-node.xml", fixture_set_up, test_host_page, fixture_tear_down);
  g_test_add_func ("/console-page/settings", test_console_page_settings);
  g_test_add_func ("/console-page/screenshot-failure", test_console_page_screenshot_failure);
  g_test_add ("/window/details-leave-guest", Fixture, "small-node.xml", fixture_set_up, test_details_leave_guest, fixture_tear_down);
  g_test_add ("/window/guest-page", Fixture, "small-node.xml", fixture_set_up, test_guest_page, fixture_tear_down);
  g_test_add ("/window/failed-host-shows-reason", Fixture, NULL, fixture_set_up, test_failed_host_shows_reason, fixture_tear_down);
  g_test_add ("/window/new-guest", Fixture, "install-node.xml", fixture_set_up, test_new_guest, fixture_tear_down);
  g_test_add ("/delete-dialog/lists-disks", Fixture, "small-node.xml", fixture_set_up, test_delete_dialog_lists_disks, fixture_tear_down);

  return g_test_run ();
}
