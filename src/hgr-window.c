/* hgr-window.c — the main window: hosts and guests beside the selected item's page
 *
 * The sidebar is one recycling GtkListView over every host followed by its
 * guests: a GtkMapListModel turns each host into [host, its guests filtered and
 * sorted], and a GtkFlattenListModel joins them. The list items are the HgrHost
 * and HgrGuest objects themselves, so a selection survives hosts re-sorting a
 * guest that changed state.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-window"

#include "config.h"

#include "hgr-window.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-add-connection-dialog.h"
#include "hgr-application.h"
#include "hgr-console-page.h"
#include "hgr-console-window.h"
#include "hgr-credential-dialog.h"
#include "hgr-delete-dialog.h"
#include "hgr-guest-page.h"
#include "hgr-guest-row.h"
#include "hgr-host-page.h"
#include "hgr-host-row.h"

/* Timing messages for the benchmarks (G_MESSAGES_DEBUG=hgr-perf). */
#define PERF_DOMAIN "hgr-perf"

struct _HgrWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwLeaflet           *leaflet;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkToggleButton      *search_button;
  GtkStack             *sidebar_stack;
  GtkListView          *list_view;
  AdwViewSwitcherTitle *content_title;
  GtkButton            *run_button;
  GtkButton            *pause_button;
  GtkButton            *resume_button;
  GtkButton            *shut_down_button;
  GtkMenuButton        *guest_menu_button;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  HgrGuestPage         *guest_page;
  AdwViewStack         *guest_view_stack;
  HgrConsolePage       *console_page;
  HgrHostPage          *host_page;

  /* Owned */
  HgrHostStore        *store;
  GSettings           *settings; /* nullable */
  GtkCustomFilter     *filter;
  char                *search_text; /* casefolded; NULL shows all */
  GtkMultiSorter      *sorter;
  GtkFlattenListModel *items;
  GtkSingleSelection  *selection;
  GSignalGroup        *guest_signals;
  GSignalGroup        *host_signals;
  GCancellable        *cancellable;
};

G_DEFINE_FINAL_TYPE (HgrWindow, hgr_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_HOST_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  const char    *name;
  HgrGuestAction action;
} guest_actions[] = {
  { "guest.run", HGR_GUEST_ACTION_RUN },
  { "guest.pause", HGR_GUEST_ACTION_PAUSE },
  { "guest.resume", HGR_GUEST_ACTION_RESUME },
  { "guest.shut-down", HGR_GUEST_ACTION_SHUT_DOWN },
  { "guest.reboot", HGR_GUEST_ACTION_REBOOT },
  { "guest.force-off", HGR_GUEST_ACTION_FORCE_OFF },
  { "guest.save", HGR_GUEST_ACTION_SAVE },
  { "guest.delete", HGR_GUEST_ACTION_DELETE },
};

static HgrGuest *
get_selected_guest (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return HGR_IS_GUEST (item) ? item : NULL;
}

static HgrHost *
get_selected_host (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (HGR_IS_HOST (item))
    return item;
  if (HGR_IS_GUEST (item))
    return hgr_guest_get_host (item);
  return NULL;
}

static void
show_toast (HgrWindow  *self,
            const char *message,
            guint       timeout)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
dup_failure_message (HgrGuestAction action,
                     const char    *name,
                     const char    *reason)
{
  /* Translators: in all of these, the first %s is a guest's name, the second libvirt's explanation */
  switch (action)
    {
    case HGR_GUEST_ACTION_RUN:
      return g_strdup_printf (_ ("Could not run “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_PAUSE:
      return g_strdup_printf (_ ("Could not pause “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_RESUME:
      return g_strdup_printf (_ ("Could not resume “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_SHUT_DOWN:
      return g_strdup_printf (_ ("Could not shut down “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_REBOOT:
      return g_strdup_printf (_ ("Could not reboot “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_FORCE_OFF:
      return g_strdup_printf (_ ("Could not force off “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_SAVE:
      return g_strdup_printf (_ ("Could not save “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_DELETE:
    default:
      return g_strdup_printf (_ ("Could not delete “%s”: %s"), name, reason);
    }
}

static void
update_actions (HgrWindow *self)
{
  HgrGuest     *guest = get_selected_guest (self);
  HgrHost      *host = get_selected_host (self);
  HgrGuestState state = guest != NULL ? hgr_guest_get_state (guest) : HGR_GUEST_STATE_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), guest_actions[i].name,
                                   guest != NULL && hgr_guest_can (guest, guest_actions[i].action));

  gtk_widget_set_visible (GTK_WIDGET (self->run_button), guest != NULL && !hgr_guest_get_active (guest));
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), guest != NULL && state == HGR_GUEST_STATE_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), guest != NULL && state == HGR_GUEST_STATE_PAUSED);
  gtk_widget_set_visible (GTK_WIDGET (self->shut_down_button), guest != NULL && hgr_guest_get_active (guest));
  gtk_widget_set_visible (GTK_WIDGET (self->guest_menu_button), guest != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-selected",
                                 host != NULL && (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED ||
                                                  hgr_host_get_status (host) == HGR_HOST_STATUS_FAILED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-selected",
                                 host != NULL && (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED ||
                                                  hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTING));
}

static void
update_title (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (HGR_IS_GUEST (item))
    {
      HgrHost *host = hgr_guest_get_host (item);

      adw_view_switcher_title_set_title (self->content_title, hgr_guest_get_display_name (item));
      adw_view_switcher_title_set_subtitle (self->content_title, host != NULL ? hgr_host_get_display_name (host) : NULL);
    }
  else if (HGR_IS_HOST (item))
    {
      adw_view_switcher_title_set_title (self->content_title, hgr_host_get_display_name (item));
      adw_view_switcher_title_set_subtitle (self->content_title, NULL);
    }
  else
    {
      adw_view_switcher_title_set_title (self->content_title, NULL);
      adw_view_switcher_title_set_subtitle (self->content_title, NULL);
    }
}

/* The console holds a session only while it is what the window shows. */
static void
update_console_active (HgrWindow *self)
{
  hgr_console_page_set_active (
    self->console_page, gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "guest") == 0 &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->guest_view_stack), "console") == 0);
}

static void
selection_changed_cb (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  adw_view_switcher_title_set_stack (self->content_title, HGR_IS_GUEST (item) ? self->guest_view_stack : NULL);
  if (HGR_IS_GUEST (item))
    {
      hgr_guest_page_set_guest (self->guest_page, item);
      hgr_console_page_set_guest (self->console_page, item);
      gtk_stack_set_visible_child_name (self->content_stack, "guest");
    }
  else if (HGR_IS_HOST (item))
    {
      hgr_host_page_set_host (self->host_page, item, hgr_host_store_is_saved (self->store, item));
      gtk_stack_set_visible_child_name (self->content_stack, "host");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "none");

  g_signal_group_set_target (self->guest_signals, HGR_IS_GUEST (item) ? item : NULL);
  g_signal_group_set_target (self->host_signals, get_selected_host (self));
  update_title (self);
  update_actions (self);
}

/* A click or Enter on a row opens its page; on a narrow window that means
 * sliding to the content. Selection alone (keyboard focus) does not. */
static void
list_view_activate_cb (HgrWindow *self)
{
  if (gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
selected_changed_cb (HgrWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* No hosts: a way to add one. A search that leaves no guest: say so, rather
 * than a list of bare hosts. */
static void
update_sidebar_page (HgrWindow *self)
{
  guint n_hosts = g_list_model_get_n_items (hgr_host_store_get_hosts (self->store));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  if (n_hosts == 0)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "empty");
  else if (self->search_text != NULL && n_items == n_hosts)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, "list");
}

static gboolean
log_listed_tick_cb (GtkWidget     *widget,
                    GdkFrameClock *frame_clock,
                    gpointer       user_data)
{
  HgrWindow *self = HGR_WINDOW (widget);

  g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "listed: %u items in the window list",
         g_list_model_get_n_items (G_LIST_MODEL (self->items)));
  return G_SOURCE_REMOVE;
}

static void
host_status_cb (HgrHost    *host,
                GParamSpec *pspec,
                HgrWindow  *self)
{
  /* The frame after a host's guests arrived is when a user sees them. */
  if (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED)
    gtk_widget_add_tick_callback (GTK_WIDGET (self), log_listed_tick_cb, NULL, NULL);
}

static void
credential_requested_cb (GObject              *asker,
                         HgrCredentialRequest *request,
                         HgrWindow            *self)
{
  gtk_window_present (GTK_WINDOW (hgr_credential_dialog_new (GTK_WINDOW (self), request)));
}

static gpointer
map_host_section (gpointer item,
                  gpointer user_data)
{
  g_autoptr (HgrHost) host = item;
  HgrWindow  *self = user_data;
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr (GListStore) head = g_list_store_new (HGR_TYPE_HOST);
  GtkFilterListModel *filtered;
  g_autoptr (GtkSortListModel) sorted = NULL;

  g_list_store_append (head, host);
  filtered = gtk_filter_list_model_new (g_object_ref (hgr_host_get_guests (host)), g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), g_object_ref (GTK_SORTER (self->sorter)));
  g_list_store_append (parts, head);
  g_list_store_append (parts, sorted);
  g_signal_connect_object (host, "notify::status", G_CALLBACK (host_status_cb), self, 0);
  g_signal_connect_object (host, "credential-requested", G_CALLBACK (credential_requested_cb), self, 0);

  return gtk_flatten_list_model_new (G_LIST_MODEL (parts));
}

static gboolean
match_guest (gpointer item,
             gpointer user_data)
{
  HgrWindow       *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->search_text == NULL)
    return TRUE;
  name = g_utf8_casefold (hgr_guest_get_name (item), -1);
  if (strstr (name, self->search_text) != NULL)
    return TRUE;
  if (hgr_guest_get_title (item) == NULL)
    return FALSE;
  title = g_utf8_casefold (hgr_guest_get_title (item), -1);
  return strstr (title, self->search_text) != NULL;
}

static int
compare_state (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  HgrGuestState state_a = hgr_guest_get_state ((HgrGuest *) a);
  HgrGuestState state_b = hgr_guest_get_state ((HgrGuest *) b);

  return state_a < state_b ? GTK_ORDERING_SMALLER : state_a > state_b ? GTK_ORDERING_LARGER
                                                                      : GTK_ORDERING_EQUAL;
}

static void
set_sort (HgrWindow  *self,
          const char *sort_by)
{
  g_autoptr (GtkExpression) expression = gtk_property_expression_new (HGR_TYPE_GUEST, NULL, "display-name");

  while (g_list_model_get_n_items (G_LIST_MODEL (self->sorter)) > 0)
    gtk_multi_sorter_remove (self->sorter, 0);
  if (g_strcmp0 (sort_by, "state") == 0)
    gtk_multi_sorter_append (self->sorter, GTK_SORTER (gtk_custom_sorter_new (compare_state, NULL, NULL)));
  gtk_multi_sorter_append (self->sorter, GTK_SORTER (gtk_string_sorter_new (g_steal_pointer (&expression))));
}

static void
sort_by_change_state_cb (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  HgrWindow  *self = user_data;
  const char *sort_by = g_variant_get_string (value, NULL);

  if (!g_str_equal (sort_by, "name") && !g_str_equal (sort_by, "state"))
    return;
  g_simple_action_set_state (action, value);
  set_sort (self, sort_by);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sort-by", sort_by);
}

static void
search_changed_cb (HgrWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_text);
  self->search_text = *text != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_sidebar_page (self);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 HgrWindow                *self)
{
  gpointer   item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (HGR_IS_HOST (item))
    {
      if (!HGR_IS_HOST_ROW (child))
        {
          child = g_object_new (HGR_TYPE_HOST_ROW, NULL);
          gtk_list_item_set_child (list_item, child);
        }
      hgr_host_row_set_host (HGR_HOST_ROW (child), item);
    }
  else
    {
      if (!HGR_IS_GUEST_ROW (child))
        {
          child = g_object_new (HGR_TYPE_GUEST_ROW, NULL);
          gtk_list_item_set_child (list_item, child);
        }
      hgr_guest_row_set_guest (HGR_GUEST_ROW (child), item);
    }
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   HgrWindow                *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  /* A recycled row keeps nothing of its previous item. */
  if (HGR_IS_HOST_ROW (child))
    hgr_host_row_set_host (HGR_HOST_ROW (child), NULL);
  else if (HGR_IS_GUEST_ROW (child))
    hgr_guest_row_set_guest (HGR_GUEST_ROW (child), NULL);
}

typedef struct
{
  HgrWindow     *self;
  HgrGuestAction action;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionData, action_data_free)

static ActionData *
action_data_new (HgrWindow     *self,
                 HgrGuestAction action)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->self = g_object_ref (self);
  data->action = action;
  return data;
}

static void
perform_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (ActionData) data = user_data;
  HgrGuest *guest = HGR_GUEST (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (data->action == HGR_GUEST_ACTION_DELETE ? hgr_guest_delete_finish (guest, result, &error)
                                              : hgr_guest_perform_finish (guest, result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = dup_failure_message (data->action, hgr_guest_get_display_name (guest), error->message);
  show_toast (data->self, message, 10);
}

static void
perform (HgrWindow     *self,
         HgrGuest      *guest,
         HgrGuestAction action)
{
  hgr_guest_perform_async (guest, action, self->cancellable, perform_cb, action_data_new (self, action));
}

static void
force_off_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HgrWindow        *self)
{
  HgrGuest *guest = g_object_get_data (G_OBJECT (dialog), "guest");

  if (g_str_equal (response, "force-off") && hgr_guest_can (guest, HGR_GUEST_ACTION_FORCE_OFF))
    perform (self, guest, HGR_GUEST_ACTION_FORCE_OFF);
}

static void
ask_force_off (HgrWindow *self,
               HgrGuest  *guest)
{
  AdwMessageDialog *dialog;
  g_autofree char  *heading = NULL;

  /* Translators: %s is a guest's name */
  heading = g_strdup_printf (_ ("Force “%s” Off?"), hgr_guest_get_display_name (guest));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _ ("This is like pulling the power cord: the guest has no chance to save its work. Prefer “Shut Down” when the guest answers.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "force-off", _ ("_Force Off"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "force-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "guest", g_object_ref (guest), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (force_off_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (HgrDeleteDialog *dialog,
                    const char      *response,
                    HgrWindow       *self)
{
  HgrGuest *guest = hgr_delete_dialog_get_guest (dialog);
  g_auto (GStrv) disks = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  disks = hgr_delete_dialog_dup_chosen_disks (dialog);
  /* The dialog told the user a running guest is forced off first. */
  hgr_guest_delete_async (guest, TRUE, (const char *const *) disks, self->cancellable, perform_cb,
                          action_data_new (self, HGR_GUEST_ACTION_DELETE));
}

static void
guest_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);
  HgrGuest  *guest = get_selected_guest (self);

  if (guest == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    {
      HgrGuestAction action = guest_actions[i].action;

      if (!g_str_equal (action_name, guest_actions[i].name) || !hgr_guest_can (guest, action))
        continue;
      if (action == HGR_GUEST_ACTION_FORCE_OFF)
        ask_force_off (self, guest);
      else if (action == HGR_GUEST_ACTION_DELETE)
        {
          HgrDeleteDialog *dialog = hgr_delete_dialog_new (GTK_WINDOW (self), guest);

          g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        perform (self, guest, action);
      return;
    }
}

static HgrHost *
lookup_host (HgrWindow *self,
             GVariant  *parameter)
{
  return hgr_host_store_lookup (self->store, g_variant_get_string (parameter, NULL));
}

static void
host_connect_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_connect_async (host, NULL, NULL, NULL);
}

static void
host_disconnect_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_disconnect (host);
}

static void
host_cancel_connect_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_cancel_connect (host);
}

static void
host_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HgrWindow       *self = HGR_WINDOW (widget);
  HgrHost         *host = lookup_host (self, parameter);
  g_autofree char *message = NULL;

  if (host == NULL)
    return;
  /* Translators: %s is a host's name */
  message = g_strdup_printf (_ ("“%s” removed"), hgr_host_get_display_name (host));
  hgr_host_store_remove (self->store, host);
  show_toast (self, message, 5);
}

static void
host_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);
  HgrHost   *host = lookup_host (self, parameter);

  if (host != NULL)
    gtk_window_present (GTK_WINDOW (hgr_add_connection_dialog_new_edit (GTK_WINDOW (self), self->store, host)));
}

static void
win_connect_selected_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  HgrHost *host = get_selected_host (HGR_WINDOW (widget));

  if (host != NULL)
    hgr_host_connect_async (host, NULL, NULL, NULL);
}

static void
win_disconnect_selected_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  HgrHost *host = get_selected_host (HGR_WINDOW (widget));

  if (host != NULL)
    hgr_host_disconnect (host);
}

static void
win_add_connection_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (hgr_add_connection_dialog_new (GTK_WINDOW (self), self->store)));
}

/* Built when asked for and destroyed when closed: a hidden toplevel kept
 * around (what GtkApplication does with gtk/help-overlay.ui) crashes GTK 4.8
 * when a screen reader asks the application for a window past the last one. */
static void
win_show_help_overlay_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
win_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
console_attach_cb (HgrConsoleWindow *console,
                   HgrWindow        *self)
{
  if (hgr_window_select_item (self, G_OBJECT (hgr_console_window_get_guest (console))))
    adw_view_stack_set_visible_child_name (self->guest_view_stack, "console");
  gtk_window_present (GTK_WINDOW (self));
}

static void
console_detach_cb (HgrWindow *self,
                   gboolean   fullscreen)
{
  HgrGuest         *guest = hgr_console_page_get_guest (self->console_page);
  HgrConsoleWindow *console;

  if (guest == NULL)
    return;
  /* The overview stays here; the console moves to its window. */
  adw_view_stack_set_visible_child_name (self->guest_view_stack, "overview");
  console = hgr_console_window_new (gtk_window_get_application (GTK_WINDOW (self)), guest);
  g_signal_connect_object (console, "attach-requested", G_CALLBACK (console_attach_cb), self, 0);
  if (fullscreen)
    gtk_window_fullscreen (GTK_WINDOW (console));
  gtk_window_present (GTK_WINDOW (console));
}

static void
win_view_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  if (HGR_IS_GUEST (gtk_single_selection_get_selected_item (self->selection)))
    adw_view_stack_set_visible_child_name (self->guest_view_stack, g_variant_get_string (parameter, NULL));
}

static void
win_back_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  adw_leaflet_navigate (HGR_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
window_map_cb (HgrWindow *self)
{
  g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "window-mapped");
}

static void
hgr_window_constructed (GObject *object)
{
  HgrWindow *self = HGR_WINDOW (object);
  g_autoptr (GSimpleAction) sort_action = NULL;
  g_autofree char    *sort_by = NULL;
  GtkMapListModel    *sections;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (hgr_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  sort_by = self->settings != NULL ? g_settings_get_string (self->settings, "sort-by") : g_strdup ("name");
  set_sort (self, sort_by);
  sort_action = g_simple_action_new_stateful ("sort-by", G_VARIANT_TYPE_STRING, g_variant_new_string (sort_by));
  g_signal_connect (sort_action, "change-state", G_CALLBACK (sort_by_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sort_action));

  sections = gtk_map_list_model_new (g_object_ref (hgr_host_store_get_hosts (self->store)), map_host_section, self, NULL);
  self->items = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child-name", G_CALLBACK (update_console_active),
                            self);
  g_signal_connect_swapped (self->guest_view_stack, "notify::visible-child-name",
                            G_CALLBACK (update_console_active), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (update_console_active), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (update_console_active), self);
  g_signal_connect_swapped (self->console_page, "detach-requested", G_CALLBACK (console_detach_cb), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (update_sidebar_page), self);
  update_sidebar_page (self);

  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }

  selection_changed_cb (self);
}

static void
hgr_window_dispose (GObject *object)
{
  HgrWindow *self = HGR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->guest_signals != NULL)
    g_signal_group_set_target (self->guest_signals, NULL);
  if (self->host_signals != NULL)
    g_signal_group_set_target (self->host_signals, NULL);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_WINDOW);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_object (&self->sorter);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (hgr_window_parent_class)->dispose (object);
}

static void
hgr_window_finalize (GObject *object)
{
  HgrWindow *self = HGR_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->guest_signals);
  g_clear_object (&self->host_signals);
  g_free (self->search_text);

  G_OBJECT_CLASS (hgr_window_parent_class)->finalize (object);
}

static void
hgr_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  HgrWindow *self = HGR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HOST_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  HgrWindow *self = HGR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_HOST_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_window_class_init (HgrWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = hgr_window_constructed;
  object_class->dispose = hgr_window_dispose;
  object_class->finalize = hgr_window_finalize;
  object_class->get_property = hgr_window_get_property;
  object_class->set_property = hgr_window_set_property;

  properties[PROP_HOST_STORE] = g_param_spec_object ("host-store", NULL, NULL, HGR_TYPE_HOST_STORE,
                                                     G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (HGR_TYPE_CONSOLE_PAGE);
  g_type_ensure (HGR_TYPE_GUEST_PAGE);
  g_type_ensure (HGR_TYPE_HOST_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, shut_down_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, guest_menu_button);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, guest_page);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, guest_view_stack);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, console_page);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, host_page);

  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    gtk_widget_class_install_action (widget_class, guest_actions[i].name, NULL, guest_action);
  gtk_widget_class_install_action (widget_class, "host.connect", "s", host_connect_action);
  gtk_widget_class_install_action (widget_class, "host.disconnect", "s", host_disconnect_action);
  gtk_widget_class_install_action (widget_class, "host.cancel-connect", "s", host_cancel_connect_action);
  gtk_widget_class_install_action (widget_class, "host.remove", "s", host_remove_action);
  gtk_widget_class_install_action (widget_class, "host.edit", "s", host_edit_action);
  gtk_widget_class_install_action (widget_class, "win.connect-selected", NULL, win_connect_selected_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect-selected", NULL, win_disconnect_selected_action);
  gtk_widget_class_install_action (widget_class, "win.add-connection", NULL, win_add_connection_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, win_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, win_back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", win_view_action);

  /* The list view takes a plain Delete for the selected guest. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
hgr_window_init (HgrWindow *self)
{
  GtkEventController *shortcuts;
  GtkGesture         *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  hgr_a11y_follow_stack (self->sidebar_stack);
  hgr_a11y_follow_stack (self->content_stack);

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (match_guest, self, NULL);
  self->sorter = gtk_multi_sorter_new ();

  self->guest_signals = g_signal_group_new (HGR_TYPE_GUEST);
  g_signal_group_connect_swapped (self->guest_signals, "notify::state", G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::busy", G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::persistent", G_CALLBACK (update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::display-name", G_CALLBACK (update_title), self);
  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (update_actions), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Type to filter: typing anywhere in the window starts the search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (window_map_cb), NULL);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_view_activate_cb), self);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (list_view_activate_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                          gtk_named_action_new ("guest.delete")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), shortcuts);
}

/**
 * hgr_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window showing the application's hosts
 */
HgrWindow *
hgr_window_new (HgrApplication *application)
{
  HgrWindow  *self = g_object_new (HGR_TYPE_WINDOW,
                                   "application", application,
                                   "host-store", hgr_application_get_host_store (application),
                                   "settings", hgr_application_get_settings (application),
                                   NULL);
  HgrAskpass *askpass = hgr_application_get_askpass (application);

  /* ssh's own questions (qemu+ssh://) get the same dialog as libvirt's. */
  if (askpass != NULL)
    g_signal_connect_object (askpass, "credential-requested", G_CALLBACK (credential_requested_cb), self, 0);
  return self;
}

/**
 * hgr_window_get_items:
 * @self: a window
 *
 * Returns: (transfer none): what the sidebar list shows: each host followed by
 *   its guests, filtered and sorted
 */
GListModel *
hgr_window_get_items (HgrWindow *self)
{
  g_return_val_if_fail (HGR_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->items);
}

/**
 * hgr_window_select_item:
 * @self: a window
 * @item: a host or guest shown in the list
 *
 * Selects @item, as a click on its row would.
 *
 * Returns: whether @item is in the list
 */
gboolean
hgr_window_select_item (HgrWindow *self,
                        GObject   *item)
{
  guint n;

  g_return_val_if_fail (HGR_IS_WINDOW (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) candidate = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (candidate == item)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}
