/* test-vnc-input.c — the console's keyboard and button state, without an X server
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-input.h"

typedef struct
{
  gboolean down;
  guint    keyval;
  guint16  qnum;
} Sent;

static void
record_cb (gboolean down,
           guint    keyval,
           guint16  qnum,
           gpointer user_data)
{
  Sent sent = { down, keyval, qnum };

  g_array_append_val ((GArray *) user_data, sent);
}

static void
assert_sent (GArray  *sent,
             guint    index,
             gboolean down,
             guint    keyval,
             guint16  qnum)
{
  Sent *event;

  g_assert_cmpuint (index, <, sent->len);
  event = &g_array_index (sent, Sent, index);
  g_assert_cmpint (event->down, ==, down);
  g_assert_cmphex (event->keyval, ==, keyval);
  g_assert_cmpuint (event->qnum, ==, qnum);
}

static void
test_key_up_with_its_keysym (void)
{
  g_autoptr (GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (record_cb, sent);

  /* Shift+a typed, Shift let go first: "A" goes up as it went down. */
  hgr_vnc_input_press (input, GDK_KEY_Shift_L, 0x2a, 0);
  hgr_vnc_input_press (input, GDK_KEY_A, 0x1e, GDK_SHIFT_MASK);
  hgr_vnc_input_release (input, GDK_KEY_Shift_L, 0x2a);
  hgr_vnc_input_release (input, GDK_KEY_a, 0x1e);
  g_assert_cmpuint (sent->len, ==, 4);
  assert_sent (sent, 3, FALSE, GDK_KEY_A, 0x1e);

  /* A key that is not down is not released. */
  hgr_vnc_input_release (input, GDK_KEY_b, 0x30);
  g_assert_cmpuint (sent->len, ==, 4);
}

static void
test_keysym_only_keys (void)
{
  g_autoptr (GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (record_cb, sent);

  /* No key number: tracked by keysym; pressed twice, it goes up once. */
  hgr_vnc_input_key (input, TRUE, GDK_KEY_EuroSign, 0);
  hgr_vnc_input_key (input, TRUE, GDK_KEY_EuroSign, 0);
  hgr_vnc_input_key (input, FALSE, GDK_KEY_EuroSign, 0);
  hgr_vnc_input_key (input, FALSE, GDK_KEY_EuroSign, 0);
  g_assert_cmpuint (sent->len, ==, 3);
  assert_sent (sent, 2, FALSE, GDK_KEY_EuroSign, 0);
}

static void
test_release_all (void)
{
  g_autoptr (GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (record_cb, sent);

  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  hgr_vnc_input_press (input, GDK_KEY_x, 0x2d, GDK_CONTROL_MASK);
  hgr_vnc_input_key (input, TRUE, GDK_KEY_EuroSign, 0);
  g_array_set_size (sent, 0);

  /* The focus left: every key down goes up, once. */
  hgr_vnc_input_release_all (input);
  g_assert_cmpuint (sent->len, ==, 3);
  for (guint i = 0; i < sent->len; i++)
    g_assert_false (g_array_index (sent, Sent, i).down);
  hgr_vnc_input_release_all (input);
  g_assert_cmpuint (sent->len, ==, 3);
  hgr_vnc_input_release (input, GDK_KEY_x, 0x2d);
  g_assert_cmpuint (sent->len, ==, 3);
}

static void
test_release_combination (void)
{
  g_autoptr (GArray) sent = g_array_new (FALSE, FALSE, sizeof (Sent));
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (record_cb, sent);

  hgr_vnc_input_set_release_modifiers (input, GDK_CONTROL_MASK | GDK_ALT_MASK);

  /* Ctrl+Alt pressed together, let go alone: the keyboard goes back, and
   * the guest saw both keys go up. */
  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  hgr_vnc_input_press (input, GDK_KEY_Alt_L, 0x38, GDK_CONTROL_MASK);
  g_assert_true (hgr_vnc_input_release (input, GDK_KEY_Alt_L, 0x38));
  g_assert_cmpuint (sent->len, ==, 4);
  assert_sent (sent, 3, FALSE, GDK_KEY_Control_L, 0x1d);

  /* Ctrl+Alt+Del reaches the guest and does not give the keyboard back. */
  g_array_set_size (sent, 0);
  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  hgr_vnc_input_press (input, GDK_KEY_Alt_L, 0x38, GDK_CONTROL_MASK);
  hgr_vnc_input_press (input, GDK_KEY_Delete, 0xd3, GDK_CONTROL_MASK | GDK_ALT_MASK);
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Delete, 0xd3));
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Alt_L, 0x38));
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Control_L, 0x1d));
  g_assert_cmpuint (sent->len, ==, 6);

  /* Ctrl alone, or Ctrl+Shift, is not Ctrl+Alt. */
  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Control_L, 0x1d));
  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  hgr_vnc_input_press (input, GDK_KEY_Shift_L, 0x2a, GDK_CONTROL_MASK);
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Shift_L, 0x2a));
  hgr_vnc_input_release_all (input);

  /* Another setting: Ctrl+Shift. */
  hgr_vnc_input_set_release_modifiers (input, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  hgr_vnc_input_press (input, GDK_KEY_Shift_R, 0x36, 0);
  hgr_vnc_input_press (input, GDK_KEY_Control_R, 0x9d, GDK_SHIFT_MASK);
  g_assert_true (hgr_vnc_input_release (input, GDK_KEY_Control_R, 0x9d));

  /* None: never. */
  hgr_vnc_input_set_release_modifiers (input, 0);
  hgr_vnc_input_press (input, GDK_KEY_Control_L, 0x1d, 0);
  hgr_vnc_input_press (input, GDK_KEY_Alt_L, 0x38, GDK_CONTROL_MASK);
  g_assert_false (hgr_vnc_input_release (input, GDK_KEY_Alt_L, 0x38));
}

static void
test_button_mask (void)
{
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (NULL, NULL);

  g_assert_cmphex (hgr_vnc_input_button (input, GDK_BUTTON_PRIMARY, TRUE), ==, HGR_VNC_BUTTON_LEFT);
  g_assert_cmphex (hgr_vnc_input_button (input, GDK_BUTTON_SECONDARY, TRUE), ==,
                   HGR_VNC_BUTTON_LEFT | HGR_VNC_BUTTON_RIGHT);
  g_assert_cmphex (hgr_vnc_input_button (input, GDK_BUTTON_MIDDLE, TRUE), ==, 0x07);
  g_assert_cmphex (hgr_vnc_input_button (input, 8, TRUE), ==, 0x87);
  /* A button RFB has no bit for changes nothing. */
  g_assert_cmphex (hgr_vnc_input_button (input, 9, TRUE), ==, 0x87);
  g_assert_cmphex (hgr_vnc_input_button (input, GDK_BUTTON_PRIMARY, FALSE), ==, 0x86);
  g_assert_cmphex (hgr_vnc_input_get_button_mask (input), ==, 0x86);
  hgr_vnc_input_reset (input);
  g_assert_cmphex (hgr_vnc_input_get_button_mask (input), ==, 0);
}

static void
test_wheel_steps (void)
{
  g_autoptr (HgrVncInput) input = hgr_vnc_input_new (NULL, NULL);
  guint8 clicks[8];

  g_assert_cmpuint (hgr_vnc_input_scroll (input, 0, 2, clicks, G_N_ELEMENTS (clicks)), ==, 2);
  g_assert_cmphex (clicks[0], ==, HGR_VNC_BUTTON_WHEEL_DOWN);
  g_assert_cmphex (clicks[1], ==, HGR_VNC_BUTTON_WHEEL_DOWN);
  g_assert_cmpuint (hgr_vnc_input_scroll (input, -1, -1, clicks, G_N_ELEMENTS (clicks)), ==, 2);
  g_assert_cmphex (clicks[0], ==, HGR_VNC_BUTTON_WHEEL_UP);
  g_assert_cmphex (clicks[1], ==, HGR_VNC_BUTTON_WHEEL_LEFT);
  /* Smooth scrolling adds up to a step. */
  g_assert_cmpuint (hgr_vnc_input_scroll (input, 0.6, 0, clicks, G_N_ELEMENTS (clicks)), ==, 0);
  g_assert_cmpuint (hgr_vnc_input_scroll (input, 0.6, 0, clicks, G_N_ELEMENTS (clicks)), ==, 1);
  g_assert_cmphex (clicks[0], ==, HGR_VNC_BUTTON_WHEEL_RIGHT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/vnc-input/key-up-with-its-keysym", test_key_up_with_its_keysym);
  g_test_add_func ("/vnc-input/keysym-only-keys", test_keysym_only_keys);
  g_test_add_func ("/vnc-input/release-all", test_release_all);
  g_test_add_func ("/vnc-input/release-combination", test_release_combination);
  g_test_add_func ("/vnc-input/button-mask", test_button_mask);
  g_test_add_func ("/vnc-input/wheel-steps", test_wheel_steps);

  return g_test_run ();
}
