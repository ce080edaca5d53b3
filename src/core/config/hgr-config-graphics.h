/* hgr-config-graphics.h — a guest's VNC display in its configuration
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlNodePtr hgr_config_add_vnc_display (xmlNodePtr domain,
                                       gboolean  *added);

G_END_DECLS
