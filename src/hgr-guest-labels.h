/* hgr-guest-labels.h — how a guest's state looks to a user: its label and icon
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-enums.h"

G_BEGIN_DECLS

const char *hgr_guest_state_to_label (HgrGuestState state);
const char *hgr_guest_state_to_icon_name (HgrGuestState state);

G_END_DECLS
