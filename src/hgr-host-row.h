/* hgr-host-row.h — one host in the sidebar list, with its connection status
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-host.h"

G_BEGIN_DECLS

#define HGR_TYPE_HOST_ROW (hgr_host_row_get_type ())

G_DECLARE_FINAL_TYPE (HgrHostRow, hgr_host_row, HGR, HOST_ROW, AdwBin)

HgrHost *hgr_host_row_get_host (HgrHostRow *self);
char    *hgr_host_row_dup_tooltip_text (HgrHostRow *self,
                                        GtkWidget  *widget);
gboolean hgr_host_row_get_expanded (HgrHostRow *self);
void     hgr_host_row_set_expanded (HgrHostRow *self,
                                    gboolean    expanded);
void     hgr_host_row_set_host (HgrHostRow *self,
                                HgrHost    *host);

G_END_DECLS
