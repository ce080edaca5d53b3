/* hgr-credential-request.c — one question a connection asks the user, answered on the main thread
 *
 * libvirt asks for credentials from inside virConnectOpenAuth(), in Hangar's
 * worker thread. That thread makes a request and waits on it; the main thread
 * shows it (HgrHost::credential-requested) and answers or cancels. Cancelling
 * the connection, or nobody answering in time, also ends the wait. Answers
 * are wiped from memory once handed over and never logged.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-credential-request"

#include "config.h"

#include "hgr-credential-request.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-enum-types.h"
#include "hgr-error.h"

typedef enum
{
  STATE_PENDING,
  STATE_ANSWERED,
  STATE_CANCELLED,
} State;

struct _HgrCredentialRequest
{
  GObject parent_instance;

  HgrCredentialKind kind;
  char             *prompt;
  char             *host_name;

  GMutex mutex;
  GCond  cond;
  State  state;
  char  *answer;
};

G_DEFINE_FINAL_TYPE (HgrCredentialRequest, hgr_credential_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_PROMPT,
  PROP_HOST_NAME,
  PROP_SECRET,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe (char **secret)
{
  if (*secret == NULL)
    return;
  memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static gboolean
notify_done_cb (gpointer user_data)
{
  g_object_notify_by_pspec (G_OBJECT (user_data), properties[PROP_DONE]);
  return G_SOURCE_REMOVE;
}

/* Returns FALSE when the request was already done. Whichever thread ends it,
 * HgrCredentialRequest:done is notified on the main thread. */
static gboolean
finish (HgrCredentialRequest *self,
        State                 state,
        const char           *answer)
{
  g_mutex_lock (&self->mutex);
  if (self->state != STATE_PENDING)
    {
      g_mutex_unlock (&self->mutex);
      return FALSE;
    }
  self->state = state;
  self->answer = g_strdup (answer);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_idle_add_full (G_PRIORITY_DEFAULT, notify_done_cb, g_object_ref (self), g_object_unref);
  return TRUE;
}

static void
cancelled_cb (GCancellable         *cancellable,
              HgrCredentialRequest *self)
{
  finish (self, STATE_CANCELLED, NULL);
}

static void
hgr_credential_request_finalize (GObject *object)
{
  HgrCredentialRequest *self = HGR_CREDENTIAL_REQUEST (object);

  wipe (&self->answer);
  g_free (self->prompt);
  g_free (self->host_name);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (hgr_credential_request_parent_class)->finalize (object);
}

static void
hgr_credential_request_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  HgrCredentialRequest *self = HGR_CREDENTIAL_REQUEST (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_PROMPT:
      g_value_set_string (value, self->prompt);
      break;
    case PROP_HOST_NAME:
      g_value_set_string (value, self->host_name);
      break;
    case PROP_SECRET:
      g_value_set_boolean (value, hgr_credential_request_get_secret (self));
      break;
    case PROP_DONE:
      g_value_set_boolean (value, hgr_credential_request_get_done (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_credential_request_class_init (HgrCredentialRequestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_credential_request_finalize;
  object_class->get_property = hgr_credential_request_get_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, HGR_TYPE_CREDENTIAL_KIND, HGR_CREDENTIAL_PASSWORD, flags);
  properties[PROP_PROMPT] = g_param_spec_string ("prompt", NULL, NULL, NULL, flags);
  properties[PROP_HOST_NAME] = g_param_spec_string ("host-name", NULL, NULL, NULL, flags);
  properties[PROP_SECRET] = g_param_spec_boolean ("secret", NULL, NULL, TRUE, flags);
  properties[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_credential_request_init (HgrCredentialRequest *self)
{
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
}

/**
 * hgr_credential_request_new:
 * @kind: what is asked
 * @prompt: libvirt's own question, shown to the user
 * @host_name: (nullable): the host it is for, shown to the user, if known
 *
 * Returns: (transfer full): a pending request
 */
HgrCredentialRequest *
hgr_credential_request_new (HgrCredentialKind kind,
                            const char       *prompt,
                            const char       *host_name)
{
  HgrCredentialRequest *self = g_object_new (HGR_TYPE_CREDENTIAL_REQUEST, NULL);

  self->kind = kind;
  self->prompt = g_strdup (prompt);
  self->host_name = g_strdup (host_name);
  return self;
}

HgrCredentialKind
hgr_credential_request_get_kind (HgrCredentialRequest *self)
{
  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), HGR_CREDENTIAL_PASSWORD);

  return self->kind;
}

const char *
hgr_credential_request_get_prompt (HgrCredentialRequest *self)
{
  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), NULL);

  return self->prompt;
}

const char *
hgr_credential_request_get_host_name (HgrCredentialRequest *self)
{
  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), NULL);

  return self->host_name;
}

/**
 * hgr_credential_request_get_secret:
 * @self: a request
 *
 * Returns: whether the answer must not be shown as it is typed
 */
gboolean
hgr_credential_request_get_secret (HgrCredentialRequest *self)
{
  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), TRUE);

  return self->kind == HGR_CREDENTIAL_PASSWORD || self->kind == HGR_CREDENTIAL_PASSPHRASE ||
         self->kind == HGR_CREDENTIAL_SECRET_PROMPT;
}

/**
 * hgr_credential_request_get_done:
 * @self: a request
 *
 * Returns: whether it was answered or cancelled (by the user, the connection
 *   or the timeout)
 */
gboolean
hgr_credential_request_get_done (HgrCredentialRequest *self)
{
  gboolean done;

  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), TRUE);

  g_mutex_lock (&self->mutex);
  done = self->state != STATE_PENDING;
  g_mutex_unlock (&self->mutex);
  return done;
}

/**
 * hgr_credential_request_answer:
 * @self: a request
 * @answer: what the user typed; for %HGR_CREDENTIAL_HOST_KEY "y" or "n"
 *
 * Answers the request, on the main thread. A request that is done already
 * (cancelled meanwhile) ignores it.
 */
void
hgr_credential_request_answer (HgrCredentialRequest *self,
                               const char           *answer)
{
  g_return_if_fail (HGR_IS_CREDENTIAL_REQUEST (self));
  g_return_if_fail (answer != NULL);

  finish (self, STATE_ANSWERED, answer);
}

/**
 * hgr_credential_request_cancel:
 * @self: a request
 *
 * Declines to answer: the connection attempt fails as not authenticated.
 */
void
hgr_credential_request_cancel (HgrCredentialRequest *self)
{
  g_return_if_fail (HGR_IS_CREDENTIAL_REQUEST (self));

  finish (self, STATE_CANCELLED, NULL);
}

/**
 * hgr_credential_request_wait:
 * @self: a request
 * @cancellable: (nullable): ends the wait when cancelled
 * @timeout_seconds: how long to wait for the user, 0 for ever
 * @error: return location for %HGR_ERROR_AUTH_FAILED
 *
 * Blocks a worker thread until the request is answered, cancelled or timed
 * out. Never call it on the main thread.
 *
 * Returns: (transfer full) (nullable): the answer; wipe it after use
 */
char *
hgr_credential_request_wait (HgrCredentialRequest *self,
                             GCancellable         *cancellable,
                             guint                 timeout_seconds,
                             GError              **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_seconds * G_USEC_PER_SEC;
  gulong cancelled_id = 0;
  char  *answer = NULL;
  State  state;

  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (self), NULL);

  if (cancellable != NULL)
    cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb), self, NULL);

  g_mutex_lock (&self->mutex);
  while (self->state == STATE_PENDING)
    {
      if (timeout_seconds == 0)
        g_cond_wait (&self->cond, &self->mutex);
      else if (!g_cond_wait_until (&self->cond, &self->mutex, deadline))
        {
          g_mutex_unlock (&self->mutex);
          if (finish (self, STATE_CANCELLED, NULL))
            g_set_error_literal (error, HGR_ERROR, HGR_ERROR_AUTH_FAILED,
                                 _ ("Nobody answered the question for the credentials in time."));
          g_mutex_lock (&self->mutex);
        }
    }
  state = self->state;
  if (state == STATE_ANSWERED)
    {
      answer = self->answer;
      self->answer = NULL;
    }
  g_mutex_unlock (&self->mutex);

  if (cancelled_id != 0)
    g_cancellable_disconnect (cancellable, cancelled_id);

  if (state == STATE_CANCELLED && error != NULL && *error == NULL)
    g_set_error_literal (error, HGR_ERROR, HGR_ERROR_AUTH_FAILED, _ ("The question for the credentials was cancelled."));
  return answer;
}
