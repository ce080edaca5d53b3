/* hgr-askpass.c — answers ssh's questions (the OpenSSH transport) in Hangar's own dialog
 *
 * libvirt's qemu+ssh:// runs the ssh program, which asks for passwords, key
 * passphrases and unknown host keys itself and raises no libvirt callback.
 * libvirt passes SSH_ASKPASS and DISPLAY on to ssh, whose input is a socket,
 * not a terminal, so ssh runs $SSH_ASKPASS with the question. This object
 * makes a private directory with a socket and a small launcher script that
 * runs hangar-askpass with that socket; the application points SSH_ASKPASS
 * at the launcher. Each question arrives here, becomes an
 * HgrCredentialRequest (::credential-requested, on the main thread), and its
 * answer goes back to ssh. Nothing is written to disk but the launcher.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-askpass"

#include "config.h"

#include "hgr-askpass.h"

#include <gio/gunixsocketaddress.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "hgr-credential-request.h"

struct _HgrAskpass
{
  GObject parent_instance;

  char           *dir;
  char           *program;
  char           *socket_path;
  GSocketService *service;
  guint           n_exchanges; /* questions not yet answered back to ssh */
};

G_DEFINE_FINAL_TYPE (HgrAskpass, hgr_askpass, G_TYPE_OBJECT)

enum
{
  CREDENTIAL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One question on one connection of the helper. */
typedef struct
{
  HgrAskpass           *self;
  GSocketConnection    *connection;
  GOutputStream        *question;
  HgrCredentialRequest *request;
  GString              *reply; /* holds the secret while it is written back */
} Exchange;

static void
exchange_free (Exchange *exchange)
{
  if (--exchange->self->n_exchanges == 0)
    g_object_notify_by_pspec (G_OBJECT (exchange->self), properties[PROP_BUSY]);
  g_clear_object (&exchange->self);
  g_clear_object (&exchange->connection);
  g_clear_object (&exchange->question);
  g_clear_object (&exchange->request);
  if (exchange->reply != NULL)
    {
      memset (exchange->reply->str, 0, exchange->reply->len);
      g_string_free (exchange->reply, TRUE);
    }
  g_free (exchange);
}

static HgrCredentialKind
kind_for_prompt (const char *prompt)
{
  g_autofree char *lower = g_ascii_strdown (prompt, -1);

  if (strstr (lower, "(yes/no") != NULL)
    return HGR_CREDENTIAL_HOST_KEY;
  if (strstr (lower, "passphrase") != NULL)
    return HGR_CREDENTIAL_PASSPHRASE;
  if (strstr (lower, "password") != NULL)
    return HGR_CREDENTIAL_PASSWORD;
  return HGR_CREDENTIAL_SECRET_PROMPT;
}

static void
reply_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Exchange *exchange = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (exchange->connection), NULL, NULL);
  exchange_free (exchange);
}

/* The answer, or the refusal, goes back: "1answer" or "0". */
static void
request_done_cb (HgrCredentialRequest *request,
                 GParamSpec           *pspec,
                 Exchange             *exchange)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *answer = NULL;
  GString         *reply;

  g_signal_handlers_disconnect_by_data (request, exchange);
  /* Done already: this returns at once. */
  answer = hgr_credential_request_wait (request, NULL, 0, &error);
  reply = exchange->reply = g_string_new (answer != NULL ? "1" : "0");
  if (answer != NULL)
    {
      /* ssh asks "yes/no" where the dialog answers "y"/"n". */
      if (hgr_credential_request_get_kind (request) == HGR_CREDENTIAL_HOST_KEY)
        g_string_append (reply, g_str_equal (answer, "y") ? "yes" : "no");
      else
        g_string_append (reply, answer);
      memset (answer, 0, strlen (answer));
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (exchange->connection)), reply->str,
                                   reply->len, G_PRIORITY_DEFAULT, NULL, reply_written_cb, exchange);
}

static void
question_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Exchange *exchange = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) < 0)
    {
      g_debug ("askpass: %s", error->message);
      exchange_free (exchange);
      return;
    }
  prompt = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (exchange->question)),
                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (exchange->question)));
  g_strchomp (prompt);
  /* ssh names the host in its question when it matters; we do not know it. */
  exchange->request = hgr_credential_request_new (kind_for_prompt (prompt), prompt, NULL);
  g_signal_connect (exchange->request, "notify::done", G_CALLBACK (request_done_cb), exchange);
  if (!g_signal_has_handler_pending (exchange->self, signals[CREDENTIAL_REQUESTED], 0, FALSE))
    hgr_credential_request_cancel (exchange->request);
  else
    g_signal_emit (exchange->self, signals[CREDENTIAL_REQUESTED], 0, exchange->request);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             HgrAskpass        *self)
{
  Exchange *exchange = g_new0 (Exchange, 1);

  exchange->self = g_object_ref (self);
  exchange->connection = g_object_ref (connection);
  if (self->n_exchanges++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  exchange->question = g_memory_output_stream_new_resizable ();
  /* The helper sends the question and then closes its side. */
  g_output_stream_splice_async (exchange->question, g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                                G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, G_PRIORITY_DEFAULT, NULL, question_read_cb,
                                exchange);
  return TRUE;
}

static void
hgr_askpass_dispose (GObject *object)
{
  HgrAskpass *self = HGR_ASKPASS (object);

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
      g_clear_object (&self->service);
    }
  if (self->socket_path != NULL)
    g_unlink (self->socket_path);
  if (self->program != NULL)
    g_unlink (self->program);
  if (self->dir != NULL)
    g_rmdir (self->dir);

  G_OBJECT_CLASS (hgr_askpass_parent_class)->dispose (object);
}

static void
hgr_askpass_finalize (GObject *object)
{
  HgrAskpass *self = HGR_ASKPASS (object);

  g_free (self->dir);
  g_free (self->program);
  g_free (self->socket_path);

  G_OBJECT_CLASS (hgr_askpass_parent_class)->finalize (object);
}

static void
hgr_askpass_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, hgr_askpass_get_busy (HGR_ASKPASS (object)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_askpass_class_init (HgrAskpassClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_askpass_dispose;
  object_class->finalize = hgr_askpass_finalize;
  object_class->get_property = hgr_askpass_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrAskpass::credential-requested:
   * @self: the askpass service
   * @request: what ssh asks
   *
   * Emitted on the main thread for every question of an ssh that Hangar's
   * connections run. With no handler, the question is declined.
   */
  signals[CREDENTIAL_REQUESTED] = g_signal_new ("credential-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 1, HGR_TYPE_CREDENTIAL_REQUEST);
}

static void
hgr_askpass_init (HgrAskpass *self)
{
}

/**
 * hgr_askpass_new:
 * @helper: the path of the hangar-askpass program
 * @error: return location
 *
 * Listens for ssh's questions. Point SSH_ASKPASS at hgr_askpass_get_program()
 * (before any thread starts) and keep DISPLAY set so that ssh uses it.
 *
 * Returns: (transfer full): the service, or %NULL with @error set
 */
HgrAskpass *
hgr_askpass_new (const char *helper,
                 GError    **error)
{
  g_autoptr (HgrAskpass) self = g_object_new (HGR_TYPE_ASKPASS, NULL);
  g_autoptr (GSocketAddress) address = NULL;
  g_autofree char *quoted_helper = NULL;
  g_autofree char *quoted_socket = NULL;
  g_autofree char *script = NULL;
  g_autofree char *template = g_build_filename (g_get_user_runtime_dir (), "hangar-XXXXXX", NULL);

  g_return_val_if_fail (helper != NULL, NULL);

  g_mkdir_with_parents (g_get_user_runtime_dir (), 0700);
  self->dir = g_mkdtemp_full (template, 0700);
  if (self->dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno), _ ("Could not make a private folder for SSH questions."));
      return NULL;
    }
  g_steal_pointer (&template);
  self->socket_path = g_build_filename (self->dir, "askpass.sock", NULL);
  self->program = g_build_filename (self->dir, "askpass", NULL);

  self->service = g_socket_service_new ();
  address = g_unix_socket_address_new (self->socket_path);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_DEFAULT, NULL, NULL, error))
    return NULL;
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);

  quoted_helper = g_shell_quote (helper);
  quoted_socket = g_shell_quote (self->socket_path);
  script = g_strdup_printf ("#!/bin/sh\n# Hangar: ssh's questions go to Hangar's dialog\nexec %s --socket %s \"$@\"\n",
                            quoted_helper, quoted_socket);
  if (!g_file_set_contents_full (self->program, script, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0700, error))
    return NULL;

  g_socket_service_start (self->service);
  return g_steal_pointer (&self);
}

/**
 * hgr_askpass_get_program:
 * @self: the service
 *
 * Returns: the program to put in SSH_ASKPASS
 */
const char *
hgr_askpass_get_program (HgrAskpass *self)
{
  g_return_val_if_fail (HGR_IS_ASKPASS (self), NULL);

  return self->program;
}

/**
 * hgr_askpass_get_busy:
 * @self: the service
 *
 * Returns: whether a question of ssh is still being asked or answered
 */
gboolean
hgr_askpass_get_busy (HgrAskpass *self)
{
  g_return_val_if_fail (HGR_IS_ASKPASS (self), FALSE);

  return self->n_exchanges > 0;
}
