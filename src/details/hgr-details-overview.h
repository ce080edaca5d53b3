/* hgr-details-overview.h — the Details section for a guest's name, title, description and autostart
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_OVERVIEW (hgr_details_overview_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsOverview, hgr_details_overview, HGR, DETAILS_OVERVIEW, AdwBin)

GtkWidget *hgr_details_overview_new (HgrConfigPart   *part,
                                     HgrDomainConfig *config);

G_END_DECLS
