/* test-vnc-type.c — Type Clipboard: the clipboard's text reaches Hangar's RFB test server as key presses
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "hgr-vnc-fixture.h"
#include "hgr-vnc-typing.h"

#define QNUM_V 0x2f

typedef struct
{
  gboolean done;
  gssize   typed;
  GError  *error;
} TypeResult;

static void
typed_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  TypeResult *type = user_data;

  type->typed = hgr_vnc_display_type_text_finish (HGR_VNC_DISPLAY (source), result, &type->error);
  type->done = TRUE;
}

static void
open_connected (Fixture          *fixture,
                HgrRfbServerFlags flags)
{
  fixture_open (fixture, 320, 240, flags, 320, 240);
  wait_for_picture (fixture);
  /* The extended key events are announced with the first update. */
  HGR_TEST_WAIT_UNTIL (hgr_rfb_server_get_frames_sent (fixture->server) > 0);
}

static void
type_clipboard (Fixture           *fixture,
                const char        *text,
                HgrVncTypingLayout layout,
                GCancellable      *cancellable,
                TypeResult        *result)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->display)), text);
  hgr_vnc_display_type_clipboard_async (fixture->display, layout, cancellable, typed_cb, result);
}

/* The events the server must see for @text: per character its modifiers
 * down, its key down and up, the modifiers up. */
static GArray *
expected_events (const char        *text,
                 HgrVncTypingLayout layout)
{
  g_autoptr (GArray) plan = hgr_vnc_typing_plan (text, layout, NULL, NULL);
  GArray *events = g_array_new (FALSE, FALSE, sizeof (HgrRfbEvent));

  for (guint i = 0; i < plan->len; i++)
    {
      const HgrVncTypedKey *key = &g_array_index (plan, HgrVncTypedKey, i);
      guint32               mods[2];
      guint                 n_mods = 0;

      if (key->modifiers & HGR_VNC_TYPING_SHIFT)
        mods[n_mods++] = HGR_VNC_QNUM_SHIFT;
      if (key->modifiers & HGR_VNC_TYPING_ALTGR)
        mods[n_mods++] = HGR_VNC_QNUM_ALTGR;
      for (guint j = 0; j < n_mods; j++)
        g_array_append_val (events, ((HgrRfbEvent){ .kind = HGR_RFB_EVENT_EXT_KEY, .down = TRUE, .qnum = mods[j] }));
      g_array_append_val (events, ((HgrRfbEvent){ .kind = HGR_RFB_EVENT_EXT_KEY, .down = TRUE, .qnum = key->qnum }));
      g_array_append_val (events, ((HgrRfbEvent){ .kind = HGR_RFB_EVENT_EXT_KEY, .down = FALSE, .qnum = key->qnum }));
      for (guint j = n_mods; j > 0; j--)
        g_array_append_val (events,
                            ((HgrRfbEvent){ .kind = HGR_RFB_EVENT_EXT_KEY, .down = FALSE, .qnum = mods[j - 1] }));
    }
  return events;
}

static void
assert_events_equal (GArray *events,
                     GArray *expected)
{
  for (guint i = 0; i < MIN (events->len, expected->len); i++)
    {
      HgrRfbEvent *got = &g_array_index (events, HgrRfbEvent, i);
      HgrRfbEvent *want = &g_array_index (expected, HgrRfbEvent, i);

      if (got->kind != want->kind || got->down != want->down || got->qnum != want->qnum)
        g_error ("event %u: %s qnum 0x%x, expected %s qnum 0x%x", i, got->down ? "down" : "up", got->qnum,
                 want->down ? "down" : "up", want->qnum);
    }
  g_assert_cmpuint (events->len, ==, expected->len);
}

/* Nothing more reaches the server within a while. */
static void
assert_no_more_events (Fixture *fixture)
{
  g_autoptr (GArray) events = NULL;
  gint64 until = g_get_monotonic_time () + 200 * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  events = take_key_events (fixture);
  g_assert_cmpuint (events->len, ==, 0);
}

static void
test_typed_us (void)
{
  /* Capitals, symbols on Shift, digits, a tab and a new line. */
  const char *text = "Hello, World! 1+1=2\tok\r\n";
  Fixture     fixture = { 0 };
  TypeResult  result = { 0 };
  g_autoptr (GArray) expected = expected_events (text, HGR_VNC_TYPING_LAYOUT_US);
  g_autoptr (GArray) events = NULL;

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);
  type_clipboard (&fixture, text, HGR_VNC_TYPING_LAYOUT_US, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_no_error (result.error);
  g_assert_cmpint (result.typed, ==, 23); /* the CR is not a key */

  events = wait_for_events (&fixture, expected->len);
  assert_events_equal (events, expected);
  /* H: Shift (0x2a) around the H key (0x23); the new line is Enter (0x1c) */
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 0).qnum, ==, 0x2a);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 1).qnum, ==, 0x23);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, events->len - 1).qnum, ==, 0x1c);
  assert_no_more_events (&fixture);

  fixture_close (&fixture);
}

static void
test_typed_de (void)
{
  /* QWERTZ, umlauts, and AltGr for € and @ */
  const char *text = "zy äÖß €@";
  Fixture     fixture = { 0 };
  TypeResult  result = { 0 };
  g_autoptr (GArray) expected = expected_events (text, HGR_VNC_TYPING_LAYOUT_DE);
  g_autoptr (GArray) events = NULL;

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);
  type_clipboard (&fixture, text, HGR_VNC_TYPING_LAYOUT_DE, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_no_error (result.error);
  g_assert_cmpint (result.typed, ==, 9);

  events = wait_for_events (&fixture, expected->len);
  assert_events_equal (events, expected);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 0).qnum, ==, 0x15); /* z where US has y */
  /* €: AltGr (0xb8) held around E (0x12) */
  {
    gboolean euro = FALSE;

    for (guint i = 0; i + 1 < events->len; i++)
      if (g_array_index (events, HgrRfbEvent, i).qnum == 0xb8 && g_array_index (events, HgrRfbEvent, i).down &&
          g_array_index (events, HgrRfbEvent, i + 1).qnum == 0x12)
        euro = TRUE;
    g_assert_true (euro);
  }

  fixture_close (&fixture);
}

static void
test_keysym_server (void)
{
  Fixture    fixture = { 0 };
  TypeResult result = { 0 };
  g_autoptr (GArray) events = NULL;

  /* Without QEMU's extension the server gets keysyms: Shift, then "A". */
  open_connected (&fixture, 0);
  type_clipboard (&fixture, "A", HGR_VNC_TYPING_LAYOUT_US, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_no_error (result.error);

  events = wait_for_events (&fixture, 4);
  g_assert_cmpuint (events->len, ==, 4);
  g_assert_cmpint (g_array_index (events, HgrRfbEvent, 0).kind, ==, HGR_RFB_EVENT_KEY);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 0).keysym, ==, GDK_KEY_Shift_L);
  g_assert_cmphex (g_array_index (events, HgrRfbEvent, 1).keysym, ==, GDK_KEY_A);
  g_assert_true (g_array_index (events, HgrRfbEvent, 1).down);
  g_assert_false (g_array_index (events, HgrRfbEvent, 3).down);

  fixture_close (&fixture);
}

static void
test_refused (void)
{
  Fixture          fixture = { 0 };
  TypeResult       result = { 0 };
  g_autofree char *long_text = g_strnfill (HGR_VNC_TYPING_MAX_CHARS + 1, 'a');

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);

  /* ^ and ` are dead keys on German: listed, and nothing is typed */
  type_clipboard (&fixture, "a^b`c^", HGR_VNC_TYPING_LAYOUT_DE, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_cmpint (result.typed, ==, -1);
  g_assert_nonnull (strstr (result.error->message, "“^`”"));
  g_assert_nonnull (strstr (result.error->message, "German"));
  assert_no_more_events (&fixture);
  g_clear_error (&result.error);

  /* too long: the limit is in the message */
  result.done = FALSE;
  type_clipboard (&fixture, long_text, HGR_VNC_TYPING_LAYOUT_US, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (result.error->message, "4096"));
  assert_no_more_events (&fixture);
  g_clear_error (&result.error);

  /* an empty clipboard, or one without text */
  result.done = FALSE;
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (fixture.display)), NULL);
  hgr_vnc_display_type_clipboard_async (fixture.display, HGR_VNC_TYPING_LAYOUT_US, NULL, typed_cb, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&result.error);

  fixture_close (&fixture);
}

static void
test_cancel (void)
{
  Fixture          fixture = { 0 };
  TypeResult       result = { 0 };
  g_autofree char *text = g_strnfill (400, 'A');
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GArray) events = NULL;
  g_autoptr (GArray) rest = NULL;
  guint down = 0, up = 0;

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);
  type_clipboard (&fixture, text, HGR_VNC_TYPING_LAYOUT_US, cancellable, &result);
  events = wait_for_events (&fixture, 40);
  g_cancellable_cancel (cancellable);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);

  /* It stopped well before the end, and left no key down in the guest. */
  assert_no_more_events (&fixture);
  rest = take_key_events (&fixture);
  g_array_append_vals (events, rest->data, rest->len);
  for (guint i = 0; i < events->len; i++)
    {
      if (g_array_index (events, HgrRfbEvent, i).down)
        down++;
      else
        up++;
    }
  g_assert_cmpuint (down, ==, up);
  g_assert_cmpuint (events->len, <, 400 * 4);

  fixture_close (&fixture);
}

static void
test_display_closes (void)
{
  Fixture          fixture = { 0 };
  TypeResult       result = { 0 };
  g_autofree char *text = g_strnfill (400, 'a');
  g_autoptr (GArray) events = NULL;

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);
  type_clipboard (&fixture, text, HGR_VNC_TYPING_LAYOUT_US, NULL, &result);
  events = wait_for_events (&fixture, 10);
  hgr_rfb_server_disconnect (fixture.server);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_assert_nonnull (strstr (result.error->message, "characters were typed"));
  g_clear_error (&result.error);

  /* a display that is not open types nothing */
  result.done = FALSE;
  hgr_vnc_display_close (fixture.display);
  type_clipboard (&fixture, "a", HGR_VNC_TYPING_LAYOUT_US, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result.done);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED);
  g_clear_error (&result.error);

  fixture_close (&fixture);
}

static void
test_shortcut (void)
{
  Fixture fixture = { 0 };
  guint   requested = 0;
  g_autoptr (GArray) events = NULL;

  open_connected (&fixture, HGR_RFB_SERVER_EXT_KEY);
  focus_display (&fixture);
  g_signal_connect (fixture.display, "type-clipboard-requested", G_CALLBACK (count_cb), &requested);

  /* Shift+V alone, and Ctrl+Shift+V, are the guest's (a terminal's paste). */
  xdotool ("key shift+v ctrl+shift+v");
  events = wait_for_events (&fixture, 10);
  g_assert_cmpuint (requested, ==, 0);
  g_clear_pointer (&events, g_array_unref);

  /* The release keys with Shift+V: Type Clipboard. The guest saw the
   * modifiers go down and up again, and never the V. */
  xdotool ("keydown Control_L keydown Alt_L keydown Shift_L key v keyup Shift_L keyup Alt_L keyup Control_L");
  HGR_TEST_WAIT_UNTIL (requested == 1);
  events = wait_for_events (&fixture, 6);
  assert_no_more_events (&fixture);
  {
    guint down = 0, up = 0;

    for (guint i = 0; i < events->len; i++)
      {
        g_assert_cmphex (g_array_index (events, HgrRfbEvent, i).qnum, !=, QNUM_V);
        if (g_array_index (events, HgrRfbEvent, i).down)
          down++;
        else
          up++;
      }
    g_assert_cmpuint (down, ==, 3);
    g_assert_cmpuint (up, ==, 3);
  }
  /* and the keyboard stays with the guest: no release was asked for */
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (fixture.display)));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() asks for en_US.UTF-8, which a bare machine lacks. */
  setlocale (LC_ALL, "C.UTF-8");

  g_test_add_func ("/vnc-type/us", test_typed_us);
  g_test_add_func ("/vnc-type/de", test_typed_de);
  g_test_add_func ("/vnc-type/keysym-server", test_keysym_server);
  g_test_add_func ("/vnc-type/refused", test_refused);
  g_test_add_func ("/vnc-type/cancel", test_cancel);
  g_test_add_func ("/vnc-type/display-closes", test_display_closes);
  g_test_add_func ("/vnc-type/shortcut", test_shortcut);
  return g_test_run ();
}
