/* hgr-details-view.h — a guest's hardware: the sidebar of its parts, the section of the selected one, Apply
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-domain-config.h"
#include "hgr-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_VIEW (hgr_details_view_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsView, hgr_details_view, HGR, DETAILS_VIEW, AdwBin)

HgrGuest        *hgr_details_view_get_guest (HgrDetailsView *self);
void             hgr_details_view_set_guest (HgrDetailsView *self,
                                             HgrGuest       *guest);
void             hgr_details_view_set_active (HgrDetailsView *self,
                                              gboolean        active);
void             hgr_details_view_set_settings (HgrDetailsView *self,
                                                GSettings      *settings);
HgrDomainConfig *hgr_details_view_get_config (HgrDetailsView *self);
gboolean         hgr_details_view_get_modified (HgrDetailsView *self);
gboolean         hgr_details_view_get_busy (HgrDetailsView *self);
gboolean         hgr_details_view_select (HgrDetailsView *self,
                                          const char     *key);
GtkWidget       *hgr_details_view_get_section (HgrDetailsView *self);

G_END_DECLS
