/* rfb-stream-server.c — Hangar's RFB test server, streaming whole frames over TCP
 *
 * Usage: rfb-stream-server PORT WIDTH HEIGHT [partial]
 * Listens on 127.0.0.1:PORT and serves one client after another, each
 * answered with a whole new raw frame for every update request, or with
 * "partial" one new 640×360 raw rectangle per request after the first
 * frame, walking over the screen, at most 60 a second. Prints
 * "ready" once listening, "at TIME frames N" every 100 ms while a client is
 * served (TIME in µs of the monotonic clock) and "end N" when it leaves.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "hgr-rfb-server.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSocket) listener = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GError) error = NULL;
  int               width, height;
  HgrRfbServerFlags flags = HGR_RFB_SERVER_STREAM;

  /* Ends with the benchmark, even one that aborts. */
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (argc != 4 && !(argc == 5 && g_str_equal (argv[4], "partial")))
    {
      fprintf (stderr, "usage: %s PORT WIDTH HEIGHT [partial]\n", argv[0]);
      return 2;
    }
  if (argc == 5)
    flags = HGR_RFB_SERVER_PARTIAL;
  width = atoi (argv[2]);
  height = atoi (argv[3]);
  address = g_inet_socket_address_new (loopback, atoi (argv[1]));
  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  if (listener == NULL || !g_socket_bind (listener, address, TRUE, &error) || !g_socket_listen (listener, &error))
    {
      fprintf (stderr, "rfb-stream-server: %s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);

  for (;;)
    {
      g_autoptr (GSocket) client = g_socket_accept (listener, NULL, &error);
      g_autoptr (HgrRfbServer) server = NULL;

      if (client == NULL)
        {
          fprintf (stderr, "rfb-stream-server: %s\n", error->message);
          return 1;
        }
      server = hgr_rfb_server_new (width, height, flags);
      hgr_rfb_server_start_on_fd (server, dup (g_socket_get_fd (client)));
      /* The clock is CLOCK_MONOTONIC, the same in every process here. */
      while (!hgr_rfb_server_is_finished (server))
        {
          printf ("at %" G_GINT64_FORMAT " frames %" G_GUINT64_FORMAT "\n", g_get_monotonic_time (),
                  hgr_rfb_server_get_frames_sent (server));
          fflush (stdout);
          g_usleep (100 * 1000);
        }
      printf ("end %" G_GUINT64_FORMAT "\n", hgr_rfb_server_get_frames_sent (server));
      fflush (stdout);
    }
}
