/* hgr-credential-request.h — one question a connection asks the user, answered on the main thread
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-enums.h"

G_BEGIN_DECLS

#define HGR_TYPE_CREDENTIAL_REQUEST (hgr_credential_request_get_type ())

G_DECLARE_FINAL_TYPE (HgrCredentialRequest, hgr_credential_request, HGR, CREDENTIAL_REQUEST, GObject)

HgrCredentialRequest *hgr_credential_request_new (HgrCredentialKind kind,
                                                  const char       *prompt,
                                                  const char       *host_name);
HgrCredentialKind     hgr_credential_request_get_kind (HgrCredentialRequest *self);
const char           *hgr_credential_request_get_prompt (HgrCredentialRequest *self);
const char           *hgr_credential_request_get_host_name (HgrCredentialRequest *self);
gboolean              hgr_credential_request_get_secret (HgrCredentialRequest *self);
gboolean              hgr_credential_request_get_done (HgrCredentialRequest *self);

void hgr_credential_request_answer (HgrCredentialRequest *self,
                                    const char           *answer);
void hgr_credential_request_cancel (HgrCredentialRequest *self);

char *hgr_credential_request_wait (HgrCredentialRequest *self,
                                   GCancellable         *cancellable,
                                   guint                 timeout_seconds,
                                   GError              **error);

G_END_DECLS
