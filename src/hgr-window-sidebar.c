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

gpointer
hgr_window_map_host_section (gpointer item,
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
compare_state (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  HgrGuestState state_a = hgr_guest_get_state ((HgrGuest *) a);
  HgrGuestState state_b = hgr_guest_get_state ((HgrGuest *) b);

  return state_a < state_b ? GTK_ORDERING_SMALLER : state_a > state_b ? GTK_ORDERING_LARGER
                                                                      : GTK_ORDERING_EQUAL;
}

void
hgr_window_set_sort (HgrWindow  *self,
                     const char *sort_by)
{
  g_autoptr (GtkExpression) expression = gtk_property_expression_new (HGR_TYPE_GUEST, NULL, "display-name");

  while (g_list_model_get_n_items (G_LIST_MODEL (self->sorter)) > 0)
    gtk_multi_sorter_remove (self->sorter, 0);
  if (g_strcmp0 (sort_by, "state") == 0)
    gtk_multi_sorter_append (self->sorter, GTK_SORTER (gtk_custom_sorter_new (compare_state, NULL, NULL)));
  gtk_multi_sorter_append (self->sorter, GTK_SORTER (gtk_string_sorter_new (g_steal_pointer (&expression))));
}

void
hgr_window_sort_by_change_state_cb (GSimpleAction *action,
                                    GVariant      *value,
                                    gpointer       user_data)
{
  HgrWindow  *self = user_data;
  const char *sort_by = g_variant_get_string (value, NULL);

  if (!g_str_equal (sort_by, "name") && !g_str_equal (sort_by, "state"))
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
