/* hgr-window-new-guest.c — HgrWindow's New Guest: open the assistant, then select and show the new guest
 *
 * win.new-guest (app.new-guest, Ctrl+N) makes the guest on the selected
 * host, or the guest's host, or the only connected one; host.new-guest on
 * the host page on that host. When the assistant made the guest, the
 * window waits for the host to list it, selects it and shows its console;
 * a guest to customize first gets its Details view and the install banner.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hgr-new-guest-window.h"
#include "hgr-window-private.h"

/* How long the window waits for the host to list a guest it made. */
#define SHOW_TIMEOUT_SECONDS 30

typedef struct
{
  HgrWindow   *window;
  HgrNewGuest *model;
  gulong       items_id;
  guint        timeout_id;
} Showing;

static void
showing_free (Showing *showing)
{
  g_clear_signal_handler (&showing->items_id, hgr_host_get_guests (hgr_new_guest_get_host (showing->model)));
  g_clear_handle_id (&showing->timeout_id, g_source_remove);
  g_object_remove_weak_pointer (G_OBJECT (showing->window), (gpointer *) &showing->window);
  g_object_unref (showing->model);
  g_free (showing);
}

/* Returns: whether the guest is there (and now selected and shown) */
static gboolean
try_show (Showing *showing)
{
  HgrHost   *host = hgr_new_guest_get_host (showing->model);
  HgrGuest  *guest = hgr_host_lookup_guest (host, hgr_new_guest_get_uuid (showing->model));
  HgrWindow *self = showing->window;
  gboolean   customize = FALSE;

  if (guest == NULL || self == NULL)
    return self == NULL;
  g_object_get (showing->model, "customize", &customize, NULL);
  if (customize)
    hgr_install_banner_set_install (self->install_banner, showing->model);
  if (!hgr_window_select_item (self, G_OBJECT (guest)))
    return TRUE;
  adw_view_stack_set_visible_child_name (self->guest_view_stack, customize ? "details" : "console");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

static void
guests_changed_cb (Showing *showing)
{
  if (try_show (showing))
    showing_free (showing);
}

static gboolean
show_timeout_cb (gpointer user_data)
{
  Showing *showing = user_data;

  showing->timeout_id = 0;
  showing_free (showing);
  return G_SOURCE_REMOVE;
}

static void
created_cb (HgrNewGuestWindow *assistant,
            HgrNewGuest       *model,
            HgrWindow         *self)
{
  Showing         *showing = g_new0 (Showing, 1);
  g_autofree char *message = g_strdup_printf (_ ("“%s” was made."), hgr_new_guest_get_name (model));

  showing->window = self;
  g_object_add_weak_pointer (G_OBJECT (self), (gpointer *) &showing->window);
  showing->model = g_object_ref (model);
  hgr_window_show_toast (self, message, 3);
  if (try_show (showing))
    {
      showing_free (showing);
      return;
    }
  showing->items_id = g_signal_connect_swapped (hgr_host_get_guests (hgr_new_guest_get_host (model)), "items-changed",
                                                G_CALLBACK (guests_changed_cb), showing);
  showing->timeout_id = g_timeout_add_seconds (SHOW_TIMEOUT_SECONDS, show_timeout_cb, showing);
}

static void
open_assistant (HgrWindow *self,
                HgrHost   *host)
{
  GtkWidget *assistant;

  if (host == NULL || hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED)
    {
      hgr_window_show_toast (self, _ ("Connect to a host first: the new guest is made on a connected host."), 5);
      return;
    }
  assistant = hgr_new_guest_window_new (GTK_WINDOW (self), host);
  g_signal_connect_object (assistant, "created", G_CALLBACK (created_cb), self, 0);
}

/* The selected host, or the guest's, or the only connected one. */
static HgrHost *
target_host (HgrWindow *self)
{
  HgrHost    *host = hgr_window_get_selected_host (self);
  GListModel *hosts = hgr_host_store_get_hosts (self->store);
  HgrHost    *connected = NULL;

  if (host != NULL && hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED)
    return host;
  for (guint i = 0; i < g_list_model_get_n_items (hosts); i++)
    {
      g_autoptr (HgrHost) item = g_list_model_get_item (hosts, i);

      if (hgr_host_get_status (item) != HGR_HOST_STATUS_CONNECTED)
        continue;
      if (connected != NULL)
        return host; /* more than one: the user chooses by selecting */
      connected = item;
    }
  return connected != NULL ? connected : host;
}

static void
win_new_guest_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  open_assistant (self, target_host (self));
}

static void
host_new_guest_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  open_assistant (self, hgr_host_store_lookup (self->store, g_variant_get_string (parameter, NULL)));
}

void
hgr_window_class_install_new_guest (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-guest", NULL, win_new_guest_action);
  gtk_widget_class_install_action (widget_class, "host.new-guest", "s", host_new_guest_action);
}
