/* hgr-test-window-fixture.h — a main window on one host, for the widget tests
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-host-store.h"
#include "hgr-test-host.h"
#include "hgr-test-utils.h"
#include "hgr-window-private.h"
#include "hgr-window.h"

typedef struct
{
  HgrHostStore *store;
  HgrHost      *host;
  HgrWindow    *window;
} Fixture;

static inline void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  const char      *file = data;
  g_autofree char *uri = file != NULL ? hgr_test_dup_fixture_uri (file) : g_strdup ("test:///default");

  fixture->store = hgr_host_store_new (NULL);
  fixture->host = hgr_host_store_add (fixture->store, uri, FALSE, FALSE);
  hgr_host_connect_async (fixture->host, NULL, NULL, NULL);
  fixture->window = g_object_new (HGR_TYPE_WINDOW, "host-store", fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 700);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* A hang guard, not a speed check: under ASan, beside the a11y test on
   * a loaded machine, a test-driver connect once took over 10 s. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (fixture->host) == HGR_HOST_STATUS_CONNECTED, 30);
}

static inline void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (HgrTestHost) host = g_object_ref (fixture->host);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  hgr_host_store_remove (fixture->store, host); /* disconnects: host->closing */
  g_clear_object (&fixture->store);
}

static inline GtkWidget *
child (Fixture    *fixture,
       const char *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->window), HGR_TYPE_WINDOW, id));
}

/* The visible toplevel of @type, or NULL. */
static inline GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels (); /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}
