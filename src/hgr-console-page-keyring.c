/* hgr-console-page-keyring.c — the console page's remembered display passwords
 *
 * A display that asks for a password Hangar could not read from the guest
 * gets the one remembered in the keyring first (hgr-vnc-password.c); only
 * when there is none, or it was not accepted, the page asks. What the user
 * types with "Remember in the keyring" on is stored once the display
 * accepted it, in place of a remembered one that was refused; with it off,
 * a refused remembered password is forgotten.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-console-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-console-page-private.h"
#include "hgr-console-page.h"
#include "hgr-host.h"
#include "hgr-vnc-password.h"

static void
wipe (char **password)
{
  if (*password != NULL)
    memset (*password, 0, strlen (*password));
  g_clear_pointer (password, g_free);
}

static void
wipe_pending (HgrConsolePage *self)
{
  wipe (&self->keyring_pending);
}

/* The password to use from now on for this guest's display, over the one in its description. */
static void
set_given (HgrConsolePage *self,
           const char     *password)
{
  wipe (&self->given_password);
  self->given_password = g_strdup (password);
}

/* A new guest, or the page let go: the next password request asks the keyring again. */
void
hgr_console_page_keyring_reset (HgrConsolePage *self)
{
  if (self->keyring != NULL)
    g_cancellable_cancel (self->keyring);
  g_clear_object (&self->keyring);
  self->keyring_tried = FALSE;
  self->keyring_used = FALSE;
  self->keyring_forget = FALSE;
  wipe_pending (self);
  wipe (&self->given_password);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autoptr (GError) error = NULL;
  char *password = hgr_vnc_password_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->keyring);
  if (error != NULL)
    g_debug ("the keyring could not be asked: %s", error->message);
  if (password != NULL)
    {
      self->keyring_used = TRUE;
      set_given (self, password);
      hgr_vnc_password_free (password);
      gtk_check_button_set_active (self->remember_button, TRUE);
      if (hgr_vnc_display_get_state (self->display) == HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD)
        hgr_vnc_display_set_password (self->display, self->given_password);
      else /* the description's was refused: a new session with this one */
        hgr_console_page_stop (self);
    }
  hgr_console_page_update (self);
}

/**
 * hgr_console_page_keyring_lookup:
 * @self: a console page whose display asks for a password, or refused one
 *
 * Asks the keyring, once per guest, unless the user gave a password.
 *
 * Returns: whether the keyring is being asked (the page shows it connecting)
 */
gboolean
hgr_console_page_keyring_lookup (HgrConsolePage *self)
{
  HgrHost *host;

  if (self->keyring != NULL)
    return TRUE;
  if (self->keyring_tried || self->given_password != NULL || self->guest == NULL)
    return FALSE;
  self->keyring_tried = TRUE;
  host = hgr_guest_get_host (self->guest);
  self->keyring = g_cancellable_new ();
  hgr_vnc_password_lookup_async (hgr_host_get_uri (host), hgr_guest_get_uuid (self->guest), self->keyring, lookup_cb,
                                 g_object_ref (self));
  return TRUE;
}

/* Whether the password just refused came from the keyring. */
gboolean
hgr_console_page_keyring_was_used (HgrConsolePage *self)
{
  return self->keyring_used;
}

/* The user typed @password: remember it once it is accepted, if asked to. */
void
hgr_console_page_keyring_typed (HgrConsolePage *self,
                                const char     *password)
{
  gboolean remember = gtk_check_button_get_active (self->remember_button);

  wipe_pending (self);
  set_given (self, password);
  self->keyring_forget = !remember && self->keyring_used;
  if (remember)
    self->keyring_pending = g_strdup (password);
  self->keyring_used = FALSE;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autoptr (GError) error = NULL;
  AdwToast *toast;

  if (hgr_vnc_password_store_finish (result, &error) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is the keyring's reason */
  toast = adw_toast_new_format (_ ("The password could not be remembered: %s"), error->message);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!hgr_vnc_password_clear_finish (result, &error) && error != NULL)
    g_debug ("the refused password could not be forgotten: %s", error->message);
}

/* The display accepted its password: keep or forget what the user said. */
void
hgr_console_page_keyring_connected (HgrConsolePage *self)
{
  HgrHost *host;

  if (self->guest == NULL || (self->keyring_pending == NULL && !self->keyring_forget))
    return;
  host = hgr_guest_get_host (self->guest);
  if (self->keyring_pending != NULL)
    hgr_vnc_password_store_async (hgr_host_get_uri (host), hgr_guest_get_uuid (self->guest),
                                  hgr_guest_get_display_name (self->guest), self->keyring_pending, NULL, stored_cb,
                                  g_object_ref (self));
  else
    hgr_vnc_password_clear_async (hgr_host_get_uri (host), hgr_guest_get_uuid (self->guest), NULL, cleared_cb, NULL);
  self->keyring_forget = FALSE;
  wipe_pending (self);
}
