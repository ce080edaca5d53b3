/* hgr-vnc-typing.h — text as the key presses that type it on a guest's keyboard layout
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest text typed at once. */
#define HGR_VNC_TYPING_MAX_CHARS 4096

typedef enum
{
  HGR_VNC_TYPING_LAYOUT_US,
  HGR_VNC_TYPING_LAYOUT_DE,
} HgrVncTypingLayout;

typedef enum
{
  HGR_VNC_TYPING_SHIFT = 1 << 0,
  HGR_VNC_TYPING_ALTGR = 1 << 1,
} HgrVncTypingModifiers;

/**
 * HgrVncTypedKey:
 * @qnum: the key's QEMU key number (scan code)
 * @modifiers: the modifiers held while it is pressed
 * @keyval: the keysym of the character, for servers without scan codes
 */
typedef struct
{
  guint16               qnum;
  HgrVncTypingModifiers modifiers;
  guint                 keyval;
} HgrVncTypedKey;

#define HGR_VNC_QNUM_SHIFT 0x2a
#define HGR_VNC_QNUM_ALTGR 0xb8

GArray *hgr_vnc_typing_plan (const char        *text,
                             HgrVncTypingLayout layout,
                             char             **unmapped,
                             GError           **error);

G_END_DECLS
