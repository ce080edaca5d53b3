/* hgr-details-nic.h — the Details section for one network interface
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_NIC (hgr_details_nic_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsNic, hgr_details_nic, HGR, DETAILS_NIC, AdwBin)

GtkWidget *hgr_details_nic_new (HgrConfigPart   *part,
                                HgrDomainConfig *config);

G_END_DECLS
