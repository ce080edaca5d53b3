/* hgr-console-page-toolbar.c — the console page's toolbar: Send Keys, Type Clipboard, screenshots, detach, fullscreen
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-console-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hgr-console-page-private.h"
#include "hgr-console-page.h"
#include "hgr-vnc-typing.h"

/* How long the fullscreen toolbar stays after the pointer left it. */
#define TOOLBAR_HIDE_DELAY_MS 1500
/* How close to the top edge the pointer brings the fullscreen toolbar back. */
#define TOOLBAR_SHOW_DISTANCE 8
/* Keys for the Send Keys menu, by name. */
typedef struct
{
  const char *name;
  HgrVncKey   keys[3];
  gsize       n_keys;
} KeyCombination;

#define CTRL                \
  {                         \
    GDK_KEY_Control_L, 0x1d \
  }
#define ALT             \
  {                     \
    GDK_KEY_Alt_L, 0x38 \
  }

static const KeyCombination key_combinations[] = {
  { "ctrl-alt-del", { CTRL, ALT, { GDK_KEY_Delete, 0xd3 } }, 3 },
  { "ctrl-alt-backspace", { CTRL, ALT, { GDK_KEY_BackSpace, 0x0e } }, 3 },
  { "print", { { GDK_KEY_Print, 0xb7 } }, 1 },
  { "ctrl-alt-f1", { CTRL, ALT, { GDK_KEY_F1, 0x3b } }, 3 },
  { "ctrl-alt-f2", { CTRL, ALT, { GDK_KEY_F2, 0x3c } }, 3 },
  { "ctrl-alt-f3", { CTRL, ALT, { GDK_KEY_F3, 0x3d } }, 3 },
  { "ctrl-alt-f4", { CTRL, ALT, { GDK_KEY_F4, 0x3e } }, 3 },
  { "ctrl-alt-f5", { CTRL, ALT, { GDK_KEY_F5, 0x3f } }, 3 },
  { "ctrl-alt-f6", { CTRL, ALT, { GDK_KEY_F6, 0x40 } }, 3 },
  { "ctrl-alt-f7", { CTRL, ALT, { GDK_KEY_F7, 0x41 } }, 3 },
  { "ctrl-alt-f8", { CTRL, ALT, { GDK_KEY_F8, 0x42 } }, 3 },
  { "ctrl-alt-f9", { CTRL, ALT, { GDK_KEY_F9, 0x43 } }, 3 },
  { "ctrl-alt-f10", { CTRL, ALT, { GDK_KEY_F10, 0x44 } }, 3 },
  { "ctrl-alt-f11", { CTRL, ALT, { GDK_KEY_F11, 0x57 } }, 3 },
  { "ctrl-alt-f12", { CTRL, ALT, { GDK_KEY_F12, 0x58 } }, 3 },
};

#undef CTRL
#undef ALT

/* ------------------------------------------------------------------------ */
/* Actions                                                                  */

void
hgr_console_page_send_keys_activated (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  HgrConsolePage *self = user_data;
  const char     *name = g_variant_get_string (parameter, NULL);
  gsize           i;

  for (i = 0; i < G_N_ELEMENTS (key_combinations); i++)
    if (g_str_equal (key_combinations[i].name, name))
      hgr_vnc_display_send_keys (self->display, key_combinations[i].keys, key_combinations[i].n_keys);
  gtk_widget_grab_focus (GTK_WIDGET (self->display));
}

/* ------------------------------------------------------------------------ */
/* Type Clipboard                                                           */

HgrVncTypingLayout
hgr_console_page_typing_layout_from_name (const char *name)
{
  return g_strcmp0 (name, "de") == 0 ? HGR_VNC_TYPING_LAYOUT_DE : HGR_VNC_TYPING_LAYOUT_US;
}

static void
show_toast (HgrConsolePage *self,
            const char     *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_typing (HgrConsolePage *self,
            GCancellable   *typing)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "stop-typing");

  g_set_object (&self->typing, typing);
  gtk_revealer_set_reveal_child (self->typing_revealer, typing != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), typing != NULL);
}

static void
typed_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gssize        typed = hgr_vnc_display_type_text_finish (HGR_VNC_DISPLAY (source), result, &error);
  GCancellable *typing = g_task_get_cancellable (G_TASK (result));

  /* A newer Type Clipboard replaced this one: it says what happens now. */
  if (typing != self->typing)
    return;
  set_typing (self, NULL);
  if (typed < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, _ ("Typing stopped."));
  else if (typed < 0)
    show_toast (self, error->message);
}

/* Types the clipboard's text into the guest, in the layout the menu says. */
void
hgr_console_page_type_clipboard_activated (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  HgrConsolePage *self = user_data;
  GAction        *layout_action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "typing-layout");
  g_autoptr (GVariant) layout = g_action_get_state (layout_action);
  g_autoptr (GCancellable) typing = g_cancellable_new ();

  hgr_console_page_stop_typing (self);
  set_typing (self, typing);
  hgr_vnc_display_type_clipboard_async (self->display,
                                        hgr_console_page_typing_layout_from_name (g_variant_get_string (layout, NULL)),
                                        typing, typed_cb, g_object_ref (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->display));
}

void
hgr_console_page_stop_typing (HgrConsolePage *self)
{
  if (self->typing != NULL)
    g_cancellable_cancel (self->typing);
}

void
hgr_console_page_stop_typing_activated (GSimpleAction *action,
                                        GVariant      *parameter,
                                        gpointer       user_data)
{
  hgr_console_page_stop_typing (user_data);
}

void
hgr_console_page_typing_layout_changed (GSimpleAction *action,
                                        GVariant      *value,
                                        gpointer       user_data)
{
  HgrConsolePage *self = user_data;
  const char     *name = g_variant_get_string (value, NULL);

  if (!g_str_equal (name, "us") && !g_str_equal (name, "de"))
    return;
  g_simple_action_set_state (action, value);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "console-typing-layout", name);
}

/**
 * hgr_console_page_save_screenshot:
 * @self: a console page
 * @texture: the picture
 * @file: where to save it, as PNG
 *
 * Saves @texture; when that fails, a toast on the page says so.
 *
 * Returns: whether it was saved
 */
gboolean
hgr_console_page_save_screenshot (HgrConsolePage *self,
                                  GdkTexture     *texture,
                                  GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  AdwToast        *toast;

  if (path != NULL && gdk_texture_save_to_png (texture, path))
    return TRUE;
  name = g_file_get_parse_name (file);
  /* Translators: %s is a file's path */
  message = g_strdup_printf (_ ("The screenshot could not be saved as “%s”. Choose a folder you can write to."), name);
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  return FALSE;
}

static void
screenshot_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr (GdkTexture) texture = user_data;
  HgrConsolePage *self = g_object_get_data (G_OBJECT (chooser), "hgr-console-page");
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self != NULL)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        hgr_console_page_save_screenshot (self, texture, file);
    }
  g_object_unref (chooser);
}

void
hgr_console_page_screenshot_activated (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  HgrConsolePage       *self = user_data;
  GdkTexture           *texture = hgr_vnc_display_get_screenshot (self->display);
  GtkFileChooserNative *chooser;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d %H-%M-%S");
  g_autofree char *name = NULL;

  if (texture == NULL)
    return;
  /* Translators: a file name; %s is the guest's name, %s the date and time */
  name = g_strdup_printf (_ ("Screenshot of %s from %s.png"), hgr_guest_get_display_name (self->guest), stamp);
  chooser = gtk_file_chooser_native_new (_ ("Save Screenshot"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Save"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "hgr-console-page", g_object_ref (self), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (screenshot_response_cb), texture);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
hgr_console_page_detach_activated (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  HgrConsolePage *self = user_data;

  hgr_console_page_emit_detach_requested (self, FALSE);
}

GtkWindow *
hgr_console_page_get_window (HgrConsolePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
hgr_console_page_fullscreen_activated (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  HgrConsolePage *self = user_data;
  GtkWindow      *window = hgr_console_page_get_window (self);

  if (window == NULL)
    return;
  /* In the main window, fullscreen is the console alone: in its own window. */
  if (self->detachable && self->guest != NULL)
    {
      hgr_console_page_emit_detach_requested (self, TRUE);
      return;
    }
  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

/* ------------------------------------------------------------------------ */
/* Fullscreen: the toolbar hides, and comes back at the top edge            */

/* Where the toolbar is now: above the picture, or over it. */
GtkRevealer *
hgr_console_page_toolbar_holder (HgrConsolePage *self)
{
  return gtk_widget_get_parent (self->toolbar) == GTK_WIDGET (self->osd_revealer) ? self->osd_revealer
                                                                                  : self->toolbar_revealer;
}

static gboolean
hide_toolbar_cb (gpointer user_data)
{
  HgrConsolePage *self = user_data;

  self->hide_toolbar_source = 0;
  gtk_revealer_set_reveal_child (self->osd_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
move_toolbar (HgrConsolePage *self,
              GtkRevealer    *to)
{
  g_autoptr (GtkWidget) toolbar = g_object_ref (self->toolbar);
  GtkRevealer *from = hgr_console_page_toolbar_holder (self);

  if (from == to)
    return;
  gtk_revealer_set_child (from, NULL);
  gtk_revealer_set_child (to, toolbar);
}

void
hgr_console_page_fullscreen_changed_cb (HgrConsolePage *self)
{
  gboolean fullscreen = hgr_console_page_is_fullscreen (self);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "fullscreen");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (fullscreen));
  g_clear_handle_id (&self->hide_toolbar_source, g_source_remove);
  hgr_console_page_update_hint (self);
  if (fullscreen)
    {
      /* An on-screen bar over the picture, so the guest's screen keeps its size. */
      move_toolbar (self, self->osd_revealer);
      gtk_widget_add_css_class (self->toolbar, "osd");
      gtk_revealer_set_reveal_child (self->osd_revealer, TRUE);
      self->hide_toolbar_source = g_timeout_add (TOOLBAR_HIDE_DELAY_MS, hide_toolbar_cb, self);
    }
  else
    {
      move_toolbar (self, self->toolbar_revealer);
      gtk_widget_remove_css_class (self->toolbar, "osd");
      gtk_revealer_set_reveal_child (self->osd_revealer, FALSE);
    }
}

void
hgr_console_page_motion_cb (GtkEventControllerMotion *controller,
                            double                    x,
                            double                    y,
                            HgrConsolePage           *self)
{
  gboolean over_toolbar;

  if (!hgr_console_page_is_fullscreen (self))
    return;
  over_toolbar = gtk_revealer_get_child_revealed (self->osd_revealer) &&
                 y <= gtk_widget_get_height (GTK_WIDGET (self->osd_revealer));
  if (y <= TOOLBAR_SHOW_DISTANCE || over_toolbar)
    {
      gtk_revealer_set_reveal_child (self->osd_revealer, TRUE);
      g_clear_handle_id (&self->hide_toolbar_source, g_source_remove);
    }
  else if (gtk_revealer_get_reveal_child (self->osd_revealer) && self->hide_toolbar_source == 0)
    self->hide_toolbar_source = g_timeout_add (TOOLBAR_HIDE_DELAY_MS, hide_toolbar_cb, self);
}
