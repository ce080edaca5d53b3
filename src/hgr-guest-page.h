/* hgr-guest-page.h — the overview of one guest
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_GUEST_PAGE (hgr_guest_page_get_type ())

G_DECLARE_FINAL_TYPE (HgrGuestPage, hgr_guest_page, HGR, GUEST_PAGE, AdwBin)

HgrGuest *hgr_guest_page_get_guest (HgrGuestPage *self);
void      hgr_guest_page_set_guest (HgrGuestPage *self,
                                    HgrGuest     *guest);

G_END_DECLS
