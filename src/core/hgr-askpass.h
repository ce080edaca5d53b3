/* hgr-askpass.h — answers ssh's questions (the OpenSSH transport) in Hangar's own dialog
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define HGR_TYPE_ASKPASS (hgr_askpass_get_type ())

G_DECLARE_FINAL_TYPE (HgrAskpass, hgr_askpass, HGR, ASKPASS, GObject)

HgrAskpass *hgr_askpass_new (const char *helper,
                             GError    **error);
const char *hgr_askpass_get_program (HgrAskpass *self);
gboolean    hgr_askpass_get_busy (HgrAskpass *self);

G_END_DECLS
