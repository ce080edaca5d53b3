/* hgr-details-disk.h — the Details section for one disk or CD/DVD drive
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_DISK (hgr_details_disk_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsDisk, hgr_details_disk, HGR, DETAILS_DISK, AdwBin)

GtkWidget *hgr_details_disk_new (HgrConfigPart   *part,
                                 HgrDomainConfig *config);

G_END_DECLS
