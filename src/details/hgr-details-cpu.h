/* hgr-details-cpu.h — the Details section for a guest's processors
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_CPU (hgr_details_cpu_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsCpu, hgr_details_cpu, HGR, DETAILS_CPU, AdwBin)

GtkWidget *hgr_details_cpu_new (HgrConfigPart   *part,
                                HgrDomainConfig *config);

G_END_DECLS
