/* test-new-guest.c — the New Guest assistant: keyboard only, Next and Create only when valid, the OS list filters
 *
 * On the test driver (tests/data/install-node.xml: a guest called fedora37,
 * a pool "default" with an ISO volume, a network "default").
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hgr-new-guest-window.h"
#include "hgr-os-db.h"
#include "hgr-test-host.h"
#include "hgr-wizard-page.h"

typedef struct
{
  HgrHost           *host;
  HgrNewGuestWindow *window;
  char              *iso;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *uri = hgr_test_dup_fixture_uri ("install-node.xml");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int fd;

  fixture->host = hgr_host_new (uri);
  hgr_host_connect_async (fixture->host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (fixture->host, result, &error));
  /* A file that is no ISO: detection says so and leaves the choice to the list. */
  fd = g_file_open_tmp ("hangar-XXXXXX.iso", &fixture->iso, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);

  fixture->window = HGR_NEW_GUEST_WINDOW (hgr_new_guest_window_new (NULL, fixture->host));
  /* The OS database loads in about a second; many times that under AddressSanitizer. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_new_guest_window_get_ready (fixture->window), 280);
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->window)) > 0);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (toplevels);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0);
  g_unlink (fixture->iso);
  g_free (fixture->iso);
  hgr_test_host_close (fixture->host);
}

static GtkWidget *
page (Fixture       *fixture,
      HgrInstallStep step)
{
  return hgr_new_guest_window_get_page (fixture->window, step);
}

static void collect_buttons (GtkWidget *root,
                             GPtrArray *found);

/* The header button of @action (a widget action of the window): sensitive when the action is enabled. */
static GtkWidget *
header_button (Fixture    *fixture,
               const char *action)
{
  g_autoptr (GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (fixture->window), buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  g_error ("no button for %s", action);
}

static gboolean
enabled (Fixture    *fixture,
         const char *action)
{
  return gtk_widget_get_sensitive (header_button (fixture, action));
}

/* A visible label with the style class, under @root. */
static GtkLabel *
find_message (GtkWidget  *root,
              const char *style)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, style) && gtk_widget_get_visible (root))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_message (child, style);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *found)
{
  if (GTK_IS_BUTTON (root))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, found);
}

/* Whether Tab from the top of the window reaches @target (or a widget inside it). */
static gboolean
tab_reaches (Fixture   *fixture,
             GtkWidget *target)
{
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_mapped (target) && gtk_widget_get_width (target) > 0);
  gtk_window_set_focus (GTK_WINDOW (fixture->window), NULL);
  for (guint i = 0; i < 60; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (GTK_WINDOW (fixture->window));
      if (focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target)))
        return TRUE;
    }
  return FALSE;
}

/* Every visible field of the page and the header's button take the keyboard focus. */
static void
assert_keyboard_reaches_page (Fixture       *fixture,
                              HgrInstallStep step,
                              const char    *button_action)
{
  g_autoptr (GPtrArray) fields = g_ptr_array_new ();
  GType      types[] = { GTK_TYPE_ENTRY, GTK_TYPE_SPIN_BUTTON, ADW_TYPE_COMBO_ROW, GTK_TYPE_SWITCH, GTK_TYPE_SEARCH_ENTRY };
  GtkWidget *button = header_button (fixture, button_action);

  HGR_TEST_WAIT_UNTIL (gtk_widget_get_mapped (page (fixture, step)));
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    collect (page (fixture, step), types[i], fields);
  for (guint i = 0; i < fields->len; i++)
    if (gtk_widget_is_sensitive (g_ptr_array_index (fields, i)) && !tab_reaches (fixture, g_ptr_array_index (fields, i)))
      g_error ("step %d: Tab does not reach a %s", step, G_OBJECT_TYPE_NAME (g_ptr_array_index (fields, i)));
  if (gtk_widget_is_sensitive (button))
    g_assert_true (tab_reaches (fixture, button));
}

static void
press (Fixture    *fixture,
       const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), action, NULL));
}

static GtkEditable *
first_entry (GtkWidget *root)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();

  collect (root, GTK_TYPE_TEXT, entries);
  g_assert_cmpuint (entries->len, >, 0);
  return GTK_EDITABLE (g_ptr_array_index (entries, 0));
}

static GtkListView *
os_list (Fixture *fixture)
{
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();

  collect (page (fixture, HGR_INSTALL_STEP_OS), GTK_TYPE_LIST_VIEW, lists);
  g_assert_cmpuint (lists->len, ==, 1);
  return g_ptr_array_index (lists, 0);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The whole assistant with the keyboard: Tab to each field, type, Alt+→; Create at the end. */
static void
test_keyboard_walk (Fixture      *fixture,
                    gconstpointer data)
{
  g_autoptr (HgrNewGuest) model = g_object_ref (hgr_new_guest_window_get_model (fixture->window));
  GtkEditable *entry;
  GtkWidget   *focus;
  GtkLabel    *message;
  GListModel  *items;
  guint        created = 0;

  /* Source: the ISO's path typed into its field */
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_SOURCE);
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_SOURCE, "wizard.next");
  entry = first_entry (page (fixture, HGR_INSTALL_STEP_SOURCE));
  g_assert_true (tab_reaches (fixture, GTK_WIDGET (entry)));
  gtk_editable_set_text (GTK_EDITABLE (gtk_window_get_focus (GTK_WINDOW (fixture->window))), fixture->iso);
  g_assert_true (enabled (fixture, "wizard.next"));
  press (fixture, "wizard.next");

  /* OS: not detected (the file is no ISO), the page says so and the search field has the focus */
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_OS);
  HGR_TEST_WAIT_UNTIL ((focus = gtk_window_get_focus (GTK_WINDOW (fixture->window))) != NULL &&
                       (GTK_IS_SEARCH_ENTRY (focus) || GTK_IS_SEARCH_ENTRY (gtk_widget_get_parent (focus))));
  g_assert_false (enabled (fixture, "wizard.next"));
  message = find_message (page (fixture, HGR_INSTALL_STEP_OS), "error");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_label (message), "operating system"));
  gtk_editable_set_text (GTK_EDITABLE (focus), "debian 11");
  items = G_LIST_MODEL (gtk_list_view_get_model (os_list (fixture)));
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) >= 1 && g_list_model_get_n_items (items) < 5);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (items), 0);
  g_assert_cmpstr (hgr_os_info_get_short_id (hgr_new_guest_get_os (model)), ==, "debian11");
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_OS, "wizard.next");
  g_assert_true (tab_reaches (fixture, GTK_WIDGET (os_list (fixture))));
  press (fixture, "wizard.next");

  /* Memory, disk: the OS's defaults */
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_RESOURCES, "wizard.next");
  press (fixture, "wizard.next");
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_STORAGE, "wizard.next");
  press (fixture, "wizard.next");

  /* Name: a taken name is refused with the reason; Back and Next keep the choices */
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_NAME);
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_NAME, "wizard.next");
  g_assert_cmpstr (hgr_new_guest_get_name (model), ==, "debian11");
  entry = first_entry (page (fixture, HGR_INSTALL_STEP_NAME));
  gtk_editable_set_text (entry, "fedora37");
  g_assert_false (enabled (fixture, "wizard.next"));
  message = find_message (page (fixture, HGR_INSTALL_STEP_NAME), "error");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (gtk_label_get_label (message), "already"));
  gtk_editable_set_text (entry, "my guest");
  g_assert_nonnull (strstr (gtk_label_get_label (find_message (page (fixture, HGR_INSTALL_STEP_NAME), "error")), "space"));
  gtk_editable_set_text (entry, "keyboard-guest");
  g_assert_null (find_message (page (fixture, HGR_INSTALL_STEP_NAME), "error"));
  press (fixture, "wizard.back");
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_STORAGE);
  press (fixture, "wizard.next");
  g_assert_cmpstr (hgr_new_guest_get_name (model), ==, "keyboard-guest");
  press (fixture, "wizard.next");

  /* Summary: Create (Ctrl+Enter) makes the guest; the window closes */
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_SUMMARY);
  assert_keyboard_reaches_page (fixture, HGR_INSTALL_STEP_SUMMARY, "wizard.create");
  g_assert_false (enabled (fixture, "wizard.next"));
  g_assert_true (enabled (fixture, "wizard.create"));
  g_signal_connect_swapped (fixture->window, "created", G_CALLBACK (count_cb), &created);
  press (fixture, "wizard.create");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0);
  g_assert_cmpuint (created, ==, 1);
  g_assert_nonnull (hgr_new_guest_get_uuid (model));
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (fixture->host, hgr_new_guest_get_uuid (model)) != NULL);
  g_assert_cmpstr (hgr_guest_get_name (hgr_host_lookup_guest (fixture->host, hgr_new_guest_get_uuid (model))), ==,
                   "keyboard-guest");
}

/* Typing filters the list by name or short id, newest first; nothing matching shows nothing. */
static void
test_os_filter (Fixture      *fixture,
                gconstpointer data)
{
  GListModel  *items;
  GtkEditable *search;
  g_autoptr (GPtrArray) searches = g_ptr_array_new ();
  gboolean found = FALSE;

  g_object_set (hgr_new_guest_window_get_model (fixture->window), "source", HGR_INSTALL_SOURCE_NETWORK, NULL);
  press (fixture, "wizard.next");
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_OS);
  items = G_LIST_MODEL (gtk_list_view_get_model (os_list (fixture)));
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 100);
  collect (page (fixture, HGR_INSTALL_STEP_OS), GTK_TYPE_SEARCH_ENTRY, searches);
  search = GTK_EDITABLE (g_ptr_array_index (searches, 0));

  gtk_editable_set_text (search, "windows 11");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) < 10);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr (HgrOsInfo) os = g_list_model_get_item (items, i);

      g_assert_true (hgr_os_info_matches (os, "windows 11"));
      found |= g_str_equal (hgr_os_info_get_short_id (os), "win11");
    }
  g_assert_true (found);
  gtk_editable_set_text (search, "fedora");
  /* (Setting the text clears it first: the entry reports the empty text at once.) */
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) > 10 && g_list_model_get_n_items (items) < 100);
  {
    g_autoptr (HgrOsInfo) newest = g_list_model_get_item (items, 0);

    g_assert_cmpstr (hgr_os_info_get_short_id (newest), ==, "fedora37"); /* the newest this osinfo-db knows */
  }
  gtk_editable_set_text (search, "zzzz-no-such-system");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) == 0);
  gtk_editable_set_text (search, "");
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (items) > 100);
}

/* A failed Create says which step and why, leaves the assistant open, and nothing on the host. */
static void
test_create_failure (Fixture      *fixture,
                     gconstpointer data)
{
  HgrNewGuest  *model = hgr_new_guest_window_get_model (fixture->window);
  GtkLabel     *message;
  virDomainPtr *domains = NULL;
  int           before, after;

  before = virConnectListAllDomains (hgr_host_get_connection (fixture->host), &domains, 0);
  for (int i = 0; i < before; i++)
    virDomainFree (domains[i]);
  g_free (domains);
  g_object_set (model, "source", HGR_INSTALL_SOURCE_NETWORK, NULL);
  hgr_new_guest_set_os (model, hgr_os_db_lookup (hgr_os_db_get_default (), "alpinelinux3.17"));
  for (guint i = 0; i < HGR_INSTALL_STEP_SUMMARY; i++)
    press (fixture, "wizard.next");
  g_assert_cmpint (hgr_new_guest_window_get_step (fixture->window), ==, HGR_INSTALL_STEP_SUMMARY);
  hgr_new_guest_inject_failure (model, HGR_CREATE_STEP_DEFINE);
  press (fixture, "wizard.create");
  HGR_TEST_WAIT_UNTIL ((message = find_message (page (fixture, HGR_INSTALL_STEP_SUMMARY), "error")) != NULL);
  g_assert_nonnull (strstr (gtk_label_get_label (message), "Defining the guest failed"));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "Nothing was left"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->window)));
  g_assert_true (enabled (fixture, "wizard.create")); /* try again */
  after = virConnectListAllDomains (hgr_host_get_connection (fixture->host), &domains, 0);
  for (int i = 0; i < after; i++)
    virDomainFree (domains[i]);
  g_free (domains);
  g_assert_cmpint (after, ==, before);
  g_assert_false (hgr_test_volume_exists (fixture->host, "/hangar-test/default/alpinelinux3.17.qcow2"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/wizard/keyboard-walk", Fixture, NULL, fixture_set_up, test_keyboard_walk, fixture_tear_down);
  g_test_add ("/wizard/os-filter", Fixture, NULL, fixture_set_up, test_os_filter, fixture_tear_down);
  g_test_add ("/wizard/create-failure", Fixture, NULL, fixture_set_up, test_create_failure, fixture_tear_down);
  return g_test_run ();
}
