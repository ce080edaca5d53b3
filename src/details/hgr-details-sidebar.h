/* hgr-details-sidebar.h — the Details view's hardware list: its rows, and the section each item opens
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-domain-config.h"
#include "hgr-guest.h"

G_BEGIN_DECLS

/* The sidebar's last item, after the parts: a GtkStringObject with this string. */
#define HGR_DETAILS_XML_ITEM "xml"

GtkListItemFactory *hgr_details_sidebar_factory_new (void);
GtkWidget          *hgr_details_section_new (GObject         *item,
                                             HgrGuest        *guest,
                                             HgrDomainConfig *config,
                                             GSettings       *settings);

G_END_DECLS
