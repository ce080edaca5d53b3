/* test-vnc-graphics.c — where a guest's display listens, and the ssh tunnel to it
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hgr-config-graphics.h"
#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-test-xml.h"
#include "hgr-vnc-graphics.h"

static HgrVncGraphics *
parse_devices (const char *devices)
{
  g_autofree char *xml = g_strdup_printf ("<domain type='qemu'><name>g</name>"
                                          "<description>&lt;graphics type='vnc' port='1'/&gt;</description>"
                                          "<devices>%s</devices></domain>",
                                          devices);
  g_autoptr (GError) error = NULL;
  HgrVncGraphics *graphics = hgr_vnc_graphics_parse (xml, &error);

  g_assert_no_error (error);
  g_assert_nonnull (graphics);
  return graphics;
}

static char *
target_of (const char *devices)
{
  g_autoptr (HgrVncGraphics) graphics = parse_devices (devices);
  g_autoptr (GError) error = NULL;
  char *target = hgr_vnc_graphics_dup_tunnel_target (graphics, &error);

  g_assert_no_error (error);
  return target;
}

static void
test_parse (void)
{
  g_autoptr (HgrVncGraphics) plain = NULL;
  g_autoptr (HgrVncGraphics) listen = NULL;
  g_autoptr (HgrVncGraphics) second = NULL;
  g_autoptr (GError) error = NULL;

  /* the attribute form, with the password of the secure description */
  plain = parse_devices ("<graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1' passwd='s3cret'>"
                         "<listen type='address' address='127.0.0.1'/></graphics>");
  g_assert_cmpint (plain->port, ==, 5901);
  g_assert_cmpstr (plain->address, ==, "127.0.0.1");
  g_assert_cmpstr (plain->password, ==, "s3cret");
  g_assert_null (plain->socket);

  /* the <listen> element wins; a SPICE display before it is skipped */
  listen = parse_devices ("<graphics type='spice' port='5930'/>"
                          "<graphics type='vnc' port='5902'><listen type='address' address='192.0.2.7'/></graphics>");
  g_assert_cmpint (listen->port, ==, 5902);
  g_assert_cmpstr (listen->address, ==, "192.0.2.7");
  g_assert_null (listen->password);

  /* the first VNC display is the console */
  second = parse_devices ("<graphics type='vnc' port='5903'/><graphics type='vnc' port='5904'/>");
  g_assert_cmpint (second->port, ==, 5903);

  /* none, or not XML: an error that says so */
  g_assert_null (hgr_vnc_graphics_parse ("<domain><devices><disk/></devices></domain>", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (hgr_vnc_graphics_parse ("<domain><devices>", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_FAILED);
}

/* Which display virDomainOpenGraphicsFD() opens: the first VNC one, whatever comes before it. */
static void
test_index (void)
{
  g_autoptr (HgrVncGraphics) vnc_first = parse_devices ("<graphics type='vnc' port='5900'/><graphics type='spice' port='5901'/>");
  g_autoptr (HgrVncGraphics) spice_first = parse_devices ("<graphics type='spice' port='5901'/><graphics type='vnc' port='5900'/>");
  g_autoptr (HgrVncGraphics) after_two = parse_devices ("<graphics type='spice'/><graphics type='egl-headless'/>"
                                                        "<graphics type='vnc' port='5905'/><graphics type='vnc' port='5906'/>");
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (vnc_first->index, ==, 0);
  g_assert_cmpint (spice_first->index, ==, 1);
  g_assert_cmpint (spice_first->port, ==, 5900);
  g_assert_cmpint (after_two->index, ==, 2);
  g_assert_cmpint (after_two->port, ==, 5905);

  /* SPICE only: said plainly, with its own error for Add a VNC Display */
  g_assert_null (hgr_vnc_graphics_parse ("<domain><devices><graphics type='spice' autoport='yes'/></devices></domain>", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "SPICE"));
  g_clear_error (&error);
  g_assert_null (hgr_vnc_graphics_parse ("<domain><devices><graphics type='rdp'/></devices></domain>", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, "rdp"));
  g_clear_error (&error);
  /* no display at all */
  g_assert_null (hgr_vnc_graphics_parse ("<domain><devices/></domain>", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND);
}

/* A VNC display added to the corpus' guests with their VNC displays taken out: only that element differs,
 * it comes after the SPICE display, and the console then opens it. */
static void
test_add_vnc_display (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "domains", NULL);
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *const owned[] = { "/domain/devices/graphics[@type='vnc']", NULL };
  const char       *name;
  guint             n = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *xml = NULL;
      g_autofree char *spice_only = NULL;
      g_autofree char *after = NULL;
      g_autofree char *again = NULL;
      g_autoptr (xmlDoc) doc = NULL;
      g_autoptr (HgrVncGraphics) vnc = NULL;
      g_autoptr (GError) error = NULL;
      gboolean added = FALSE;
      int      spice;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
      doc = hgr_xml_parse (xml, &error);
      g_assert_no_error (error);
      hgr_test_xml_remove (doc, owned[0]);
      spice_only = hgr_xml_dump (doc);
      spice = hgr_test_xml_count (spice_only, "/domain/devices/graphics[@type='spice']");

      g_assert_nonnull (hgr_config_add_vnc_display (xmlDocGetRootElement (doc), &added));
      g_assert_true (added);
      after = hgr_xml_dump (doc);
      hgr_test_assert_xml_differs_only (spice_only, after, owned);
      g_assert_cmpint (hgr_test_xml_count (after, "/domain/devices/graphics[@type='vnc'][@autoport='yes'][@listen='127.0.0.1']"
                                                  "/listen[@type='address'][@address='127.0.0.1']"),
                       ==, 1);
      vnc = hgr_vnc_graphics_parse (after, &error);
      g_assert_no_error (error);
      g_assert_cmpint (vnc->index, ==, spice);
      /* Once there, it is not added again */
      g_assert_nonnull (hgr_config_add_vnc_display (xmlDocGetRootElement (doc), &added));
      g_assert_false (added);
      again = hgr_xml_dump (doc);
      g_assert_cmpstr (again, ==, after);
      n++;
    }
  g_assert_cmpuint (n, >=, 20);
}

static void
test_tunnel_target (void)
{
  g_autoptr (HgrVncGraphics) socket_only = NULL;
  g_autoptr (HgrVncGraphics) no_port = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *target = NULL;

  /* every address means the host's own loopback; a given one is kept */
  target = target_of ("<graphics type='vnc' port='5900' listen='0.0.0.0'/>");
  g_assert_cmpstr (target, ==, "127.0.0.1:5900");
  g_free (target);
  target = target_of ("<graphics type='vnc' port='5900'/>");
  g_assert_cmpstr (target, ==, "127.0.0.1:5900");
  g_free (target);
  target = target_of ("<graphics type='vnc' port='5907' listen='::'/>");
  g_assert_cmpstr (target, ==, "[::1]:5907");
  g_free (target);
  target = target_of ("<graphics type='vnc' port='5908'><listen type='address' address='fe80::1'/></graphics>");
  g_assert_cmpstr (target, ==, "[fe80::1]:5908");
  g_free (target);
  target = target_of ("<graphics type='vnc' port='5909' listen='192.0.2.7'/>");
  g_assert_cmpstr (target, ==, "192.0.2.7:5909");

  /* a socket of the remote host, or no port yet: explained */
  socket_only = parse_devices ("<graphics type='vnc'><listen type='socket' socket='/run/vnc.sock'/></graphics>");
  g_assert_cmpstr (socket_only->socket, ==, "/run/vnc.sock");
  g_assert_null (hgr_vnc_graphics_dup_tunnel_target (socket_only, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "socket"));
  g_clear_error (&error);
  no_port = parse_devices ("<graphics type='vnc' port='-1' autoport='yes'/>");
  g_assert_null (hgr_vnc_graphics_dup_tunnel_target (no_port, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_FAILED);
}

static void
assert_argv (const char *uri,
             const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) argv = hgr_vnc_graphics_build_ssh_argv (uri, "127.0.0.1:5900", &error);
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  joined = g_strjoinv (" ", argv);
  g_assert_cmpstr (joined, ==, expected);
}

static void
test_ssh_argv (void)
{
  g_autoptr (GError) error = NULL;

  assert_argv ("qemu+ssh://root@127.0.0.1:2222/system?keyfile=/tmp/k%20ey&no_tty=1",
               "ssh -T -e none -o ClearAllForwardings=yes -p 2222 -l root -i /tmp/k ey -W 127.0.0.1:5900 -- "
               "127.0.0.1");
  assert_argv ("qemu+ssh://server.example/system", "ssh -T -e none -o ClearAllForwardings=yes -W 127.0.0.1:5900 -- "
                                                   "server.example");
  assert_argv ("qemu+libssh://ad%40min@[::1]:22/session",
               "ssh -T -e none -o ClearAllForwardings=yes -p 22 -l ad@min -W 127.0.0.1:5900 -- ::1");

  /* other transports cannot carry a tunnel */
  g_assert_null (hgr_vnc_graphics_build_ssh_argv ("qemu+tls://server/system", "127.0.0.1:5900", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_null (hgr_vnc_graphics_build_ssh_argv ("qemu:///system", "127.0.0.1:5900", &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_FAILED);
}

static void
test_open_tunnel (void)
{
  /* Any program stands for ssh: cat echoes what the console sends. */
  const char *const argv[] = { "cat", NULL };
  g_autoptr (GError) error = NULL;
  char reply[6] = { 0 };
  int  fd = hgr_vnc_graphics_open_tunnel (argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "hello", 5), ==, 5);
  g_assert_cmpint (read (fd, reply, 5), ==, 5);
  g_assert_cmpstr (reply, ==, "hello");
  close (fd); /* cat sees the end and exits */

  {
    const char *const missing[] = { "/nonexistent/ssh", NULL };

    g_assert_cmpint (hgr_vnc_graphics_open_tunnel (missing, NULL, &error), ==, -1);
    g_assert_nonnull (error);
  }

  {
    /* What ssh says when it fails is kept for the console to show. */
    const char *const refusing[] = { "sh", "-c", "echo 'Host key verification failed.' >&2; exit 255", NULL };
    g_autoptr (GSubprocess) ssh = NULL;
    g_autoptr (GError) spawn_error = NULL;
    g_autofree char *said = NULL;
    int              refused_fd = hgr_vnc_graphics_open_tunnel (refusing, &ssh, &spawn_error);

    g_assert_no_error (spawn_error);
    g_assert_cmpint (refused_fd, >=, 0);
    g_assert_nonnull (ssh);
    g_assert_true (g_subprocess_communicate_utf8 (ssh, NULL, NULL, NULL, &said, &spawn_error));
    g_assert_cmpstr (said, ==, "Host key verification failed.\n");
    close (refused_fd);
  }
}

static void
test_wait_for_server (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  int fds[2];

  g_assert_no_errno (socketpair (AF_UNIX, SOCK_STREAM, 0, fds));

  /* Cancelled while nothing came: FALSE, and says so. */
  g_cancellable_cancel (cancellable);
  g_assert_false (hgr_vnc_graphics_wait_for_server (fds[0], cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The server's first bytes, or the end of the tunnel: go on. */
  g_assert_cmpint (write (fds[1], "RFB 003.008\n", 12), ==, 12);
  g_assert_true (hgr_vnc_graphics_wait_for_server (fds[0], NULL, &error));
  g_assert_no_error (error);
  close (fds[1]);
  close (fds[0]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vnc-graphics/parse", test_parse);
  g_test_add_func ("/vnc-graphics/index", test_index);
  g_test_add_func ("/vnc-graphics/add-vnc-display", test_add_vnc_display);
  g_test_add_func ("/vnc-graphics/tunnel-target", test_tunnel_target);
  g_test_add_func ("/vnc-graphics/ssh-argv", test_ssh_argv);
  g_test_add_func ("/vnc-graphics/open-tunnel", test_open_tunnel);
  g_test_add_func ("/vnc-graphics/wait-for-server", test_wait_for_server);

  return g_test_run ();
}
