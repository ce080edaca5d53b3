/* hgr-vnc-input.c — what the guest was told of the keyboard and the pointer buttons
 *
 * The keyboard and pointer state of a console, apart from any widget or
 * connection so that it is tested without an X server: which keys the
 * guest was told are down (so each goes up once, with the keysym it went
 * down with), the release combination (Ctrl+Alt pressed together and let go
 * alone), the RFB button mask and the wheel's steps.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-vnc-input"

#include "config.h"

#include "hgr-vnc-input.h"

#include <string.h>

#define N_QNUMS 256

struct _HgrVncInput
{
  GObject parent_instance;

  HgrVncKeyFunc   func;
  gpointer        user_data;
  GdkModifierType release_modifiers;
  gboolean        release_armed;

  /* Keys the guest was told are down, by QEMU key number: the keysym sent. */
  guint   down_keyvals[N_QNUMS];
  GArray *down_keysyms_only; /* keyvals of pressed keys without a key number */

  guint8 button_mask;
  double scroll_dx;
  double scroll_dy;
};

G_DEFINE_FINAL_TYPE (HgrVncInput, hgr_vnc_input, G_TYPE_OBJECT)

static gboolean
is_modifier_keyval (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Control_L:
    case GDK_KEY_Control_R:
    case GDK_KEY_Alt_L:
    case GDK_KEY_Alt_R:
    case GDK_KEY_Shift_L:
    case GDK_KEY_Shift_R:
    case GDK_KEY_Super_L:
    case GDK_KEY_Super_R:
    case GDK_KEY_Meta_L:
    case GDK_KEY_Meta_R:
    case GDK_KEY_ISO_Level3_Shift:
      return TRUE;
    default:
      return FALSE;
    }
}

static GdkModifierType
keyval_to_modifier (guint keyval)
{
  switch (keyval)
    {
    case GDK_KEY_Control_L:
    case GDK_KEY_Control_R:
      return GDK_CONTROL_MASK;
    case GDK_KEY_Alt_L:
    case GDK_KEY_Alt_R:
    case GDK_KEY_Meta_L:
    case GDK_KEY_Meta_R:
      return GDK_ALT_MASK;
    case GDK_KEY_Shift_L:
    case GDK_KEY_Shift_R:
      return GDK_SHIFT_MASK;
    case GDK_KEY_Super_L:
    case GDK_KEY_Super_R:
      return GDK_SUPER_MASK;
    default:
      return 0;
    }
}

static void
hgr_vnc_input_finalize (GObject *object)
{
  HgrVncInput *self = HGR_VNC_INPUT (object);

  g_array_unref (self->down_keysyms_only);

  G_OBJECT_CLASS (hgr_vnc_input_parent_class)->finalize (object);
}

static void
hgr_vnc_input_class_init (HgrVncInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = hgr_vnc_input_finalize;
}

static void
hgr_vnc_input_init (HgrVncInput *self)
{
  self->down_keysyms_only = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * hgr_vnc_input_new:
 * @func: sends a key event to the guest
 * @user_data: for @func
 *
 * Returns: (transfer full): a new input state, nothing down
 */
HgrVncInput *
hgr_vnc_input_new (HgrVncKeyFunc func,
                   gpointer      user_data)
{
  HgrVncInput *self = g_object_new (HGR_TYPE_VNC_INPUT, NULL);

  self->func = func;
  self->user_data = user_data;
  return self;
}

GdkModifierType
hgr_vnc_input_get_release_modifiers (HgrVncInput *self)
{
  g_return_val_if_fail (HGR_IS_VNC_INPUT (self), 0);

  return self->release_modifiers;
}

/**
 * hgr_vnc_input_set_release_modifiers:
 * @self: an input state
 * @modifiers: the modifiers that give the keyboard back, 0 for none
 */
void
hgr_vnc_input_set_release_modifiers (HgrVncInput    *self,
                                     GdkModifierType modifiers)
{
  g_return_if_fail (HGR_IS_VNC_INPUT (self));

  self->release_modifiers = modifiers;
  self->release_armed = FALSE;
}

/**
 * hgr_vnc_input_key:
 * @self: an input state
 * @down: pressed or released
 * @keyval: the keysym
 * @qnum: QEMU's key number, 0 when unknown
 *
 * Sends a key event and remembers what is down. A release sends the keysym
 * the key went down with (Shift let go first, say); a key not down is not
 * released.
 */
void
hgr_vnc_input_key (HgrVncInput *self,
                   gboolean     down,
                   guint        keyval,
                   guint16      qnum)
{
  g_return_if_fail (HGR_IS_VNC_INPUT (self));

  if (qnum != 0 && qnum < N_QNUMS)
    {
      if (down)
        self->down_keyvals[qnum] = keyval;
      else
        {
          if (self->down_keyvals[qnum] == 0)
            return;
          keyval = self->down_keyvals[qnum];
          self->down_keyvals[qnum] = 0;
        }
    }
  else
    {
      guint i;

      for (i = 0; i < self->down_keysyms_only->len; i++)
        if (g_array_index (self->down_keysyms_only, guint, i) == keyval)
          break;
      if (down && i == self->down_keysyms_only->len)
        g_array_append_val (self->down_keysyms_only, keyval);
      else if (!down && i < self->down_keysyms_only->len)
        g_array_remove_index_fast (self->down_keysyms_only, i);
      else if (!down)
        return;
    }
  if (self->func != NULL)
    self->func (down, keyval, qnum, self->user_data);
}

/**
 * hgr_vnc_input_press:
 * @self: an input state
 * @keyval: the key's keysym
 * @qnum: QEMU's key number, 0 when unknown
 * @state: the modifiers held, as the key event says
 *
 * A key typed in the console. The release combination arms when all its
 * modifiers are down and fires when one goes up with no other key pressed
 * meanwhile, so Ctrl+Alt+Del still reaches the guest.
 */
void
hgr_vnc_input_press (HgrVncInput    *self,
                     guint           keyval,
                     guint16         qnum,
                     GdkModifierType state)
{
  GdkModifierType held;

  g_return_if_fail (HGR_IS_VNC_INPUT (self));

  held = (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_HYPER_MASK |
                   GDK_META_MASK)) |
         keyval_to_modifier (keyval);
  self->release_armed = is_modifier_keyval (keyval) && self->release_modifiers != 0 &&
                        held == self->release_modifiers;
  hgr_vnc_input_key (self, TRUE, keyval, qnum);
}

/**
 * hgr_vnc_input_release:
 * @self: an input state
 * @keyval: the key's keysym
 * @qnum: QEMU's key number, 0 when unknown
 *
 * A key let go in the console. When that completes the release
 * combination, every key still down goes up in the guest.
 *
 * Returns: whether the release combination was completed: the caller gives
 *   the keyboard back to the desktop
 */
gboolean
hgr_vnc_input_release (HgrVncInput *self,
                       guint        keyval,
                       guint16      qnum)
{
  gboolean armed;

  g_return_val_if_fail (HGR_IS_VNC_INPUT (self), FALSE);

  armed = self->release_armed && is_modifier_keyval (keyval);
  self->release_armed = FALSE;
  hgr_vnc_input_key (self, FALSE, keyval, qnum);
  if (armed)
    hgr_vnc_input_release_all (self);
  return armed;
}

/**
 * hgr_vnc_input_release_all:
 * @self: an input state
 *
 * Lets every key the guest thinks is down go up (the focus left, the
 * window went to the background, the session ended), then forgets them.
 */
void
hgr_vnc_input_release_all (HgrVncInput *self)
{
  g_return_if_fail (HGR_IS_VNC_INPUT (self));

  for (guint i = 0; i < N_QNUMS; i++)
    if (self->down_keyvals[i] != 0)
      hgr_vnc_input_key (self, FALSE, self->down_keyvals[i], i);
  while (self->down_keysyms_only->len > 0)
    hgr_vnc_input_key (self, FALSE, g_array_index (self->down_keysyms_only, guint, 0), 0);
  memset (self->down_keyvals, 0, sizeof self->down_keyvals);
  g_array_set_size (self->down_keysyms_only, 0);
  self->release_armed = FALSE;
}

/**
 * hgr_vnc_input_reset:
 * @self: an input state
 *
 * A session ended: keys go up (if they still can) and are forgotten, no
 * button is held, no wheel step is half done.
 */
void
hgr_vnc_input_reset (HgrVncInput *self)
{
  g_return_if_fail (HGR_IS_VNC_INPUT (self));

  hgr_vnc_input_release_all (self);
  self->button_mask = 0;
  self->scroll_dx = 0;
  self->scroll_dy = 0;
}

guint8
hgr_vnc_input_get_button_mask (HgrVncInput *self)
{
  g_return_val_if_fail (HGR_IS_VNC_INPUT (self), 0);

  return self->button_mask;
}

/**
 * hgr_vnc_input_button:
 * @self: an input state
 * @button: a GDK button number
 * @pressed: pressed or released
 *
 * Returns: the button mask to send; buttons RFB has no bit for change nothing
 */
guint8
hgr_vnc_input_button (HgrVncInput *self,
                      guint        button,
                      gboolean     pressed)
{
  guint8 bit;

  g_return_val_if_fail (HGR_IS_VNC_INPUT (self), 0);

  switch (button)
    {
    case GDK_BUTTON_PRIMARY:
      bit = HGR_VNC_BUTTON_LEFT;
      break;
    case GDK_BUTTON_MIDDLE:
      bit = HGR_VNC_BUTTON_MIDDLE;
      break;
    case GDK_BUTTON_SECONDARY:
      bit = HGR_VNC_BUTTON_RIGHT;
      break;
    case 8: /* back, the side button: the only extra bit RFB's 8-bit mask has */
      bit = HGR_VNC_BUTTON_SIDE;
      break;
    default:
      bit = 0;
      break;
    }
  if (pressed)
    self->button_mask |= bit;
  else
    self->button_mask &= ~bit;
  return self->button_mask;
}

/**
 * hgr_vnc_input_scroll:
 * @self: an input state
 * @dx: horizontal scroll, in steps (smooth scrolling gives fractions)
 * @dy: vertical scroll, in steps
 * @clicks: (out caller-allocates) (array length=n_clicks): the wheel buttons to click, in order
 * @n_clicks: room in @clicks
 *
 * A wheel click is one step; smooth scrolling adds up to steps, the rest
 * is kept for the next scroll.
 *
 * Returns: how many clicks @clicks holds
 */
guint
hgr_vnc_input_scroll (HgrVncInput *self,
                      double       dx,
                      double       dy,
                      guint8      *clicks,
                      guint        n_clicks)
{
  guint n = 0;

  g_return_val_if_fail (HGR_IS_VNC_INPUT (self), 0);

  self->scroll_dx += dx;
  self->scroll_dy += dy;
  for (; self->scroll_dy <= -1 && n < n_clicks; self->scroll_dy += 1)
    clicks[n++] = HGR_VNC_BUTTON_WHEEL_UP;
  for (; self->scroll_dy >= 1 && n < n_clicks; self->scroll_dy -= 1)
    clicks[n++] = HGR_VNC_BUTTON_WHEEL_DOWN;
  for (; self->scroll_dx <= -1 && n < n_clicks; self->scroll_dx += 1)
    clicks[n++] = HGR_VNC_BUTTON_WHEEL_LEFT;
  for (; self->scroll_dx >= 1 && n < n_clicks; self->scroll_dx -= 1)
    clicks[n++] = HGR_VNC_BUTTON_WHEEL_RIGHT;
  return n;
}
