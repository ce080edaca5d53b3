/* hgr-vnc-type-text.c — HgrVncDisplay's Type Clipboard: text typed into the guest as key presses
 *
 * The keys of hgr_vnc_typing_plan() go out one character at a time, its
 * modifiers pressed around it, paced so that a guest's keyboard buffer (a
 * firmware's, an installer's) keeps up: QEMU queues VNC key events and a
 * PS/2 controller takes them a few at a time. Nothing is typed when the
 * text has characters the layout cannot type; the error lists them.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "hgr-vnc-display-private.h"
#include "hgr-vnc-display.h"

/* Between two characters: ~60 per second, what a BIOS prompt keeps up with. */
#define TYPE_INTERVAL_MS 16

typedef struct
{
  GArray *keys;  /* HgrVncTypedKey */
  guint   next;  /* the next key to type */
  guint   timer; /* the pacing source */
} TypeData;

static void
type_data_free (TypeData *data)
{
  g_clear_handle_id (&data->timer, g_source_remove);
  g_array_unref (data->keys);
  g_free (data);
}

static const char *
layout_name (HgrVncTypingLayout layout)
{
  switch (layout)
    {
    case HGR_VNC_TYPING_LAYOUT_DE:
      return _ ("German");
    case HGR_VNC_TYPING_LAYOUT_US:
    default:
      return _ ("English (US)");
    }
}

static void
type_one (HgrVncDisplay        *self,
          const HgrVncTypedKey *typed)
{
  HgrVncKey keys[3];
  gsize     n = 0;

  if (typed->modifiers & HGR_VNC_TYPING_SHIFT)
    keys[n++] = (HgrVncKey){ GDK_KEY_Shift_L, HGR_VNC_QNUM_SHIFT };
  if (typed->modifiers & HGR_VNC_TYPING_ALTGR)
    keys[n++] = (HgrVncKey){ GDK_KEY_ISO_Level3_Shift, HGR_VNC_QNUM_ALTGR };
  keys[n++] = (HgrVncKey){ typed->keyval, typed->qnum };
  hgr_vnc_display_send_keys (self, keys, n);
}

static gboolean
type_next_cb (gpointer user_data)
{
  GTask         *task = user_data;
  HgrVncDisplay *self = g_task_get_source_object (task);
  TypeData      *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      data->timer = 0;
      return G_SOURCE_REMOVE;
    }
  if (!hgr_vnc_display_is_connected (self))
    {
      data->timer = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               /* Translators: %u is a number of characters */
                               g_dngettext (GETTEXT_PACKAGE, "The display closed after %u character was typed.",
                                            "The display closed after %u characters were typed.", data->next),
                               data->next);
      return G_SOURCE_REMOVE;
    }
  type_one (self, &g_array_index (data->keys, HgrVncTypedKey, data->next));
  data->next++;
  if (data->next < data->keys->len)
    return G_SOURCE_CONTINUE;
  data->timer = 0;
  g_task_return_int (task, data->next);
  return G_SOURCE_REMOVE;
}

static void
start_typing (GTask             *task,
              const char        *text,
              HgrVncTypingLayout layout)
{
  HgrVncDisplay *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *unmapped = NULL;
  TypeData        *data;
  GArray          *keys;

  if (!hgr_vnc_display_is_connected (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                               _ ("The guest’s display is not open: nothing was typed."));
      return;
    }
  keys = hgr_vnc_typing_plan (text, layout, &unmapped, &error);
  if (keys == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (unmapped != NULL)
    {
      g_array_unref (keys);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               /* Translators: the first %s is a list of characters, the second a keyboard layout */
                               _ ("Nothing was typed: the %2$s keyboard layout has no key for “%1$s”. Choose the "
                                  "guest’s layout in the Send Keys menu, or copy the text without them."),
                               unmapped, layout_name (layout));
      return;
    }
  if (keys->len == 0)
    {
      g_array_unref (keys);
      g_task_return_int (task, 0);
      return;
    }

  hgr_vnc_input_release_all (self->input);
  data = g_new0 (TypeData, 1);
  data->keys = keys;
  g_task_set_task_data (task, data, (GDestroyNotify) type_data_free);
  data->timer = g_timeout_add_full (G_PRIORITY_DEFAULT, TYPE_INTERVAL_MS, type_next_cb, g_object_ref (task),
                                    g_object_unref);
}

/**
 * hgr_vnc_display_type_text_async:
 * @self: a connected display
 * @text: what to type
 * @layout: the guest's keyboard layout
 * @cancellable: (nullable): stops typing after the current character
 * @callback: called when all is typed, or typing stopped
 * @user_data: for @callback
 *
 * Types @text into the guest as key presses. Keys the user holds go up in
 * the guest first, so they do not combine with what is typed.
 */
void
hgr_vnc_display_type_text_async (HgrVncDisplay      *self,
                                 const char         *text,
                                 HgrVncTypingLayout  layout,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));
  g_return_if_fail (text != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hgr_vnc_display_type_text_async);
  start_typing (task, text, layout);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (text == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _ ("The clipboard’s text could not be read: %s"),
                               error != NULL ? error->message : _ ("it holds no text"));
      return;
    }
  start_typing (task, text, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "hgr-layout")));
}

/**
 * hgr_vnc_display_type_clipboard_async:
 * @self: a connected display
 * @layout: the guest's keyboard layout
 * @cancellable: (nullable): stops typing after the current character
 * @callback: called when all is typed, or typing stopped
 * @user_data: for @callback
 *
 * Types the text on the clipboard into the guest, as
 * hgr_vnc_display_type_text_async() does; finish with
 * hgr_vnc_display_type_text_finish().
 */
void
hgr_vnc_display_type_clipboard_async (HgrVncDisplay      *self,
                                      HgrVncTypingLayout  layout,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char   *local = NULL;
  GdkContentFormats *formats;

  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hgr_vnc_display_type_text_async);
  formats = self->clipboard != NULL ? gdk_clipboard_get_formats (self->clipboard) : NULL;
  if (formats == NULL || !gdk_content_formats_contain_gtype (formats, G_TYPE_STRING))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               _ ("The clipboard holds no text to type. Copy some text first."));
      return;
    }
  if (hgr_vnc_display_dup_local_clipboard_text (self, &local))
    {
      start_typing (task, local != NULL ? local : "", layout);
      return;
    }
  g_object_set_data (G_OBJECT (task), "hgr-layout", GINT_TO_POINTER (layout));
  gdk_clipboard_read_text_async (self->clipboard, cancellable, clipboard_text_cb, g_steal_pointer (&task));
}

/**
 * hgr_vnc_display_type_text_finish:
 * @self: a display
 * @result: the result given to the callback
 * @error: why typing did not finish
 *
 * Returns: how many characters were typed, or -1 with @error set
 */
gssize
hgr_vnc_display_type_text_finish (HgrVncDisplay *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
