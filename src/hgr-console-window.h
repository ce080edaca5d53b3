/* hgr-console-window.h — one guest's console in a window of its own
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-console-page.h"
#include "hgr-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONSOLE_WINDOW (hgr_console_window_get_type ())

G_DECLARE_FINAL_TYPE (HgrConsoleWindow, hgr_console_window, HGR, CONSOLE_WINDOW, AdwWindow)

HgrConsoleWindow *hgr_console_window_new (GtkApplication *application,
                                          GSettings      *settings,
                                          HgrGuest       *guest);
HgrGuest         *hgr_console_window_get_guest (HgrConsoleWindow *self);
HgrConsolePage   *hgr_console_window_get_page (HgrConsoleWindow *self);

G_END_DECLS
