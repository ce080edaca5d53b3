/* hgr-vnc-typing.c — text as the key presses that type it on a guest's keyboard layout
 *
 * For installers and consoles without a clipboard agent, Type Clipboard
 * presses the keys a person would: each character becomes the scan code of
 * its key on the guest's layout (US or German) and the modifiers it needs
 * (Shift, AltGr). Characters the layout has no key for (or only a dead key,
 * as ` and ^ on German) are listed, not dropped silently.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-typing.h"

#include <gdk/gdk.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <string.h>

/* Per key: what it types plain, with Shift, with AltGr ("" for nothing). */
typedef struct
{
  guint16     qnum;
  const char *plain, *shift, *altgr;
} Key;

static const Key us_keys[] = {
  { 0x29, "`", "~", "" },
  { 0x02, "1", "!", "" },
  { 0x03, "2", "@", "" },
  { 0x04, "3", "#", "" },
  { 0x05, "4", "$", "" },
  { 0x06, "5", "%", "" },
  { 0x07, "6", "^", "" },
  { 0x08, "7", "&", "" },
  { 0x09, "8", "*", "" },
  { 0x0a, "9", "(", "" },
  { 0x0b, "0", ")", "" },
  { 0x0c, "-", "_", "" },
  { 0x0d, "=", "+", "" },
  { 0x10, "q", "Q", "" },
  { 0x11, "w", "W", "" },
  { 0x12, "e", "E", "" },
  { 0x13, "r", "R", "" },
  { 0x14, "t", "T", "" },
  { 0x15, "y", "Y", "" },
  { 0x16, "u", "U", "" },
  { 0x17, "i", "I", "" },
  { 0x18, "o", "O", "" },
  { 0x19, "p", "P", "" },
  { 0x1a, "[", "{", "" },
  { 0x1b, "]", "}", "" },
  { 0x2b, "\\", "|", "" },
  { 0x1e, "a", "A", "" },
  { 0x1f, "s", "S", "" },
  { 0x20, "d", "D", "" },
  { 0x21, "f", "F", "" },
  { 0x22, "g", "G", "" },
  { 0x23, "h", "H", "" },
  { 0x24, "j", "J", "" },
  { 0x25, "k", "K", "" },
  { 0x26, "l", "L", "" },
  { 0x27, ";", ":", "" },
  { 0x28, "'", "\"", "" },
  { 0x2c, "z", "Z", "" },
  { 0x2d, "x", "X", "" },
  { 0x2e, "c", "C", "" },
  { 0x2f, "v", "V", "" },
  { 0x30, "b", "B", "" },
  { 0x31, "n", "N", "" },
  { 0x32, "m", "M", "" },
  { 0x33, ",", "<", "" },
  { 0x34, ".", ">", "" },
  { 0x35, "/", "?", "" },
  { 0x39, " ", "", "" },
};

/* German (QWERTZ, no dead keys typed: ´ ` ^ are reported). */
static const Key de_keys[] = {
  { 0x29, "", "°", "" },
  { 0x02, "1", "!", "" },
  { 0x03, "2", "\"", "²" },
  { 0x04, "3", "§", "³" },
  { 0x05, "4", "$", "" },
  { 0x06, "5", "%", "" },
  { 0x07, "6", "&", "" },
  { 0x08, "7", "/", "{" },
  { 0x09, "8", "(", "[" },
  { 0x0a, "9", ")", "]" },
  { 0x0b, "0", "=", "}" },
  { 0x0c, "ß", "?", "\\" },
  { 0x10, "q", "Q", "@" },
  { 0x11, "w", "W", "" },
  { 0x12, "e", "E", "€" },
  { 0x13, "r", "R", "" },
  { 0x14, "t", "T", "" },
  { 0x15, "z", "Z", "" },
  { 0x16, "u", "U", "" },
  { 0x17, "i", "I", "" },
  { 0x18, "o", "O", "" },
  { 0x19, "p", "P", "" },
  { 0x1a, "ü", "Ü", "" },
  { 0x1b, "+", "*", "~" },
  { 0x2b, "#", "'", "" },
  { 0x1e, "a", "A", "" },
  { 0x1f, "s", "S", "" },
  { 0x20, "d", "D", "" },
  { 0x21, "f", "F", "" },
  { 0x22, "g", "G", "" },
  { 0x23, "h", "H", "" },
  { 0x24, "j", "J", "" },
  { 0x25, "k", "K", "" },
  { 0x26, "l", "L", "" },
  { 0x27, "ö", "Ö", "" },
  { 0x28, "ä", "Ä", "" },
  { 0x56, "<", ">", "|" },
  { 0x2c, "y", "Y", "" },
  { 0x2d, "x", "X", "" },
  { 0x2e, "c", "C", "" },
  { 0x2f, "v", "V", "" },
  { 0x30, "b", "B", "" },
  { 0x31, "n", "N", "" },
  { 0x32, "m", "M", "µ" },
  { 0x33, ",", ";", "" },
  { 0x34, ".", ":", "" },
  { 0x35, "-", "_", "" },
  { 0x39, " ", "", "" },
};

static gboolean
find_key (const Key      *keys,
          gsize           n_keys,
          gunichar        c,
          HgrVncTypedKey *key)
{
  for (gsize i = 0; i < n_keys; i++)
    {
      const char *const           chars[] = { keys[i].plain, keys[i].shift, keys[i].altgr };
      const HgrVncTypingModifiers modifiers[] = { 0, HGR_VNC_TYPING_SHIFT, HGR_VNC_TYPING_ALTGR };

      for (guint j = 0; j < G_N_ELEMENTS (chars); j++)
        if (*chars[j] != '\0' && g_utf8_get_char (chars[j]) == c)
          {
            key->qnum = keys[i].qnum;
            key->modifiers = modifiers[j];
            key->keyval = gdk_unicode_to_keyval (c);
            return TRUE;
          }
    }
  return FALSE;
}

/**
 * hgr_vnc_typing_plan:
 * @text: what to type (UTF-8)
 * @layout: the guest's keyboard layout
 * @unmapped: (out) (optional) (nullable): the characters the layout has no
 *   key for, each once, or %NULL when it has them all
 * @error: why nothing is typed (too long, not UTF-8)
 *
 * Newlines are Enter, tabs are Tab; carriage returns are skipped (a Windows
 * line end is one Enter).
 *
 * Returns: (transfer full) (element-type HgrVncTypedKey) (nullable): the
 *   keys in order, without the characters in @unmapped
 */
GArray *
hgr_vnc_typing_plan (const char        *text,
                     HgrVncTypingLayout layout,
                     char             **unmapped,
                     GError           **error)
{
  const Key *keys = layout == HGR_VNC_TYPING_LAYOUT_DE ? de_keys : us_keys;
  gsize      n_keys = layout == HGR_VNC_TYPING_LAYOUT_DE ? G_N_ELEMENTS (de_keys) : G_N_ELEMENTS (us_keys);
  g_autoptr (GArray) plan = g_array_new (FALSE, FALSE, sizeof (HgrVncTypedKey));
  g_autoptr (GString) missing = g_string_new (NULL);
  glong length;

  g_return_val_if_fail (text != NULL, NULL);

  if (unmapped != NULL)
    *unmapped = NULL;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE, _ ("The text is not valid UTF-8."));
      return NULL;
    }
  length = g_utf8_strlen (text, -1);
  if (length > HGR_VNC_TYPING_MAX_CHARS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _ ("The text has %ld characters; Hangar types at most %d at once."), length, HGR_VNC_TYPING_MAX_CHARS);
      return NULL;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar       c = g_utf8_get_char (p);
      HgrVncTypedKey key = { 0 };

      if (c == '\r')
        continue;
      if (c == '\n' || c == '\t')
        {
          key.qnum = c == '\n' ? 0x1c : 0x0f;
          key.keyval = c == '\n' ? GDK_KEY_Return : GDK_KEY_Tab;
        }
      else if (!find_key (keys, n_keys, c, &key))
        {
          char utf8[7] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          if (strstr (missing->str, utf8) == NULL)
            g_string_append (missing, utf8);
          continue;
        }
      g_array_append_val (plan, key);
    }
  if (unmapped != NULL && missing->len > 0)
    *unmapped = g_string_free (g_steal_pointer (&missing), FALSE);
  return g_steal_pointer (&plan);
}
