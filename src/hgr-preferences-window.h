/* hgr-preferences-window.h — the few settings a user may want to change
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define HGR_TYPE_PREFERENCES_WINDOW (hgr_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (HgrPreferencesWindow, hgr_preferences_window, HGR, PREFERENCES_WINDOW, AdwPreferencesWindow)

HgrPreferencesWindow *hgr_preferences_window_new (GtkWindow *parent,
                                                  GSettings *settings);

G_END_DECLS
