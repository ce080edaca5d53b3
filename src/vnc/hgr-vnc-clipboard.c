/* hgr-vnc-clipboard.c — HgrVncDisplay's clipboard: text both ways; RFB cut text is Latin-1
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
send_cut_text (HgrVncDisplay *self,
               const char    *text)
{
  g_autofree char *latin1 = NULL;
  gsize            length = 0;

  if (text == NULL || !hgr_vnc_display_is_connected (self))
    return;
  if (g_strcmp0 (text, self->last_server_text) == 0)
    return; /* the guest's own text coming back */
  latin1 = g_convert_with_fallback (text, -1, "ISO-8859-1", "UTF-8", "?", NULL, &length, NULL);
  if (latin1 != NULL)
    vnc_connection_client_cut_text (self->connection, latin1, length);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  HgrVncDisplay   *self = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);

  if (!g_cancellable_is_cancelled (self->clipboard_cancellable))
    send_cut_text (self, text);
}

/* Text copied in Hangar itself is read straight from its provider (GTK
 * 4.8's asynchronous read leaks for local content). Returns FALSE when the
 * clipboard belongs to another program: read it asynchronously then. */
gboolean
hgr_vnc_display_dup_local_clipboard_text (HgrVncDisplay *self,
                                          char         **text)
{
  GdkContentProvider *provider = gdk_clipboard_get_content (self->clipboard);
  g_auto (GValue) value = G_VALUE_INIT;

  *text = NULL;
  if (provider == NULL)
    return FALSE;
  g_value_init (&value, G_TYPE_STRING);
  if (gdk_content_provider_get_value (provider, &value, NULL))
    *text = g_value_dup_string (&value);
  return TRUE;
}

void
hgr_vnc_display_send_clipboard (HgrVncDisplay *self)
{
  g_autofree char *local = NULL;

  if (!hgr_vnc_display_is_connected (self) || self->clipboard == NULL)
    return;
  if (gdk_clipboard_get_formats (self->clipboard) == NULL ||
      !gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (self->clipboard), G_TYPE_STRING))
    return;

  if (hgr_vnc_display_dup_local_clipboard_text (self, &local))
    {
      send_cut_text (self, local);
      return;
    }
  gdk_clipboard_read_text_async (self->clipboard, self->clipboard_cancellable, clipboard_text_cb, self);
}

void
hgr_vnc_display_clipboard_changed_cb (GdkClipboard  *clipboard,
                                      HgrVncDisplay *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    hgr_vnc_display_send_clipboard (self);
}

void
hgr_vnc_display_server_cut_text_cb (VncConnection *connection,
                                    const char    *latin1,
                                    HgrVncDisplay *self)
{
  g_autofree char *utf8 = g_convert (latin1, -1, "UTF-8", "ISO-8859-1", NULL, NULL, NULL);

  if (utf8 == NULL || self->clipboard == NULL)
    return;
  g_free (self->last_server_text);
  self->last_server_text = g_strdup (utf8);
  gdk_clipboard_set_text (self->clipboard, utf8);
}
