/* main.c — the hangar executable: sets up translations and runs the application
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "hgr-application.h"

/* Whether the machine has a GPU GTK could draw with: a DRM render node. */
static gboolean
has_render_node (void)
{
  g_autoptr (GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/* Without a GPU, GTK 4.8's GL renderer runs on a software rasterizer
 * (llvmpipe) and redraws the whole window every frame: measured here, it
 * costs ~0.8 s more at start-up than the cairo renderer, and 10–15 times
 * more CPU for a console whose guest changes part of its screen (cairo
 * redraws only what changed). Only a console streaming whole frames is
 * cheaper with GL there (about half). So without a render node, cairo;
 * GSK_RENDERER still decides when it is set.
 *
 * With cairo nothing draws with GL, yet GDK still loads EGL and Mesa when
 * it opens the display: 60 ms of CPU at start here (a hello window: 150 ms
 * with, 90 ms without), so it is told not to, unless GDK_DEBUG is set. The
 * variable stays for the processes Hangar starts (ssh; a browser from the
 * About window), which have no GPU either. */
static void
choose_renderer (void)
{
  if (g_getenv ("GSK_RENDERER") != NULL || has_render_node ())
    return;
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
}

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

  choose_renderer ();
  app = hgr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
