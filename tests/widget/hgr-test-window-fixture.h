/* hgr-test-window-fixture.h — a main window on one host, for the widget tests, and the window and dialogs tests' fixture
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

/* A main window on one host, as the window, dialogs and load tests use it. */
typedef struct
{
  HgrHostStore *store;
  HgrHost      *host;
  HgrWindow    *window;
} HgrTestWindow;

/* Opens a window of @height on @file in tests/data, or on @file itself
 * when it is a URI (test:///default when NULL); the host is still
 * connecting when this returns. */
static inline void
hgr_test_window_open (HgrTestWindow *self,
                      const char    *file,
                      int            height)
{
  g_autofree char *uri = file == NULL                   ? g_strdup ("test:///default")
                         : strstr (file, "://") != NULL ? g_strdup (file)
                                                        : hgr_test_dup_fixture_uri (file);

  self->store = hgr_host_store_new (NULL);
  self->host = hgr_host_store_add (self->store, uri, FALSE, FALSE);
  hgr_host_connect_async (self->host, NULL, NULL, NULL);
  self->window = g_object_new (HGR_TYPE_WINDOW, "host-store", self->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (self->window), 1000, height);
  gtk_window_present (GTK_WINDOW (self->window));
}

static inline void
hgr_test_window_close (HgrTestWindow *self)
{
  g_autoptr (HgrTestHost) host = g_object_ref (self->host);

  gtk_window_destroy (GTK_WINDOW (self->window));
  hgr_host_store_remove (self->store, host); /* disconnects: host->closing */
  g_clear_object (&self->store);
}

/* The window's template child @id. */
static inline GtkWidget *
child (HgrTestWindow *self,
       const char    *id)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self->window), HGR_TYPE_WINDOW, id));
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

/* The window and dialogs tests' fixture: the window, once its host is connected. */
typedef HgrTestWindow Fixture;

static inline void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  hgr_test_window_open (fixture, data, 700);
  /* A hang guard, not a speed check: under ASan, beside the a11y test on
   * a loaded machine, a test-driver connect once took over 10 s. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (fixture->host) == HGR_HOST_STATUS_CONNECTED, 30);
}

static inline void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  hgr_test_window_close (fixture);
}
