/* hgr-vnc-password.h — a guest display's VNC password, remembered in the user's keyring
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     hgr_vnc_password_lookup_async (const char         *host_uri,
                                        const char         *guest_uuid,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);
char    *hgr_vnc_password_lookup_finish (GAsyncResult *result,
                                         GError      **error);
void     hgr_vnc_password_store_async (const char         *host_uri,
                                       const char         *guest_uuid,
                                       const char         *guest_name,
                                       const char         *password,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean hgr_vnc_password_store_finish (GAsyncResult *result,
                                        GError      **error);
void     hgr_vnc_password_clear_async (const char         *host_uri,
                                       const char         *guest_uuid,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean hgr_vnc_password_clear_finish (GAsyncResult *result,
                                        GError      **error);
void     hgr_vnc_password_free (char *password);

G_END_DECLS
