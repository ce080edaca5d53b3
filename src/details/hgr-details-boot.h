/* hgr-details-boot.h — the Details section for how a guest boots
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_BOOT (hgr_details_boot_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsBoot, hgr_details_boot, HGR, DETAILS_BOOT, AdwBin)

GtkWidget *hgr_details_boot_new (HgrConfigPart   *part,
                                 HgrDomainConfig *config);

G_END_DECLS
