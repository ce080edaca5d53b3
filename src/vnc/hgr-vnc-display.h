/* hgr-vnc-display.h — a guest's screen, keyboard and pointer over VNC (libgvnc)
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hgr-vnc-enum-types.h"
#include "hgr-vnc-enums.h"
#include "hgr-vnc-typing.h"

G_BEGIN_DECLS

#define HGR_TYPE_VNC_DISPLAY (hgr_vnc_display_get_type ())

G_DECLARE_FINAL_TYPE (HgrVncDisplay, hgr_vnc_display, HGR, VNC_DISPLAY, GtkWidget)

/**
 * HgrVncKey:
 * @keyval: the keysym sent to servers without QEMU's extended key events
 * @qnum: the QEMU key number (scan code)
 */
typedef struct
{
  guint   keyval;
  guint16 qnum;
} HgrVncKey;

GtkWidget *hgr_vnc_display_new (void);

void hgr_vnc_display_open_fd (HgrVncDisplay *self,
                              int            fd,
                              HgrVncLink     link);
void hgr_vnc_display_close (HgrVncDisplay *self);
void hgr_vnc_display_set_password (HgrVncDisplay *self,
                                   const char    *password);

HgrVncDisplayState hgr_vnc_display_get_state (HgrVncDisplay *self);
const char        *hgr_vnc_display_get_error_message (HgrVncDisplay *self);
int                hgr_vnc_display_get_guest_width (HgrVncDisplay *self);
int                hgr_vnc_display_get_guest_height (HgrVncDisplay *self);
gboolean           hgr_vnc_display_get_absolute_pointer (HgrVncDisplay *self);

gboolean        hgr_vnc_display_get_scale_to_fit (HgrVncDisplay *self);
void            hgr_vnc_display_set_scale_to_fit (HgrVncDisplay *self,
                                                  gboolean       scale_to_fit);
gboolean        hgr_vnc_display_get_resize_guest (HgrVncDisplay *self);
void            hgr_vnc_display_set_resize_guest (HgrVncDisplay *self,
                                                  gboolean       resize_guest);
gboolean        hgr_vnc_display_get_grab_keyboard (HgrVncDisplay *self);
void            hgr_vnc_display_set_grab_keyboard (HgrVncDisplay *self,
                                                   gboolean       grab_keyboard);
GdkModifierType hgr_vnc_display_get_release_modifiers (HgrVncDisplay *self);
void            hgr_vnc_display_set_release_modifiers (HgrVncDisplay  *self,
                                                       GdkModifierType modifiers);

void        hgr_vnc_display_send_keys (HgrVncDisplay   *self,
                                       const HgrVncKey *keys,
                                       gsize            n_keys);
void        hgr_vnc_display_type_text_async (HgrVncDisplay      *self,
                                             const char         *text,
                                             HgrVncTypingLayout  layout,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
void        hgr_vnc_display_type_clipboard_async (HgrVncDisplay      *self,
                                                  HgrVncTypingLayout  layout,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gssize      hgr_vnc_display_type_text_finish (HgrVncDisplay *self,
                                              GAsyncResult  *result,
                                              GError       **error);
GdkTexture *hgr_vnc_display_get_screenshot (HgrVncDisplay *self);
gboolean    hgr_vnc_display_widget_to_guest (HgrVncDisplay *self,
                                             double         x,
                                             double         y,
                                             int           *guest_x,
                                             int           *guest_y);
void        hgr_vnc_display_get_frame_counts (HgrVncDisplay *self,
                                              guint64       *received,
                                              guint64       *painted);
gboolean    hgr_vnc_display_get_pixels_shared_with_x (HgrVncDisplay *self);
int         hgr_vnc_display_get_tile_size (HgrVncDisplay *self);
void        hgr_vnc_display_get_tile_counts (HgrVncDisplay *self,
                                             guint         *n_tiles,
                                             guint64       *made);

G_END_DECLS
