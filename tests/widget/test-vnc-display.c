/* test-vnc-display.c — the console's display widget against Hangar's RFB test server
 *
 * Pixels are checked on the widget rendered to a texture; keys and clicks go
 * through the X server (xdotool's XTEST), so they take the path a user's do.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hgr-vnc-fixture.h"
#include "hgr-vnc-keymap.h"

static void
test_fit (void)
{
  Fixture fixture = { 0 };
  Picture picture;

  /* 640×480 into 320×300: half size, 240 high, 30 px of black above and below. */
  fixture_open (&fixture, 640, 480, 0, 320, 300);
  wait_for_picture (&fixture);
  g_assert_cmpint (hgr_vnc_display_get_guest_width (fixture.display), ==, 640);
  g_assert_cmpint (hgr_vnc_display_get_guest_height (fixture.display), ==, 480);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture.display)), ==, 300);

  picture = render (GTK_WIDGET (fixture.display));
  assert_rgb (&picture, 160, 10, 0x000000);
  assert_rgb (&picture, 160, 290, 0x000000);
  assert_rgb (&picture, 80, 90, 0xff0000);
  assert_rgb (&picture, 240, 90, 0x00ff00);
  assert_rgb (&picture, 80, 210, 0x0000ff);
  assert_rgb (&picture, 240, 210, 0xffffff);
  /* the picture starts and ends where the scale puts it */
  assert_rgb (&picture, 5, 28, 0x000000);
  assert_rgb (&picture, 5, 32, 0xff0000);
  assert_rgb (&picture, 5, 268, 0x0000ff);
  assert_rgb (&picture, 5, 272, 0x000000);
  g_free (picture.data);

  /* The screenshot is the guest's screen itself, opaque, at its own size. */
  {
    g_autoptr (GdkTexture) shot = hgr_vnc_display_get_screenshot (fixture.display);
    g_autofree guint8 *data = g_malloc (640 * 480 * 4);

    g_assert_cmpint (gdk_texture_get_width (shot), ==, 640);
    g_assert_cmpint (gdk_texture_get_height (shot), ==, 480);
    gdk_texture_download (shot, data, 640 * 4);
    g_assert_cmphex (data[(10 * 640 + 10) * 4 + 2], ==, 0xff);   /* red, top left */
    g_assert_cmphex (data[(10 * 640 + 10) * 4 + 3], ==, 0xff);   /* opaque */
    g_assert_cmphex (data[(470 * 640 + 630) * 4 + 0], ==, 0xff); /* white, bottom right */
  }

  fixture_close (&fixture);
}

static void
test_one_to_one (void)
{
  Fixture fixture = { 0 };
  Picture picture;
  int     scale = 1;

  /* 1:1 in a larger widget: centred, every guest pixel on one device pixel.
   * The guest is 200×100 logical pixels at any scale (HiDPI: GDK_SCALE=2
   * runs this test again as vnc-display-hidpi). */
  {
    GtkWidget *probe = gtk_window_new ();

    gtk_window_present (GTK_WINDOW (probe));
    HGR_TEST_WAIT_UNTIL (gtk_widget_get_realized (probe));
    scale = gtk_widget_get_scale_factor (probe);
    gtk_window_destroy (GTK_WINDOW (probe));
    if (g_getenv ("GDK_SCALE") != NULL)
      g_assert_cmpint (scale, ==, atoi (g_getenv ("GDK_SCALE")));
  }
  fixture_open (&fixture, 200 * scale, 100 * scale, 0, 400, 300);
  hgr_vnc_display_set_scale_to_fit (fixture.display, FALSE);
  wait_for_picture (&fixture);
  g_assert_cmpint (gtk_widget_get_scale_factor (GTK_WIDGET (fixture.display)), ==, scale);

  picture = render (GTK_WIDGET (fixture.display));
  /* picture at (100, 100)–(300, 200); the middle column is x = 100 + 100 */
  assert_rgb (&picture, 99, 100, 0x000000);
  assert_rgb (&picture, 100, 100, 0xff0000);
  assert_rgb (&picture, 199, 149, 0xff0000);
  assert_rgb (&picture, 200, 149, 0x00ff00);
  assert_rgb (&picture, 199, 150, 0x0000ff);
  assert_rgb (&picture, 299, 199, 0xffffff);
  assert_rgb (&picture, 300, 199, 0x000000);
  assert_rgb (&picture, 299, 200, 0x000000);
  g_free (picture.data);

  /* 1:1 asks for the whole picture as its minimum size (scrolls in a page). */
  gtk_widget_set_size_request (GTK_WIDGET (fixture.display), -1, -1);
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (fixture.display), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, ==, 200);
    hgr_vnc_display_set_scale_to_fit (fixture.display, TRUE);
    gtk_widget_measure (GTK_WIDGET (fixture.display), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, ==, 0);
  }

  fixture_close (&fixture);
}

static void
test_server_resize (void)
{
  Fixture fixture = { 0 };
  Picture picture;
  guint64 received_before = 0, received = 0;

  fixture_open (&fixture, 640, 480, 0, 400, 300);
  wait_for_picture (&fixture);
  hgr_vnc_display_get_frame_counts (fixture.display, &received_before, NULL);

  /* The guest switches to a tall mode: 300×600 into 400×300 is 150×300. */
  hgr_rfb_server_resize (fixture.server, 300, 600);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_guest_width (fixture.display) == 300 &&
                       hgr_vnc_display_get_guest_height (fixture.display) == 600);
  HGR_TEST_WAIT_UNTIL (
    (hgr_vnc_display_get_frame_counts (fixture.display, &received, NULL), received > received_before));
  /* the new picture may come in more than one piece */
  HGR_TEST_WAIT_UNTIL (rendered_rgb (GTK_WIDGET (fixture.display), 270, 230) == 0xffffff);

  picture = render (GTK_WIDGET (fixture.display));
  assert_rgb (&picture, 120, 150, 0x000000);
  assert_rgb (&picture, 130, 70, 0xff0000);
  assert_rgb (&picture, 270, 70, 0x00ff00);
  assert_rgb (&picture, 130, 230, 0x0000ff);
  assert_rgb (&picture, 270, 230, 0xffffff);
  assert_rgb (&picture, 280, 150, 0x000000);
  g_free (picture.data);

  fixture_close (&fixture);
}

static void
test_resize_guest (void)
{
  Fixture fixture = { 0 };
  int     scale;

  /* A server that lets the client set its size follows the widget. */
  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_RESIZABLE, 400, 300);
  wait_for_picture (&fixture);
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture.display));
  hgr_vnc_display_set_resize_guest (fixture.display, TRUE);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_guest_width (fixture.display) == 400 * scale &&
                       hgr_vnc_display_get_guest_height (fixture.display) == 300 * scale);

  /* The window grows: so does the guest. */
  gtk_widget_set_size_request (GTK_WIDGET (fixture.display), 500, 350);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_guest_width (fixture.display) == 500 * scale &&
                       hgr_vnc_display_get_guest_height (fixture.display) == 350 * scale);
  /* and the picture fills it, in fit mode, with no black around */
  HGR_TEST_WAIT_UNTIL (rendered_rgb (GTK_WIDGET (fixture.display), 2, 2) == 0xff0000 &&
                       rendered_rgb (GTK_WIDGET (fixture.display), 497, 347) == 0xffffff);
  fixture_close (&fixture);
}

typedef struct
{
  const char *xdotool_name;
  guint16     qnum;
} KeyCase;

static void
test_keys_scancodes (void)
{
  /* A 105-key keyboard's keys, by what the guest must see. Alt_R is the key
   * right of the space bar, AltGr on layouts that have one. */
  static const KeyCase keys[] = {
    { "a", 0x1e },
    { "z", 0x2c },
    { "1", 0x02 },
    { "0", 0x0b },
    { "Return", 0x1c },
    { "Shift_L", 0x2a },
    { "Shift_R", 0x36 },
    { "Control_L", 0x1d },
    { "Control_R", 0x9d },
    { "Alt_L", 0x38 },
    { "Alt_R", 0xb8 },
    { "Super_L", 0xdb },
    { "KP_1", 0x4f },
    { "KP_Enter", 0x9c },
    { "KP_Divide", 0xb5 },
    { "KP_Add", 0x4e },
    { "F1", 0x3b },
    { "F5", 0x3f },
    { "F11", 0x57 },
    { "F12", 0x58 },
    { "Up", 0xc8 },
    { "Delete", 0xd3 },
    { "Home", 0xc7 },
    { "Menu", 0xdd },
    { "Escape", 0x01 },
    { "Print", 0xb7 },
    { "Pause", 0xc6 },
    { "XF86AudioMute", 0xa0 },
    { "XF86AudioPlay", 0xa2 },
  };
  Fixture fixture = { 0 };
  gsize   i;

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_EXT_KEY, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);
  /* The extended key events are announced with the first update. */
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_get_frames_sent (fixture.server) > 0);

  for (i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *command = g_strdup_printf ("key %s", keys[i].xdotool_name);
      g_autoptr (GArray) events = NULL;
      gboolean pressed = FALSE, released = FALSE;
      guint    j;

      /* xdotool may press Shift with some keys; look for this key's pair. */
      xdotool (command);
      HGR_TEST_WAIT_UNTIL (({
        g_clear_pointer (&events, g_array_unref);
        events = take_key_events (&fixture);
        for (j = 0; j < events->len; j++)
          {
            HgrRfbEvent *event = &g_array_index (events, HgrRfbEvent, j);

            g_assert_cmpint (event->kind, ==, HGR_RFB_EVENT_EXT_KEY);
            g_test_message ("%s: %s qnum 0x%x keysym 0x%x", keys[i].xdotool_name, event->down ? "down" : "up",
                            event->qnum, event->keysym);
            if (event->qnum == keys[i].qnum && event->down)
              pressed = TRUE;
            else if (event->qnum == keys[i].qnum && pressed)
              released = TRUE;
          }
        released;
      }));
    }

  fixture_close (&fixture);
}

static void
test_keys_keysym_fallback (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GArray) events = NULL;

  /* A server without QEMU's extension gets keysyms, Shift applied. */
  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);

  xdotool ("key shift+b");
  events = wait_for_events (&fixture, 4);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (g_array_index (events, HgrRfbEvent, 0).kind, ==, HGR_RFB_EVENT_KEY);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 0).keysym, ==, GDK_KEY_Shift_L);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 1).keysym, ==, GDK_KEY_B);
  g_assert_true (g_array_index (events, HgrRfbEvent, 1).down);
  /* released as pressed, whatever the order of the releases */
  g_assert_false (g_array_index (events, HgrRfbEvent, 2).down);
  g_assert_false (g_array_index (events, HgrRfbEvent, 3).down);

  fixture_close (&fixture);
}

static void
test_keys_released_on_focus_out (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GArray) events = NULL;
  g_autoptr (GArray) after = NULL;

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_EXT_KEY, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_get_frames_sent (fixture.server) > 0);

  xdotool ("keydown Control_L keydown a");
  events = wait_for_events (&fixture, 2);
  g_assert_cmpuint (events->len, ==, 2);

  /* The focus moves away with both keys held: the guest sees them go up. */
  gtk_widget_grab_focus (fixture.button);
  g_clear_pointer (&events, g_array_unref);
  events = wait_for_events (&fixture, 2);
  g_assert_cmpuint (events->len, ==, 2);
  g_assert_false (g_array_index (events, HgrRfbEvent, 0).down);
  g_assert_false (g_array_index (events, HgrRfbEvent, 1).down);
  g_assert_true ((g_array_index (events, HgrRfbEvent, 0).qnum == 0x1d &&
                  g_array_index (events, HgrRfbEvent, 1).qnum == 0x1e) ||
                 (g_array_index (events, HgrRfbEvent, 0).qnum == 0x1e &&
                  g_array_index (events, HgrRfbEvent, 1).qnum == 0x1d));

  /* The real releases come later, to another widget: nothing more is sent. */
  xdotool ("keyup a keyup Control_L");
  g_usleep (100 * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  after = take_key_events (&fixture);
  g_assert_cmpuint (after->len, ==, 0);

  fixture_close (&fixture);
}

static void
test_release_combination (void)
{
  Fixture fixture = { 0 };
  guint   released = 0;
  g_autoptr (GArray) events = NULL;

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_EXT_KEY, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_get_frames_sent (fixture.server) > 0);
  g_signal_connect (fixture.display, "release-requested", G_CALLBACK (count_cb), &released);

  /* Ctrl+Alt+Del is for the guest: no release. */
  xdotool ("keydown Control_L keydown Alt_L key Delete keyup Alt_L keyup Control_L");
  events = wait_for_events (&fixture, 6);
  g_assert_cmpuint (released, ==, 0);

  /* Ctrl+Alt alone, grabbed: the grab ends, the focus stays. */
  hgr_vnc_display_set_grab_keyboard (fixture.display, TRUE);
  xdotool ("keydown Control_L keydown Alt_L keyup Alt_L keyup Control_L");
  HGR_TEST_WAIT_UNTIL (!hgr_vnc_display_get_grab_keyboard (fixture.display));
  g_assert_cmpuint (released, ==, 0);

  /* Ctrl+Alt alone, not grabbed: the display asks to give the focus away. */
  xdotool ("keydown Control_L keydown Alt_L keyup Alt_L keyup Control_L");
  HGR_TEST_WAIT_UNTIL (released == 1);

  fixture_close (&fixture);
}

static void
test_keys_before_window_shortcuts (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GArray) events = NULL;

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_EXT_KEY, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_get_frames_sent (fixture.server) > 0);

  /* In the display, Ctrl+Q is the guest's, not the window's. */
  xdotool ("key ctrl+q");
  events = wait_for_events (&fixture, 4);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 1).qnum, ==, 0x10);
  g_assert_cmpuint (fixture.window_shortcuts, ==, 0);

  /* Elsewhere in the window, the window's. */
  gtk_widget_grab_focus (fixture.button);
  xdotool ("key ctrl+q");
  HGR_TEST_WAIT_UNTIL (fixture.window_shortcuts == 1);

  fixture_close (&fixture);
}

static void
test_pointer_relative (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GArray) events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));
  GdkSurface      *surface;
  graphene_point_t at;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  int              scale;

  /* No tablet: the guest takes motions, sent around QEMU's 0x7fff origin. */
  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  g_assert_false (hgr_vnc_display_get_absolute_pointer (fixture.display));
  focus_display (&fixture);
  surface = gtk_native_get_surface (GTK_NATIVE (fixture.window));
  scale = gtk_widget_get_scale_factor (fixture.window);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture.display), fixture.window,
                                           &GRAPHENE_POINT_INIT (100, 100), &at));
  /* 20 and 8 device pixels: 20 and 8 guest pixels at scale 1, half at 2 */
  first = g_strdup_printf ("mousemove --window %lu %d %d", (gulong) gdk_x11_surface_get_xid (surface),
                           (int) at.x * scale, (int) at.y * scale);
  second = g_strdup_printf ("mousemove --window %lu %d %d", (gulong) gdk_x11_surface_get_xid (surface),
                            (int) at.x * scale + 20, (int) at.y * scale - 8);
  xdotool (first);
  HGR_TEST_WAIT_UNTIL (({
    g_autoptr (GArray) more = hgr_rfb_server_take_events (fixture.server);
    more->len > 0;
  }));
  xdotool (second);
  HGR_TEST_WAIT_UNTIL (({
    g_autoptr (GArray) more = hgr_rfb_server_take_events (fixture.server);
    g_array_append_vals (events, more->data, more->len);
    events->len > 0;
  }));
  g_assert_cmpint (g_array_index (events, HgrRfbEvent, events->len - 1).x, ==, 0x7fff + 20 / scale);
  g_assert_cmpint (g_array_index (events, HgrRfbEvent, events->len - 1).y, ==, 0x7fff - 8 / scale);
  fixture_close (&fixture);
}

static void
test_guest_cursor (void)
{
  Fixture     fixture = { 0 };
  GdkCursor  *cursor;
  GdkTexture *texture;

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_CURSOR, 320, 240);
  wait_for_picture (&fixture);
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_cursor (GTK_WIDGET (fixture.display)) != NULL);
  cursor = gtk_widget_get_cursor (GTK_WIDGET (fixture.display));
  texture = gdk_cursor_get_texture (cursor);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 8);
  g_assert_cmpint (gdk_cursor_get_hotspot_x (cursor), ==, 2);
  g_assert_cmpint (gdk_cursor_get_hotspot_y (cursor), ==, 3);
  fixture_close (&fixture);
}

static void
test_pointer_scaled (void)
{
  Fixture fixture = { 0 };
  g_autoptr (GArray) events = NULL;
  GdkSurface      *surface;
  graphene_point_t origin;
  g_autofree char *command = NULL;
  HgrRfbEvent     *last_press = NULL, *last = NULL;
  guint            i;
  int              scale;

  /* 800×600 at half size: the widget pixel (100, 50) is the guest's (200, 100). */
  fixture_open (&fixture, 800, 600, HGR_RFB_SERVER_ABSOLUTE_POINTER, 400, 300);
  wait_for_picture (&fixture);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_absolute_pointer (fixture.display));
  focus_display (&fixture);

  surface = gtk_native_get_surface (GTK_NATIVE (fixture.window));
  scale = gtk_widget_get_scale_factor (fixture.window);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (fixture.display), fixture.window,
                                           &GRAPHENE_POINT_INIT (100, 50), &origin));
  /* xdotool speaks X pixels, which are device pixels */
  command = g_strdup_printf ("mousemove --window %lu %d %d click 3", (gulong) gdk_x11_surface_get_xid (surface),
                             (int) origin.x * scale, (int) origin.y * scale);
  xdotool (command);

  events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));
  HGR_TEST_WAIT_UNTIL (({
    g_autoptr (GArray) more = hgr_rfb_server_take_events (fixture.server);
    g_array_append_vals (events, more->data, more->len);
    events->len > 0 && g_array_index (events, HgrRfbEvent, events->len - 1).buttons == 0 &&
      events->len >= 3;
  }));
  for (i = 0; i < events->len; i++)
    {
      HgrRfbEvent *event = &g_array_index (events, HgrRfbEvent, i);

      g_assert_cmpint (event->kind, ==, HGR_RFB_EVENT_POINTER);
      if (event->buttons == (1 << 2))
        last_press = event;
      last = event;
    }
  g_assert_nonnull (last_press);
  g_assert_cmpint (last_press->x, ==, 200);
  g_assert_cmpint (last_press->y, ==, 100);
  g_assert_cmpint (last->buttons, ==, 0);
  g_assert_cmpint (last->x, ==, 200);

  /* A wheel click down is button 5: pressed and released at the pointer. */
  g_array_set_size (events, 0);
  xdotool ("click 5");
  HGR_TEST_WAIT_UNTIL (({
    g_autoptr (GArray) more = hgr_rfb_server_take_events (fixture.server);
    g_array_append_vals (events, more->data, more->len);
    events->len >= 2;
  }));
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 0).buttons, ==, 1 << 4);
  g_assert_cmpint (g_array_index (events, HgrRfbEvent, 0).x, ==, 200);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 1).buttons, ==, 0);

  fixture_close (&fixture);
}

/* ------------------------------------------------------------------------ */
/* Clipboard                                                                */

/* The text the display put on the clipboard: its own, local content. */
static char *
read_clipboard (GdkClipboard *clipboard)
{
  g_auto (GValue) value = G_VALUE_INIT;
  GdkContentProvider *provider = gdk_clipboard_get_content (clipboard);

  g_value_init (&value, G_TYPE_STRING);
  if (provider == NULL || !gdk_content_provider_get_value (provider, &value, NULL))
    return g_strdup ("");
  return g_value_dup_string (&value);
}

static void
test_clipboard (void)
{
  Fixture          fixture = { 0 };
  GdkClipboard    *clipboard;
  g_autofree char *text = NULL;
  g_autofree char *sent = NULL;

  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  focus_display (&fixture);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture.display));

  /* guest → desktop: RFB cut text is Latin-1 */
  hgr_rfb_server_send_cut_text (fixture.server, "caf\xe9 from the guest");
  HGR_TEST_WAIT_UNTIL ((g_free (text), text = read_clipboard (clipboard), g_str_equal (text, "café from the guest")));

  /* desktop → guest, while the console has the focus */
  gdk_clipboard_set_text (clipboard, "naïve text for the guest");
  HGR_TEST_WAIT_UNTIL ((g_free (sent), sent = hgr_rfb_server_dup_cut_text (fixture.server)) != NULL);
  g_assert_cmpstr (sent, ==, "na\xefve text for the guest");

  fixture_close (&fixture);
}

/* ------------------------------------------------------------------------ */
/* Sessions that end                                                        */

static void
test_server_disconnects (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  hgr_rfb_server_disconnect (fixture.server);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_DISCONNECTED);
  fixture_close (&fixture);
}

static void
test_server_sends_garbage (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  hgr_rfb_server_send_garbage (fixture.server);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_DISCONNECTED);
  g_assert_nonnull (strstr (hgr_vnc_display_get_error_message (fixture.display), "unknown message"));
  g_test_message ("error: %s", hgr_vnc_display_get_error_message (fixture.display));
  /* the old picture is not shown as if it were live, and nothing crashes on input */
  xdotool ("key a");
  fixture_close (&fixture);
}

static void
test_not_rfb (void)
{
  Fixture fixture = { 0 };
  int     fds[2];

  /* Something that is not a VNC server at all answers. */
  fixture.window = gtk_window_new ();
  fixture.display = HGR_VNC_DISPLAY (hgr_vnc_display_new ());
  gtk_window_set_child (GTK_WINDOW (fixture.window), GTK_WIDGET (fixture.display));
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM, 0, fds));
  g_assert_cmpint (write (fds[0], "HTTP/1.1 400 Bad Request\r\n\r\n", 28), ==, 28);
  hgr_vnc_display_open_fd (fixture.display, fds[1], HGR_VNC_LINK_LOCAL);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_FAILED);
  g_assert_nonnull (hgr_vnc_display_get_error_message (fixture.display));
  close (fds[0]);
  fixture_close (&fixture);
}

static void
test_password_refused (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture, 320, 240, HGR_RFB_SERVER_PASSWORD, 320, 240);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD);
  hgr_vnc_display_set_password (fixture.display, "wrong");
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_AUTH_FAILED);
  g_assert_cmpstr (hgr_vnc_display_get_error_message (fixture.display), ==, "Authentication failed");
  fixture_close (&fixture);
}

static void
test_close_and_reopen (void)
{
  Fixture       fixture = { 0 };
  HgrRfbServer *second;

  fixture_open (&fixture, 320, 240, 0, 320, 240);
  wait_for_picture (&fixture);
  hgr_vnc_display_close (fixture.display);
  g_assert_cmpint (hgr_vnc_display_get_state (fixture.display), ==, HGR_VNC_DISPLAY_STATE_CLOSED);
  g_assert_cmpint (hgr_vnc_display_get_guest_width (fixture.display), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_is_finished (fixture.server));

  /* The same widget opens the next session (a guest that rebooted). */
  second = hgr_rfb_server_new (160, 120, 0);
  hgr_vnc_display_open_fd (fixture.display, hgr_rfb_server_start (second), HGR_VNC_LINK_LOCAL);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_guest_width (fixture.display) == 160);
  HGR_TEST_WAIT_UNTIL (hgr_vnc_display_get_state (fixture.display) == HGR_VNC_DISPLAY_STATE_CONNECTED);
  fixture_close (&fixture);
  hgr_rfb_server_free (second);
}

static void
test_keymap_table (void)
{
  /* evdev 1–83 are their own set-1 code; the rest come from the table */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (1), ==, 0x01);
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (83), ==, 0x53);
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (99), ==, 0xb7);  /* Print */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (119), ==, 0xc6); /* Pause */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (113), ==, 0xa0); /* Mute */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (164), ==, 0xa2); /* Play/Pause */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (127), ==, 0xdd); /* Menu */
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (0), ==, 0);
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (84), ==, 0);
  g_assert_cmphex (hgr_vnc_keymap_evdev_to_qnum (100000), ==, 0);
  g_assert_cmphex (hgr_vnc_keymap_gdk_to_qnum (38), ==, 0x1e); /* X keycode of A */
  g_assert_cmphex (hgr_vnc_keymap_gdk_to_qnum (3), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() asks for en_US.UTF-8, which a bare machine lacks; in
   * plain C, GDK's X11 clipboard cannot convert "café" for other clients. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/vnc-display/keymap-table", test_keymap_table);
  g_test_add_func ("/vnc-display/fit", test_fit);
  g_test_add_func ("/vnc-display/one-to-one", test_one_to_one);
  g_test_add_func ("/vnc-display/server-resize", test_server_resize);
  g_test_add_func ("/vnc-display/resize-guest", test_resize_guest);
  g_test_add_func ("/vnc-display/keys/scancodes", test_keys_scancodes);
  g_test_add_func ("/vnc-display/keys/keysym-fallback", test_keys_keysym_fallback);
  g_test_add_func ("/vnc-display/keys/released-on-focus-out", test_keys_released_on_focus_out);
  g_test_add_func ("/vnc-display/keys/release-combination", test_release_combination);
  g_test_add_func ("/vnc-display/keys/before-window-shortcuts", test_keys_before_window_shortcuts);
  g_test_add_func ("/vnc-display/pointer/scaled", test_pointer_scaled);
  g_test_add_func ("/vnc-display/pointer/guest-cursor", test_guest_cursor);
  g_test_add_func ("/vnc-display/pointer/relative", test_pointer_relative);
  g_test_add_func ("/vnc-display/clipboard", test_clipboard);
  g_test_add_func ("/vnc-display/ends/server-disconnects", test_server_disconnects);
  g_test_add_func ("/vnc-display/ends/garbage", test_server_sends_garbage);
  g_test_add_func ("/vnc-display/ends/not-rfb", test_not_rfb);
  g_test_add_func ("/vnc-display/ends/password-refused", test_password_refused);
  g_test_add_func ("/vnc-display/close-and-reopen", test_close_and_reopen);

  return g_test_run ();
}
