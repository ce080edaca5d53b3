/* hgr-new-guest-window.h — the New Guest assistant: its pages, Back and Next, Create
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-new-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_NEW_GUEST_WINDOW (hgr_new_guest_window_get_type ())

G_DECLARE_FINAL_TYPE (HgrNewGuestWindow, hgr_new_guest_window, HGR, NEW_GUEST_WINDOW, AdwWindow)

GtkWidget     *hgr_new_guest_window_new (GtkWindow *parent,
                                         HgrHost   *host);
HgrNewGuest   *hgr_new_guest_window_get_model (HgrNewGuestWindow *self);
GtkWidget     *hgr_new_guest_window_get_page (HgrNewGuestWindow *self,
                                              HgrInstallStep     step);
HgrInstallStep hgr_new_guest_window_get_step (HgrNewGuestWindow *self);
gboolean       hgr_new_guest_window_get_ready (HgrNewGuestWindow *self);

G_END_DECLS
