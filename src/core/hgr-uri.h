/* hgr-uri.h — building, checking and naming libvirt connection URIs
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "hgr-enums.h"

G_BEGIN_DECLS

char    *hgr_uri_build (HgrHypervisor hypervisor,
                        const char   *ssh_user,
                        const char   *ssh_host,
                        guint         ssh_port,
                        const char   *ssh_keyfile,
                        GError      **error);
gboolean hgr_uri_validate (const char *uri,
                           GError    **error);
gboolean hgr_uri_parse_form (const char    *uri,
                             HgrHypervisor *hypervisor,
                             char         **ssh_user,
                             char         **ssh_host,
                             guint         *ssh_port,
                             char         **ssh_keyfile);
gboolean hgr_uri_is_remote (const char *uri);
char    *hgr_uri_dup_display_name (const char *uri);

G_END_DECLS
