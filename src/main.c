/* main.c — the hangar executable: sets up translations and runs the application
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hgr-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (HgrApplication) app = NULL;

  const char *localedir = g_getenv ("HANGAR_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* HANGAR_LOCALEDIR: the translations of a build tree (_build/po), as
   * GSETTINGS_SCHEMA_DIR is for its settings schema. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = hgr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
