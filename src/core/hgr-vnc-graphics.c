/* hgr-vnc-graphics.c — where a guest's VNC display listens, and a tunnel to it
 *
 * A guest on a remote host is reached through SSH with the host connection's
 * own user, host, port and key: `ssh -W` asks that host's sshd to connect to
 * the display and carries the bytes over the one SSH connection, so no VNC
 * port is ever opened to the network, whatever address QEMU listens on.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-vnc-graphics.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "hgr-error.h"
#include "hgr-util.h"

typedef struct
{
  HgrVncGraphics *graphics;
  gboolean        in_devices;
  gboolean        in_vnc;
  gboolean        done;
  int             n_graphics; /* <graphics> elements before the VNC one */
  char           *other_type; /* the first display's type when it is not VNC */
} ParseState;

static const char *
attribute (const char **names,
           const char **values,
           const char  *name)
{
  for (; *names != NULL; names++, values++)
    if (g_str_equal (*names, name))
      return *values;
  return NULL;
}

static void
start_element_cb (GMarkupParseContext *context,
                  const char          *element,
                  const char         **names,
                  const char         **values,
                  gpointer             user_data,
                  GError             **error)
{
  ParseState     *state = user_data;
  HgrVncGraphics *graphics = state->graphics;
  const char     *value;

  if (state->done)
    return;
  if (g_str_equal (element, "devices"))
    state->in_devices = TRUE;
  else if (state->in_devices && g_str_equal (element, "graphics") &&
           g_strcmp0 (attribute (names, values, "type"), "vnc") != 0)
    {
      if (state->other_type == NULL)
        state->other_type = g_strdup (attribute (names, values, "type"));
      state->n_graphics++;
    }
  else if (state->in_devices && g_str_equal (element, "graphics"))
    {
      state->in_vnc = TRUE;
      graphics->index = state->n_graphics;
      value = attribute (names, values, "port");
      graphics->port = value != NULL ? (int) g_ascii_strtoll (value, NULL, 10) : 0;
      graphics->address = g_strdup (attribute (names, values, "listen"));
      graphics->socket = g_strdup (attribute (names, values, "socket"));
      graphics->password = g_strdup (attribute (names, values, "passwd"));
    }
  else if (state->in_vnc && g_str_equal (element, "listen"))
    {
      /* <listen type='address' address='…'/> or type='socket' socket='…' */
      const char *type = attribute (names, values, "type");

      if (g_strcmp0 (type, "address") == 0 && (value = attribute (names, values, "address")) != NULL)
        hgr_set_str (&graphics->address, value);
      else if (g_strcmp0 (type, "socket") == 0 && (value = attribute (names, values, "socket")) != NULL)
        hgr_set_str (&graphics->socket, value);
    }
}

static void
end_element_cb (GMarkupParseContext *context,
                const char          *element,
                gpointer             user_data,
                GError             **error)
{
  ParseState *state = user_data;

  if (state->in_vnc && g_str_equal (element, "graphics"))
    {
      state->in_vnc = FALSE;
      state->done = TRUE; /* the first VNC display is the console */
    }
  else if (g_str_equal (element, "devices"))
    state->in_devices = FALSE;
}

/**
 * hgr_vnc_graphics_parse:
 * @domain_xml: a domain's XML, as libvirt describes a running guest
 * @error: return location
 *
 * Returns: (transfer full): the guest's first VNC display (whatever comes
 *   before it), or %NULL with %HGR_ERROR_NOT_SUPPORTED when the guest's
 *   displays are of other types (SPICE), %HGR_ERROR_NOT_FOUND when it has none
 */
HgrVncGraphics *
hgr_vnc_graphics_parse (const char *domain_xml,
                        GError    **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, NULL, NULL, NULL };
  g_autoptr (HgrVncGraphics) graphics = g_new0 (HgrVncGraphics, 1);
  ParseState       state = { graphics, FALSE, FALSE, FALSE, 0, NULL };
  g_autofree char *other_type = NULL;
  g_autoptr (GMarkupParseContext) context = NULL;
  g_autoptr (GError) parse_error = NULL;

  g_return_val_if_fail (domain_xml != NULL, NULL);

  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &state, NULL);
  if (!g_markup_parse_context_parse (context, domain_xml, -1, &parse_error) ||
      !g_markup_parse_context_end_parse (context, &parse_error))
    {
      g_free (state.other_type);
      g_set_error (error, HGR_ERROR, HGR_ERROR_FAILED, _ ("The guest’s description could not be read: %s"),
                   parse_error->message);
      return NULL;
    }
  other_type = state.other_type;
  if (!state.done && g_strcmp0 (other_type, "spice") == 0)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_NOT_SUPPORTED,
                           _ ("This guest’s display uses SPICE. Hangar shows VNC displays."));
      return NULL;
    }
  if (!state.done && other_type != NULL)
    {
      /* Translators: %s is a libvirt display type such as "rdp" or "sdl" */
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_SUPPORTED,
                   _ ("This guest’s display is of the type “%s”. Hangar shows VNC displays."), other_type);
      return NULL;
    }
  if (!state.done)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("The guest has no display."));
      return NULL;
    }
  return g_steal_pointer (&graphics);
}

void
hgr_vnc_graphics_free (HgrVncGraphics *graphics)
{
  if (graphics == NULL)
    return;
  g_free (graphics->address);
  g_free (graphics->socket);
  if (graphics->password != NULL)
    memset (graphics->password, 0, strlen (graphics->password));
  g_free (graphics->password);
  g_free (graphics);
}

/**
 * hgr_vnc_graphics_dup_tunnel_target:
 * @graphics: a guest's display
 * @error: return location
 *
 * Returns: (transfer full): the `host:port` the guest's host connects to for
 *   `ssh -W`: its own loopback when QEMU listens on every address
 */
char *
hgr_vnc_graphics_dup_tunnel_target (const HgrVncGraphics *graphics,
                                    GError              **error)
{
  const char *address = graphics->address;

  if (graphics->port <= 0)
    {
      if (graphics->socket != NULL)
        g_set_error_literal (error, HGR_ERROR, HGR_ERROR_FAILED,
                             _ ("The guest’s display listens on a UNIX socket of its host, which Hangar "
                                "cannot reach through SSH yet. Give the display a listen address."));
      else
        g_set_error_literal (error, HGR_ERROR, HGR_ERROR_FAILED,
                             _ ("The guest’s display has no port yet. Is the guest running?"));
      return NULL;
    }
  if (address == NULL || *address == '\0' || g_str_equal (address, "0.0.0.0"))
    address = "127.0.0.1";
  else if (g_str_equal (address, "::"))
    address = "::1";
  if (strchr (address, ':') != NULL)
    return g_strdup_printf ("[%s]:%d", address, graphics->port);
  return g_strdup_printf ("%s:%d", address, graphics->port);
}

/**
 * hgr_vnc_graphics_build_ssh_argv:
 * @uri: the host's `qemu+ssh://`, `qemu+libssh://` or `qemu+libssh2://` URI
 * @target: what the host's sshd connects to, from hgr_vnc_graphics_dup_tunnel_target()
 * @error: return location
 *
 * Returns: (transfer full): an ssh command line with the URI's user, host,
 *   port and key file
 */
GStrv
hgr_vnc_graphics_build_ssh_argv (const char *uri,
                                 const char *target,
                                 GError    **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GStrvBuilder) argv = g_strv_builder_new ();
  g_autoptr (GHashTable) params = NULL;
  const char      *scheme;
  const char      *query;
  const char      *keyfile = NULL;
  g_autofree char *port = NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  scheme = parsed != NULL ? g_uri_get_scheme (parsed) : NULL;
  if (scheme == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0' ||
      !(g_str_has_suffix (scheme, "+ssh") || g_str_has_suffix (scheme, "+libssh") ||
        g_str_has_suffix (scheme, "+libssh2")))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_FAILED,
                           _ ("The console of a guest on a remote host needs an SSH connection to the host "
                              "(qemu+ssh://)."));
      return NULL;
    }

  query = g_uri_get_query (parsed);
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL)
    keyfile = g_hash_table_lookup (params, "keyfile");

  /* -T: no terminal; -e none: no escape character in the byte stream. */
  g_strv_builder_add_many (argv, "ssh", "-T", "-e", "none", "-o", "ClearAllForwardings=yes", NULL);
  if (g_uri_get_port (parsed) > 0)
    {
      port = g_strdup_printf ("%d", g_uri_get_port (parsed));
      g_strv_builder_add_many (argv, "-p", port, NULL);
    }
  if (g_uri_get_user (parsed) != NULL && *g_uri_get_user (parsed) != '\0')
    g_strv_builder_add_many (argv, "-l", g_uri_get_user (parsed), NULL);
  if (keyfile != NULL && *keyfile != '\0')
    g_strv_builder_add_many (argv, "-i", keyfile, NULL);
  g_strv_builder_add_many (argv, "-W", target, "--", g_uri_get_host (parsed), NULL);
  return g_strv_builder_end (argv);
}

/**
 * hgr_vnc_graphics_open_tunnel:
 * @argv: from hgr_vnc_graphics_build_ssh_argv()
 * @ssh: (out) (optional): the ssh process, its standard error a pipe: what
 *   it says when the tunnel fails (a refused host key)
 * @error: return location
 *
 * Starts ssh with its standard input and output on one end of a socket pair.
 * ssh ends when the other end is closed. Questions (a passphrase, an unknown
 * host key) go to the askpass helper of the process environment, as for the
 * host connection itself.
 *
 * Returns: the other end, which the caller owns, or -1 with @error set
 */
int
hgr_vnc_graphics_open_tunnel (const char *const *argv,
                              GSubprocess      **ssh_out,
                              GError           **error)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) ssh = NULL;
  int fds[2];

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "socketpair: %s",
                   g_strerror (saved_errno));
      return -1;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (g_getenv ("SSH_ASKPASS") != NULL)
    g_subprocess_launcher_setenv (launcher, "SSH_ASKPASS_REQUIRE", "prefer", TRUE);
  g_subprocess_launcher_take_stdin_fd (launcher, dup (fds[1]));
  g_subprocess_launcher_take_stdout_fd (launcher, fds[1]);
  ssh = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (ssh == NULL)
    {
      close (fds[0]);
      return -1;
    }
  /* GLib reaps ssh when it ends, whether or not the caller keeps it. */
  if (ssh_out != NULL)
    *ssh_out = g_steal_pointer (&ssh);
  return fds[0];
}

/**
 * hgr_vnc_graphics_wait_for_server:
 * @fd: the console's end of a tunnel
 * @cancellable: (nullable): stops the wait
 * @error: return location
 *
 * Blocks (in a worker thread) until the server's first bytes arrive or the
 * tunnel ends. ssh may be asking the user about the host key meanwhile, for
 * as long as the user takes; libgvnc, given the socket before, would send
 * part of its greeting after 2 s of silence, and the server would refuse it.
 *
 * Returns: %FALSE with @error set only if cancelled
 */
gboolean
hgr_vnc_graphics_wait_for_server (int           fd,
                                  GCancellable *cancellable,
                                  GError      **error)
{
  struct pollfd fds[2] = { { fd, POLLIN, 0 }, { -1, POLLIN, 0 } };
  gboolean      have_cancel_fd = g_cancellable_make_pollfd (cancellable, (GPollFD *) &fds[1]) ? TRUE : FALSE;

  /* No timeout: poll returns when something is readable or went wrong. */
  while (poll (fds, have_cancel_fd ? 2 : 1, -1) < 0 && errno == EINTR)
    ;
  if (have_cancel_fd)
    g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}
