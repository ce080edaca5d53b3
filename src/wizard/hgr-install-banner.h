/* hgr-install-banner.h — "Begin Installation / Cancel" over a guest made with Customize before install
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest.h"
#include "hgr-new-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_INSTALL_BANNER (hgr_install_banner_get_type ())

G_DECLARE_FINAL_TYPE (HgrInstallBanner, hgr_install_banner, HGR, INSTALL_BANNER, GtkWidget)

GtkWidget   *hgr_install_banner_new (void);
void         hgr_install_banner_set_install (HgrInstallBanner *self,
                                             HgrNewGuest      *model);
HgrNewGuest *hgr_install_banner_get_install (HgrInstallBanner *self);
void         hgr_install_banner_set_guest (HgrInstallBanner *self,
                                           HgrGuest         *guest);

G_END_DECLS
