/* hgr-window-sidebar.c — the main window's sidebar: every host followed by its guests, searched and sorted
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-window"

#include "config.h"

#include "hgr-window-private.h"
#include "hgr-window.h"

/* No hosts: a way to add one. A search that leaves no guest: say so, rather
 * than a list of bare hosts. */
void
hgr_window_update_sidebar_page (HgrWindow *self)
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

void
hgr_window_credential_requested_cb (GObject              *asker,
                                    HgrCredentialRequest *request,
                                    HgrWindow            *self)
{
  gtk_window_present (GTK_WINDOW (hgr_credential_dialog_new (GTK_WINDOW (self), request)));
}

/* Collapsed hosts: their rows stay, their guests are filtered out. */

static gboolean
guest_shown (gpointer item,
             gpointer user_data)
{
  HgrWindow *self = user_data;
  HgrHost   *host = hgr_guest_get_host (item);

  return host == NULL || !g_hash_table_contains (self->collapsed, hgr_host_get_uri (host));
}

static void
section_expanded_changed_cb (HgrWindow *self,
                             HgrHost   *host,
                             GtkFilter *filter)
{
  if (g_object_get_data (G_OBJECT (filter), "hgr-host") == host)
    gtk_filter_changed (filter, hgr_window_get_host_expanded (self, host) ? GTK_FILTER_CHANGE_LESS_STRICT
                                                                          : GTK_FILTER_CHANGE_MORE_STRICT);
}

/* The section's own filter, told when its host is collapsed or expanded. */
static GtkFilter *
section_collapse_filter (HgrWindow *self,
                         HgrHost   *host)
{
  GtkCustomFilter *filter = gtk_custom_filter_new (guest_shown, self, NULL);

  g_object_set_data (G_OBJECT (filter), "hgr-host", host); /* the section holds the host */
  g_signal_connect_object (self, "host-expanded-changed", G_CALLBACK (section_expanded_changed_cb), filter, 0);
  return GTK_FILTER (filter);
}

void
hgr_window_load_collapsed (HgrWindow *self)
{
  g_auto (GStrv) uris = self->settings != NULL ? g_settings_get_strv (self->settings, "collapsed-hosts") : NULL;

  self->collapsed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; uris != NULL && uris[i] != NULL; i++)
    g_hash_table_add (self->collapsed, g_strdup (uris[i]));
}

/**
 * hgr_window_get_host_expanded:
 * @self: a window
 * @host: one of its hosts
 *
 * Returns: whether the sidebar shows @host's guests
 */
gboolean
hgr_window_get_host_expanded (HgrWindow *self,
                              HgrHost   *host)
{
  g_return_val_if_fail (HGR_IS_WINDOW (self), TRUE);
  g_return_val_if_fail (HGR_IS_HOST (host), TRUE);
  return !g_hash_table_contains (self->collapsed, hgr_host_get_uri (host));
}

/* The position of @host's row in the sidebar, or GTK_INVALID_LIST_POSITION. */
static guint
host_position (HgrWindow *self,
               HgrHost   *host)
{
  GListModel *items = G_LIST_MODEL (self->items);
  guint       n = g_list_model_get_n_items (items);
  guint       at = gtk_single_selection_get_selected (self->selection);

  /* from the selection up: a guest of the host sits below it */
  if (at != GTK_INVALID_LIST_POSITION)
    for (guint i = MIN (at, n - 1) + 1; i-- > 0;)
      {
        g_autoptr (GObject) item = g_list_model_get_item (items, i);

        if ((gpointer) item == host)
          return i;
        if (HGR_IS_HOST (item))
          break;
      }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (items, i);

      if ((gpointer) item == host)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * hgr_window_set_host_expanded:
 * @self: a window
 * @host: one of its hosts
 * @expanded: whether to show its guests
 *
 * Shows or hides @host's guests in the sidebar and remembers it. A selected
 * guest of a host being collapsed gives the selection to the host.
 */
void
hgr_window_set_host_expanded (HgrWindow *self,
                              HgrHost   *host,
                              gboolean   expanded)
{
  gpointer selected;

  g_return_if_fail (HGR_IS_WINDOW (self));
  g_return_if_fail (HGR_IS_HOST (host));

  if (hgr_window_get_host_expanded (self, host) == expanded)
    return;
  selected = gtk_single_selection_get_selected_item (self->selection);
  if (!expanded && HGR_IS_GUEST (selected) && hgr_guest_get_host (selected) == host)
    gtk_single_selection_set_selected (self->selection, host_position (self, host));
  if (expanded)
    g_hash_table_remove (self->collapsed, hgr_host_get_uri (host));
  else
    g_hash_table_add (self->collapsed, g_strdup (hgr_host_get_uri (host)));
  g_signal_emit_by_name (self, "host-expanded-changed", host);

  if (self->settings != NULL)
    {
      g_autofree const char **uris = (const char **) g_hash_table_get_keys_as_array (self->collapsed, NULL);

      g_settings_set_strv (self->settings, "collapsed-hosts", uris);
    }
}

/* win.toggle-host-guests('URI'): the expander of a host's row. */
void
hgr_window_toggle_host_guests_cb (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  HgrWindow *self = user_data;
  HgrHost   *host = hgr_host_store_lookup (self->store, g_variant_get_string (parameter, NULL));

  if (host != NULL)
    hgr_window_set_host_expanded (self, host, !hgr_window_get_host_expanded (self, host));
}

/* Left and Right, as in a tree: on a host, hide or show its guests; Left on
 * a guest goes up to its host. */
gboolean
hgr_window_sidebar_key_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           HgrWindow             *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);
  gboolean left = keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left;
  gboolean right = keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right;
  guint    at;

  if ((!left && !right) || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  if (gtk_widget_get_direction (GTK_WIDGET (self->list_view)) == GTK_TEXT_DIR_RTL)
    {
      gboolean swap = left;

      left = right;
      right = swap;
    }
  if (HGR_IS_HOST (item))
    {
      hgr_window_set_host_expanded (self, item, right);
      return TRUE;
    }
  if (HGR_IS_GUEST (item) && left && hgr_guest_get_host (item) != NULL)
    {
      at = host_position (self, hgr_guest_get_host (item));
      if (at == GTK_INVALID_LIST_POSITION)
        return FALSE;
      gtk_single_selection_set_selected (self->selection, at);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", at);
      return TRUE;
    }
  return FALSE;
}

gpointer
hgr_window_map_host_section (gpointer item,
                             gpointer user_data)
{
  g_autoptr (HgrHost) host = item;
  HgrWindow  *self = user_data;
  GListStore *parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr (GListStore) head = g_list_store_new (HGR_TYPE_HOST);
  GtkMultiFilter     *every = GTK_MULTI_FILTER (gtk_every_filter_new ());
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  g_autoptr (GListModel) paced = NULL;

  g_list_store_append (head, host);
  gtk_multi_filter_append (every, g_object_ref (GTK_FILTER (self->filter)));
  gtk_multi_filter_append (every, section_collapse_filter (self, host));
  filtered = gtk_filter_list_model_new (g_object_ref (hgr_host_get_guests (host)), GTK_FILTER (every));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), hgr_window_new_section_sorter (self, host));
  g_list_store_append (parts, head);
  paced = hgr_window_pace_section (self, G_LIST_MODEL (sorted));
  g_list_store_append (parts, paced);
  g_signal_connect_object (host, "notify::status", G_CALLBACK (host_status_cb), self, 0);
  g_signal_connect_object (host, "credential-requested", G_CALLBACK (hgr_window_credential_requested_cb), self, 0);

  return gtk_flatten_list_model_new (G_LIST_MODEL (parts));
}

gboolean
hgr_window_match_guest (gpointer item,
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
order (double a,
       double b)
{
  return a < b ? GTK_ORDERING_SMALLER : a > b ? GTK_ORDERING_LARGER
                                              : GTK_ORDERING_EQUAL;
}

static int
compare_state (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return order (hgr_guest_get_state ((HgrGuest *) a), hgr_guest_get_state ((HgrGuest *) b));
}

/* Busiest first; guests with no figure (stopped, or just started) last. */
static int
compare_cpu (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  return order (hgr_guest_stats_get_cpu_percent (hgr_guest_get_stats ((HgrGuest *) b)),
                hgr_guest_stats_get_cpu_percent (hgr_guest_get_stats ((HgrGuest *) a)));
}

static int
compare_memory (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return order (hgr_guest_stats_get_memory_used (hgr_guest_get_stats ((HgrGuest *) b)),
                hgr_guest_stats_get_memory_used (hgr_guest_get_stats ((HgrGuest *) a)));
}

static const struct
{
  const char      *nick;
  GCompareDataFunc compare;
} sort_orders[] = {
  [HGR_SORT_BY_NAME] = { "name", NULL },
  [HGR_SORT_BY_STATE] = { "state", compare_state },
  [HGR_SORT_BY_CPU] = { "cpu", compare_cpu },
  [HGR_SORT_BY_MEMORY] = { "memory", compare_memory },
};

/* A host's tick changed its guests' load (and maybe their states): its
 * section sorts again, the others do not. The selection stays on its item:
 * GtkSingleSelection finds it among the moved ones. */
static void
section_load_updated_cb (HgrHostStats    *stats,
                         GtkCustomSorter *section)
{
  HgrWindow *self = g_object_get_data (G_OBJECT (section), "hgr-window");

  if (self != NULL && self->sort_by != HGR_SORT_BY_NAME)
    gtk_sorter_changed (GTK_SORTER (section), GTK_SORTER_CHANGE_DIFFERENT);
}

/* The window's order, and one sorter of the section's own that says when it changed. */
GtkSorter *
hgr_window_new_section_sorter (HgrWindow *self,
                               HgrHost   *host)
{
  GtkMultiSorter  *sorter = gtk_multi_sorter_new ();
  GtkCustomSorter *section = gtk_custom_sorter_new (NULL, NULL, NULL); /* all equal */

  g_object_set_data (G_OBJECT (section), "hgr-window", self);
  g_signal_connect_object (hgr_host_get_stats (host), "updated", G_CALLBACK (section_load_updated_cb), section, 0);
  gtk_multi_sorter_append (sorter, g_object_ref (GTK_SORTER (self->sorter)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (section));
  return GTK_SORTER (sorter);
}

void
hgr_window_set_sort (HgrWindow  *self,
                     const char *sort_by)
{
  g_autoptr (GtkExpression) expression = gtk_property_expression_new (HGR_TYPE_GUEST, NULL, "display-name");

  self->sort_by = HGR_SORT_BY_NAME;
  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    if (g_strcmp0 (sort_by, sort_orders[i].nick) == 0)
      self->sort_by = i;
  while (g_list_model_get_n_items (G_LIST_MODEL (self->sorter)) > 0)
    gtk_multi_sorter_remove (self->sorter, 0);
  if (sort_orders[self->sort_by].compare != NULL)
    gtk_multi_sorter_append (self->sorter,
                             GTK_SORTER (gtk_custom_sorter_new (sort_orders[self->sort_by].compare, NULL, NULL)));
  gtk_multi_sorter_append (self->sorter, GTK_SORTER (gtk_string_sorter_new (g_steal_pointer (&expression))));
}

void
hgr_window_sort_by_change_state_cb (GSimpleAction *action,
                                    GVariant      *value,
                                    gpointer       user_data)
{
  HgrWindow  *self = user_data;
  const char *sort_by = g_variant_get_string (value, NULL);
  gboolean    known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sort_orders); i++)
    known = known || g_str_equal (sort_by, sort_orders[i].nick);
  if (!known)
    return;
  g_simple_action_set_state (action, value);
  hgr_window_set_sort (self, sort_by);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "sort-by", sort_by);
}

void
hgr_window_search_changed_cb (HgrWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_free (self->search_text);
  self->search_text = *text != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  hgr_window_update_sidebar_page (self);
}

static void
row_expanded_changed_cb (HgrWindow  *self,
                         HgrHost    *host,
                         HgrHostRow *row)
{
  if (hgr_host_row_get_host (row) == host)
    hgr_host_row_set_expanded (row, hgr_window_get_host_expanded (self, host));
}

void
hgr_window_factory_bind_cb (GtkSignalListItemFactory *factory,
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
          g_signal_connect_object (self, "host-expanded-changed", G_CALLBACK (row_expanded_changed_cb), child, 0);
        }
      hgr_host_row_set_host (HGR_HOST_ROW (child), item);
      hgr_host_row_set_expanded (HGR_HOST_ROW (child), hgr_window_get_host_expanded (self, item));
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

void
hgr_window_factory_unbind_cb (GtkSignalListItemFactory *factory,
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
