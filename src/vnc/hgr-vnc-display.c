/* hgr-vnc-display.c — a guest's screen, keyboard and pointer over VNC (libgvnc)
 *
 * gtk-vnc's own display widget is GTK 3; this one is GTK 4 on gtk-vnc's
 * protocol library. libgvnc speaks RFB in coroutines on the main context and
 * decodes into a framebuffer we own, drawn as tiles: an update marks the
 * tiles it touched, and the next frame makes a new texture for those only
 * (GTK keeps the others on the GPU). A server that sends faster than the
 * screen refreshes costs at most one texture per tile per frame, and a
 * small change costs a small upload.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-display.h"

#include <glib/gi18n-lib.h>
#include <gvnc.h>
#include <string.h>

#include "hgr-vnc-display-private.h"
#include "hgr-vnc-input.h"

/* Asks the server to follow the window size after it stops changing. */
#define RESIZE_GUEST_DELAY_MS 300

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
  TYPE_CLIPBOARD_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
hgr_vnc_display_set_state (HgrVncDisplay     *self,
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
  hgr_vnc_display_update_shortcut_inhibition (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The pointer mode the server asked for; @always notifies (a new session). */
void
hgr_vnc_display_set_absolute_pointer (HgrVncDisplay *self,
                                      gboolean       absolute,
                                      gboolean       always)
{
  if (self->absolute_pointer == absolute && !always)
    return;
  self->absolute_pointer = absolute;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ABSOLUTE_POINTER]);
}

void
hgr_vnc_display_emit_release_requested (HgrVncDisplay *self)
{
  g_signal_emit (self, signals[RELEASE_REQUESTED], 0);
}

void
hgr_vnc_display_emit_type_clipboard_requested (HgrVncDisplay *self)
{
  g_signal_emit (self, signals[TYPE_CLIPBOARD_REQUESTED], 0);
}

/* ------------------------------------------------------------------------ */
/* Geometry                                                                 */

/* Where the guest's picture lies in the widget, in widget coordinates. */
gboolean
hgr_vnc_display_get_picture_rect (HgrVncDisplay   *self,
                                  graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  int    widget_scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double scale;

  if (self->fb_width <= 0 || self->fb_height <= 0 || width <= 0 || height <= 0)
    return FALSE;

  if (self->scale_to_fit)
    scale = MIN (width / self->fb_width, height / self->fb_height);
  else /* one guest pixel on one device pixel */
    scale = 1.0 / widget_scale;

  rect->size.width = self->fb_width * scale;
  rect->size.height = self->fb_height * scale;
  /* centred, on whole device pixels: at 1:1 each guest pixel is one */
  rect->origin.x = hgr_vnc_snap_to_device (widget_scale, MAX (0, (width - rect->size.width) / 2));
  rect->origin.y = hgr_vnc_snap_to_device (widget_scale, MAX (0, (height - rect->size.height) / 2));
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

  if (!hgr_vnc_display_get_picture_rect (self, &rect))
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

void
hgr_vnc_display_free_framebuffer (HgrVncDisplay *self)
{
  hgr_vnc_display_free_tiles (self);
  g_clear_object (&self->framebuffer);
  g_clear_pointer (&self->pixels, g_bytes_unref);
  self->surface = NULL;
  self->fb_width = self->fb_height = 0;
}

void
hgr_vnc_display_setup_framebuffer (HgrVncDisplay *self)
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
  guint8 *data;

  hgr_vnc_display_free_framebuffer (self);
  if (width <= 0 || height <= 0)
    return;

  self->pixels = hgr_vnc_display_new_pixels (self, width, height);
  data = (guint8 *) g_bytes_get_data (self->pixels, NULL);
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
  hgr_vnc_display_make_tiles (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST_WIDTH]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST_HEIGHT]);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
append_black_around (GtkSnapshot           *snapshot,
                     const graphene_rect_t *bounds,
                     const graphene_rect_t *picture)
{
  const GdkRGBA   black = { 0, 0, 0, 1 };
  double          top = picture->origin.y - bounds->origin.y;
  double          bottom = bounds->origin.y + bounds->size.height - (picture->origin.y + picture->size.height);
  double          left = picture->origin.x - bounds->origin.x;
  double          right = bounds->origin.x + bounds->size.width - (picture->origin.x + picture->size.width);
  graphene_rect_t rect;

  if (top > 0)
    gtk_snapshot_append_color (snapshot, &black,
                               graphene_rect_init (&rect, bounds->origin.x, bounds->origin.y, bounds->size.width, top));
  if (bottom > 0)
    gtk_snapshot_append_color (snapshot, &black,
                               graphene_rect_init (&rect, bounds->origin.x, picture->origin.y + picture->size.height,
                                                   bounds->size.width, bottom));
  if (left > 0)
    gtk_snapshot_append_color (snapshot, &black,
                               graphene_rect_init (&rect, bounds->origin.x, picture->origin.y, left,
                                                   picture->size.height));
  if (right > 0)
    gtk_snapshot_append_color (snapshot, &black,
                               graphene_rect_init (&rect, picture->origin.x + picture->size.width, picture->origin.y,
                                                   right, picture->size.height));
}

static void
hgr_vnc_display_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  HgrVncDisplay  *self = HGR_VNC_DISPLAY (widget);
  int             scale_factor = gtk_widget_get_scale_factor (widget);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  graphene_rect_t picture, drawn;

  if (self->pixels == NULL || !hgr_vnc_display_get_picture_rect (self, &picture))
    {
      gtk_snapshot_append_color (snapshot, &(GdkRGBA){ 0, 0, 0, 1 }, &bounds);
      return;
    }
  /* Black around the picture only: the picture is opaque (see
   * hgr_vnc_display_make_opaque()), and every layer costs a software
   * renderer a pass over its pixels. The tiles end on device pixels. */
  drawn = picture;
  drawn.size.width = hgr_vnc_snap_to_device (scale_factor, picture.origin.x + picture.size.width) - picture.origin.x;
  drawn.size.height = hgr_vnc_snap_to_device (scale_factor, picture.origin.y + picture.size.height) - picture.origin.y;
  append_black_around (snapshot, &bounds, &drawn);
  hgr_vnc_display_snapshot_tiles (self, snapshot, &picture);
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
  if (hgr_vnc_display_is_connected (self) && width > 0 && height > 0 && (width != self->fb_width || height != self->fb_height))
    vnc_connection_set_size (self->connection, width, height);
  return G_SOURCE_REMOVE;
}

static void
schedule_resize_guest (HgrVncDisplay *self)
{
  g_clear_handle_id (&self->resize_source, g_source_remove);
  if (self->resize_guest && hgr_vnc_display_is_connected (self))
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
  hgr_vnc_display_watch_root (self, GTK_WIDGET (gtk_widget_get_root (widget)));
}

static void
hgr_vnc_display_unroot (GtkWidget *widget)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (widget);

  hgr_vnc_input_release_all (self->input);
  if (self->shortcuts_inhibited)
    {
      self->grab_keyboard = FALSE;
      hgr_vnc_display_update_shortcut_inhibition (self);
    }
  hgr_vnc_display_unwatch_root (self);
  GTK_WIDGET_CLASS (hgr_vnc_display_parent_class)->unroot (widget);
}

static void
hgr_vnc_display_dispose (GObject *object)
{
  HgrVncDisplay *self = HGR_VNC_DISPLAY (object);

  g_cancellable_cancel (self->clipboard_cancellable);
  g_clear_handle_id (&self->resize_source, g_source_remove);
  hgr_vnc_display_drop_connection (self);
  hgr_vnc_display_free_framebuffer (self);
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
  /**
   * HgrVncDisplay::type-clipboard-requested:
   *
   * The user pressed the release modifiers with Shift+V (Ctrl+Alt+Shift+V)
   * in the display: the clipboard's text should be typed into the guest.
   * The guest saw the modifiers go up, and sees nothing of the V.
   */
  signals[TYPE_CLIPBOARD_REQUESTED] = g_signal_new ("type-clipboard-requested", G_TYPE_FROM_CLASS (klass),
                                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "hgr-vnc-display");

  /* libgvnc's protocol trace, for bug reports (G_MESSAGES_DEBUG=all too). */
  if (g_getenv ("HGR_VNC_DEBUG") != NULL)
    vnc_util_set_debug (TRUE);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_WIDGET);
}

static void
hgr_vnc_display_init (HgrVncDisplay *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->scale_to_fit = TRUE;
  self->input = hgr_vnc_input_new (hgr_vnc_display_send_key_cb, self);
  hgr_vnc_input_set_release_modifiers (self->input, GDK_CONTROL_MASK | GDK_ALT_MASK);
  self->clipboard_cancellable = g_cancellable_new ();

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);

  hgr_vnc_display_add_input_controllers (self);

  self->clipboard = g_object_ref (gtk_widget_get_clipboard (widget));
  g_signal_connect (self->clipboard, "changed", G_CALLBACK (hgr_vnc_display_clipboard_changed_cb), self);
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
  hgr_vnc_display_update_shortcut_inhibition (self);
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

/**
 * hgr_vnc_display_get_tile_size:
 * @self: a display
 *
 * Returns: the side of the picture's square tiles, in guest pixels; it
 *   depends on the renderer that last drew them
 */
int
hgr_vnc_display_get_tile_size (HgrVncDisplay *self)
{
  g_return_val_if_fail (HGR_IS_VNC_DISPLAY (self), 0);

  return self->tile_size;
}

/**
 * hgr_vnc_display_get_tile_counts:
 * @self: a display
 * @n_tiles: (out) (optional): how many tiles the picture has now
 * @made: (out) (optional): tile textures made in this session: what was uploaded
 */
void
hgr_vnc_display_get_tile_counts (HgrVncDisplay *self,
                                 guint         *n_tiles,
                                 guint64       *made)
{
  g_return_if_fail (HGR_IS_VNC_DISPLAY (self));

  if (n_tiles != NULL)
    *n_tiles = self->tiles_x * self->tiles_y;
  if (made != NULL)
    *made = self->tiles_made;
}
