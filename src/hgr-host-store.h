/* hgr-host-store.h — the hosts Hangar shows, and which of them are saved in GSettings
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-host.h"

G_BEGIN_DECLS

#define HGR_TYPE_HOST_STORE (hgr_host_store_get_type ())

G_DECLARE_FINAL_TYPE (HgrHostStore, hgr_host_store, HGR, HOST_STORE, GObject)

HgrHostStore *hgr_host_store_new (GSettings *settings);
GListModel   *hgr_host_store_get_hosts (HgrHostStore *self);
HgrHost      *hgr_host_store_lookup (HgrHostStore *self,
                                     const char   *uri);
HgrHost      *hgr_host_store_add (HgrHostStore *self,
                                  const char   *uri,
                                  gboolean      autoconnect,
                                  gboolean      save_host);
HgrHost      *hgr_host_store_replace (HgrHostStore *self,
                                      HgrHost      *host,
                                      const char   *uri,
                                      gboolean      autoconnect);
void          hgr_host_store_remove (HgrHostStore *self,
                                     HgrHost      *host);
gboolean      hgr_host_store_is_saved (HgrHostStore *self,
                                       HgrHost      *host);
void          hgr_host_store_load (HgrHostStore *self);
void          hgr_host_store_add_defaults (HgrHostStore *self,
                                           const char   *system_socket);

G_END_DECLS
