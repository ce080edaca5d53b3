/* test-vnc-typing.c — Type Clipboard's key map: text to scan codes and modifiers on US and German layouts
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "hgr-vnc-typing.h"

static HgrVncTypedKey
only_key (const char        *text,
          HgrVncTypingLayout layout)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unmapped = NULL;
  g_autoptr (GArray) plan = hgr_vnc_typing_plan (text, layout, &unmapped, &error);

  g_assert_no_error (error);
  if (unmapped != NULL)
    g_error ("“%s” unmapped", unmapped);
  g_assert_cmpuint (plan->len, ==, 1);
  return g_array_index (plan, HgrVncTypedKey, 0);
}

static void
assert_key (const char        *text,
            HgrVncTypingLayout layout,
            guint16            qnum,
            guint              modifiers)
{
  HgrVncTypedKey key = only_key (text, layout);

  if (key.qnum != qnum || key.modifiers != modifiers)
    g_error ("“%s”: qnum 0x%02x modifiers %u, expected 0x%02x %u", text, key.qnum, key.modifiers, qnum, modifiers);
  g_assert_cmpuint (key.keyval, !=, 0);
}

/* Every printable ASCII character has a key; the keys a US keyboard has. */
static void
test_us_ascii (void)
{
  for (char c = 0x20; c < 0x7f; c++)
    {
      char           text[2] = { c, 0 };
      HgrVncTypedKey key = only_key (text, HGR_VNC_TYPING_LAYOUT_US);

      g_assert_cmpuint (key.qnum, !=, 0);
      /* Letters: Shift exactly for capitals */
      if (g_ascii_isalpha (c))
        g_assert_cmpuint (key.modifiers, ==, g_ascii_isupper (c) ? HGR_VNC_TYPING_SHIFT : 0);
      g_assert_false (key.modifiers & HGR_VNC_TYPING_ALTGR);
    }
  assert_key ("a", HGR_VNC_TYPING_LAYOUT_US, 0x1e, 0);
  assert_key ("A", HGR_VNC_TYPING_LAYOUT_US, 0x1e, HGR_VNC_TYPING_SHIFT);
  assert_key ("z", HGR_VNC_TYPING_LAYOUT_US, 0x2c, 0);
  assert_key ("y", HGR_VNC_TYPING_LAYOUT_US, 0x15, 0);
  assert_key ("@", HGR_VNC_TYPING_LAYOUT_US, 0x03, HGR_VNC_TYPING_SHIFT);
  assert_key ("~", HGR_VNC_TYPING_LAYOUT_US, 0x29, HGR_VNC_TYPING_SHIFT);
  assert_key ("|", HGR_VNC_TYPING_LAYOUT_US, 0x2b, HGR_VNC_TYPING_SHIFT);
  assert_key ("\"", HGR_VNC_TYPING_LAYOUT_US, 0x28, HGR_VNC_TYPING_SHIFT);
  assert_key (" ", HGR_VNC_TYPING_LAYOUT_US, 0x39, 0);
  assert_key ("\n", HGR_VNC_TYPING_LAYOUT_US, 0x1c, 0);
  assert_key ("\t", HGR_VNC_TYPING_LAYOUT_US, 0x0f, 0);
}

/* QWERTZ, umlauts, ß and € (AltGr); dead keys reported. */
static void
test_de (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unmapped = NULL;
  g_autoptr (GArray) plan = NULL;

  assert_key ("z", HGR_VNC_TYPING_LAYOUT_DE, 0x15, 0);
  assert_key ("y", HGR_VNC_TYPING_LAYOUT_DE, 0x2c, 0);
  assert_key ("ä", HGR_VNC_TYPING_LAYOUT_DE, 0x28, 0);
  assert_key ("Ä", HGR_VNC_TYPING_LAYOUT_DE, 0x28, HGR_VNC_TYPING_SHIFT);
  assert_key ("ö", HGR_VNC_TYPING_LAYOUT_DE, 0x27, 0);
  assert_key ("Ö", HGR_VNC_TYPING_LAYOUT_DE, 0x27, HGR_VNC_TYPING_SHIFT);
  assert_key ("ü", HGR_VNC_TYPING_LAYOUT_DE, 0x1a, 0);
  assert_key ("Ü", HGR_VNC_TYPING_LAYOUT_DE, 0x1a, HGR_VNC_TYPING_SHIFT);
  assert_key ("ß", HGR_VNC_TYPING_LAYOUT_DE, 0x0c, 0);
  assert_key ("€", HGR_VNC_TYPING_LAYOUT_DE, 0x12, HGR_VNC_TYPING_ALTGR);
  assert_key ("@", HGR_VNC_TYPING_LAYOUT_DE, 0x10, HGR_VNC_TYPING_ALTGR);
  assert_key ("{", HGR_VNC_TYPING_LAYOUT_DE, 0x08, HGR_VNC_TYPING_ALTGR);
  assert_key ("\\", HGR_VNC_TYPING_LAYOUT_DE, 0x0c, HGR_VNC_TYPING_ALTGR);
  assert_key ("|", HGR_VNC_TYPING_LAYOUT_DE, 0x56, HGR_VNC_TYPING_ALTGR);
  assert_key ("\"", HGR_VNC_TYPING_LAYOUT_DE, 0x03, HGR_VNC_TYPING_SHIFT);
  assert_key ("-", HGR_VNC_TYPING_LAYOUT_DE, 0x35, 0);

  /* Every printable ASCII character but the two that are dead keys there */
  for (char c = 0x20; c < 0x7f; c++)
    {
      char             text[2] = { c, 0 };
      g_autofree char *missing = NULL;
      g_autoptr (GArray) one = hgr_vnc_typing_plan (text, HGR_VNC_TYPING_LAYOUT_DE, &missing, &error);

      g_assert_no_error (error);
      if (c == '`' || c == '^')
        {
          g_assert_cmpstr (missing, ==, text);
          g_assert_cmpuint (one->len, ==, 0);
        }
      else if (missing != NULL)
        g_error ("“%c” has no key on German", c);
    }

  /* What has no key is listed once, the rest is typed */
  plan = hgr_vnc_typing_plan ("Grüße ^^ aus Köln `é`", HGR_VNC_TYPING_LAYOUT_DE, &unmapped, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unmapped, ==, "^`é");
  g_assert_cmpuint (plan->len, ==, strlen ("Grüße  aus Köln ") - 3 /* ü ß ö are two bytes each */);
}

static void
test_unmapped_and_limits (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unmapped = NULL;
  g_autofree char *long_text = g_strnfill (HGR_VNC_TYPING_MAX_CHARS + 1, 'x');
  g_autofree char *max_text = g_strnfill (HGR_VNC_TYPING_MAX_CHARS, 'x');
  g_autoptr (GArray) plan = hgr_vnc_typing_plan ("Straße €5 — ok", HGR_VNC_TYPING_LAYOUT_US, &unmapped, &error);
  g_autoptr (GArray) lines = NULL;
  g_autoptr (GArray) max = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (unmapped, ==, "ß€—");
  g_assert_cmpuint (plan->len, ==, strlen ("Strae 5  ok"));

  /* A Windows line end is one Enter */
  lines = hgr_vnc_typing_plan ("a\r\nb", HGR_VNC_TYPING_LAYOUT_US, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpuint (g_array_index (lines, HgrVncTypedKey, 1).qnum, ==, 0x1c);

  max = hgr_vnc_typing_plan (max_text, HGR_VNC_TYPING_LAYOUT_US, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (max->len, ==, HGR_VNC_TYPING_MAX_CHARS);
  g_assert_null (hgr_vnc_typing_plan (long_text, HGR_VNC_TYPING_LAYOUT_US, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "4096"));
  g_clear_error (&error);
  g_assert_null (hgr_vnc_typing_plan ("bad \xff text", HGR_VNC_TYPING_LAYOUT_US, NULL, &error));
  g_assert_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vnc-typing/us-ascii", test_us_ascii);
  g_test_add_func ("/vnc-typing/de", test_de);
  g_test_add_func ("/vnc-typing/unmapped-and-limits", test_unmapped_and_limits);
  return g_test_run ();
}
