/* hgr-details-memory.h — the Details section for a guest's memory
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"
#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_MEMORY (hgr_details_memory_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsMemory, hgr_details_memory, HGR, DETAILS_MEMORY, AdwBin)

GtkWidget *hgr_details_memory_new (HgrConfigPart   *part,
                                   HgrDomainConfig *config);

G_END_DECLS
