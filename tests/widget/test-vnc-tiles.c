/* test-vnc-tiles.c — the console's picture as tiles: a small change re-makes only its tiles, seams are exact
 *
 * Runs three times (tests/widget/meson.build): with GTK's cairo renderer
 * (tiles are cairo nodes), on a HiDPI screen (GDK_SCALE=2), and with the GL
 * renderer (tiles are textures). Pixels are read in device pixels.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "hgr-vnc-fixture.h"

#define GUEST_WIDTH  1024
#define GUEST_HEIGHT 768

static int
screen_scale (void)
{
  GtkWidget *probe = gtk_window_new ();
  int        scale;

  gtk_window_present (GTK_WINDOW (probe));
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_realized (probe));
  scale = gtk_widget_get_scale_factor (probe);
  gtk_window_destroy (GTK_WINDOW (probe));
  return scale;
}

static guint64
tiles_made (Fixture *fixture)
{
  guint64 made = 0;

  hgr_vnc_display_get_tile_counts (fixture->display, NULL, &made);
  return made;
}

/* How the widget draws the middle of guest rectangle (x, y, width,
 * height) now, 0xAARRGGBB: a device pixel showing a guest pixel at most one
 * away from the middle and inside (at a scale below 1 not every guest pixel
 * has a device pixel of its own). In device pixels: tiles end on them, so
 * at 1 where the screen has 2 a seam would cover half a pixel twice. */
static guint32
drawn_middle (Fixture *fixture,
              int      x,
              int      y,
              int      width,
              int      height)
{
  int     scale = gtk_widget_get_scale_factor (GTK_WIDGET (fixture->display));
  Picture picture = render_scaled (GTK_WIDGET (fixture->display), scale);
  int     mx = x + width / 2, my = y + height / 2;
  guint32 argb = 0;

  for (int dy = 0; dy < picture.height && argb == 0; dy++)
    for (int dx = 0; dx < picture.width && argb == 0; dx++)
      {
        const guint8 *p = picture.data + ((gsize) dy * picture.width + dx) * 4;
        int           gx, gy;

        if (hgr_vnc_display_widget_to_guest (fixture->display, (dx + 0.5) / scale, (dy + 0.5) / scale, &gx, &gy) &&
            ABS (gx - mx) <= 1 &&
            ABS (gy - my) <= 1 && gx >= x && gx < x + width && gy >= y && gy < y + height)
          argb = ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | (p[1] << 8) | p[0];
      }
  g_free (picture.data);
  return argb;
}

/* Until the display was told of every update the server sent, and no
 * other came for a while: what a fill leaves is all in. */
static void
wait_quiet (Fixture *fixture)
{
  guint64 received = 0, before;
  gint64  until;

  do
    {
      HGR_TEST_WAIT_UNTIL ((hgr_vnc_display_get_frame_counts (fixture->display, &received, NULL),
                            received == hgr_rfb_server_get_frames_sent (fixture->server)));
      before = received;
      until = g_get_monotonic_time () + 50 * 1000;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      hgr_vnc_display_get_frame_counts (fixture->display, &received, NULL);
    }
  while (received != before || received != hgr_rfb_server_get_frames_sent (fixture->server));
}

/* Paints a rectangle on the server and waits until the widget draws it,
 * opaque in its colour, and the display was told of every update (libgvnc
 * decodes into the framebuffer first, then tells from an idle callback). */
static void
fill (Fixture *fixture,
      int      x,
      int      y,
      int      width,
      int      height,
      guint32  rgb)
{
  hgr_rfb_server_fill (fixture->server, x, y, width, height, rgb);
  HGR_TEST_WAIT_UNTIL (drawn_middle (fixture, x, y, width, height) == (0xff000000 | rgb));
  wait_quiet (fixture);
}

/* Renders the widget as the next frame would draw it, and forgets the pixels. */
static void
draw_frame (Fixture *fixture)
{
  Picture picture = render (GTK_WIDGET (fixture->display));

  g_free (picture.data);
}

static void
test_small_update (void)
{
  Fixture fixture = { 0 };
  guint   n_tiles = 0;
  int     tile;
  guint64 made;
  Picture picture;

  fixture_open (&fixture, GUEST_WIDTH, GUEST_HEIGHT, 0, 512, 384);
  wait_for_picture (&fixture);
  draw_frame (&fixture);
  /* 256² tiles for textures, 128² for cairo (hgr-vnc-display-private.h);
   * for cairo on X11 the pixels in memory the X server reads in place
   * (Xvfb has MIT-SHM), which made a whole frame 6 times cheaper */
  tile = hgr_vnc_display_get_tile_size (fixture.display);
  g_assert_cmpint (tile, ==, g_str_equal (g_getenv ("GSK_RENDERER"), "cairo") ? 128 : 256);
  g_assert_cmpint (hgr_vnc_display_get_pixels_shared_with_x (fixture.display), ==,
                   g_str_equal (g_getenv ("GSK_RENDERER"), "cairo"));
  hgr_vnc_display_get_tile_counts (fixture.display, &n_tiles, NULL);
  g_assert_cmpuint (n_tiles, ==, (GUEST_WIDTH / tile) * (GUEST_HEIGHT / tile));
  /* (The first frame may be one texture for the whole screen, and the
   * tiles made at the first small change.) */
  fill (&fixture, 0, 0, 4, 4, 0x0000ff);
  draw_frame (&fixture);
  made = tiles_made (&fixture);

  /* inside one tile: that tile */
  fill (&fixture, 10, 10, 50, 50, 0x123456);
  draw_frame (&fixture);
  g_assert_cmpuint (tiles_made (&fixture), ==, made + 1);
  /* over a corner of four: those four */
  fill (&fixture, tile - 10, tile - 10, 20, 20, 0x654321);
  draw_frame (&fixture);
  g_assert_cmpuint (tiles_made (&fixture), ==, made + 5);
  /* the last tile column and row (partly outside: clipped by the server) */
  fill (&fixture, GUEST_WIDTH - 8, GUEST_HEIGHT - 8, 8, 8, 0xabcdef);
  draw_frame (&fixture);
  g_assert_cmpuint (tiles_made (&fixture), ==, made + 6);
  /* nothing changed: nothing is made, however often it is drawn */
  draw_frame (&fixture);
  draw_frame (&fixture);
  g_assert_cmpuint (tiles_made (&fixture), ==, made + 6);

  /* and the picture shows the changes (fit: half size) */
  picture = render (GTK_WIDGET (fixture.display));
  assert_rgb (&picture, 17, 17, 0x123456);
  assert_rgb (&picture, tile / 2, tile / 2, 0x654321);
  assert_rgb (&picture, 510, 382, 0xabcdef);
  assert_rgb (&picture, 100, 100, 0xff0000); /* untouched */
  g_free (picture.data);

  fixture_close (&fixture);
}

/* Every device pixel whose centre shows guest pixel (gx, gy) with
 * inside (gx, gy) true has the colour expected (gx, gy). */
typedef gboolean (*InsideFunc) (int gx,
                                int gy);
typedef guint32 (*ExpectFunc) (int gx,
                               int gy);

static guint
check_pixels (Fixture   *fixture,
              int        scale,
              InsideFunc inside,
              ExpectFunc expect,
              guint     *wrong)
{
  Picture picture = render_scaled (GTK_WIDGET (fixture->display), scale);
  guint   checked = 0;

  *wrong = 0;
  for (int dy = 0; dy < picture.height; dy++)
    for (int dx = 0; dx < picture.width; dx++)
      {
        const guint8 *p = picture.data + ((gsize) dy * picture.width + dx) * 4;
        guint32       rgb = ((guint32) p[2] << 16) | (p[1] << 8) | p[0];
        int           gx, gy;

        if (!hgr_vnc_display_widget_to_guest (fixture->display, (dx + 0.5) / scale, (dy + 0.5) / scale, &gx, &gy) ||
            !inside (gx, gy))
          continue;

        /* (a renderer that uploads again sees pixels libgvnc decoded and
         * has not yet told of as transparent: wrong until the update) */
        if (rgb != expect (gx, gy) || p[3] != 0xff)
          {
            if (*wrong == 0)
              g_test_message ("device pixel (%d, %d), guest pixel (%d, %d): %06x alpha %02x, expected %06x", dx, dy,
                              gx, gy, rgb, p[3], expect (gx, gy));
            (*wrong)++;
          }
        checked++;
      }
  if (*wrong > 0 && g_getenv ("HGR_TEST_SAVE_PICTURE") != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (picture.data, (gsize) picture.width * picture.height * 4);
      g_autoptr (GdkTexture) texture = gdk_memory_texture_new (picture.width, picture.height,
                                                               GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes,
                                                               picture.width * 4);

      gdk_texture_save_to_png (texture, g_getenv ("HGR_TEST_SAVE_PICTURE"));
    }
  g_free (picture.data);
  return checked;
}

/* A uniform square over the seams at 256, less the 2 pixels at its edge that
 * scaling blends with what is around it. */
static gboolean
inside_square (int gx,
               int gy)
{
  return gx >= 130 && gx < 510 && gy >= 130 && gy < 510;
}

static guint32
square_colour (int gx,
               int gy)
{
  return 0x336699;
}

static void
test_seams_fit (void)
{
  Fixture fixture = { 0 };
  int     scale = screen_scale ();
  guint   checked, wrong;

  /* 1024×768 into 700×500: a scale of 0.651, tile edges between pixels */
  fixture_open (&fixture, GUEST_WIDTH, GUEST_HEIGHT, 0, 700, 500);
  wait_for_picture (&fixture);
  fill (&fixture, 128, 128, 384, 384, 0x336699);
  checked = check_pixels (&fixture, scale, inside_square, square_colour, &wrong);
  g_assert_cmpuint (wrong, ==, 0);
  g_test_message ("%u device pixels checked at scale %d", checked, scale);
  g_assert_cmpuint (checked, >, 200 * 200 * scale * scale);

  fixture_close (&fixture);
}

/* 1:1: each guest pixel around the seams at (256, 256) different, each
 * device pixel exactly its guest pixel. */
#define SEAM_FROM 248
#define SEAM_TO   264

static guint32
seam_colour (int gx,
             int gy)
{
  return ((guint32) (gx & 0xff) << 16) | ((guint32) (gy & 0xff) << 8) | 0x80;
}

static gboolean
inside_seams (int gx,
              int gy)
{
  return gx >= SEAM_FROM && gx < SEAM_TO && gy >= SEAM_FROM && gy < SEAM_TO;
}

static void
test_seams_one_to_one (void)
{
  Fixture fixture = { 0 };
  int     scale = screen_scale ();
  guint   checked = 0, wrong = 1;

  /* the picture's size in logical pixels, and an odd margin to centre it in */
  fixture_open (&fixture, GUEST_WIDTH, GUEST_HEIGHT, 0, GUEST_WIDTH / scale + 7, GUEST_HEIGHT / scale + 5);
  hgr_vnc_display_set_scale_to_fit (fixture.display, FALSE);
  wait_for_picture (&fixture);
  for (int gy = SEAM_FROM; gy < SEAM_TO; gy++)
    for (int gx = SEAM_FROM; gx < SEAM_TO; gx++)
      hgr_rfb_server_fill (fixture.server, gx, gy, 1, 1, seam_colour (gx, gy));
  /* the fills may come in more than one update */
  HGR_TEST_WAIT_UNTIL ((checked = check_pixels (&fixture, scale, inside_seams, seam_colour, &wrong), wrong == 0));
  /* 1:1 is one guest pixel per device pixel: each checked once */
  g_assert_cmpuint (checked, ==, (SEAM_TO - SEAM_FROM) * (SEAM_TO - SEAM_FROM));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() asks for en_US.UTF-8, which a bare machine lacks. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/vnc-tiles/small-update", test_small_update);
  g_test_add_func ("/vnc-tiles/seams-fit", test_seams_fit);
  g_test_add_func ("/vnc-tiles/seams-one-to-one", test_seams_one_to_one);
  return g_test_run ();
}
