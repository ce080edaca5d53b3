/* hgr-vnc-input.h — what the guest was told of the keyboard and the pointer buttons
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

G_BEGIN_DECLS

#define HGR_TYPE_VNC_INPUT (hgr_vnc_input_get_type ())

G_DECLARE_FINAL_TYPE (HgrVncInput, hgr_vnc_input, HGR, VNC_INPUT, GObject)

/* RFB pointer button mask bits (RFC 6143 §7.5.5, QEMU's extra buttons). */
#define HGR_VNC_BUTTON_LEFT        (1 << 0)
#define HGR_VNC_BUTTON_MIDDLE      (1 << 1)
#define HGR_VNC_BUTTON_RIGHT       (1 << 2)
#define HGR_VNC_BUTTON_WHEEL_UP    (1 << 3)
#define HGR_VNC_BUTTON_WHEEL_DOWN  (1 << 4)
#define HGR_VNC_BUTTON_WHEEL_LEFT  (1 << 5)
#define HGR_VNC_BUTTON_WHEEL_RIGHT (1 << 6)
#define HGR_VNC_BUTTON_SIDE        (1 << 7)

/**
 * HgrVncKeyFunc:
 * @down: pressed or released
 * @keyval: the keysym
 * @qnum: QEMU's key number, 0 when unknown
 * @user_data: the function's data
 *
 * Sends one key event to the guest.
 */
typedef void (*HgrVncKeyFunc) (gboolean down,
                               guint    keyval,
                               guint16  qnum,
                               gpointer user_data);

HgrVncInput    *hgr_vnc_input_new (HgrVncKeyFunc func,
                                   gpointer      user_data);
GdkModifierType hgr_vnc_input_get_release_modifiers (HgrVncInput *self);
void            hgr_vnc_input_set_release_modifiers (HgrVncInput    *self,
                                                     GdkModifierType modifiers);
void            hgr_vnc_input_key (HgrVncInput *self,
                                   gboolean     down,
                                   guint        keyval,
                                   guint16      qnum);
void            hgr_vnc_input_press (HgrVncInput    *self,
                                     guint           keyval,
                                     guint16         qnum,
                                     GdkModifierType state);
gboolean        hgr_vnc_input_release (HgrVncInput *self,
                                       guint        keyval,
                                       guint16      qnum);
void            hgr_vnc_input_release_all (HgrVncInput *self);
void            hgr_vnc_input_reset (HgrVncInput *self);
guint8          hgr_vnc_input_get_button_mask (HgrVncInput *self);
guint8          hgr_vnc_input_button (HgrVncInput *self,
                                      guint        button,
                                      gboolean     pressed);
guint           hgr_vnc_input_scroll (HgrVncInput *self,
                                      double       dx,
                                      double       dy,
                                      guint8      *clicks,
                                      guint        n_clicks);

G_END_DECLS
