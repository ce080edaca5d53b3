/* hgr-vnc-events.c — HgrVncDisplay's keyboard, focus and pointer events, sent to the guest
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-display-private.h"
#include "hgr-vnc-display.h"
#include "hgr-vnc-keymap.h"

/* In QEMU's relative pointer mode, a position is a motion from this point. */
#define RELATIVE_ORIGIN 0x7fff

/* ------------------------------------------------------------------------ */
/* Keyboard                                                                 */

gboolean
hgr_vnc_display_is_connected (HgrVncDisplay *self)
{
  return self->state == HGR_VNC_DISPLAY_STATE_CONNECTED && self->connection != NULL;
}

/* HgrVncInput's way to the guest. libgvnc sends a QEMU extended key event
 * when the server announced it and the key number is known, else the keysym. */
void
hgr_vnc_display_send_key_cb (gboolean down,
                             guint    keyval,
                             guint16  qnum,
                             gpointer user_data)
{
  HgrVncDisplay *self = user_data;

  if (hgr_vnc_display_is_connected (self))
    vnc_connection_key_event (self->connection, down, keyval, qnum);
}

/* The release modifiers with Shift+V: Type Clipboard, not keys for the guest. */
static gboolean
is_type_clipboard_shortcut (HgrVncDisplay  *self,
                            guint           keyval,
                            GdkModifierType state)
{
  GdkModifierType release = hgr_vnc_input_get_release_modifiers (self->input);

  return release != 0 && gdk_keyval_to_lower (keyval) == GDK_KEY_v &&
         (state & gtk_accelerator_get_default_mod_mask ()) == (release | GDK_SHIFT_MASK);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HgrVncDisplay         *self)
{
  if (!hgr_vnc_display_is_connected (self))
    return FALSE;
  if (is_type_clipboard_shortcut (self, keyval, state))
    {
      /* The guest saw the modifiers go down: they go up before it is typed. */
      hgr_vnc_input_release_all (self->input);
      hgr_vnc_display_emit_type_clipboard_requested (self);
      return TRUE;
    }

  hgr_vnc_input_press (self->input, keyval, hgr_vnc_keymap_gdk_to_qnum (keycode), state);
  return TRUE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 HgrVncDisplay         *self)
{
  /* The release combination: the guest saw every key go up; the desktop
   * gets the keyboard back: a grab ends, else the focus moves on, out of
   * the display. */
  if (!hgr_vnc_input_release (self->input, keyval, hgr_vnc_keymap_gdk_to_qnum (keycode)))
    return;
  if (self->grab_keyboard)
    hgr_vnc_display_set_grab_keyboard (self, FALSE);
  else
    hgr_vnc_display_emit_release_requested (self);
}

/**
 * hgr_vnc_display_send_keys:
 * @self: a connected display
 * @keys: (array length=n_keys): keys pressed in this order, released in reverse
 * @n_keys: how many
 *
 * Sends a key combination the desktop would keep for itself (Ctrl+Alt+Del).
 */
void
hgr_vnc_display_send_keys (HgrVncDisplay   *self,
                           const HgrVncKey *keys,
                           gsize            n_keys)
{
  gsize i;

  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  if (!hgr_vnc_display_is_connected (self))
    return;
  for (i = 0; i < n_keys; i++)
    hgr_vnc_input_key (self->input, TRUE, keys[i].keyval, keys[i].qnum);
  for (i = n_keys; i > 0; i--)
    hgr_vnc_input_key (self->input, FALSE, keys[i - 1].keyval, keys[i - 1].qnum);
}

void
hgr_vnc_display_update_shortcut_inhibition (HgrVncDisplay *self)
{
  GtkNative  *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  gboolean    want = self->grab_keyboard && hgr_vnc_display_is_connected (self) && gtk_widget_has_focus (GTK_WIDGET (self));

  if (surface == NULL || !GDK_IS_TOPLEVEL (surface))
    want = FALSE;
  if (want == self->shortcuts_inhibited)
    return;
  if (surface != NULL && GDK_IS_TOPLEVEL (surface))
    {
      if (want)
        gdk_toplevel_inhibit_system_shortcuts (GDK_TOPLEVEL (surface), NULL);
      else
        gdk_toplevel_restore_system_shortcuts (GDK_TOPLEVEL (surface));
    }
  self->shortcuts_inhibited = want;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                HgrVncDisplay           *self)
{
  hgr_vnc_display_update_shortcut_inhibition (self);
  hgr_vnc_display_send_clipboard (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                HgrVncDisplay           *self)
{
  /* The guest would see keys held forever: the release went elsewhere. */
  hgr_vnc_input_release_all (self->input);
  hgr_vnc_display_update_shortcut_inhibition (self);
}

/* The window's shortcuts (application accelerators) see keys in the capture
 * phase, before the focus widget: Ctrl+Q typed in the guest would quit
 * Hangar. A key controller added to the root later runs before them
 * (controllers are prepended), and takes every key while the display has
 * the focus. */
static gboolean
root_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     HgrVncDisplay         *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    return FALSE;
  return key_pressed_cb (controller, keyval, keycode, state, self);
}

static void
root_key_released_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      HgrVncDisplay         *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    key_released_cb (controller, keyval, keycode, state, self);
}

static void
root_active_cb (GtkWindow     *window,
                GParamSpec    *pspec,
                HgrVncDisplay *self)
{
  if (!gtk_window_is_active (window))
    hgr_vnc_input_release_all (self->input);
}

/* ------------------------------------------------------------------------ */
/* Pointer                                                                  */

static void
send_pointer_with (HgrVncDisplay *self,
                   double         x,
                   double         y,
                   guint8         extra_buttons)
{
  guint8 mask = hgr_vnc_input_get_button_mask (self->input) | extra_buttons;
  int    guest_x, guest_y;

  if (!hgr_vnc_display_is_connected (self))
    return;

  if (self->absolute_pointer)
    {
      hgr_vnc_display_widget_to_guest (self, x, y, &guest_x, &guest_y);
      vnc_connection_pointer_event (self->connection, mask, guest_x, guest_y);
    }
  else
    {
      /* Without a tablet the guest takes motions; GTK 4 cannot lock the
       * pointer, so the two pointers may drift apart (the page says so). */
      graphene_rect_t rect;
      double          scale = hgr_vnc_display_get_picture_rect (self, &rect) ? self->fb_width / rect.size.width : 1.0;
      int             dx = (int) ((x - self->last_x) * scale);
      int             dy = (int) ((y - self->last_y) * scale);

      vnc_connection_pointer_event (self->connection, mask, RELATIVE_ORIGIN + dx,
                                    RELATIVE_ORIGIN + dy);
    }
  self->last_x = x;
  self->last_y = y;
}

static void
send_pointer (HgrVncDisplay *self,
              double         x,
              double         y)
{
  send_pointer_with (self, x, y, 0);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           HgrVncDisplay            *self)
{
  send_pointer (self, x, y);
}

/* Buttons come from a legacy controller: a click gesture would stop
 * reporting when the pointer moves while a button is held (a drag). */
static gboolean
button_event_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 HgrVncDisplay            *self)
{
  GdkEventType type = gdk_event_get_event_type (event);
  GtkNative   *native = gtk_widget_get_native (GTK_WIDGET (self));
  double       x, y, nx, ny;

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE) || native == NULL ||
      !gdk_event_get_position (event, &x, &y))
    return FALSE;

  gtk_native_get_surface_transform (native, &nx, &ny);
  gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self), x - nx, y - ny, &x, &y);
  if (type == GDK_BUTTON_PRESS)
    gtk_widget_grab_focus (GTK_WIDGET (self));
  hgr_vnc_input_button (self->input, gdk_button_event_get_button (event), type == GDK_BUTTON_PRESS);
  send_pointer (self, x, y);
  return hgr_vnc_display_is_connected (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HgrVncDisplay            *self)
{
  guint8 clicks[64];
  guint  n;

  if (!hgr_vnc_display_is_connected (self))
    return FALSE;

  /* Each wheel step is the wheel's button pressed and let go. */
  n = hgr_vnc_input_scroll (self->input, dx, dy, clicks, G_N_ELEMENTS (clicks));
  for (guint i = 0; i < n; i++)
    {
      send_pointer_with (self, self->last_x, self->last_y, clicks[i]);
      send_pointer_with (self, self->last_x, self->last_y, 0);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The controllers                                                          */

void
hgr_vnc_display_add_input_controllers (HgrVncDisplay *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_legacy_new ();
  g_signal_connect (controller, "event", G_CALLBACK (button_event_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);
}

/* The window's shortcuts (see root_key_pressed_cb) and its activity. */
void
hgr_vnc_display_watch_root (HgrVncDisplay *self,
                            GtkWidget     *root)
{
  self->root = root;
  if (GTK_IS_WINDOW (self->root))
    g_signal_connect_object (self->root, "notify::is-active", G_CALLBACK (root_active_cb), self, 0);
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (root_key_pressed_cb), self);
  g_signal_connect (self->root_keys, "key-released", G_CALLBACK (root_key_released_cb), self);
  gtk_widget_add_controller (self->root, self->root_keys);
}

void
hgr_vnc_display_unwatch_root (HgrVncDisplay *self)
{
  if (self->root != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->root, root_active_cb, self);
      gtk_widget_remove_controller (self->root, self->root_keys);
    }
  self->root_keys = NULL;
  self->root = NULL;
}
