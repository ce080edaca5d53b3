/* hello-window.c — the start-up floor: a GTK 4 + libadwaita window with a header bar and a button
 *
 * It prints "hello: first frame" on standard output once its window has
 * been painted, then waits to be ended. bench-startup.py starts it as it
 * starts Hangar, with the same renderer and environment, and reads its
 * time and CPU when the line comes: what any such window costs here, which
 * Hangar's start-up is measured against.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>
#include <stdio.h>

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  printf ("hello: first frame\n");
  fflush (stdout);
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, user_data);
}

static void
map_cb (GtkWidget *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = gtk_button_new_with_label ("Hello");

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (button, TRUE);
  gtk_box_append (GTK_BOX (box), button);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700); /* Hangar's default */
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = adw_application_new ("io.github.hangarvm.HelloWindow", G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
