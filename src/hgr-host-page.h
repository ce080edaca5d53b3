/* hgr-host-page.h — the page of one host: status, connect, settings
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-host.h"

G_BEGIN_DECLS

#define HGR_TYPE_HOST_PAGE (hgr_host_page_get_type ())

G_DECLARE_FINAL_TYPE (HgrHostPage, hgr_host_page, HGR, HOST_PAGE, GtkWidget)

HgrHost *hgr_host_page_get_host (HgrHostPage *self);
void     hgr_host_page_set_host (HgrHostPage *self,
                                 HgrHost     *host,
                                 gboolean     saved);

G_END_DECLS
