/* hgr-window.h — the main window: hosts and guests beside the selected item's page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-host-store.h"

G_BEGIN_DECLS

#define HGR_TYPE_WINDOW (hgr_window_get_type ())

G_DECLARE_FINAL_TYPE (HgrWindow, hgr_window, HGR, WINDOW, AdwApplicationWindow)

typedef struct _HgrApplication HgrApplication;

HgrWindow  *hgr_window_new (HgrApplication *application);
GListModel *hgr_window_get_items (HgrWindow *self);
gboolean    hgr_window_select_item (HgrWindow *self,
                                    GObject   *item);
gboolean    hgr_window_get_host_expanded (HgrWindow *self,
                                          HgrHost   *host);
void        hgr_window_set_host_expanded (HgrWindow *self,
                                          HgrHost   *host,
                                          gboolean   expanded);

G_END_DECLS
