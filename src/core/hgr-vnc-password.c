/* hgr-vnc-password.c — a guest display's VNC password, remembered in the user's keyring
 *
 * When Hangar cannot read a display's password from the guest's secure
 * description (a read-only connection, a password changed in the running
 * guest only), the console asks for it and may remember it. It goes to the
 * Secret Service (GNOME Keyring, KWallet; the Secret portal in a Flatpak)
 * through libsecret, keyed by the host's URI and the guest's UUID, and
 * nowhere else: never into GSettings, never into a log. All calls are
 * D-Bus calls made asynchronously; none blocks the main loop.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-vnc-password"

#include "config.h"

#include "hgr-vnc-password.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.hangarvm.Hangar.VncPassword",
    SECRET_SCHEMA_NONE,
    {
      { "host-uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "guest-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

/**
 * hgr_vnc_password_lookup_async:
 * @host_uri: the host's URI
 * @guest_uuid: the guest's UUID
 * @cancellable: (nullable): a cancellable
 * @callback: called with the answer
 * @user_data: for @callback
 *
 * Looks for the remembered password of a guest's display.
 */
void
hgr_vnc_password_lookup_async (const char         *host_uri,
                               const char         *guest_uuid,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (host_uri != NULL && guest_uuid != NULL);

  secret_password_lookup (password_schema (), cancellable, callback, user_data, "host-uri", host_uri, "guest-uuid",
                          guest_uuid, NULL);
}

/**
 * hgr_vnc_password_lookup_finish:
 * @result: the result given to the callback
 * @error: why the keyring could not be asked
 *
 * Returns: (transfer full) (nullable): the password, free it with
 *   hgr_vnc_password_free(); %NULL without @error when none is remembered
 */
char *
hgr_vnc_password_lookup_finish (GAsyncResult *result,
                                GError      **error)
{
  return secret_password_lookup_finish (result, error);
}

/**
 * hgr_vnc_password_store_async:
 * @host_uri: the host's URI
 * @guest_uuid: the guest's UUID
 * @guest_name: the guest's name, for the keyring's label
 * @password: the password that was accepted
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is stored
 * @user_data: for @callback
 *
 * Remembers a display's password in the default keyring, in place of one
 * remembered before.
 */
void
hgr_vnc_password_store_async (const char         *host_uri,
                              const char         *guest_uuid,
                              const char         *guest_name,
                              const char         *password,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (host_uri != NULL && guest_uuid != NULL && guest_name != NULL && password != NULL);

  /* Translators: a keyring item's name; the first %s is a guest, the second a host's address */
  label = g_strdup_printf (_ ("VNC password of %s on %s"), guest_name, host_uri);
  secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable, callback,
                         user_data, "host-uri", host_uri, "guest-uuid", guest_uuid, NULL);
}

gboolean
hgr_vnc_password_store_finish (GAsyncResult *result,
                               GError      **error)
{
  return secret_password_store_finish (result, error);
}

/**
 * hgr_vnc_password_clear_async:
 * @host_uri: the host's URI
 * @guest_uuid: the guest's UUID
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is gone
 * @user_data: for @callback
 *
 * Forgets a display's remembered password.
 */
void
hgr_vnc_password_clear_async (const char         *host_uri,
                              const char         *guest_uuid,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (host_uri != NULL && guest_uuid != NULL);

  secret_password_clear (password_schema (), cancellable, callback, user_data, "host-uri", host_uri, "guest-uuid",
                         guest_uuid, NULL);
}

/* Returns: whether one was there; FALSE with @error if the keyring failed */
gboolean
hgr_vnc_password_clear_finish (GAsyncResult *result,
                               GError      **error)
{
  return secret_password_clear_finish (result, error);
}

/* Wipes a password from memory and frees it. */
void
hgr_vnc_password_free (char *password)
{
  secret_password_free (password);
}
