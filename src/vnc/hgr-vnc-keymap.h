/* hgr-vnc-keymap.h — from the keys of the user's keyboard to QEMU key numbers
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint16 hgr_vnc_keymap_evdev_to_qnum (guint evdev_code);
guint16 hgr_vnc_keymap_gdk_to_qnum (guint hardware_keycode);

G_END_DECLS
