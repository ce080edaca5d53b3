/* hgr-console-page.h — a guest's screen, with its controls and its states
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hgr-guest.h"
#include "hgr-vnc-display.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONSOLE_PAGE (hgr_console_page_get_type ())

G_DECLARE_FINAL_TYPE (HgrConsolePage, hgr_console_page, HGR, CONSOLE_PAGE, GtkWidget)

GtkWidget     *hgr_console_page_new (void);
void           hgr_console_page_set_guest (HgrConsolePage *self,
                                           HgrGuest       *guest);
HgrGuest      *hgr_console_page_get_guest (HgrConsolePage *self);
void           hgr_console_page_set_active (HgrConsolePage *self,
                                            gboolean        active);
HgrVncDisplay *hgr_console_page_get_display (HgrConsolePage *self);

void hgr_console_page_set_settings (HgrConsolePage *self,
                                    GSettings      *settings);

G_END_DECLS
