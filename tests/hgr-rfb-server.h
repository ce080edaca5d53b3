/* hgr-rfb-server.h — a small RFB 3.8 server for testing the console
 *
 * It serves a known picture in raw encoding, announces the desktop-size,
 * pointer-change and QEMU extended-key-event pseudo-encodings, and records
 * what the client sends. It runs in its own thread with blocking I/O, so the
 * test's main loop is free to run the client.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _HgrRfbServer HgrRfbServer;

typedef enum
{
  HGR_RFB_EVENT_KEY,     /* keysym only (RFB KeyEvent) */
  HGR_RFB_EVENT_EXT_KEY, /* QEMU extended key event: keysym and key number */
  HGR_RFB_EVENT_POINTER,
} HgrRfbEventKind;

typedef struct
{
  HgrRfbEventKind kind;
  gboolean        down;
  guint32         keysym;
  guint32         qnum;
  guint8          buttons;
  guint16         x;
  guint16         y;
} HgrRfbEvent;

typedef enum
{
  HGR_RFB_SERVER_EXT_KEY = 1 << 0,          /* announce QEMU extended key events */
  HGR_RFB_SERVER_ABSOLUTE_POINTER = 1 << 1, /* announce an absolute pointer (a tablet) */
  HGR_RFB_SERVER_STREAM = 1 << 2,           /* answer every request with a whole new frame */
  HGR_RFB_SERVER_PASSWORD = 1 << 3,         /* offer VNC authentication only, refuse it */
  HGR_RFB_SERVER_CURSOR = 1 << 4,           /* send an 8×8 cursor, hot spot (2, 3) */
  HGR_RFB_SERVER_RESIZABLE = 1 << 5,        /* ExtendedDesktopSize: the client may set the size */
  HGR_RFB_SERVER_PARTIAL = 1 << 6,          /* after a whole frame, one 640×360 rectangle per request,
                                             * walking over the screen, at most 60 a second */
} HgrRfbServerFlags;

HgrRfbServer *hgr_rfb_server_new (int               width,
                                  int               height,
                                  HgrRfbServerFlags flags);
int           hgr_rfb_server_start (HgrRfbServer *self);
void          hgr_rfb_server_start_on_fd (HgrRfbServer *self,
                                          int           fd);
void          hgr_rfb_server_free (HgrRfbServer *self);

guint32 hgr_rfb_server_pixel (int x,
                              int y,
                              int width,
                              int height);

void hgr_rfb_server_resize (HgrRfbServer *self,
                            int           width,
                            int           height);
void hgr_rfb_server_fill (HgrRfbServer *self,
                          int           x,
                          int           y,
                          int           width,
                          int           height,
                          guint32       rgb);
void hgr_rfb_server_send_cut_text (HgrRfbServer *self,
                                   const char   *latin1);
void hgr_rfb_server_send_garbage (HgrRfbServer *self);
void hgr_rfb_server_disconnect (HgrRfbServer *self);

GArray  *hgr_rfb_server_take_events (HgrRfbServer *self);
char    *hgr_rfb_server_dup_cut_text (HgrRfbServer *self);
guint64  hgr_rfb_server_get_frames_sent (HgrRfbServer *self);
gboolean hgr_rfb_server_is_finished (HgrRfbServer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrRfbServer, hgr_rfb_server_free)

G_END_DECLS
