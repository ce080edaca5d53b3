/* hgr-os-db.h — the operating systems libosinfo knows, and which one an install medium holds
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-os-info.h"

G_BEGIN_DECLS

#define HGR_TYPE_OS_DB (hgr_os_db_get_type ())

G_DECLARE_FINAL_TYPE (HgrOsDb, hgr_os_db, HGR, OS_DB, GObject)

/* How long detection may read a medium before it gives up. */
#define HGR_OS_DB_IDENTIFY_TIMEOUT 20

HgrOsDb    *hgr_os_db_get_default (void);
gboolean    hgr_os_db_get_loaded (HgrOsDb *self);
void        hgr_os_db_load_async (HgrOsDb            *self,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean    hgr_os_db_load_finish (HgrOsDb      *self,
                                   GAsyncResult *result,
                                   GError      **error);
GListModel *hgr_os_db_get_list (HgrOsDb *self);
HgrOsInfo  *hgr_os_db_lookup (HgrOsDb    *self,
                              const char *short_id);
const char *hgr_os_db_get_version (HgrOsDb *self);
gboolean    hgr_os_db_is_outdated (HgrOsDb   *self,
                                   GDateTime *now);

void       hgr_os_db_identify_async (HgrOsDb            *self,
                                     const char         *path,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
HgrOsInfo *hgr_os_db_identify_finish (HgrOsDb      *self,
                                      GAsyncResult *result,
                                      GError      **error);

G_END_DECLS
