/* hgr-vnc-enums.h — enumerations of the console; GTypes in hgr-vnc-enum-types.h
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * HgrVncDisplayState:
 * @HGR_VNC_DISPLAY_STATE_CLOSED: nothing is open
 * @HGR_VNC_DISPLAY_STATE_CONNECTING: speaking to the server, no picture yet
 * @HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD: the server asks for a password
 * @HGR_VNC_DISPLAY_STATE_CONNECTED: the guest's screen is shown
 * @HGR_VNC_DISPLAY_STATE_DISCONNECTED: the server ended the session
 * @HGR_VNC_DISPLAY_STATE_FAILED: the session broke; see the error message
 * @HGR_VNC_DISPLAY_STATE_AUTH_FAILED: the server refused the password
 */
typedef enum
{
  HGR_VNC_DISPLAY_STATE_CLOSED,
  HGR_VNC_DISPLAY_STATE_CONNECTING,
  HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD,
  HGR_VNC_DISPLAY_STATE_CONNECTED,
  HGR_VNC_DISPLAY_STATE_DISCONNECTED,
  HGR_VNC_DISPLAY_STATE_FAILED,
  HGR_VNC_DISPLAY_STATE_AUTH_FAILED,
} HgrVncDisplayState;

/**
 * HgrVncLink:
 * @HGR_VNC_LINK_LOCAL: a socket on this machine: raw pixels cost least
 * @HGR_VNC_LINK_REMOTE: a tunnel over the network: compressed encodings first
 */
typedef enum
{
  HGR_VNC_LINK_LOCAL,
  HGR_VNC_LINK_REMOTE,
} HgrVncLink;

G_END_DECLS
