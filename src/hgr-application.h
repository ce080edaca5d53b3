/* hgr-application.h — the Hangar application: settings, saved hosts, command line
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-askpass.h"
#include "hgr-host-store.h"

G_BEGIN_DECLS

#define HGR_TYPE_APPLICATION (hgr_application_get_type ())

G_DECLARE_FINAL_TYPE (HgrApplication, hgr_application, HGR, APPLICATION, AdwApplication)

HgrApplication *hgr_application_new (void);
HgrHostStore   *hgr_application_get_host_store (HgrApplication *self);
GSettings      *hgr_application_get_settings (HgrApplication *self);
HgrAskpass     *hgr_application_get_askpass (HgrApplication *self);

G_END_DECLS
