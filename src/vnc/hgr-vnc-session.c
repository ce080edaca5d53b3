/* hgr-vnc-session.c — HgrVncDisplay's libgvnc session: opening a socket, authentication, updates, closing
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "hgr-vnc-display-private.h"
#include "hgr-vnc-display.h"

static void
vnc_auth_choose_type_cb (VncConnection *connection,
                         GValueArray   *types,
                         HgrVncDisplay *self)
{
  static const unsigned int preferred[] = { VNC_CONNECTION_AUTH_NONE, VNC_CONNECTION_AUTH_VNC };
  gsize                     i;
  guint                     j;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (i = 0; i < G_N_ELEMENTS (preferred); i++)
    for (j = 0; j < types->n_values; j++)
      if (g_value_get_enum (g_value_array_get_nth (types, j)) == (int) preferred[i])
        {
          vnc_connection_set_auth_type (connection, preferred[i]);
          return;
        }
  G_GNUC_END_IGNORE_DEPRECATIONS

  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
                             _ ("The display asks for a kind of authentication Hangar does not support."));
  vnc_connection_shutdown (connection);
}

static void
vnc_auth_credential_cb (VncConnection *connection,
                        GValueArray   *credentials,
                        HgrVncDisplay *self)
{
  guint i;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  for (i = 0; i < credentials->n_values; i++)
    {
      int kind = g_value_get_enum (g_value_array_get_nth (credentials, i));

      switch (kind)
        {
        case VNC_CONNECTION_CREDENTIAL_PASSWORD:
          if (self->password != NULL)
            vnc_connection_set_credential (connection, kind, self->password);
          else
            hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD, NULL);
          break;
        case VNC_CONNECTION_CREDENTIAL_CLIENTNAME:
          vnc_connection_set_credential (connection, kind, "hangar");
          break;
        default:
          hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
                                     _ ("The display asks for a user name, which Hangar does not support."));
          vnc_connection_shutdown (connection);
          return;
        }
    }
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
vnc_auth_failure_cb (VncConnection *connection,
                     const char    *reason,
                     HgrVncDisplay *self)
{
  /* The password was wrong: forget it, so trying again asks. */
  if (self->password != NULL)
    {
      memset (self->password, 0, strlen (self->password));
      g_clear_pointer (&self->password, g_free);
    }
  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_AUTH_FAILED,
                             reason != NULL && *reason != '\0' ? reason : _ ("The password was not accepted."));
}

static void
vnc_auth_unsupported_cb (VncConnection *connection,
                         unsigned int   auth_type,
                         HgrVncDisplay *self)
{
  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
                             _ ("The display asks for a kind of authentication Hangar does not support."));
}

static void
vnc_initialized_cb (VncConnection *connection,
                    HgrVncDisplay *self)
{
  static const gint32 local_encodings[] = {
    VNC_CONNECTION_ENCODING_RAW,
    VNC_CONNECTION_ENCODING_COPY_RECT,
  };
  static const gint32 remote_encodings[] = {
    VNC_CONNECTION_ENCODING_ZRLE,
    VNC_CONNECTION_ENCODING_HEXTILE,
    VNC_CONNECTION_ENCODING_RRE,
    VNC_CONNECTION_ENCODING_COPY_RECT,
    VNC_CONNECTION_ENCODING_RAW,
  };
  static const gint32 pseudo_encodings[] = {
    VNC_CONNECTION_ENCODING_DESKTOP_RESIZE,
    VNC_CONNECTION_ENCODING_EXTENDED_DESKTOP_RESIZE,
    VNC_CONNECTION_ENCODING_WMVi,
    VNC_CONNECTION_ENCODING_ALPHA_CURSOR,
    VNC_CONNECTION_ENCODING_RICH_CURSOR,
    VNC_CONNECTION_ENCODING_XCURSOR,
    VNC_CONNECTION_ENCODING_POINTER_CHANGE,
    VNC_CONNECTION_ENCODING_EXT_KEY_EVENT,
    VNC_CONNECTION_ENCODING_LED_STATE,
    VNC_CONNECTION_ENCODING_DESKTOP_NAME,
    VNC_CONNECTION_ENCODING_LAST_RECT,
  };
  gboolean      remote = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (connection), "hgr-link")) == HGR_VNC_LINK_REMOTE;
  const gint32 *pixel_encodings = remote ? remote_encodings : local_encodings;
  gsize         n_pixel = remote ? G_N_ELEMENTS (remote_encodings) : G_N_ELEMENTS (local_encodings);
  gint32        encodings[G_N_ELEMENTS (remote_encodings) + G_N_ELEMENTS (pseudo_encodings)];

  memcpy (encodings, pixel_encodings, n_pixel * sizeof (gint32));
  memcpy (encodings + n_pixel, pseudo_encodings, sizeof pseudo_encodings);

  hgr_vnc_display_setup_framebuffer (self);
  vnc_connection_set_encodings (connection, n_pixel + G_N_ELEMENTS (pseudo_encodings), encodings);
  vnc_connection_framebuffer_update_request (connection, FALSE, 0, 0, self->fb_width, self->fb_height);

  hgr_vnc_display_set_absolute_pointer (self, vnc_connection_get_abs_pointer (connection), TRUE);
  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTED, NULL);
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    hgr_vnc_display_send_clipboard (self);
}

static void
vnc_framebuffer_update_cb (VncConnection *connection,
                           int            x,
                           int            y,
                           int            width,
                           int            height,
                           HgrVncDisplay *self)
{
  self->frames_received++;
  hgr_vnc_display_make_opaque (self, x, y, width, height);
  hgr_vnc_display_damage (self, x, y, width, height);
  /* libgvnc asks for nothing by itself: the next update is asked for as
   * this one arrives (the server answers when something changed). */
  vnc_connection_framebuffer_update_request (connection, TRUE, 0, 0, self->fb_width, self->fb_height);
}

static void
vnc_desktop_resize_cb (VncConnection *connection,
                       int            width,
                       int            height,
                       HgrVncDisplay *self)
{
  /* A server may repeat its size; the framebuffer stays as it is then. */
  if (width != self->fb_width || height != self->fb_height)
    hgr_vnc_display_setup_framebuffer (self);
  vnc_connection_framebuffer_update_request (connection, FALSE, 0, 0, self->fb_width, self->fb_height);
}

static void
vnc_pixel_format_changed_cb (VncConnection  *connection,
                             VncPixelFormat *format,
                             HgrVncDisplay  *self)
{
  hgr_vnc_display_setup_framebuffer (self);
}

static void
vnc_pointer_mode_changed_cb (VncConnection *connection,
                             gboolean       absolute,
                             HgrVncDisplay *self)
{
  hgr_vnc_display_set_absolute_pointer (self, absolute, FALSE);
}

static void
vnc_cursor_changed_cb (VncConnection *connection,
                       VncCursor     *cursor,
                       HgrVncDisplay *self)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  int width = cursor != NULL ? vnc_cursor_get_width (cursor) : 0;
  int height = cursor != NULL ? vnc_cursor_get_height (cursor) : 0;

  g_clear_object (&self->guest_cursor);
  if (width > 0 && height > 0)
    {
      /* libgvnc hands the cursor as R G B A bytes. */
      bytes = g_bytes_new (vnc_cursor_get_data (cursor), (gsize) width * height * 4);
      texture = gdk_memory_texture_new (width, height, GDK_MEMORY_R8G8B8A8, bytes, width * 4);
      self->guest_cursor = gdk_cursor_new_from_texture (texture, vnc_cursor_get_hotx (cursor),
                                                        vnc_cursor_get_hoty (cursor), NULL);
    }
  else
    self->guest_cursor = gdk_cursor_new_from_name ("none", NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), self->guest_cursor);
}

static void
vnc_bell_cb (VncConnection *connection,
             HgrVncDisplay *self)
{
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
vnc_error_cb (VncConnection *connection,
              const char    *message,
              HgrVncDisplay *self)
{
  /* libgvnc's message is English and technical; keep it after ours. A
   * session that was showing the guest ends the same way whether the server
   * went away (a guest switched off) or spoke nonsense: disconnected, with
   * the reason; one that never got that far failed. */
  g_autofree char *text = NULL;

  switch (self->state)
    {
    case HGR_VNC_DISPLAY_STATE_CONNECTED:
      text = g_strdup_printf (_ ("The connection to the display ended: %s"), message);
      hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_DISCONNECTED, text);
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTING:
    case HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD:
      text = g_strdup_printf (_ ("The display could not be opened: %s"), message);
      hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, text);
      return;
    case HGR_VNC_DISPLAY_STATE_CLOSED:
    case HGR_VNC_DISPLAY_STATE_DISCONNECTED:
    case HGR_VNC_DISPLAY_STATE_FAILED:
    case HGR_VNC_DISPLAY_STATE_AUTH_FAILED:
    default:
      return;
    }
}

static void
vnc_disconnected_cb (VncConnection *connection,
                     HgrVncDisplay *self)
{
  switch (self->state)
    {
    case HGR_VNC_DISPLAY_STATE_CONNECTING:
    case HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD:
      hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, _ ("The display closed the connection before showing anything."));
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTED:
      hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_DISCONNECTED, NULL);
      return;
    case HGR_VNC_DISPLAY_STATE_FAILED:
    case HGR_VNC_DISPLAY_STATE_AUTH_FAILED:
    case HGR_VNC_DISPLAY_STATE_CLOSED:
    case HGR_VNC_DISPLAY_STATE_DISCONNECTED:
    default:
      return;
    }
}

/* ------------------------------------------------------------------------ */
/* Opening and closing                                                      */

void
hgr_vnc_display_drop_connection (HgrVncDisplay *self)
{
  if (self->connection == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->connection, self);
  if (vnc_connection_is_open (self->connection))
    vnc_connection_shutdown (self->connection);
  g_clear_object (&self->connection);
}

/**
 * hgr_vnc_display_open_fd:
 * @self: a display
 * @fd: a connected socket to a VNC server; the display owns it from now on
 * @link: what lies between: decides which encodings are asked for first
 *
 * Starts a session; watch #HgrVncDisplay:state.
 */
void
hgr_vnc_display_open_fd (HgrVncDisplay *self,
                         int            fd,
                         HgrVncLink     link)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));
  g_return_if_fail (fd >= 0);

  hgr_vnc_display_drop_connection (self);
  hgr_vnc_display_free_framebuffer (self);
  self->frames_received = self->frames_painted = self->tiles_made = 0;

  self->connection = vnc_connection_new ();
  g_object_set_data (G_OBJECT (self->connection), "hgr-link", GINT_TO_POINTER (link));
  g_signal_connect (self->connection, "vnc-auth-choose-type", G_CALLBACK (vnc_auth_choose_type_cb), self);
  g_signal_connect (self->connection, "vnc-auth-credential", G_CALLBACK (vnc_auth_credential_cb), self);
  g_signal_connect (self->connection, "vnc-auth-failure", G_CALLBACK (vnc_auth_failure_cb), self);
  g_signal_connect (self->connection, "vnc-auth-unsupported", G_CALLBACK (vnc_auth_unsupported_cb), self);
  g_signal_connect (self->connection, "vnc-initialized", G_CALLBACK (vnc_initialized_cb), self);
  g_signal_connect (self->connection, "vnc-framebuffer-update", G_CALLBACK (vnc_framebuffer_update_cb), self);
  g_signal_connect (self->connection, "vnc-desktop-resize", G_CALLBACK (vnc_desktop_resize_cb), self);
  g_signal_connect (self->connection, "vnc-pixel-format-changed", G_CALLBACK (vnc_pixel_format_changed_cb), self);
  g_signal_connect (self->connection, "vnc-pointer-mode-changed", G_CALLBACK (vnc_pointer_mode_changed_cb), self);
  g_signal_connect (self->connection, "vnc-cursor-changed", G_CALLBACK (vnc_cursor_changed_cb), self);
  g_signal_connect (self->connection, "vnc-server-cut-text", G_CALLBACK (hgr_vnc_display_server_cut_text_cb), self);
  g_signal_connect (self->connection, "vnc-bell", G_CALLBACK (vnc_bell_cb), self);
  g_signal_connect (self->connection, "vnc-error", G_CALLBACK (vnc_error_cb), self);
  g_signal_connect (self->connection, "vnc-disconnected", G_CALLBACK (vnc_disconnected_cb), self);

  /* Force a notification even if the last session also ended CONNECTING. */
  self->state = HGR_VNC_DISPLAY_STATE_CLOSED;
  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTING, NULL);
  /* Shared: another console on the same guest must not end this one. */
  vnc_connection_set_shared (self->connection, TRUE);
  if (!vnc_connection_open_fd (self->connection, fd))
    hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, _ ("The display’s connection could not be used."));
}

/**
 * hgr_vnc_display_close:
 * @self: a display
 *
 * Ends the session; the display shows nothing and says %HGR_VNC_DISPLAY_STATE_CLOSED.
 */
void
hgr_vnc_display_close (HgrVncDisplay *self)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  hgr_vnc_input_release_all (self->input);
  hgr_vnc_display_drop_connection (self);
  hgr_vnc_display_free_framebuffer (self);
  hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_CLOSED, NULL);
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
  g_clear_object (&self->guest_cursor);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * hgr_vnc_display_set_password:
 * @self: a display
 * @password: (nullable): the VNC password, kept for this display only
 *
 * Sets the password used when the server asks; a display waiting in
 * %HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD goes on with it.
 */
void
hgr_vnc_display_set_password (HgrVncDisplay *self,
                              const char    *password)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  self->password = g_strdup (password);

  if (self->state == HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD && password != NULL)
    {
      hgr_vnc_display_set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTING, NULL);
      vnc_connection_set_credential (self->connection, VNC_CONNECTION_CREDENTIAL_PASSWORD, password);
    }
}
