/* hgr-vnc-display-private.h — HgrVncDisplay's struct, shared by its files
 *
 * HgrVncDisplay is one type in six files: hgr-vnc-display.c (the widget:
 * geometry, drawing, properties), hgr-vnc-events.c (keyboard, focus and
 * pointer events), hgr-vnc-session.c (the
 * libgvnc connection: opening, authentication, updates, closing),
 * hgr-vnc-clipboard.c (clipboard text both ways), hgr-vnc-type-text.c
 * (Type Clipboard: text typed as key presses) and hgr-vnc-tiles.c (the
 * picture as tiles that cost only when they change). The keyboard and button
 * state is an HgrVncInput of its own.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gvnc.h>

#include "hgr-vnc-display.h"
#include "hgr-vnc-input.h"

G_BEGIN_DECLS

/* Big enough for few textures on a large screen, small enough that a
 * window-sized change re-uploads little beside it. */
#define HGR_VNC_TILE_SIZE 256
/* GTK 4.8's cairo renderer redraws the bounding box of what changed, and
 * every tile that changed whole: small tiles keep that near the change (a
 * 640×360 rectangle redraws ~1.3 times its area at 64, ~1.6 at 128, ~2.4
 * at 256). But it draws every tile in every frame, changed or not: at 64
 * the 510 tiles of 1920×1080 cost more than the pixels they save (the
 * walking-rectangle benchmark: 2.2 ms per update at 64, 1.96 at 128). */
#define HGR_VNC_CAIRO_TILE_SIZE 128

/* One tile of the picture: its node, where it was drawn, whether an update
 * touched it since. */
typedef struct
{
  GskRenderNode  *node;
  graphene_rect_t rect;
  gboolean        damaged;
} HgrVncTile;

struct _HgrVncDisplay
{
  GtkWidget parent_instance;

  VncConnection     *connection;
  HgrVncDisplayState state;
  char              *error_message;
  char              *password;

  /* The framebuffer libgvnc draws into: 32-bit pixels, B G R A in memory,
   * A made 0xff as updates come when drawn as textures (libgvnc writes 0
   * there; cairo reads RGB24). It is drawn as square tiles, each a render
   * node kept until an update touches it (hgr-vnc-tiles.c). */
  GBytes             *pixels;
  cairo_surface_t    *surface; /* the same pixels, for cairo (the bytes own it) */
  VncBaseFramebuffer *framebuffer;
  int                 fb_width;
  int                 fb_height;
  HgrVncTile         *tiles;
  int                 tile_size; /* HGR_VNC_TILE_SIZE, or HGR_VNC_CAIRO_TILE_SIZE for cairo */
  int                 tiles_x;
  int                 tiles_y;
  guint               n_damaged;   /* tiles an update touched since the last frame */
  gboolean            cairo_nodes; /* the tiles are drawn for GTK's cairo renderer */
  GskRenderNode      *whole;       /* one texture, when most of the screen changed */
  graphene_rect_t     whole_rect;
  guint64             frames_received;
  guint64             frames_painted;
  guint64             tiles_made;

  gboolean scale_to_fit;
  gboolean resize_guest;
  guint    resize_source;
  gboolean grab_keyboard;
  gboolean shortcuts_inhibited;
  gboolean absolute_pointer;

  HgrVncInput *input; /* keys down, the release combination, buttons, wheel steps */

  double last_x;
  double last_y;

  GdkCursor          *guest_cursor;
  GdkClipboard       *clipboard;
  char               *last_server_text;
  GCancellable       *clipboard_cancellable;
  GtkWidget          *root;      /* watched for losing focus */
  GtkEventController *root_keys; /* on the root: keys before its shortcuts */
};

/* hgr-vnc-display.c */
void     hgr_vnc_display_set_state (HgrVncDisplay     *self,
                                    HgrVncDisplayState state,
                                    const char        *error_message);
gboolean hgr_vnc_display_is_connected (HgrVncDisplay *self);
void     hgr_vnc_display_setup_framebuffer (HgrVncDisplay *self);
void     hgr_vnc_display_free_framebuffer (HgrVncDisplay *self);
void     hgr_vnc_display_set_absolute_pointer (HgrVncDisplay *self,
                                               gboolean       absolute,
                                               gboolean       always);
void     hgr_vnc_display_emit_release_requested (HgrVncDisplay *self);
void     hgr_vnc_display_emit_type_clipboard_requested (HgrVncDisplay *self);
gboolean hgr_vnc_display_get_picture_rect (HgrVncDisplay   *self,
                                           graphene_rect_t *rect);

/* hgr-vnc-tiles.c */
double  hgr_vnc_snap_to_device (int    scale_factor,
                                double coordinate);
GBytes *hgr_vnc_display_new_pixels (HgrVncDisplay *self,
                                    int            width,
                                    int            height);
void    hgr_vnc_display_make_tiles (HgrVncDisplay *self);
void    hgr_vnc_display_free_tiles (HgrVncDisplay *self);
void    hgr_vnc_display_make_opaque (HgrVncDisplay *self,
                                     int            x,
                                     int            y,
                                     int            width,
                                     int            height);
void    hgr_vnc_display_damage (HgrVncDisplay *self,
                                int            x,
                                int            y,
                                int            width,
                                int            height);
void    hgr_vnc_display_snapshot_tiles (HgrVncDisplay         *self,
                                        GtkSnapshot           *snapshot,
                                        const graphene_rect_t *picture);

/* hgr-vnc-events.c */
void hgr_vnc_display_add_input_controllers (HgrVncDisplay *self);
void hgr_vnc_display_watch_root (HgrVncDisplay *self,
                                 GtkWidget     *root);
void hgr_vnc_display_unwatch_root (HgrVncDisplay *self);
void hgr_vnc_display_update_shortcut_inhibition (HgrVncDisplay *self);
void hgr_vnc_display_send_key_cb (gboolean down,
                                  guint    keyval,
                                  guint16  qnum,
                                  gpointer user_data);

/* hgr-vnc-session.c */
void hgr_vnc_display_drop_connection (HgrVncDisplay *self);

/* hgr-vnc-clipboard.c */
gboolean hgr_vnc_display_dup_local_clipboard_text (HgrVncDisplay *self,
                                                   char         **text);
void     hgr_vnc_display_send_clipboard (HgrVncDisplay *self);
void     hgr_vnc_display_clipboard_changed_cb (GdkClipboard  *clipboard,
                                               HgrVncDisplay *self);
void     hgr_vnc_display_server_cut_text_cb (VncConnection *connection,
                                             const char    *text,
                                             HgrVncDisplay *self);

G_END_DECLS
