/* hgr-vnc-display.c — a guest's screen, keyboard and pointer over VNC (libgvnc)
 *
 * gtk-vnc's own display widget is GTK 3; this one is GTK 4 on gtk-vnc's
 * protocol library. libgvnc speaks RFB in coroutines on the main context and
 * decodes into a framebuffer we own. Updates only mark the picture dirty; the
 * next frame-clock tick turns the framebuffer into one texture, so a server
 * that sends faster than the screen refreshes costs one texture per frame.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-display.h"

#include <glib/gi18n-lib.h>
#include <gvnc.h>
#include <string.h>

#include "hgr-vnc-input.h"
#include "hgr-vnc-keymap.h"

/* Asks the server to follow the window size after it stops changing. */
#define RESIZE_GUEST_DELAY_MS 300

/* In QEMU's relative pointer mode, a position is a motion from this point. */
#define RELATIVE_ORIGIN 0x7fff

struct _HgrVncDisplay
{
  GtkWidget parent_instance;

  VncConnection     *connection;
  HgrVncDisplayState state;
  char              *error_message;
  char              *password;

  /* The framebuffer libgvnc draws into: 32-bit pixels, B G R x in memory.
   * Textures share the bytes; the fourth byte stays 0, which is why the
   * picture is drawn over black (see snapshot()). */
  GBytes             *pixels;
  VncBaseFramebuffer *framebuffer;
  int                 fb_width;
  int                 fb_height;
  GdkTexture         *texture;
  gboolean            dirty;
  guint64             frames_received;
  guint64             frames_painted;

  gboolean scale_to_fit;
  gboolean resize_guest;
  guint    resize_source;
  gboolean grab_keyboard;
  gboolean shortcuts_inhibited;
  gboolean absolute_pointer;

  HgrVncInput *input; /* keys down, the release combination, buttons, wheel steps */

  double last_x;
  double last_y;

  GdkCursor          *guest_cursor;
  GdkClipboard       *clipboard;
  char               *last_server_text;
  GCancellable       *clipboard_cancellable;
  GtkWidget          *root;      /* watched for losing focus */
  GtkEventController *root_keys; /* on the root: keys before its shortcuts */
};

G_DEFINE_FINAL_TYPE (HgrVncDisplay, hgr_vnc_display, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_STATE,
  PROP_ERROR_MESSAGE,
  PROP_GUEST_WIDTH,
  PROP_GUEST_HEIGHT,
  PROP_ABSOLUTE_POINTER,
  PROP_SCALE_TO_FIT,
  PROP_RESIZE_GUEST,
  PROP_GRAB_KEYBOARD,
  PROP_RELEASE_MODIFIERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  RELEASE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void release_all_keys (HgrVncDisplay *self);
static void update_shortcut_inhibition (HgrVncDisplay *self);

static void
set_state (HgrVncDisplay     *self,
           HgrVncDisplayState state,
           const char        *error_message)
{
  gboolean message_changed = g_strcmp0 (self->error_message, error_message) != 0;

  if (message_changed)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (state != HGR_VNC_DISPLAY_STATE_CONNECTED)
    {
      hgr_vnc_input_reset (self->input);
    }
  update_shortcut_inhibition (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                 */

/* Where the guest's picture lies in the widget, in widget coordinates. */
static gboolean
get_picture_rect (HgrVncDisplay   *self,
                  graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double scale;

  if (self->fb_width <= 0 || self->fb_height <= 0 || width <= 0 || height <= 0)
    return FALSE;

  if (self->scale_to_fit)
    scale = MIN (width / self->fb_width, height / self->fb_height);
  else /* one guest pixel on one device pixel */
    scale = 1.0 / gtk_widget_get_scale_factor (GTK_WIDGET (self));

  rect->size.width = self->fb_width * scale;
  rect->size.height = self->fb_height * scale;
  rect->origin.x = MAX (0, (width - rect->size.width) / 2);
  rect->origin.y = MAX (0, (height - rect->size.height) / 2);
  return TRUE;
}

/**
 * hgr_vnc_display_widget_to_guest:
 * @self: a display
 * @x: widget coordinate
 * @y: widget coordinate
 * @guest_x: (out): the guest pixel under (@x, @y), clamped to the screen
 * @guest_y: (out): the guest pixel under (@x, @y), clamped to the screen
 *
 * Returns: %TRUE if (@x, @y) lies on the guest's picture
 */
gboolean
hgr_vnc_display_widget_to_guest (HgrVncDisplay *self,
                                 double         x,
                                 double         y,
                                 int           *guest_x,
                                 int           *guest_y)
{
  graphene_rect_t rect;
  double          gx, gy;

  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), FALSE);

  if (!get_picture_rect (self, &rect))
    {
      *guest_x = *guest_y = 0;
      return FALSE;
    }
  gx = (x - rect.origin.x) * self->fb_width / rect.size.width;
  gy = (y - rect.origin.y) * self->fb_height / rect.size.height;
  *guest_x = CLAMP ((int) gx, 0, self->fb_width - 1);
  *guest_y = CLAMP ((int) gy, 0, self->fb_height - 1);
  return gx >= 0 && gy >= 0 && gx < self->fb_width && gy < self->fb_height;
}

/* ------------------------------------------------------------------------ */
/* Framebuffer and painting                                                 */

static void
free_framebuffer (HgrVncDisplay *self)
{
  g_clear_object (&self->framebuffer);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  g_clear_object (&self->texture);
  self->fb_width = self->fb_height = 0;
}

static void
setup_framebuffer (HgrVncDisplay *self)
{
  /* 32 bits per pixel, x R G B from the high byte: B G R x in memory on a
   * little-endian machine, GDK's native premultiplied format. */
  const VncPixelFormat local = {
    .bits_per_pixel = 32,
    .depth = 24,
    .byte_order = G_BYTE_ORDER,
    .true_color_flag = 1,
    .red_max = 255,
    .green_max = 255,
    .blue_max = 255,
    .red_shift = 16,
    .green_shift = 8,
    .blue_shift = 0,
  };
  int     width = vnc_connection_get_width (self->connection);
  int     height = vnc_connection_get_height (self->connection);
  gsize   size = (gsize) width * height * 4;
  guint8 *data;

  free_framebuffer (self);
  if (width <= 0 || height <= 0)
    return;

  data = g_malloc0 (size);
  self->pixels = g_bytes_new_take (data, size);
  self->fb_width = width;
  self->fb_height = height;
  self->framebuffer = vnc_base_framebuffer_new (data, width, height, width * 4, &local,
                                                vnc_connection_get_pixel_format (self->connection));
  /* libgvnc may still decode into the framebuffer after we let it go (a
   * rectangle half read when the session closes): the bytes live as long
   * as the framebuffer object does. */
  g_object_set_data_full (G_OBJECT (self->framebuffer), "hgr-pixels", g_bytes_ref (self->pixels),
                          (GDestroyNotify) g_bytes_unref);
  vnc_connection_set_framebuffer (self->connection, VNC_FRAMEBUFFER (self->framebuffer));
  self->dirty = TRUE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST_HEIGHT]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static GdkTexture *
new_texture (HgrVncDisplay *self)
{
  return gdk_memory_texture_new (self->fb_width, self->fb_height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, self->pixels,
                                 self->fb_width * 4);
}

static void
hgr_vnc_display_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HgrVncDisplay  *self = HGR_VNC_DISPLAY (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  graphene_rect_t picture;

  /* Black around the picture, and under it: the framebuffer's fourth byte is
   * 0, so as premultiplied pixels they add their colour to what lies below.
   * Over black that is exactly the guest's colour, with no pass over the
   * pixels to set an alpha byte. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0, 0, 0, 1 }, &bounds);

  if (self->pixels == NULL || !get_picture_rect (self, &picture))
    return;

  if (self->dirty || self->texture == NULL)
    {
      /* One texture per frame, however many updates came since the last. */
      g_set_object (&self->texture, NULL);
      self->texture = new_texture (self);
      self->dirty = FALSE;
      self->frames_painted++;
    }
  gtk_snapshot_append_texture (snapshot, self->texture, &picture);
}

static void
hgr_vnc_display_measure (GtkWidget     *widget,
                         GtkOrientation orientation,
                         int            for_size,
                         int           *minimum,
                         int           *natural,
                         int           *minimum_baseline,
                         int           *natural_baseline)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (widget);
  int            scale = gtk_widget_get_scale_factor (widget);
  int            guest = orientation == GTK_ORIENTATION_HORIZONTAL ? self->fb_width : self->fb_height;
  int            size = guest > 0 ? (guest + scale - 1) / scale : 0;

  /* Fit: any size will do. 1:1: the whole picture, in a scrolled window. */
  *minimum = self->scale_to_fit ? 0 : size;
  *natural = size;
}

/* ------------------------------------------------------------------------ */
/* Keyboard                                                                 */

static gboolean
is_connected (HgrVncDisplay *self)
{
  return self->state == HGR_VNC_DISPLAY_STATE_CONNECTED && self->connection != NULL;
}

/* HgrVncInput's way to the guest. libgvnc sends a QEMU extended key event
 * when the server announced it and the key number is known, else the keysym. */
static void
send_key_cb (gboolean down,
             guint    keyval,
             guint16  qnum,
             gpointer user_data)
{
  HgrVncDisplay *self = user_data;

  if (is_connected (self))
    vnc_connection_key_event (self->connection, down, keyval, qnum);
}

static void
release_all_keys (HgrVncDisplay *self)
{
  hgr_vnc_input_release_all (self->input);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                HgrVncDisplay         *self)
{
  if (!is_connected (self))
    return FALSE;

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
    g_signal_emit (self, signals[RELEASE_REQUESTED], 0);
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

  if (!is_connected (self))
    return;
  for (i = 0; i < n_keys; i++)
    hgr_vnc_input_key (self->input, TRUE, keys[i].keyval, keys[i].qnum);
  for (i = n_keys; i > 0; i--)
    hgr_vnc_input_key (self->input, FALSE, keys[i - 1].keyval, keys[i - 1].qnum);
}

static void
update_shortcut_inhibition (HgrVncDisplay *self)
{
  GtkNative  *native = gtk_widget_get_native (GTK_WIDGET (self));
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;
  gboolean    want = self->grab_keyboard && is_connected (self) && gtk_widget_has_focus (GTK_WIDGET (self));

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

static void send_clipboard (HgrVncDisplay *self);

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                HgrVncDisplay           *self)
{
  update_shortcut_inhibition (self);
  send_clipboard (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                HgrVncDisplay           *self)
{
  /* The guest would see keys held forever: the release went elsewhere. */
  release_all_keys (self);
  update_shortcut_inhibition (self);
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
    release_all_keys (self);
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

  if (!is_connected (self))
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
      double          scale = get_picture_rect (self, &rect) ? self->fb_width / rect.size.width : 1.0;
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
  return is_connected (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           HgrVncDisplay            *self)
{
  guint8 clicks[64];
  guint  n;

  if (!is_connected (self))
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
/* Clipboard: RFB cut text is Latin-1                                       */

static void
send_cut_text (HgrVncDisplay *self,
               const char    *text)
{
  g_autofree char *latin1 = NULL;
  gsize            length = 0;

  if (text == NULL || !is_connected (self))
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

static void
send_clipboard (HgrVncDisplay *self)
{
  GdkContentProvider *provider;

  if (!is_connected (self) || self->clipboard == NULL)
    return;
  if (gdk_clipboard_get_formats (self->clipboard) == NULL ||
      !gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (self->clipboard), G_TYPE_STRING))
    return;

  /* Text copied in Hangar itself is read straight from its provider (GTK
   * 4.8's asynchronous read leaks for local content). */
  provider = gdk_clipboard_get_content (self->clipboard);
  if (provider != NULL)
    {
      g_auto (GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_TYPE_STRING);
      if (gdk_content_provider_get_value (provider, &value, NULL))
        send_cut_text (self, g_value_get_string (&value));
      return;
    }
  gdk_clipboard_read_text_async (self->clipboard, self->clipboard_cancellable, clipboard_text_cb, self);
}

static void
clipboard_changed_cb (GdkClipboard  *clipboard,
                      HgrVncDisplay *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    send_clipboard (self);
}

/* ------------------------------------------------------------------------ */
/* libgvnc signals                                                          */

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

  set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
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
            set_state (self, HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD, NULL);
          break;
        case VNC_CONNECTION_CREDENTIAL_CLIENTNAME:
          vnc_connection_set_credential (connection, kind, "hangar");
          break;
        default:
          set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
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
  set_state (self, HGR_VNC_DISPLAY_STATE_AUTH_FAILED,
             reason != NULL && *reason != '\0' ? reason : _ ("The password was not accepted."));
}

static void
vnc_auth_unsupported_cb (VncConnection *connection,
                         unsigned int   auth_type,
                         HgrVncDisplay *self)
{
  set_state (self, HGR_VNC_DISPLAY_STATE_FAILED,
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

  setup_framebuffer (self);
  vnc_connection_set_encodings (connection, n_pixel + G_N_ELEMENTS (pseudo_encodings), encodings);
  vnc_connection_framebuffer_update_request (connection, FALSE, 0, 0, self->fb_width, self->fb_height);

  self->absolute_pointer = vnc_connection_get_abs_pointer (connection);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSOLUTE_POINTER]);
  set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTED, NULL);
  if (gtk_widget_has_focus (GTK_WIDGET (self)))
    send_clipboard (self);
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
  if (!self->dirty)
    {
      self->dirty = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
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
    setup_framebuffer (self);
  vnc_connection_framebuffer_update_request (connection, FALSE, 0, 0, self->fb_width, self->fb_height);
}

static void
vnc_pixel_format_changed_cb (VncConnection  *connection,
                             VncPixelFormat *format,
                             HgrVncDisplay  *self)
{
  setup_framebuffer (self);
}

static void
vnc_pointer_mode_changed_cb (VncConnection *connection,
                             gboolean       absolute,
                             HgrVncDisplay *self)
{
  if (self->absolute_pointer == absolute)
    return;
  self->absolute_pointer = absolute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSOLUTE_POINTER]);
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
vnc_server_cut_text_cb (VncConnection *connection,
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
      set_state (self, HGR_VNC_DISPLAY_STATE_DISCONNECTED, text);
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTING:
    case HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD:
      text = g_strdup_printf (_ ("The display could not be opened: %s"), message);
      set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, text);
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
      set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, _ ("The display closed the connection before showing anything."));
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTED:
      set_state (self, HGR_VNC_DISPLAY_STATE_DISCONNECTED, NULL);
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

static void
drop_connection (HgrVncDisplay *self)
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

  drop_connection (self);
  free_framebuffer (self);
  self->frames_received = self->frames_painted = 0;

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
  g_signal_connect (self->connection, "vnc-server-cut-text", G_CALLBACK (vnc_server_cut_text_cb), self);
  g_signal_connect (self->connection, "vnc-bell", G_CALLBACK (vnc_bell_cb), self);
  g_signal_connect (self->connection, "vnc-error", G_CALLBACK (vnc_error_cb), self);
  g_signal_connect (self->connection, "vnc-disconnected", G_CALLBACK (vnc_disconnected_cb), self);

  /* Force a notification even if the last session also ended CONNECTING. */
  self->state = HGR_VNC_DISPLAY_STATE_CLOSED;
  set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTING, NULL);
  /* Shared: another console on the same guest must not end this one. */
  vnc_connection_set_shared (self->connection, TRUE);
  if (!vnc_connection_open_fd (self->connection, fd))
    set_state (self, HGR_VNC_DISPLAY_STATE_FAILED, _ ("The display’s connection could not be used."));
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

  release_all_keys (self);
  drop_connection (self);
  free_framebuffer (self);
  set_state (self, HGR_VNC_DISPLAY_STATE_CLOSED, NULL);
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
      set_state (self, HGR_VNC_DISPLAY_STATE_CONNECTING, NULL);
      vnc_connection_set_credential (self->connection, VNC_CONNECTION_CREDENTIAL_PASSWORD, password);
    }
}

/* ------------------------------------------------------------------------ */
/* Screenshot, resizing the guest                                           */

/**
 * hgr_vnc_display_get_screenshot:
 * @self: a display
 *
 * Returns: (transfer full) (nullable): the guest's screen as it is now,
 *   opaque, or %NULL if there is none
 */
GdkTexture *
hgr_vnc_display_get_screenshot (HgrVncDisplay *self)
{
  g_autoptr (GBytes) bytes = NULL;
  const guint8 *data;
  guint8       *copy;
  gsize         size, i;

  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), NULL);

  if (self->pixels == NULL)
    return NULL;
  data = g_bytes_get_data (self->pixels, &size);
  copy = g_memdup2 (data, size);
  for (i = 3; i < size; i += 4)
    copy[i] = 0xff;
  bytes = g_bytes_new_take (copy, size);
  return gdk_memory_texture_new (self->fb_width, self->fb_height, GDK_MEMORY_B8G8R8A8_PREMULTIPLIED, bytes,
                                 self->fb_width * 4);
}

static gboolean
resize_guest_cb (gpointer user_data)
{
  HgrVncDisplay *self = user_data;
  int            scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  int            width = gtk_widget_get_width (GTK_WIDGET (self)) * scale;
  int            height = gtk_widget_get_height (GTK_WIDGET (self)) * scale;

  self->resize_source = 0;
  if (is_connected (self) && width > 0 && height > 0 && (width != self->fb_width || height != self->fb_height))
    vnc_connection_set_size (self->connection, width, height);
  return G_SOURCE_REMOVE;
}

static void
schedule_resize_guest (HgrVncDisplay *self)
{
  g_clear_handle_id (&self->resize_source, g_source_remove);
  if (self->resize_guest && is_connected (self))
    self->resize_source = g_timeout_add (RESIZE_GUEST_DELAY_MS, resize_guest_cb, self);
}

static void
hgr_vnc_display_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  schedule_resize_guest (HGR_VNC_DISPLAY (widget));
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
hgr_vnc_display_root (GtkWidget *widget)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (widget);

  GTK_WIDGET_CLASS (hgr_vnc_display_parent_class)->root (widget);
  self->root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (GTK_IS_WINDOW (self->root))
    g_signal_connect_object (self->root, "notify::is-active", G_CALLBACK (root_active_cb), self, 0);
  self->root_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (self->root_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (self->root_keys, "key-pressed", G_CALLBACK (root_key_pressed_cb), self);
  g_signal_connect (self->root_keys, "key-released", G_CALLBACK (root_key_released_cb), self);
  gtk_widget_add_controller (self->root, self->root_keys);
}

static void
hgr_vnc_display_unroot (GtkWidget *widget)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (widget);

  release_all_keys (self);
  if (self->shortcuts_inhibited)
    {
      self->grab_keyboard = FALSE;
      update_shortcut_inhibition (self);
    }
  if (self->root != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->root, root_active_cb, self);
      gtk_widget_remove_controller (self->root, self->root_keys);
    }
  self->root_keys = NULL;
  self->root = NULL;
  GTK_WIDGET_CLASS (hgr_vnc_display_parent_class)->unroot (widget);
}

static void
hgr_vnc_display_dispose (GObject *object)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (object);

  g_cancellable_cancel (self->clipboard_cancellable);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  drop_connection (self);
  free_framebuffer (self);
  if (self->clipboard != NULL)
    g_signal_handlers_disconnect_by_data (self->clipboard, self);
  g_clear_object (&self->clipboard);
  g_clear_object (&self->guest_cursor);

  G_OBJECT_CLASS (hgr_vnc_display_parent_class)->dispose (object);
}

static void
hgr_vnc_display_finalize (GObject *object)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (object);

  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->error_message);
  g_free (self->last_server_text);
  g_clear_object (&self->clipboard_cancellable);
  g_clear_object (&self->input);

  G_OBJECT_CLASS (hgr_vnc_display_parent_class)->finalize (object);
}

static void
hgr_vnc_display_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_GUEST_WIDTH:
      g_value_set_int (value, self->fb_width);
      break;
    case PROP_GUEST_HEIGHT:
      g_value_set_int (value, self->fb_height);
      break;
    case PROP_ABSOLUTE_POINTER:
      g_value_set_boolean (value, self->absolute_pointer);
      break;
    case PROP_SCALE_TO_FIT:
      g_value_set_boolean (value, self->scale_to_fit);
      break;
    case PROP_RESIZE_GUEST:
      g_value_set_boolean (value, self->resize_guest);
      break;
    case PROP_GRAB_KEYBOARD:
      g_value_set_boolean (value, self->grab_keyboard);
      break;
    case PROP_RELEASE_MODIFIERS:
      g_value_set_flags (value, hgr_vnc_input_get_release_modifiers (self->input));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_vnc_display_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (object);

  switch (prop_id)
    {
    case PROP_SCALE_TO_FIT:
      hgr_vnc_display_set_scale_to_fit (self, g_value_get_boolean (value));
      break;
    case PROP_RESIZE_GUEST:
      hgr_vnc_display_set_resize_guest (self, g_value_get_boolean (value));
      break;
    case PROP_GRAB_KEYBOARD:
      hgr_vnc_display_set_grab_keyboard (self, g_value_get_boolean (value));
      break;
    case PROP_RELEASE_MODIFIERS:
      hgr_vnc_display_set_release_modifiers (self, g_value_get_flags (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_vnc_display_class_init (HgrVncDisplayClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_vnc_display_dispose;
  object_class->finalize = hgr_vnc_display_finalize;
  object_class->get_property = hgr_vnc_display_get_property;
  object_class->set_property = hgr_vnc_display_set_property;

  widget_class->snapshot = hgr_vnc_display_snapshot;
  widget_class->measure = hgr_vnc_display_measure;
  widget_class->size_allocate = hgr_vnc_display_size_allocate;
  widget_class->root = hgr_vnc_display_root;
  widget_class->unroot = hgr_vnc_display_unroot;

  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HGR_TYPE_VNC_DISPLAY_STATE,
                                              HGR_VNC_DISPLAY_STATE_CLOSED,
                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL,
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  properties[PROP_GUEST_WIDTH] = g_param_spec_int ("guest-width", NULL, NULL, 0, G_MAXINT, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  properties[PROP_GUEST_HEIGHT] = g_param_spec_int ("guest-height", NULL, NULL, 0, G_MAXINT, 0,
                                                    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  properties[PROP_ABSOLUTE_POINTER] = g_param_spec_boolean ("absolute-pointer", NULL, NULL, FALSE,
                                                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS);
  properties[PROP_SCALE_TO_FIT] = g_param_spec_boolean ("scale-to-fit", NULL, NULL, TRUE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  properties[PROP_RESIZE_GUEST] = g_param_spec_boolean ("resize-guest", NULL, NULL, FALSE,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                          G_PARAM_STATIC_STRINGS);
  properties[PROP_GRAB_KEYBOARD] = g_param_spec_boolean ("grab-keyboard", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                           G_PARAM_STATIC_STRINGS);
  properties[PROP_RELEASE_MODIFIERS] = g_param_spec_flags ("release-modifiers", NULL, NULL, GDK_TYPE_MODIFIER_TYPE,
                                                           GDK_CONTROL_MASK | GDK_ALT_MASK,
                                                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                             G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrVncDisplay::release-requested:
   *
   * The user pressed and released the release modifiers (Ctrl+Alt) with the
   * keyboard not grabbed: the focus should leave the display.
   */
  signals[RELEASE_REQUESTED] = g_signal_new ("release-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "hgr-vnc-display");

  /* libgvnc's protocol trace, for bug reports (G_MESSAGES_DEBUG=all too). */
  if (g_getenv ("HGR_VNC_DEBUG") != NULL)
    vnc_util_set_debug (TRUE);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
hgr_vnc_display_init (HgrVncDisplay *self)
{
  GtkWidget          *widget = GTK_WIDGET (self);
  GtkEventController *controller;

  self->scale_to_fit = TRUE;
  self->input = hgr_vnc_input_new (send_key_cb, self);
  hgr_vnc_input_set_release_modifiers (self->input, GDK_CONTROL_MASK | GDK_ALT_MASK);
  self->clipboard_cancellable = g_cancellable_new ();

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

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

  self->clipboard = g_object_ref (gtk_widget_get_clipboard (widget));
  g_signal_connect (self->clipboard, "changed", G_CALLBACK (clipboard_changed_cb), self);
}

GtkWidget *
hgr_vnc_display_new (void)
{
  return g_object_new (HGR_TYPE_VNC_DISPLAY, NULL);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                */

HgrVncDisplayState
hgr_vnc_display_get_state (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), HGR_VNC_DISPLAY_STATE_CLOSED);
  return self->state;
}

const char *
hgr_vnc_display_get_error_message (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), NULL);
  return self->error_message;
}

int
hgr_vnc_display_get_guest_width (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), 0);
  return self->fb_width;
}

int
hgr_vnc_display_get_guest_height (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), 0);
  return self->fb_height;
}

gboolean
hgr_vnc_display_get_absolute_pointer (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), FALSE);
  return self->absolute_pointer;
}

gboolean
hgr_vnc_display_get_scale_to_fit (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), TRUE);
  return self->scale_to_fit;
}

void
hgr_vnc_display_set_scale_to_fit (HgrVncDisplay *self,
                                  gboolean       scale_to_fit)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  scale_to_fit = !!scale_to_fit;
  if (self->scale_to_fit == scale_to_fit)
    return;
  self->scale_to_fit = scale_to_fit;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALE_TO_FIT]);
}

gboolean
hgr_vnc_display_get_resize_guest (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), FALSE);
  return self->resize_guest;
}

void
hgr_vnc_display_set_resize_guest (HgrVncDisplay *self,
                                  gboolean       resize_guest)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  resize_guest = !!resize_guest;
  if (self->resize_guest == resize_guest)
    return;
  self->resize_guest = resize_guest;
  schedule_resize_guest (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESIZE_GUEST]);
}

gboolean
hgr_vnc_display_get_grab_keyboard (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), FALSE);
  return self->grab_keyboard;
}

/**
 * hgr_vnc_display_set_grab_keyboard:
 * @self: a display
 * @grab_keyboard: whether the desktop's own shortcuts go to the guest
 *
 * While the display has focus, asks the desktop to pass it the keys it would
 * keep for itself (Alt+Tab, Super). The release modifiers end the grab.
 */
void
hgr_vnc_display_set_grab_keyboard (HgrVncDisplay *self,
                                   gboolean       grab_keyboard)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  grab_keyboard = !!grab_keyboard;
  if (self->grab_keyboard == grab_keyboard)
    return;
  self->grab_keyboard = grab_keyboard;
  update_shortcut_inhibition (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAB_KEYBOARD]);
}

GdkModifierType
hgr_vnc_display_get_release_modifiers (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), 0);
  return hgr_vnc_input_get_release_modifiers (self->input);
}

void
hgr_vnc_display_set_release_modifiers (HgrVncDisplay  *self,
                                       GdkModifierType modifiers)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  modifiers &= gtk_accelerator_get_default_mod_mask ();
  if (hgr_vnc_input_get_release_modifiers (self->input) == modifiers)
    return;
  hgr_vnc_input_set_release_modifiers (self->input, modifiers);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASE_MODIFIERS]);
}

/**
 * hgr_vnc_display_get_frame_counts:
 * @self: a display
 * @received: (out) (optional): framebuffer updates taken in this session
 * @painted: (out) (optional): frames drawn from them
 */
void
hgr_vnc_display_get_frame_counts (HgrVncDisplay *self,
                                  guint64       *received,
                                  guint64       *painted)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  if (received != NULL)
    *received = self->frames_received;
  if (painted != NULL)
    *painted = self->frames_painted;
}
