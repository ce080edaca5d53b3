/* hgr-vnc-tiles.c — HgrVncDisplay's picture as tiles: a small change costs a small upload
 *
 * The framebuffer is cut into square tiles (256², 128² for cairo). Each tile's
 * render node is kept from frame to frame until an update touches it, so
 * GTK sees the same node, repaints nothing there and keeps its texture on
 * the GPU. A tile lies between device-pixel edges, so seams are never
 * blended with what is below, in fit and 1:1, at any scale factor.
 *
 * Two kinds of node, for GTK 4.8's two renderers:
 * - GL (and any other): a GdkMemoryTexture over the tile's part of the
 *   framebuffer's bytes (no copy; uploaded once by the renderer). When an
 *   update touched most tiles (a whole new frame), one texture over the
 *   whole framebuffer is cheaper than many: it is drawn instead.
 * - cairo: GTK 4.8 draws a texture node by converting the whole texture
 *   through floats, every frame, for every node, inside the damage or not.
 *   A cairo node that paints the tile's part of the framebuffer's cairo
 *   surface costs, when drawn, only what lies inside the damage; it refers
 *   to the pixels and copies nothing.
 *
 * On X11 GTK's cairo renderer draws a 1920×1080 frame from plain memory
 * for ~36 ms of our CPU and ~29 ms of the X server's, and from an image
 * cairo-xlib made in memory shared with the X server (MIT-SHM) for ~5 and
 * ~2 ms (measured in a bare GTK program). So there the framebuffer is such
 * an image, as gtk-vnc's own widget has it; elsewhere (Wayland, GL, no
 * SHM) it is plain memory.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>
#if HGR_HAVE_CAIRO_XLIB
#include <cairo-xlib.h>
#include <gdk/x11/gdkx.h>
#endif

#include "hgr-vnc-display-private.h"
#include "hgr-vnc-display.h"

/* A widget coordinate moved to the nearest device pixel's edge. */
double
hgr_vnc_snap_to_device (int    scale_factor,
                        double coordinate)
{
  return round (coordinate * scale_factor) / scale_factor;
}

static void
drop_nodes (HgrVncDisplay *self)
{
  for (int i = 0; i < self->tiles_x * self->tiles_y; i++)
    g_clear_pointer (&self->tiles[i].node, gsk_render_node_unref);
  g_clear_pointer (&self->whole, gsk_render_node_unref);
}

static gboolean
draws_with_cairo (HgrVncDisplay *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));

  return native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
}

/* Marks a framebuffer surface over memory of our own (not shared). */
static cairo_user_data_key_t plain_pixels_key;

/* An image surface in memory shared with the X server, or NULL. */
static cairo_surface_t *
new_shared_surface (HgrVncDisplay *self,
                    int            width,
                    int            height)
{
#if HGR_HAVE_CAIRO_XLIB
  GdkDisplay      *display = gtk_widget_get_display (GTK_WIDGET (self));
  Display         *xdisplay;
  cairo_surface_t *root, *surface;

  if (!GDK_IS_X11_DISPLAY (display) || !draws_with_cairo (self))
    return NULL;
  xdisplay = gdk_x11_display_get_xdisplay (display);
  /* any drawable of the display will do: the root window is always there */
  root = cairo_xlib_surface_create (xdisplay, DefaultRootWindow (xdisplay), DefaultVisual (xdisplay, DefaultScreen (xdisplay)), 1, 1);
  surface = cairo_surface_create_similar_image (root, CAIRO_FORMAT_RGB24, width, height);
  cairo_surface_destroy (root);
  if (cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS &&
      cairo_image_surface_get_stride (surface) == width * 4)
    return surface;
  cairo_surface_destroy (surface);
#endif
  return NULL;
}

/* The framebuffer's pixels, zeroed, with self->surface over them: in
 * memory shared with the X server when GTK draws them with cairo on X11. */
GBytes *
hgr_vnc_display_new_pixels (HgrVncDisplay *self,
                            int            width,
                            int            height)
{
  gsize            size = (gsize) width * height * 4;
  cairo_surface_t *surface = new_shared_surface (self, width, height);
  guint8          *data;

  if (surface == NULL)
    {
      data = g_malloc0 (size);
      surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_RGB24, width, height, width * 4);
      cairo_surface_set_user_data (surface, &plain_pixels_key, data, g_free);
    }
  else
    {
      data = cairo_image_surface_get_data (surface);
      memset (data, 0, size);
    }
  /* RGB24: the fourth byte is not alpha to cairo, the picture is opaque */
  self->surface = surface;
  return g_bytes_new_with_free_func (data, size, (GDestroyNotify) cairo_surface_destroy, surface);
}

/**
 * hgr_vnc_display_get_pixels_shared_with_x:
 * @self: a display
 *
 * Returns: whether the framebuffer is in memory shared with the X server,
 *   as it is when GTK draws it with cairo on X11
 */
gboolean
hgr_vnc_display_get_pixels_shared_with_x (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), FALSE);

  return self->surface != NULL && cairo_surface_get_user_data (self->surface, &plain_pixels_key) == NULL;
}

/* The grid for the renderer that draws it, every tile to be made. */
static void
cut_tiles (HgrVncDisplay *self)
{
  int size = self->cairo_nodes ? HGR_VNC_CAIRO_TILE_SIZE : HGR_VNC_TILE_SIZE;

  hgr_vnc_display_free_tiles (self);
  self->tile_size = size;
  self->tiles_x = (self->fb_width + size - 1) / size;
  self->tiles_y = (self->fb_height + size - 1) / size;
  self->tiles = g_new0 (HgrVncTile, self->tiles_x * self->tiles_y);
  for (int i = 0; i < self->tiles_x * self->tiles_y; i++)
    self->tiles[i].damaged = TRUE;
  self->n_damaged = self->tiles_x * self->tiles_y;
}

/* A new framebuffer: every tile is to be made. */
void
hgr_vnc_display_make_tiles (HgrVncDisplay *self)
{
  self->cairo_nodes = draws_with_cairo (self);
  cut_tiles (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
hgr_vnc_display_free_tiles (HgrVncDisplay *self)
{
  if (self->tiles != NULL)
    drop_nodes (self);
  g_clear_pointer (&self->tiles, g_free);
  self->tiles_x = self->tiles_y = 0;
  self->n_damaged = 0;
}

/* libgvnc leaves the fourth byte of the pixels it writes 0: as GDK's
 * premultiplied pixels they would be transparent. For textures, an
 * update's pixels get an opaque alpha byte, so the picture needs nothing
 * drawn below it. (libgvnc tells of an update from an idle callback after
 * it decoded the pixels: a renderer that uploads a tile again in between,
 * as a new window does, shows those pixels transparent for one frame.)
 * Cairo reads the pixels as RGB24, without alpha: nothing to do. */
void
hgr_vnc_display_make_opaque (HgrVncDisplay *self,
                             int            x,
                             int            y,
                             int            width,
                             int            height)
{
  guint8 *data = (guint8 *) g_bytes_get_data (self->pixels, NULL);
  int     x0 = CLAMP (x, 0, self->fb_width), x1 = CLAMP (x + width, x0, self->fb_width);
  int     y0 = CLAMP (y, 0, self->fb_height), y1 = CLAMP (y + height, y0, self->fb_height);

  if (self->cairo_nodes)
    return;
  for (int row = y0; row < y1; row++)
    {
      guint32 *pixel = (guint32 *) (data + (gsize) row * self->fb_width * 4) + x0;

      for (int i = 0; i < x1 - x0; i++)
        pixel[i] |= GUINT32_TO_LE (0xff000000);
    }
}

/* An update changed these guest pixels: their tiles are made again. */
void
hgr_vnc_display_damage (HgrVncDisplay *self,
                        int            x,
                        int            y,
                        int            width,
                        int            height)
{
  int   size = self->tile_size;
  int   x0 = MAX (x, 0) / MAX (size, 1);
  int   y0 = MAX (y, 0) / MAX (size, 1);
  int   x1 = MIN ((MIN (x + width, self->fb_width) + size - 1) / MAX (size, 1), self->tiles_x);
  int   y1 = MIN ((MIN (y + height, self->fb_height) + size - 1) / MAX (size, 1), self->tiles_y);
  guint before = self->n_damaged;

  if (width <= 0 || height <= 0 || self->tiles == NULL)
    return;
  for (int ty = y0; ty < y1; ty++)
    for (int tx = x0; tx < x1; tx++)
      {
        HgrVncTile *tile = &self->tiles[ty * self->tiles_x + tx];

        g_clear_pointer (&tile->node, gsk_render_node_unref);
        if (!tile->damaged)
          {
            tile->damaged = TRUE;
            self->n_damaged++;
          }
      }
  g_clear_pointer (&self->whole, gsk_render_node_unref);
  if (before == 0 && self->n_damaged > 0)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Pixels (x, y, width, height) of the framebuffer as a texture: its bytes, not a copy. */
static GdkTexture *
texture_over (HgrVncDisplay *self,
              int            x,
              int            y,
              int            width,
              int            height)
{
  gsize stride = (gsize) self->fb_width * 4;
  g_autoptr (GBytes) bytes = g_bytes_new_from_bytes (self->pixels, y * stride + (gsize) x * 4,
                                                     (height - 1) * stride + (gsize) width * 4);

  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes, stride);
}

static GskRenderNode *
texture_node (HgrVncDisplay         *self,
              int                    x,
              int                    y,
              int                    width,
              int                    height,
              const graphene_rect_t *rect)
{
  g_autoptr (GdkTexture) texture = texture_over (self, x, y, width, height);

  return gsk_texture_node_new (texture, rect);
}

/* The cairo renderer's tile: a paint of the tile's part of the
 * framebuffer's surface. The node's recording refers to that surface
 * (cairo copies a source only when it is flushed or freed, which the
 * framebuffer's is not while it is shown); a tile's own sub-surface would
 * be copied as the tile is made. */
static GskRenderNode *
cairo_tile_node (HgrVncDisplay         *self,
                 int                    x,
                 int                    y,
                 int                    width,
                 int                    height,
                 const graphene_rect_t *rect)
{
  GskRenderNode   *node = gsk_cairo_node_new (rect);
  cairo_t         *cr = gsk_cairo_node_get_draw_context (node);
  cairo_pattern_t *pattern = cairo_pattern_create_for_surface (self->surface);
  int              scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  cairo_matrix_t   matrix;

  /* beyond the framebuffer's edges its edge pixels repeat, instead of fading to nothing */
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  /* Scaled down to no less than half, bilinear, as GTK's GL renderer
   * draws: cairo's default filter convolves, and took 34 ms of a 1920×1080
   * frame fitted into 1280×720 where bilinear takes 12. Below half,
   * bilinear would skip pixels and text would shimmer. (In device pixels:
   * at GDK_SCALE=2 a picture of half the logical size is 1:1.) */
  if (rect->size.width * scale >= width / 2.0 && rect->size.height * scale >= height / 2.0)
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_BILINEAR);
  cairo_matrix_init_translate (&matrix, x, y);
  cairo_matrix_scale (&matrix, width / rect->size.width, height / rect->size.height);
  cairo_matrix_translate (&matrix, -rect->origin.x, -rect->origin.y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_destroy (cr);
  return node;
}

void
hgr_vnc_display_snapshot_tiles (HgrVncDisplay         *self,
                                GtkSnapshot           *snapshot,
                                const graphene_rect_t *picture)
{
  int      scale_factor = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  gboolean cairo = draws_with_cairo (self);
  double   sx = picture->size.width / self->fb_width;
  double   sy = picture->size.height / self->fb_height;
  guint    n_tiles = self->tiles_x * self->tiles_y;

  /* another kind of renderer (the widget moved to another window): its
   * grid, and for textures the alpha cairo did not need */
  if (cairo != self->cairo_nodes)
    {
      self->cairo_nodes = cairo;
      cut_tiles (self);
      hgr_vnc_display_make_opaque (self, 0, 0, self->fb_width, self->fb_height);
      n_tiles = self->tiles_x * self->tiles_y;
    }
  if (self->n_damaged > 0)
    self->frames_painted++;

  /* Most of the screen is new: one texture for it all (not for cairo,
   * whose tiles copy what a texture would convert). */
  if (!cairo && self->n_damaged > n_tiles / 2)
    {
      graphene_rect_t rect;

      rect.origin = picture->origin;
      rect.size.width = hgr_vnc_snap_to_device (scale_factor, picture->origin.x + picture->size.width) - rect.origin.x;
      rect.size.height = hgr_vnc_snap_to_device (scale_factor, picture->origin.y + picture->size.height) -
                         rect.origin.y;
      if (self->whole == NULL || !graphene_rect_equal (&rect, &self->whole_rect))
        {
          g_clear_pointer (&self->whole, gsk_render_node_unref);
          self->whole = texture_node (self, 0, 0, self->fb_width, self->fb_height, &rect);
          self->whole_rect = rect;
        }
      /* the tiles are made again when only some change */
      for (guint i = 0; i < n_tiles; i++)
        {
          g_clear_pointer (&self->tiles[i].node, gsk_render_node_unref);
          self->tiles[i].damaged = FALSE;
        }
      self->n_damaged = 0;
      gtk_snapshot_append_node (snapshot, self->whole);
      return;
    }

  for (int ty = 0; ty < self->tiles_y; ty++)
    {
      int    y = ty * self->tile_size;
      int    height = MIN (self->tile_size, self->fb_height - y);
      double y0 = hgr_vnc_snap_to_device (scale_factor, picture->origin.y + y * sy);
      double y1 = hgr_vnc_snap_to_device (scale_factor, picture->origin.y + (y + height) * sy);

      for (int tx = 0; tx < self->tiles_x; tx++)
        {
          HgrVncTile     *tile = &self->tiles[ty * self->tiles_x + tx];
          int             x = tx * self->tile_size;
          int             width = MIN (self->tile_size, self->fb_width - x);
          double          x0 = hgr_vnc_snap_to_device (scale_factor, picture->origin.x + x * sx);
          double          x1 = hgr_vnc_snap_to_device (scale_factor, picture->origin.x + (x + width) * sx);
          graphene_rect_t rect = GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);

          if (tile->node == NULL || !graphene_rect_equal (&rect, &tile->rect))
            {
              g_clear_pointer (&tile->node, gsk_render_node_unref);
              tile->node = cairo ? cairo_tile_node (self, x, y, width, height, &rect)
                                 : texture_node (self, x, y, width, height, &rect);
              tile->rect = rect;
              self->tiles_made++;
            }
          tile->damaged = FALSE;
          gtk_snapshot_append_node (snapshot, tile->node);
        }
    }
  self->n_damaged = 0;
}
