/* hgr-add-connection-dialog.h — the "Add Connection" dialog
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-host-store.h"

G_BEGIN_DECLS

#define HGR_TYPE_ADD_CONNECTION_DIALOG (hgr_add_connection_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HgrAddConnectionDialog, hgr_add_connection_dialog, HGR, ADD_CONNECTION_DIALOG, AdwWindow)

HgrAddConnectionDialog *hgr_add_connection_dialog_new (GtkWindow    *parent,
                                                       HgrHostStore *store);
HgrAddConnectionDialog *hgr_add_connection_dialog_new_edit (GtkWindow    *parent,
                                                            HgrHostStore *store,
                                                            HgrHost      *host);
const char             *hgr_add_connection_dialog_get_uri (HgrAddConnectionDialog *self);
const char             *hgr_add_connection_dialog_get_error (HgrAddConnectionDialog *self);

G_END_DECLS
