/* hgr-test-widgets.h — finding the rows the user sees in the window's list
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hgr-guest-row.h"
#include "hgr-host-row.h"

G_BEGIN_DECLS

static inline void
hgr_test_collect_rows (GtkWidget *widget,
                       GType      type,
                       GPtrArray *rows)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    hgr_test_collect_rows (c, type, rows);
}

/* The mapped row of @list that shows @host, or NULL. */
static inline HgrHostRow *
hgr_test_find_host_row (GtkWidget *list,
                        HgrHost   *host)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  hgr_test_collect_rows (list, HGR_TYPE_HOST_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (hgr_host_row_get_host (g_ptr_array_index (rows, i)) == host && gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The mapped row of @list that shows the guest named @name, or NULL. */
static inline HgrGuestRow *
hgr_test_find_guest_row (GtkWidget  *list,
                         const char *name)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  hgr_test_collect_rows (list, HGR_TYPE_GUEST_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      HgrGuest *guest = hgr_guest_row_get_guest (g_ptr_array_index (rows, i));

      if (guest != NULL && g_str_equal (hgr_guest_get_name (guest), name) && gtk_widget_get_mapped (g_ptr_array_index (rows, i)))
        return g_ptr_array_index (rows, i);
    }
  return NULL;
}

G_END_DECLS
