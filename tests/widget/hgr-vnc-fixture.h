/* hgr-vnc-fixture.h — the display widget in a window against Hangar's RFB test server, for the widget tests
 *
 * Pixels are read from the widget rendered to a texture (the cairo
 * renderer); keys go through the X server (xdotool's XTEST), so they take
 * the path a user's do.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>

/* after gtk.h: GTK 4.8's gsk.h does not include it */
#include <gsk/gl/gskglrenderer.h>

#include "hgr-rfb-server.h"
#include "hgr-test-utils.h"
#include "hgr-vnc-display.h"

typedef struct
{
  HgrRfbServer  *server;
  GtkWidget     *window;
  GtkWidget     *box;
  GtkWidget     *button; /* something else to take the focus */
  HgrVncDisplay *display;
  guint          window_shortcuts; /* Ctrl+Q on the window, like an app accelerator */
} Fixture;

static inline gboolean
window_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static inline void
fixture_open (Fixture          *fixture,
              int               width,
              int               height,
              HgrRfbServerFlags flags,
              int               widget_width,
              int               widget_height)
{
  fixture->server = hgr_rfb_server_new (width, height, flags);
  fixture->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (fixture->window), "test-vnc-display");
  {
    /* As GtkApplication's accelerators: on the window, capture phase, there
     * before the display is. */
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (shortcuts),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_q, GDK_CONTROL_MASK),
                        gtk_callback_action_new (window_shortcut_cb, &fixture->window_shortcuts, NULL)));
    gtk_widget_add_controller (fixture->window, shortcuts);
  }
  fixture->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->button = gtk_button_new_with_label ("elsewhere");
  fixture->display = HGR_VNC_DISPLAY (hgr_vnc_display_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->display), widget_width, widget_height);
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (fixture->display));
  gtk_box_append (GTK_BOX (fixture->box), fixture->button);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);
  gtk_window_present (GTK_WINDOW (fixture->window));

  hgr_vnc_display_open_fd (fixture->display, hgr_rfb_server_start (fixture->server), HGR_VNC_LINK_LOCAL);
  g_assert_cmpint (hgr_vnc_display_get_state (fixture->display), ==, HGR_VNC_DISPLAY_STATE_CONNECTING);
}

static inline void
wait_for_picture (Fixture *fixture)
{
  guint64 received = 0;

  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture->display) == HGR_VNC_DISPLAY_STATE_CONNECTED);
  HGR_TEST_WAIT_UNTIL ((hgr_vnc_display_get_frame_counts (fixture->display, &received, NULL), received > 0) &&
                       gtk_widget_get_width (GTK_WIDGET (fixture->display)) > 0);
}

static inline void
fixture_close (Fixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_pointer (&fixture->server, hgr_rfb_server_free);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (gtk_window_get_toplevels ()) == 0);
}

/* The widget as it would be drawn now, as B G R A bytes. */
typedef struct
{
  int     width;
  int     height;
  guint8 *data;
} Picture;

/* What the widget draws, in device pixels of a screen of @scale. */
static inline Picture
render_scaled (GtkWidget *widget,
               int        scale)
{
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  GtkNative *native = gtk_widget_get_native (widget);
  /* the kind of renderer the window has: the display draws for it */
  g_autoptr (GskRenderer) renderer = native != NULL && !GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native))
                                       ? gsk_gl_renderer_new ()
                                       : gsk_cairo_renderer_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GskRenderNode) scaled = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  Picture picture = { gtk_widget_get_width (widget) * scale, gtk_widget_get_height (widget) * scale, NULL };

  /* What the widget draws, as GTK asks it at the next frame. */
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  if (scale == 1)
    scaled = gsk_render_node_ref (node);
  else
    {
      g_autoptr (GskTransform) transform = gsk_transform_scale (NULL, scale, scale);

      scaled = gsk_transform_node_new (node, transform);
    }
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, scaled, &GRAPHENE_RECT_INIT (0, 0, picture.width, picture.height));
  gsk_renderer_unrealize (renderer);
  picture.data = g_malloc ((gsize) picture.width * picture.height * 4);
  gdk_texture_download (texture, picture.data, picture.width * 4);
  return picture;
}

static inline Picture
render (GtkWidget *widget)
{
  return render_scaled (widget, 1);
}

static inline guint32
picture_rgb (const Picture *picture,
             int            x,
             int            y)
{
  const guint8 *p = picture->data + ((gsize) y * picture->width + x) * 4;

  g_assert_cmpint (p[3], ==, 0xff); /* opaque: the picture hides what is below */
  return ((guint32) p[2] << 16) | (p[1] << 8) | p[0];
}

#define assert_rgb(picture, x, y, expected)                                             \
  G_STMT_START                                                                          \
  {                                                                                     \
    guint32 hgr_rgb = picture_rgb (picture, x, y);                                      \
    if (hgr_rgb != (expected))                                                          \
      g_error ("pixel (%d, %d) is %06x, expected %06x", (x), (y), hgr_rgb, (expected)); \
  }                                                                                     \
  G_STMT_END

/* One pixel of what the widget would draw now. */
static inline guint32
rendered_rgb (GtkWidget *widget,
              int        x,
              int        y)
{
  Picture picture = render (widget);
  guint32 rgb = picture_rgb (&picture, x, y);

  g_free (picture.data);
  return rgb;
}

/* Counts a signal's emissions (signals with no arguments). */
static inline void
count_cb (GObject *object,
          guint   *count)
{
  (*count)++;
}

/* ------------------------------------------------------------------------ */
/* Input through the X server                                               */

static inline void
xdotool (const char *arguments)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", arguments);
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

static inline void
focus_display (Fixture *fixture)
{
  GdkSurface      *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *focus = g_strdup_printf ("windowfocus --sync %lu", (gulong) gdk_x11_surface_get_xid (surface));

  xdotool (focus);
  HGR_TEST_WAIT_UNTIL (gtk_window_is_active (GTK_WINDOW (fixture->window)));
  gtk_widget_grab_focus (GTK_WIDGET (fixture->display));
  HGR_TEST_WAIT_UNTIL (gtk_widget_has_focus (GTK_WIDGET (fixture->display)));
}

/* The key events the server received since the last call. */
static inline GArray *
take_key_events (Fixture *fixture)
{
  g_autoptr (GArray) all = hgr_rfb_server_take_events (fixture->server);
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));
  guint   i;

  for (i = 0; i < all->len; i++)
    if (g_array_index (all, HgrRfbEvent, i).kind != HGR_RFB_EVENT_POINTER)
      g_array_append_val (keys, g_array_index (all, HgrRfbEvent, i));
  return keys;
}

/* Waits until the server has @n key events, and returns them. */
static inline GArray *
wait_for_events (Fixture *fixture,
                 guint    n)
{
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));

  HGR_TEST_WAIT_UNTIL (({
    g_autoptr (GArray) more = take_key_events (fixture);
    g_array_append_vals (events, more->data, more->len);
    events->len >= n;
  }));
  return g_steal_pointer (&events);
}
