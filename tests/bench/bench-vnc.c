/* bench-vnc.c — the console against gvncviewer on the same streams
 *
 * The stream server (another process) sends, on a 1920×1080 screen, either
 * whole raw frames as fast as a client asks, or (the partial stream) one
 * raw 640×360 rectangle per request walking over the screen, at most 60 a
 * second: one window that scrolls or plays a video. Each viewer runs for a
 * while after a warm-up; the figures are updates taken in per second
 * (counted by the server), frames Hangar painted, and CPU time per update
 * of the viewer and of the X server. It prints figures and never fails on
 * them.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <X11/Xatom.h>
#include <gdk/x11/gdkx.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "hgr-vnc-display.h"

#define WIDTH      1920
#define HEIGHT     1080
#define WARM_UP_US (1 * G_USEC_PER_SEC)
#define MEASURE_US (5 * G_USEC_PER_SEC)

typedef struct
{
  GDataInputStream *lines;
  GArray           *times;  /* gint64 µs */
  GArray           *frames; /* guint64 */
} ServerLog;

/* Reads the server's "at T frames N" lines up to the "end" of a client. */
static void
read_client_log (ServerLog *log)
{
  g_array_set_size (log->times, 0);
  g_array_set_size (log->frames, 0);
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line (log->lines, NULL, NULL, NULL);
      gint64           at;
      guint64          frames;

      if (line == NULL || g_str_has_prefix (line, "end "))
        return;
      if (sscanf (line, "at %" G_GINT64_FORMAT " frames %" G_GUINT64_FORMAT, &at, &frames) == 2)
        {
          g_array_append_val (log->times, at);
          g_array_append_val (log->frames, frames);
        }
    }
}

/* Frames the server had sent at @time, from the nearest line before it. */
static guint64
frames_at (ServerLog *log,
           gint64     time)
{
  guint64 frames = 0;
  guint   i;

  for (i = 0; i < log->times->len && g_array_index (log->times, gint64, i) <= time; i++)
    frames = g_array_index (log->frames, guint64, i);
  return frames;
}

static double
process_cpu_ms (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *stat = NULL;
  g_auto (GStrv) fields = NULL;
  const char *end;

  if (pid <= 0 || !g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL)
    return 0;
  fields = g_strsplit (end + 2, " ", -1);
  /* fields[0] is the state (3rd field); utime and stime are the 14th and 15th */
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 / sysconf (_SC_CLK_TCK);
}

static double
self_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* The X server of $DISPLAY, to count the drawing it does for a viewer. */
static int
find_x_server (void)
{
  const char *display = g_getenv ("DISPLAY");
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *entry;

  while (display != NULL && (entry = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline", entry);
      g_autofree char *cmdline = NULL;
      gsize            length = 0;
      gsize            i;

      if (atoi (entry) <= 0 || !g_file_get_contents (path, &cmdline, &length, NULL) ||
          strstr (cmdline, "Xvfb") == NULL)
        continue;
      for (i = 0; i < length; i += strlen (cmdline + i) + 1)
        if (g_str_equal (cmdline + i, display))
          return atoi (entry);
    }
  return 0;
}

/* Without a window manager GTK 4.8 asks the X server for one in every
 * frame (it remembers only an answer that names one): a round trip per
 * update, ~0.2 ms here, that no desktop pays. A window manager's check
 * window, as every one of them sets, makes both viewers draw as on a
 * desktop; it names no hints, so nothing waits on a compositor. */
static void
announce_window_manager (void)
{
  Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
  Window   root = DefaultRootWindow (xdisplay);
  Window   check = XCreateSimpleWindow (xdisplay, root, -1, -1, 1, 1, 0, 0, 0);
  Atom     supporting = XInternAtom (xdisplay, "_NET_SUPPORTING_WM_CHECK", False);

  XChangeProperty (xdisplay, check, supporting, XA_WINDOW, 32, PropModeReplace, (guchar *) &check, 1);
  XChangeProperty (xdisplay, root, supporting, XA_WINDOW, 32, PropModeReplace, (guchar *) &check, 1);
  XSync (xdisplay, False);
}

static gboolean
set_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop, sleeping while it has nothing to do. */
static void
run_for (gint64 microseconds)
{
  gboolean done = FALSE;

  g_timeout_add (microseconds / 1000, set_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static int
free_port (void)
{
  int port;

  for (port = 5990; port < 6000; port++)
    {
      g_autoptr (GSocket) probe = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, 0, NULL);
      g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
      g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, port);

      if (g_socket_bind (probe, address, FALSE, NULL))
        return port;
    }
  g_error ("no free port in 5990–5999");
}

/* Prints a viewer's figures; returns its CPU ms per update, viewer + X server. */
static double
report (const char *viewer,
        double      frames_in,
        double      frames_painted,
        double      viewer_ms,
        double      x_ms)
{
  double seconds = MEASURE_US / (double) G_USEC_PER_SEC;

  printf ("%-12s %7.1f updates/s taken in", viewer, frames_in / seconds);
  if (frames_painted >= 0)
    printf (", %6.1f painted/s", frames_painted / seconds);
  printf (" · CPU per update: viewer %.2f ms + X server %.2f ms = %.2f ms\n", viewer_ms / MAX (frames_in, 1),
          x_ms / MAX (frames_in, 1), (viewer_ms + x_ms) / MAX (frames_in, 1));
  fflush (stdout);
  return (viewer_ms + x_ms) / MAX (frames_in, 1);
}

static double
bench_hangar (int        port,
              ServerLog *log,
              int        x_server,
              gboolean   fit)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget     *window = gtk_window_new ();
  HgrVncDisplay *display = HGR_VNC_DISPLAY (hgr_vnc_display_new ());
  guint64        painted_start, painted_end;
  double         cpu_start, x_start;
  gint64         start, end;

  /* 1:1 as gvncviewer shows it, or scaled into a smaller window */
  if (fit)
    gtk_window_set_default_size (GTK_WINDOW (window), 1280, 720);
  else
    gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  hgr_vnc_display_set_scale_to_fit (display, fit);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (display));
  gtk_window_present (GTK_WINDOW (window));

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, &error);
  g_assert_no_error (error);
  hgr_vnc_display_open_fd (display, dup (g_socket_get_fd (g_socket_connection_get_socket (connection))),
                           HGR_VNC_LINK_LOCAL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  run_for (WARM_UP_US);
  if (hgr_vnc_display_get_state (display) != HGR_VNC_DISPLAY_STATE_CONNECTED)
    g_error ("the display is not connected: %s", hgr_vnc_display_get_error_message (display));
  hgr_vnc_display_get_frame_counts (display, NULL, &painted_start);
  cpu_start = self_cpu_ms ();
  x_start = process_cpu_ms (x_server);
  start = g_get_monotonic_time ();
  run_for (MEASURE_US);
  end = g_get_monotonic_time ();
  hgr_vnc_display_get_frame_counts (display, NULL, &painted_end);

  {
    double cpu = self_cpu_ms () - cpu_start;
    double x_cpu = process_cpu_ms (x_server) - x_start;

    gtk_window_destroy (GTK_WINDOW (window));
    run_for (G_USEC_PER_SEC / 5);
    read_client_log (log);
    return report (fit ? "Hangar fit" : "Hangar 1:1", (double) (frames_at (log, end) - frames_at (log, start)), (double) (painted_end - painted_start),
                   cpu, x_cpu);
  }
}

/* Returns gvncviewer's CPU ms per update, or 0 where it is not installed. */
static double
bench_gvncviewer (int        port,
                  ServerLog *log,
                  int        x_server)
{
  g_autofree char *target = g_strdup_printf ("127.0.0.1:%d", port - 5900);
  g_autoptr (GSubprocess) viewer = NULL;
  g_autoptr (GError) error = NULL;
  int    pid;
  double cpu_start, x_start, cpu, x_cpu;
  gint64 start, end;

  viewer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                             "gvncviewer", target, NULL);
  if (viewer == NULL)
    {
      printf ("gvncviewer  not run: %s (Debian package gvncviewer)\n", error->message);
      return 0;
    }
  pid = atoi (g_subprocess_get_identifier (viewer));
  g_usleep (WARM_UP_US);
  cpu_start = process_cpu_ms (pid);
  x_start = process_cpu_ms (x_server);
  start = g_get_monotonic_time ();
  g_usleep (MEASURE_US);
  end = g_get_monotonic_time ();
  cpu = process_cpu_ms (pid) - cpu_start;
  x_cpu = process_cpu_ms (x_server) - x_start;
  g_subprocess_send_signal (viewer, SIGTERM);
  g_subprocess_wait (viewer, NULL, NULL);
  read_client_log (log);
  return report ("gvncviewer", (double) (frames_at (log, end) - frames_at (log, start)), -1, cpu, x_cpu);
}

static void
bench_stream (const char *server_path,
              gboolean    partial,
              int         x_server)
{
  g_autoptr (GSubprocess) server = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *ready = NULL;
  ServerLog        log = { NULL, g_array_new (FALSE, FALSE, sizeof (gint64)),
                           g_array_new (FALSE, FALSE, sizeof (guint64)) };
  int              port = free_port ();
  double           hangar, gvncviewer;

  port_text = g_strdup_printf ("%d", port);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, server_path, port_text, G_STRINGIFY (WIDTH),
                             G_STRINGIFY (HEIGHT), partial ? "partial" : NULL, NULL);
  g_assert_no_error (error);
  log.lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  ready = g_data_input_stream_read_line (log.lines, NULL, NULL, &error);
  g_assert_cmpstr (ready, ==, "ready");

  printf ("VNC, %s on %dx%d, raw, from 127.0.0.1:%d, %d s after %d s warm-up, renderer %s, "
          "a window manager's check window on the screen%s\n",
          partial ? "a 640x360 rectangle walking, at most 60/s" : "whole frames as fast as asked", WIDTH, HEIGHT, port,
          (int) (MEASURE_US / G_USEC_PER_SEC), (int) (WARM_UP_US / G_USEC_PER_SEC),
          g_getenv ("GSK_RENDERER") != NULL ? g_getenv ("GSK_RENDERER") : "default",
          x_server > 0 ? "" : " (X server not found: its CPU is not counted)");
  hangar = bench_hangar (port, &log, x_server, FALSE);
  gvncviewer = bench_gvncviewer (port, &log, x_server);
  bench_hangar (port, &log, x_server, TRUE);
  /* the console issue's targets, at 1:1 */
  if (gvncviewer > 0)
    printf ("%s: Hangar 1:1 %.2f ms per update, target %s gvncviewer's %.2f ms (%.2f times it)\n",
            partial ? "partial stream" : "whole frames", hangar, partial ? "<=" : "<= 2 x", gvncviewer,
            hangar / gvncviewer);

  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  g_object_unref (log.lines);
  g_array_unref (log.times);
  g_array_unref (log.frames);
}

int
main (int   argc,
      char *argv[])
{
  int x_server;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s RFB-STREAM-SERVER\n", argv[0]);
      return 2;
    }
  gtk_init ();
  if (GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    announce_window_manager ();
  x_server = find_x_server ();
  /* HGR_BENCH_VNC_STREAM=full or partial runs one, e.g. under perf. */
  if (g_strcmp0 (g_getenv ("HGR_BENCH_VNC_STREAM"), "partial") != 0)
    bench_stream (argv[1], FALSE, x_server);
  if (g_strcmp0 (g_getenv ("HGR_BENCH_VNC_STREAM"), "full") != 0)
    bench_stream (argv[1], TRUE, x_server);
  return 0;
}
