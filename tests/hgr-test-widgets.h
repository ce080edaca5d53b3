/* hgr-test-widgets.h — finding the rows the user sees in the window's list, the dialogs it shows, a console's lit pixels
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest-row.h"
#include "hgr-host-row.h"
#include "hgr-test-utils.h"
#include "hgr-vnc-display.h"

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

/* The first widget of @type in @widget's tree (itself included), or NULL. */
static inline GtkWidget *
hgr_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  g_autoptr (GPtrArray) found = g_ptr_array_new ();

  hgr_test_collect_rows (widget, type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
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

/* The message dialog on screen (the last one), or NULL. */
static inline AdwMessageDialog *
hgr_test_find_message_dialog (void)
{
  GList            *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  return dialog;
}

static inline void
hgr_test_set_flag_cb (GdkFrameClock *clock,
                      gboolean      *flag)
{
  *flag = TRUE;
}

/* Returns once @widget's window has laid out and painted a frame, so that
 * every widget in it has a current allocation: a label whose text changed
 * since the last frame has none, and GTK refuses to snapshot it. */
static inline void
hgr_test_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean       painted = FALSE;
  gulong         id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (hgr_test_set_flag_cb), &painted);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT); /* a frame even if nothing changed */
  HGR_TEST_WAIT_UNTIL (painted);
  g_signal_handler_disconnect (clock, id);
}

/* Pixels a widget draws inside @area (NULL: all of it) at least @min_alpha
 * opaque (1–255), rendered as the next frame would: after a frame, as GTK
 * snapshots only what is laid out. */
static inline guint
hgr_test_count_drawn_pixels (GtkWidget             *widget,
                             const graphene_rect_t *area,
                             guint8                 min_alpha)
{
  g_autoptr (GtkSnapshot) snapshot = NULL;
  g_autoptr (GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int                width, height;
  g_autofree guint8 *data = NULL;
  guint              drawn = 0;

  /* nothing may run between the frame and the snapshot */
  hgr_test_wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL || width <= 0 || height <= 0)
    return 0;
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_renderer_unrealize (renderer);
  data = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (area == NULL || graphene_rect_contains_point (area, &GRAPHENE_POINT_INIT (x + 0.5f, y + 0.5f)))
        drawn += data[((gsize) y * width + x) * 4 + 3] >= min_alpha;
  return drawn;
}

/* How many pixels of the guest's screen on @display are not black. */
static inline gsize
hgr_test_count_lit_pixels (HgrVncDisplay *display)
{
  g_autoptr (GdkTexture) texture = hgr_vnc_display_get_screenshot (display);
  g_autofree guint8 *data = NULL;
  gsize              lit = 0, n;

  if (texture == NULL)
    return 0;
  n = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture);
  data = g_malloc (n * 4);
  gdk_texture_download (texture, data, gdk_texture_get_width (texture) * 4);
  for (gsize i = 0; i < n; i++)
    if (data[i * 4] > 0x20 || data[i * 4 + 1] > 0x20 || data[i * 4 + 2] > 0x20)
      lit++;
  return lit;
}

G_END_DECLS
