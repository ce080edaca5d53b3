/* hgr-config-overview.h — a guest's name, title, description and autostart; firmware and machine shown
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_OVERVIEW (hgr_config_overview_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigOverview, hgr_config_overview, HGR, CONFIG_OVERVIEW, HgrConfigPart)

HgrConfigPart *hgr_config_overview_new (gboolean autostart);
const char    *hgr_config_overview_get_name (HgrConfigOverview *self);
const char    *hgr_config_overview_get_firmware (HgrConfigOverview *self);
const char    *hgr_config_overview_get_machine (HgrConfigOverview *self);
gboolean       hgr_config_validate_name (const char *name,
                                         GError    **error);

G_END_DECLS
