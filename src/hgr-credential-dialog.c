/* hgr-credential-dialog.c — asks the user what a connection needs: password, passphrase, host key
 *
 * One dialog per HgrCredentialRequest. Text questions get an entry (a
 * password entry for secrets) and "Connect"; an unknown SSH host key gets
 * the key's fingerprint as libvirt shows it and "Reject" (the default) or
 * "Accept". Closing the dialog declines. When the request ends elsewhere (the
 * user cancelled connecting, or it timed out), the dialog closes itself.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-credential-dialog"

#include "config.h"

#include "hgr-credential-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-a11y.h"

struct _HgrCredentialDialog
{
  AdwMessageDialog parent_instance;

  /* Borrowed: the entry is the extra child */
  GtkEditable *entry;

  /* Owned */
  HgrCredentialRequest *request;
};

G_DEFINE_FINAL_TYPE (HgrCredentialDialog, hgr_credential_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
dialog_response_cb (HgrCredentialDialog *self,
                    const char          *response)
{
  g_autofree char *answer = NULL;

  /* Take the answer out of the widget first: answering ends the request, and
   * that closes this dialog. */
  if (self->entry != NULL)
    {
      answer = g_strdup (gtk_editable_get_text (self->entry));
      gtk_editable_set_text (self->entry, "");
    }

  if (g_str_equal (response, "connect") && answer != NULL)
    hgr_credential_request_answer (self->request, answer);
  else if (g_str_equal (response, "accept"))
    hgr_credential_request_answer (self->request, "y");
  else if (g_str_equal (response, "reject"))
    hgr_credential_request_answer (self->request, "n");
  else
    hgr_credential_request_cancel (self->request);

  if (answer != NULL)
    memset (answer, 0, strlen (answer));
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* Answered here or ended elsewhere: go, but not from inside a signal of ours
 * (the answer comes from our own "response"). */
static void
request_done_cb (HgrCredentialDialog *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
hgr_credential_dialog_dispose (GObject *object)
{
  HgrCredentialDialog *self = HGR_CREDENTIAL_DIALOG (object);

  /* Gone without an answer: decline, so the worker never waits in vain. */
  if (self->request != NULL)
    hgr_credential_request_cancel (self->request);
  g_clear_object (&self->request);

  G_OBJECT_CLASS (hgr_credential_dialog_parent_class)->dispose (object);
}

static void
hgr_credential_dialog_class_init (HgrCredentialDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_credential_dialog_dispose;
}

static void
hgr_credential_dialog_init (HgrCredentialDialog *self)
{
}

static const char *
heading_for (HgrCredentialKind kind)
{
  switch (kind)
    {
    case HGR_CREDENTIAL_USER_NAME:
      return _ ("User Name Needed");
    case HGR_CREDENTIAL_PASSWORD:
      return _ ("Password Needed");
    case HGR_CREDENTIAL_PASSPHRASE:
      return _ ("Key Passphrase Needed");
    case HGR_CREDENTIAL_HOST_KEY:
      return _ ("Unknown Host Key");
    case HGR_CREDENTIAL_PROMPT:
    case HGR_CREDENTIAL_SECRET_PROMPT:
    default:
      return _ ("Answer Needed");
    }
}

/**
 * hgr_credential_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @request: the question to ask
 *
 * Returns: (transfer full): a dialog, not yet shown, that answers @request
 */
HgrCredentialDialog *
hgr_credential_dialog_new (GtkWindow            *parent,
                           HgrCredentialRequest *request)
{
  HgrCredentialDialog *self;
  HgrCredentialKind    kind;
  AdwMessageDialog    *dialog;
  g_autofree char     *body = NULL;

  g_return_val_if_fail (HGR_IS_CREDENTIAL_REQUEST (request), NULL);

  self = g_object_new (HGR_TYPE_CREDENTIAL_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  dialog = ADW_MESSAGE_DIALOG (self);
  self->request = g_object_ref (request);
  kind = hgr_credential_request_get_kind (request);

  adw_message_dialog_set_heading (dialog, heading_for (kind));
  if (kind == HGR_CREDENTIAL_HOST_KEY)
    {
      /* Translators: %s is the question with the host and its key's fingerprint */
      body = g_strdup_printf (_ ("This computer has never seen the host’s SSH key. Accept it only if it is the key the host’s administrator gave you; otherwise someone may be pretending to be the host.\n\n%s"),
                              hgr_credential_request_get_prompt (request));
      adw_message_dialog_add_responses (dialog, "reject", _ ("_Reject"), "accept", _ ("_Accept"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "reject");
      adw_message_dialog_set_close_response (dialog, "reject");
    }
  else
    {
      GtkWidget *entry = gtk_entry_new ();

      if (hgr_credential_request_get_host_name (request) != NULL)
        /* Translators: the first %s is a host, the second libvirt's question */
        body = g_strdup_printf (_ ("Connecting to “%s” needs an answer:\n%s"), hgr_credential_request_get_host_name (request),
                                hgr_credential_request_get_prompt (request));
      else
        /* Translators: %s is the question of the ssh program */
        body = g_strdup_printf (_ ("The SSH connection asks:\n%s"), hgr_credential_request_get_prompt (request));
      /* A GtkEntry, not a GtkPasswordEntry: with GTK 4.8 the latter crashed
       * when its dialog closed right after answering (seen in the widget test). */
      if (hgr_credential_request_get_secret (request))
        {
          gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
          gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
        }
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      hgr_credential_request_get_prompt (request), -1);
      self->entry = GTK_EDITABLE (entry);
      adw_message_dialog_set_extra_child (dialog, entry);
      adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "connect", _ ("C_onnect"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "connect");
      adw_message_dialog_set_close_response (dialog, "cancel");
    }
  adw_message_dialog_set_body (dialog, body);
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));

  g_signal_connect (self, "response", G_CALLBACK (dialog_response_cb), NULL); /* the sender is self */
  g_signal_connect_object (request, "notify::done", G_CALLBACK (request_done_cb), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * hgr_credential_dialog_get_request:
 * @self: a dialog
 *
 * Returns: (transfer none): the question it asks
 */
HgrCredentialRequest *
hgr_credential_dialog_get_request (HgrCredentialDialog *self)
{
  g_return_val_if_fail (HGR_IS_CREDENTIAL_DIALOG (self), NULL);

  return self->request;
}
