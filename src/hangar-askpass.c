/* hangar-askpass.c — the SSH_ASKPASS program of Hangar: hands ssh's question to Hangar
 *
 * ssh runs it with the question as its argument and reads the answer from
 * its output; it exits 1 when the user declined. Hangar's launcher script
 * adds --socket, where Hangar listens (HgrAskpass).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixsocketaddress.h>
#include <stdio.h>
#include <string.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketConnection) connection = NULL;
  g_autoptr (GError) error = NULL;
  GInputStream *in;
  char          reply[4096];
  gsize         len = 0;

  if (argc != 4 || !g_str_equal (argv[1], "--socket"))
    {
      fprintf (stderr, "hangar-askpass is run by Hangar's connections, not by hand.\n");
      return 2;
    }

  address = g_unix_socket_address_new (argv[2]);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  if (connection == NULL ||
      !g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), argv[3], strlen (argv[3]),
                                  NULL, NULL, &error) ||
      !g_socket_shutdown (g_socket_connection_get_socket (connection), FALSE, TRUE, &error))
    {
      fprintf (stderr, "hangar-askpass: %s\n", error->message);
      return 1;
    }

  in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  if (!g_input_stream_read_all (in, reply, sizeof reply - 1, &len, NULL, &error) || len == 0 || reply[0] != '1')
    {
      memset (reply, 0, sizeof reply);
      return 1;
    }
  reply[len] = '\0';
  printf ("%s\n", reply + 1);
  memset (reply, 0, sizeof reply);
  return 0;
}
