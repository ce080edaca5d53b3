/* hgr-host-auth.c — the credentials libvirt asks for while connecting, brought to the UI as questions
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include <string.h>

#include "hgr-host-private.h"
#include "hgr-host.h"

/* How long a question for credentials waits for the user. */
#define CREDENTIAL_TIMEOUT_SECONDS 300

typedef struct
{
  EventLink            *link;
  HgrCredentialRequest *request;
} CredentialEmission;

static void
credential_emission_free (gpointer user_data)
{
  CredentialEmission *emission = user_data;

  hgr_host_event_link_release (emission->link);
  g_object_unref (emission->request);
  g_free (emission);
}

/* On the main thread: hands a question of the worker to the UI. */
static gboolean
emit_credential_request_cb (gpointer user_data)
{
  CredentialEmission *emission = user_data;
  g_autoptr (HgrHost) self = hgr_host_event_link_get_host (emission->link);

  /* Nobody to ask (or an attempt already dropped): libvirt gets no answer. */
  if (self == NULL || !hgr_host_emit_credential_request (self, emission->request))
    hgr_credential_request_cancel (emission->request);
  return G_SOURCE_REMOVE;
}

static HgrCredentialKind
credential_kind (const virConnectCredential *cred)
{
  const char *prompt = cred->prompt != NULL ? cred->prompt : "";

  switch (cred->type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return HGR_CREDENTIAL_USER_NAME;
    case VIR_CRED_PASSPHRASE:
      /* libssh asks key passphrases and passwords the same way. */
      return strstr (prompt, "assword") != NULL ? HGR_CREDENTIAL_PASSWORD : HGR_CREDENTIAL_PASSPHRASE;
    case VIR_CRED_ECHOPROMPT:
      return strstr (prompt, "host key") != NULL ? HGR_CREDENTIAL_HOST_KEY : HGR_CREDENTIAL_PROMPT;
    case VIR_CRED_NOECHOPROMPT:
    default:
      return HGR_CREDENTIAL_SECRET_PROMPT;
    }
}

/* Runs in the worker thread, inside virConnectOpenAuth(): asks the user, one
 * credential after the other, and waits for each answer. */
int
hgr_host_auth_cb (virConnectCredentialPtr creds,
                  unsigned int            ncreds,
                  void                   *cbdata)
{
  ConnectData *data = cbdata;

  for (unsigned int i = 0; i < ncreds; i++)
    {
      g_autoptr (HgrCredentialRequest) request = NULL;
      CredentialEmission *emission = g_new0 (CredentialEmission, 1);
      char               *answer;

      request = hgr_credential_request_new (credential_kind (&creds[i]), creds[i].prompt, data->display_name);
      emission->link = g_atomic_rc_box_acquire (data->link);
      emission->request = g_object_ref (request);
      g_idle_add_full (G_PRIORITY_DEFAULT, emit_credential_request_cb, emission, credential_emission_free);

      answer = hgr_credential_request_wait (request, data->cancellable, CREDENTIAL_TIMEOUT_SECONDS, NULL);
      if (answer == NULL)
        return -1;
      /* libvirt frees the result with free(). */
      creds[i].result = strdup (answer);
      creds[i].resultlen = strlen (answer);
      memset (answer, 0, creds[i].resultlen);
      g_free (answer);
      if (creds[i].result == NULL)
        return -1;
    }
  return 0;
}
