/* hgr-volume-head.h — the first bytes of a host's volume, in a file on this computer (to read an ISO's label)
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-host.h"

G_BEGIN_DECLS

/* Enough of an ISO 9660 image for libosinfo: its volume descriptors start at 32 KiB. */
#define HGR_VOLUME_HEAD_SIZE (1024 * 1024)

void  hgr_host_download_volume_head_async (HgrHost            *host,
                                           const char         *path,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
char *hgr_host_download_volume_head_finish (HgrHost      *host,
                                            GAsyncResult *result,
                                            GError      **error);

G_END_DECLS
