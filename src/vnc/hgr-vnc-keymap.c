/* hgr-vnc-keymap.c — from the keys of the user's keyboard to QEMU key numbers
 *
 * QEMU's extended key event carries a "QEMU key number" (qnum): the PC/XT
 * scan code set 1, with 0x80 added for the keys that send an 0xE0 prefix.
 * Sending it instead of a keysym lets the guest apply its own layout, so the
 * guest sees the key that was pressed whatever the client's layout is.
 *
 * The numbers below are those of libvirt's virkeycode-qnum(7) and
 * virkeycode-linux(7) tables (both generated from keycodemapdb). Linux evdev
 * codes 1–83 (Esc … keypad dot) are the same number in set 1, so only the
 * others need a table. Print Screen is sent as E0 37 (0xb7), the code a PC
 * keyboard sends for the key pressed alone; 0x54 is SysRq, Alt+Print.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "hgr-vnc-keymap.h"

/* X11 and Wayland both number keys as evdev code + 8. */
#define EVDEV_OFFSET 8

static const guint16 evdev_to_qnum[256] = {
  [85] = 0x76,  /* KEY_ZENKAKUHANKAKU */
  [86] = 0x56,  /* KEY_102ND */
  [87] = 0x57,  /* KEY_F11 */
  [88] = 0x58,  /* KEY_F12 */
  [89] = 0x73,  /* KEY_RO */
  [90] = 0x78,  /* KEY_KATAKANA */
  [91] = 0x77,  /* KEY_HIRAGANA */
  [92] = 0x79,  /* KEY_HENKAN */
  [93] = 0x70,  /* KEY_KATAKANAHIRAGANA */
  [94] = 0x7b,  /* KEY_MUHENKAN */
  [95] = 0x5c,  /* KEY_KPJPCOMMA */
  [96] = 0x9c,  /* KEY_KPENTER */
  [97] = 0x9d,  /* KEY_RIGHTCTRL */
  [98] = 0xb5,  /* KEY_KPSLASH */
  [99] = 0xb7,  /* KEY_SYSRQ */
  [100] = 0xb8, /* KEY_RIGHTALT */
  [101] = 0x5b, /* KEY_LINEFEED */
  [102] = 0xc7, /* KEY_HOME */
  [103] = 0xc8, /* KEY_UP */
  [104] = 0xc9, /* KEY_PAGEUP */
  [105] = 0xcb, /* KEY_LEFT */
  [106] = 0xcd, /* KEY_RIGHT */
  [107] = 0xcf, /* KEY_END */
  [108] = 0xd0, /* KEY_DOWN */
  [109] = 0xd1, /* KEY_PAGEDOWN */
  [110] = 0xd2, /* KEY_INSERT */
  [111] = 0xd3, /* KEY_DELETE */
  [112] = 0xef, /* KEY_MACRO */
  [113] = 0xa0, /* KEY_MUTE */
  [114] = 0xae, /* KEY_VOLUMEDOWN */
  [115] = 0xb0, /* KEY_VOLUMEUP */
  [116] = 0xde, /* KEY_POWER */
  [117] = 0x59, /* KEY_KPEQUAL */
  [118] = 0xce, /* KEY_KPPLUSMINUS */
  [119] = 0xc6, /* KEY_PAUSE */
  [120] = 0x8b, /* KEY_SCALE */
  [121] = 0x7e, /* KEY_KPCOMMA */
  [122] = 0x72, /* KEY_HANGEUL */
  [123] = 0x71, /* KEY_HANJA */
  [124] = 0x7d, /* KEY_YEN */
  [125] = 0xdb, /* KEY_LEFTMETA */
  [126] = 0xdc, /* KEY_RIGHTMETA */
  [127] = 0xdd, /* KEY_COMPOSE */
  [128] = 0xe8, /* KEY_STOP */
  [129] = 0x85, /* KEY_AGAIN */
  [130] = 0x86, /* KEY_PROPS */
  [131] = 0x87, /* KEY_UNDO */
  [132] = 0x8c, /* KEY_FRONT */
  [133] = 0xf8, /* KEY_COPY */
  [134] = 0x64, /* KEY_OPEN */
  [135] = 0x65, /* KEY_PASTE */
  [136] = 0xc1, /* KEY_FIND */
  [137] = 0xbc, /* KEY_CUT */
  [138] = 0xf5, /* KEY_HELP */
  [139] = 0x9e, /* KEY_MENU */
  [140] = 0xa1, /* KEY_CALC */
  [141] = 0x66, /* KEY_SETUP */
  [142] = 0xdf, /* KEY_SLEEP */
  [143] = 0xe3, /* KEY_WAKEUP */
  [144] = 0x67, /* KEY_FILE */
  [145] = 0x68, /* KEY_SENDFILE */
  [146] = 0x69, /* KEY_DELETEFILE */
  [147] = 0x93, /* KEY_XFER */
  [148] = 0x9f, /* KEY_PROG1 */
  [149] = 0x97, /* KEY_PROG2 */
  [150] = 0x82, /* KEY_WWW */
  [151] = 0x6a, /* KEY_MSDOS */
  [152] = 0x92, /* KEY_SCREENLOCK */
  [153] = 0x6b, /* KEY_DIRECTION */
  [154] = 0xa6, /* KEY_CYCLEWINDOWS */
  [155] = 0xec, /* KEY_MAIL */
  [156] = 0xe6, /* KEY_BOOKMARKS */
  [157] = 0xeb, /* KEY_COMPUTER */
  [158] = 0xea, /* KEY_BACK */
  [159] = 0xe9, /* KEY_FORWARD */
  [160] = 0xa3, /* KEY_CLOSECD */
  [161] = 0x6c, /* KEY_EJECTCD */
  [162] = 0xfd, /* KEY_EJECTCLOSECD */
  [163] = 0x99, /* KEY_NEXTSONG */
  [164] = 0xa2, /* KEY_PLAYPAUSE */
  [165] = 0x90, /* KEY_PREVIOUSSONG */
  [166] = 0xa4, /* KEY_STOPCD */
  [167] = 0xb1, /* KEY_RECORD */
  [168] = 0x98, /* KEY_REWIND */
  [169] = 0x63, /* KEY_PHONE */
  [171] = 0x81, /* KEY_CONFIG */
  [172] = 0xb2, /* KEY_HOMEPAGE */
  [173] = 0xe7, /* KEY_REFRESH */
  [176] = 0x88, /* KEY_EDIT */
  [177] = 0x75, /* KEY_SCROLLUP */
  [178] = 0x8f, /* KEY_SCROLLDOWN */
  [179] = 0xf6, /* KEY_KPLEFTPAREN */
  [180] = 0xfb, /* KEY_KPRIGHTPAREN */
  [181] = 0x89, /* KEY_NEW */
  [182] = 0x8a, /* KEY_REDO */
  [183] = 0x5d, /* KEY_F13 */
  [184] = 0x5e, /* KEY_F14 */
  [185] = 0x5f, /* KEY_F15 */
  [186] = 0x55, /* KEY_F16 */
  [187] = 0x83, /* KEY_F17 */
  [188] = 0xf7, /* KEY_F18 */
  [189] = 0x84, /* KEY_F19 */
  [190] = 0x5a, /* KEY_F20 */
  [191] = 0x74, /* KEY_F21 */
  [192] = 0xf9, /* KEY_F22 */
  [193] = 0x6d, /* KEY_F23 */
  [194] = 0x6f, /* KEY_F24 */
  [200] = 0xa8, /* KEY_PLAYCD */
  [201] = 0xa9, /* KEY_PAUSECD */
  [202] = 0xab, /* KEY_PROG3 */
  [203] = 0xac, /* KEY_PROG4 */
  [204] = 0xad, /* KEY_DASHBOARD */
  [205] = 0xa5, /* KEY_SUSPEND */
  [206] = 0xaf, /* KEY_CLOSE */
  [207] = 0xb3, /* KEY_PLAY */
  [208] = 0xb4, /* KEY_FASTFORWARD */
  [209] = 0xb6, /* KEY_BASSBOOST */
  [210] = 0xb9, /* KEY_PRINT */
  [211] = 0xba, /* KEY_HP */
  [212] = 0xbb, /* KEY_CAMERA */
  [213] = 0xbd, /* KEY_SOUND */
  [214] = 0xbe, /* KEY_QUESTION */
  [215] = 0xbf, /* KEY_EMAIL */
  [216] = 0xc0, /* KEY_CHAT */
  [217] = 0xe5, /* KEY_SEARCH */
  [218] = 0xc2, /* KEY_CONNECT */
  [219] = 0xc3, /* KEY_FINANCE */
  [220] = 0xc4, /* KEY_SPORT */
  [221] = 0xc5, /* KEY_SHOP */
  [222] = 0x94, /* KEY_ALTERASE */
  [223] = 0xca, /* KEY_CANCEL */
  [224] = 0xcc, /* KEY_BRIGHTNESSDOWN */
  [225] = 0xd4, /* KEY_BRIGHTNESSUP */
  [226] = 0xed, /* KEY_MEDIA */
  [227] = 0xd6, /* KEY_SWITCHVIDEOMODE */
  [228] = 0xd7, /* KEY_KBDILLUMTOGGLE */
  [229] = 0xd8, /* KEY_KBDILLUMDOWN */
  [230] = 0xd9, /* KEY_KBDILLUMUP */
  [231] = 0xda, /* KEY_SEND */
  [232] = 0xe4, /* KEY_REPLY */
  [233] = 0x8e, /* KEY_FORWARDMAIL */
  [234] = 0xd5, /* KEY_SAVE */
  [235] = 0xf0, /* KEY_DOCUMENTS */
  [236] = 0xf1, /* KEY_BATTERY */
  [237] = 0xf2, /* KEY_BLUETOOTH */
  [238] = 0xf3, /* KEY_WLAN */
  [239] = 0xf4, /* KEY_UWB */
  [255] = 0x95, /* unnamed */
};

/**
 * hgr_vnc_keymap_evdev_to_qnum:
 * @evdev_code: a Linux input key code (`KEY_*`)
 *
 * Returns: the QEMU key number of the key, or 0 when it has none
 */
guint16
hgr_vnc_keymap_evdev_to_qnum (guint evdev_code)
{
  if (evdev_code == 0)
    return 0;
  if (evdev_code <= 83)
    return evdev_code;
  if (evdev_code < G_N_ELEMENTS (evdev_to_qnum))
    return evdev_to_qnum[evdev_code];
  return 0;
}

/**
 * hgr_vnc_keymap_gdk_to_qnum:
 * @hardware_keycode: the keycode of a #GdkKeyEvent on X11 or Wayland
 *
 * Returns: the QEMU key number of the key, or 0 when it has none
 */
guint16
hgr_vnc_keymap_gdk_to_qnum (guint hardware_keycode)
{
  if (hardware_keycode < EVDEV_OFFSET)
    return 0;
  return hgr_vnc_keymap_evdev_to_qnum (hardware_keycode - EVDEV_OFFSET);
}
