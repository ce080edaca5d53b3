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

#include "hgr-window-private.h"

G_DEFINE_FINAL_TYPE (HgrWindow, hgr_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_HOST_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_HOST_EXPANDED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

HgrGuest *
hgr_window_get_selected_guest (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return HGR_IS_GUEST (item) ? item : NULL;
}

HgrHost *
hgr_window_get_selected_host (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (HGR_IS_HOST (item))
    return item;
  if (HGR_IS_GUEST (item))
    return hgr_guest_get_host (item);
  return NULL;
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

/* The guest's pages are made when first needed, not with the window: at
 * start the window shows a host, and the console page alone (its display,
 * toolbar and menus) was a tenth of the window's CPU before its first
 * frame. Each ensure function returns NULL once the window is disposed. */

/* Shows @page, made late, in @bin, with the mnemonic-button fix the
 * window's template had (else "_Try Again Try Again"); @slot, a weak
 * pointer, follows it. */
static void
adopt_page (AdwBin    *bin,
            gpointer  *slot,
            GtkWidget *page)
{
  g_set_weak_pointer (slot, page);
  hgr_a11y_fix_mnemonic_buttons (page);
  adw_bin_set_child (bin, page);
}

HgrGuestPage *
hgr_window_ensure_guest_page (HgrWindow *self)
{
  HgrGuestPage *page;

  if (self->guest_page != NULL || self->guest_page_bin == NULL)
    return self->guest_page;
  page = g_object_new (HGR_TYPE_GUEST_PAGE, NULL);
  hgr_guest_page_set_guest (page, hgr_window_get_selected_guest (self));
  adopt_page (self->guest_page_bin, (gpointer *) &self->guest_page, GTK_WIDGET (page));
  return page;
}

HgrDetailsView *
hgr_window_ensure_details_view (HgrWindow *self)
{
  HgrDetailsView *view;

  if (self->details_view != NULL || self->details_bin == NULL)
    return self->details_view;
  view = g_object_new (HGR_TYPE_DETAILS_VIEW, NULL);
  hgr_details_view_set_settings (view, self->settings);
  hgr_details_view_set_guest (view, hgr_window_get_selected_guest (self));
  adopt_page (self->details_bin, (gpointer *) &self->details_view, GTK_WIDGET (view));
  return view;
}

HgrConsolePage *
hgr_window_ensure_console_page (HgrWindow *self)
{
  HgrConsolePage *page;

  if (self->console_page != NULL || self->console_bin == NULL)
    return self->console_page;
  page = HGR_CONSOLE_PAGE (hgr_console_page_new ());
  g_object_set (page, "detachable", TRUE, NULL);
  g_signal_connect_swapped (page, "detach-requested", G_CALLBACK (hgr_window_console_detach_cb), self);
  hgr_console_page_set_settings (page, self->settings);
  hgr_console_page_set_guest (page, hgr_window_get_selected_guest (self));
  adopt_page (self->console_bin, (gpointer *) &self->console_page, GTK_WIDGET (page));
  return page;
}

/* The console holds a session only while it is what the window shows; the Details view reads only then. */
void
hgr_window_update_console_active (HgrWindow *self)
{
  gboolean guest_shown = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
                         g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "guest") == 0;
  const char *view = adw_view_stack_get_visible_child_name (self->guest_view_stack);
  gboolean    console_chosen = g_strcmp0 (view, "console") == 0;
  gboolean    details_chosen = g_strcmp0 (view, "details") == 0;

  if (details_chosen)
    hgr_window_ensure_details_view (self);
  if (self->details_view != NULL)
    hgr_details_view_set_active (self->details_view, guest_shown && details_chosen);
  if (console_chosen)
    hgr_window_ensure_console_page (self);
  if (self->console_page != NULL)
    hgr_console_page_set_active (self->console_page, guest_shown && console_chosen);
}

static void
leave_guest_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         HgrWindow        *self)
{
  GObject *target = g_object_get_data (G_OBJECT (dialog), "hgr-target");

  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->leaving_guest = TRUE;
  if (target == NULL || !hgr_window_select_item (self, target))
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->leaving_guest = FALSE;
}

/* Another item was selected while the Details view has edits for its guest: back to it, and ask. */
static gboolean
ask_before_leaving_guest (HgrWindow *self,
                          gpointer   item)
{
  HgrGuest         *editing = self->details_view != NULL ? hgr_details_view_get_guest (self->details_view) : NULL;
  AdwMessageDialog *dialog;
  g_autofree char  *heading = NULL;

  if (self->leaving_guest || editing == NULL || item == editing || !hgr_details_view_get_modified (self->details_view))
    return FALSE;
  if (!hgr_window_select_item (self, G_OBJECT (editing)))
    return FALSE; /* the guest is gone from the list: nothing to go back to */
  /* Translators: %s is a guest's name */
  heading = g_strdup_printf (_ ("Discard the Changes to “%s”?"), hgr_guest_get_display_name (editing));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _ ("Its details have changes that are not applied yet.")));
  adw_message_dialog_add_responses (dialog, "stay", _ ("_Stay"), "discard", _ ("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "stay");
  adw_message_dialog_set_close_response (dialog, "stay");
  if (item != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "hgr-target", g_object_ref (item), g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (leave_guest_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
selection_changed_cb (HgrWindow *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  if (ask_before_leaving_guest (self, item))
    return;
  adw_view_switcher_title_set_stack (self->content_title, HGR_IS_GUEST (item) ? self->guest_view_stack : NULL);
  if (HGR_IS_GUEST (item))
    {
      if (hgr_window_ensure_guest_page (self) != NULL)
        hgr_guest_page_set_guest (self->guest_page, item);
      if (self->console_page != NULL)
        hgr_console_page_set_guest (self->console_page, item);
      if (self->details_view != NULL)
        hgr_details_view_set_guest (self->details_view, item);
      gtk_stack_set_visible_child_name (self->content_stack, "guest");
    }
  else if (HGR_IS_HOST (item))
    {
      hgr_host_page_set_host (self->host_page, item, hgr_host_store_is_saved (self->store, item));
      gtk_stack_set_visible_child_name (self->content_stack, "host");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "none");

  hgr_install_banner_set_guest (self->install_banner, HGR_IS_GUEST (item) ? item : NULL);
  g_signal_group_set_target (self->guest_signals, HGR_IS_GUEST (item) ? item : NULL);
  g_signal_group_set_target (self->host_signals, hgr_window_get_selected_host (self));
  update_title (self);
  hgr_window_update_actions (self);
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
  hgr_window_update_actions (self);
}

/* For the benchmarks (G_MESSAGES_DEBUG=hgr-perf): each gap over a frame
 * (16 ms) between two main-loop turns, and the longest, from the window's
 * first frame until no host has been connecting for a second. The first
 * frame itself is start-up (the window is not on screen before it ends):
 * its time from the map is printed on its own. Off otherwise: a 5 ms timer
 * costs wake-ups. */
typedef struct
{
  HgrWindow *window; /* weak */
  gint64     last;
  gint64     longest;
  gint64     settled_since; /* no host connecting since then; 0 while one is */
} StallProbe;

static gboolean
stall_probe_cb (gpointer user_data)
{
  StallProbe *probe = user_data;
  gint64      now = g_get_monotonic_time ();
  GListModel *hosts;
  gboolean    connecting = FALSE;

  if (now - probe->last > 16 * 1000)
    g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "stall: %.1f ms", (now - probe->last) / 1000.0);
  probe->longest = MAX (probe->longest, now - probe->last);
  probe->last = now;
  if (probe->window == NULL)
    return G_SOURCE_REMOVE;
  hosts = hgr_host_store_get_hosts (probe->window->store);
  for (guint i = 0; i < g_list_model_get_n_items (hosts) && !connecting; i++)
    {
      g_autoptr (HgrHost) host = g_list_model_get_item (hosts, i);

      connecting = hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTING;
    }
  if (connecting)
    probe->settled_since = 0;
  else if (probe->settled_since == 0)
    probe->settled_since = now;
  else if (now - probe->settled_since > G_USEC_PER_SEC)
    {
      g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "longest stall while connecting: %.1f ms", probe->longest / 1000.0);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
stall_probe_free (StallProbe *probe)
{
  g_clear_weak_pointer (&probe->window);
  g_free (probe);
}

static void
first_frame_cb (GdkFrameClock *frame_clock,
                HgrWindow     *self)
{
  StallProbe *probe = g_new0 (StallProbe, 1);

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_cb, self);
  g_set_weak_pointer (&probe->window, self);
  probe->last = g_get_monotonic_time ();
  g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "first frame: %.1f ms after the map",
         (probe->last - self->mapped_at) / 1000.0);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 5, stall_probe_cb, probe, (GDestroyNotify) stall_probe_free);
}

static void
window_map_cb (HgrWindow *self)
{
  g_log (PERF_DOMAIN, G_LOG_LEVEL_DEBUG, "window-mapped");
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, PERF_DOMAIN) || self->stall_probe_started)
    return;
  self->stall_probe_started = TRUE;
  self->mapped_at = g_get_monotonic_time ();
  g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint", G_CALLBACK (first_frame_cb),
                           self, G_CONNECT_AFTER);
}

static void
hgr_window_constructed (GObject *object)
{
  HgrWindow *self = HGR_WINDOW (object);
  g_autoptr (GSimpleAction) sort_action = NULL;
  g_autoptr (GSimpleAction) toggle_action = NULL;
  g_autofree char    *sort_by = NULL;
  GtkMapListModel    *sections;
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (hgr_window_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  sort_by = self->settings != NULL ? g_settings_get_string (self->settings, "sort-by") : g_strdup ("name");
  hgr_window_set_sort (self, sort_by);
  sort_action = g_simple_action_new_stateful ("sort-by", G_VARIANT_TYPE_STRING, g_variant_new_string (sort_by));
  g_signal_connect (sort_action, "change-state", G_CALLBACK (hgr_window_sort_by_change_state_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (sort_action));
  toggle_action = g_simple_action_new ("toggle-host-guests", G_VARIANT_TYPE_STRING);
  g_signal_connect (toggle_action, "activate", G_CALLBACK (hgr_window_toggle_host_guests_cb), self);
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (toggle_action));

  hgr_window_load_collapsed (self);
  sections = gtk_map_list_model_new (g_object_ref (hgr_host_store_get_hosts (self->store)), hgr_window_map_host_section, self, NULL);
  self->items = gtk_flatten_list_model_new (G_LIST_MODEL (sections));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selected_changed_cb), self);
  g_signal_connect_swapped (self->content_stack, "notify::visible-child-name", G_CALLBACK (hgr_window_update_console_active),
                            self);
  g_signal_connect_swapped (self->guest_view_stack, "notify::visible-child-name",
                            G_CALLBACK (hgr_window_update_console_active), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (hgr_window_update_console_active), self);
  g_signal_connect_swapped (self, "unmap", G_CALLBACK (hgr_window_update_console_active), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "bind", G_CALLBACK (hgr_window_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (hgr_window_factory_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->items, "items-changed", G_CALLBACK (hgr_window_update_sidebar_page), self);
  hgr_window_update_sidebar_page (self);

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
  /* pages going away must not make the console page again */
  if (self->content_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->content_stack, self);
  if (self->guest_view_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->guest_view_stack, self);
  g_clear_weak_pointer (&self->guest_page);
  g_clear_weak_pointer (&self->console_page);
  g_clear_weak_pointer (&self->details_view);
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
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_list_free (self->pacers); /* pacers of sections that outlive the window */

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

  /**
   * HgrWindow::host-expanded-changed:
   * @host: the host whose guests were shown or hidden
   *
   * Its section and its row follow.
   */
  signals[SIGNAL_HOST_EXPANDED_CHANGED] = g_signal_new ("host-expanded-changed", G_TYPE_FROM_CLASS (klass),
                                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                                        HGR_TYPE_HOST);

  g_type_ensure (HGR_TYPE_HOST_PAGE);
  g_type_ensure (HGR_TYPE_INSTALL_BANNER);

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
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, guest_page_bin);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, guest_view_stack);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, console_bin);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, details_bin);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, host_page);
  gtk_widget_class_bind_template_child (widget_class, HgrWindow, install_banner);

  hgr_window_class_install_commands (widget_class);
  hgr_window_class_install_new_guest (widget_class);
}

static void
hgr_window_init (HgrWindow *self)
{
  GtkEventController *shortcuts;
  GtkEventController *keys;
  GtkGesture         *click;

  gtk_widget_init_template (GTK_WIDGET (self));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  hgr_a11y_follow_stack (self->sidebar_stack);
  hgr_a11y_follow_stack (self->content_stack);

  self->cancellable = g_cancellable_new ();
  self->filter = gtk_custom_filter_new (hgr_window_match_guest, self, NULL);
  self->sorter = gtk_multi_sorter_new ();

  self->guest_signals = g_signal_group_new (HGR_TYPE_GUEST);
  g_signal_group_connect_swapped (self->guest_signals, "notify::state", G_CALLBACK (hgr_window_update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::busy", G_CALLBACK (hgr_window_update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::persistent", G_CALLBACK (hgr_window_update_actions), self);
  g_signal_group_connect_swapped (self->guest_signals, "notify::display-name", G_CALLBACK (update_title), self);
  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (hgr_window_update_actions), self);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (hgr_window_search_changed_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Type to filter: typing anywhere in the window starts the search. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  g_signal_connect (self, "map", G_CALLBACK (window_map_cb), NULL);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (list_view_activate_cb), self);
  click = gtk_gesture_click_new ();
  g_signal_connect_swapped (click, "released", G_CALLBACK (list_view_activate_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (hgr_window_sidebar_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

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
    g_signal_connect_object (askpass, "credential-requested", G_CALLBACK (hgr_window_credential_requested_cb), self, 0);
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

  hgr_window_finish_pacing (self);
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
