/* hgr-guest-row.h — one guest in the sidebar list
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_GUEST_ROW (hgr_guest_row_get_type ())

G_DECLARE_FINAL_TYPE (HgrGuestRow, hgr_guest_row, HGR, GUEST_ROW, AdwBin)

HgrGuest *hgr_guest_row_get_guest (HgrGuestRow *self);
void      hgr_guest_row_set_guest (HgrGuestRow *self,
                                   HgrGuest    *guest);

G_END_DECLS
