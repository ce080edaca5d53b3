/* hgr-credential-dialog.h — asks the user what a connection needs: password, passphrase, host key
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-credential-request.h"

G_BEGIN_DECLS

#define HGR_TYPE_CREDENTIAL_DIALOG (hgr_credential_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HgrCredentialDialog, hgr_credential_dialog, HGR, CREDENTIAL_DIALOG, AdwMessageDialog)

HgrCredentialDialog  *hgr_credential_dialog_new (GtkWindow            *parent,
                                                 HgrCredentialRequest *request);
HgrCredentialRequest *hgr_credential_dialog_get_request (HgrCredentialDialog *self);

G_END_DECLS
