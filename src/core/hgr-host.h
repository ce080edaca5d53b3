/* hgr-host.h — one libvirt connection and the live list of its guests
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-enums.h"
#include "hgr-guest.h"
#include "hgr-host-stats.h"

G_BEGIN_DECLS

#define HGR_TYPE_HOST (hgr_host_get_type ())

G_DECLARE_FINAL_TYPE (HgrHost, hgr_host, HGR, HOST, GObject)

HgrHost      *hgr_host_new (const char *uri);
const char   *hgr_host_get_uri (HgrHost *self);
const char   *hgr_host_get_display_name (HgrHost *self);
gboolean      hgr_host_get_remote (HgrHost *self);
HgrHostStatus hgr_host_get_status (HgrHost *self);
const char   *hgr_host_get_error_message (HgrHost *self);
char         *hgr_host_dup_status_label (HgrHost *self);
GListModel   *hgr_host_get_guests (HgrHost *self);
HgrHostStats *hgr_host_get_stats (HgrHost *self);
HgrGuest     *hgr_host_lookup_guest (HgrHost    *self,
                                     const char *uuid);
gboolean      hgr_host_get_autoconnect (HgrHost *self);
void          hgr_host_set_autoconnect (HgrHost *self,
                                        gboolean autoconnect);

void     hgr_host_connect_async (HgrHost            *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean hgr_host_connect_finish (HgrHost      *self,
                                  GAsyncResult *result,
                                  GError      **error);
void     hgr_host_cancel_connect (HgrHost *self);
void     hgr_host_disconnect (HgrHost *self);
gboolean hgr_host_get_closing (HgrHost *self);
guint    hgr_host_get_connect_timeout (HgrHost *self);
void     hgr_host_set_connect_timeout (HgrHost *self,
                                       guint    seconds);
gboolean hgr_host_get_reconnecting (HgrHost *self);

G_END_DECLS
