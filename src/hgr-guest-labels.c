/* hgr-guest-labels.c — how a guest's state looks to a user: its label and icon
 *
 * Above core: words and icons are the interface's business.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-guest-labels.h"

#include <glib/gi18n.h>

/**
 * hgr_guest_state_to_label:
 * @state: a state
 *
 * Returns: the state as a user sees it, translated
 */
const char *
hgr_guest_state_to_label (HgrGuestState state)
{
  switch (state)
    {
    case HGR_GUEST_STATE_RUNNING:
      return _ ("Running");
    case HGR_GUEST_STATE_PAUSED:
      return _ ("Paused");
    case HGR_GUEST_STATE_SUSPENDED:
      return _ ("Suspended");
    case HGR_GUEST_STATE_SHUTTING_DOWN:
      return _ ("Shutting Down");
    case HGR_GUEST_STATE_CRASHED:
      return _ ("Crashed");
    case HGR_GUEST_STATE_SAVED:
      return _ ("Saved");
    case HGR_GUEST_STATE_SHUT_OFF:
      return _ ("Shut Off");
    case HGR_GUEST_STATE_UNKNOWN:
    default:
      return _ ("Unknown");
    }
}

/**
 * hgr_guest_state_to_icon_name:
 * @state: a state
 *
 * Returns: a symbolic icon name for @state
 */
const char *
hgr_guest_state_to_icon_name (HgrGuestState state)
{
  switch (state)
    {
    case HGR_GUEST_STATE_RUNNING:
      return "media-playback-start-symbolic";
    case HGR_GUEST_STATE_PAUSED:
      return "media-playback-pause-symbolic";
    case HGR_GUEST_STATE_SUSPENDED:
      return "weather-clear-night-symbolic";
    case HGR_GUEST_STATE_SHUTTING_DOWN:
      return "content-loading-symbolic";
    case HGR_GUEST_STATE_CRASHED:
      return "dialog-error-symbolic";
    case HGR_GUEST_STATE_SAVED:
      return "document-save-symbolic";
    case HGR_GUEST_STATE_SHUT_OFF:
      return "system-shutdown-symbolic";
    case HGR_GUEST_STATE_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}
