/* hgr-uri.c — building, checking and naming libvirt connection URIs
 *
 * The URIs are libvirt's: driver[+transport]://[user@][host][:port]/path[?params].
 * Building goes through GUri so that every part is escaped; checking gives one
 * sentence per mistake that says what to type instead.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-uri"

#include "config.h"

#include "hgr-uri.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-error.h"

static const char *const known_drivers[] = {
  "bhyve", "ch", "esx", "gsx", "hyperv", "libxl", "lxc", "openvz", "parallels", "phyp", "qemu",
  "remote", "test", "vbox", "vmwarefusion", "vmwareplayer", "vmwarews", "vpx", "vz", "xen", NULL
};

/* Transports that reach another machine and so need a host name. */
static const char *const network_transports[] = { "ssh", "libssh", "libssh2", "tls", "tcp", NULL };
static const char *const local_transports[] = { "unix", "ext", NULL };

/* Characters of a user name that must be escaped in the userinfo part: ':'
 * would start a password and '@' would end the userinfo. */
#define USERINFO_ALLOWED "!$&'()*+,;="

static gboolean
is_valid_host_name (const char *host)
{
  gsize len = strlen (host);

  if (len == 0 || len > 253)
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        return FALSE;
    }
  return host[0] != '-' && host[0] != '.';
}

/**
 * hgr_uri_build:
 * @hypervisor: which libvirt driver and instance
 * @ssh_user: (nullable): user on the remote host, or %NULL for ssh's default
 * @ssh_host: (nullable): remote host name or address; %NULL or empty for this computer
 * @ssh_port: SSH port, 0 for the default
 * @ssh_keyfile: (nullable): private key file on this computer
 * @error: return location for a #HGR_ERROR_INVALID_ARGUMENT
 *
 * Builds the URI for a connection made in the add-connection form.
 *
 * Returns: (transfer full): the URI, or %NULL with @error set
 */
char *
hgr_uri_build (HgrHypervisor hypervisor,
               const char   *ssh_user,
               const char   *ssh_host,
               guint         ssh_port,
               const char   *ssh_keyfile,
               GError      **error)
{
  g_autofree char *bracketed = NULL;
  g_autofree char *escaped_user = NULL;
  g_autofree char *query = NULL;
  const char      *driver;
  const char      *path;
  GString         *uri;

  switch (hypervisor)
    {
    case HGR_HYPERVISOR_QEMU_SYSTEM:
      driver = "qemu";
      path = "/system";
      break;
    case HGR_HYPERVISOR_QEMU_SESSION:
      driver = "qemu";
      path = "/session";
      break;
    case HGR_HYPERVISOR_TEST:
      driver = "test";
      path = "/default";
      break;
    default:
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Choose a hypervisor."));
      return NULL;
    }

  if (ssh_host == NULL || *ssh_host == '\0')
    {
      if ((ssh_user != NULL && *ssh_user != '\0') || ssh_port != 0 ||
          (ssh_keyfile != NULL && *ssh_keyfile != '\0'))
        {
          g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                               _ ("Enter the host name of the remote computer."));
          return NULL;
        }
      return g_strdup_printf ("%s://%s", driver, path);
    }

  if (!is_valid_host_name (ssh_host))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is what the user typed as host name */
                   _ ("“%s” is not a host name or address. Use letters, digits, dots and dashes, or an IP address."),
                   ssh_host);
      return NULL;
    }
  if (ssh_port > 65535)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("Port %u is out of range. Use a number from 1 to 65535."), ssh_port);
      return NULL;
    }

  uri = g_string_new (driver);
  g_string_append (uri, "+ssh://");
  if (ssh_user != NULL && *ssh_user != '\0')
    {
      escaped_user = g_uri_escape_string (ssh_user, USERINFO_ALLOWED, FALSE);
      g_string_append_printf (uri, "%s@", escaped_user);
    }
  if (strchr (ssh_host, ':') != NULL)
    g_string_append_printf (uri, "[%s]", ssh_host);
  else
    g_string_append (uri, ssh_host);
  if (ssh_port != 0 && ssh_port != 22)
    g_string_append_printf (uri, ":%u", ssh_port);
  g_string_append (uri, path);
  if (ssh_keyfile != NULL && *ssh_keyfile != '\0')
    {
      g_autofree char *escaped_key = g_uri_escape_string (ssh_keyfile, "/", FALSE);

      g_string_append_printf (uri, "?keyfile=%s", escaped_key);
    }

  return g_string_free (uri, FALSE);
}

/**
 * hgr_uri_validate:
 * @uri: a URI the user typed
 * @error: return location for a #HGR_ERROR_INVALID_URI that says what to change
 *
 * Checks that @uri names a libvirt driver and is complete enough to open. It does
 * not touch the network.
 *
 * Returns: %TRUE when @uri can be opened as typed
 */
gboolean
hgr_uri_validate (const char *uri,
                  GError    **error)
{
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) scheme_parts = NULL;
  const char *driver;
  const char *transport;
  const char *host;
  const char *path;

  if (uri == NULL || *uri == '\0')
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("Enter a connection address such as qemu:///system."));
      return FALSE;
    }
  for (const char *p = uri; *p; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        {
          g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                               _ ("The address must not contain spaces. Write a space in a file name as %20."));
          return FALSE;
        }
    }
  if (strstr (uri, "://") == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   /* Translators: %s is the address the user typed */
                   _ ("“%s” is not a connection address. It starts with a driver name, such as qemu:///system or test:///default."),
                   uri);
      return FALSE;
    }

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, &local_error);
  if (parsed == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   _ ("The address is not valid: %s"), local_error->message);
      return FALSE;
    }

  scheme_parts = g_strsplit (g_uri_get_scheme (parsed), "+", 2);
  driver = scheme_parts[0];
  transport = scheme_parts[1];
  if (!g_strv_contains (known_drivers, driver))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   /* Translators: %s is a driver name such as "qemu" */
                   _ ("“%s” is not a libvirt driver. Use qemu, test, lxc, xen or another driver libvirt knows."),
                   driver);
      return FALSE;
    }
  if (transport != NULL && !g_strv_contains (network_transports, transport) &&
      !g_strv_contains (local_transports, transport))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   /* Translators: %s is a transport name such as "ssh" */
                   _ ("“%s” is not a libvirt transport. Use ssh, libssh, libssh2, tls, tcp, unix or ext."),
                   transport);
      return FALSE;
    }
  if (g_uri_get_password (parsed) != NULL)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("Remove the password from the address. Hangar asks for it when it is needed and never saves it."));
      return FALSE;
    }
  if (g_uri_get_fragment (parsed) != NULL)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("Remove the part after “#”: connection addresses have no fragment."));
      return FALSE;
    }

  host = g_uri_get_host (parsed);
  if (host != NULL && *host == '\0')
    host = NULL;
  if (transport != NULL && g_strv_contains (network_transports, transport) && host == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   /* Translators: %s is a transport name such as "ssh" */
                   _ ("A connection over %s needs a host name, as in qemu+ssh://user@host/system."),
                   transport);
      return FALSE;
    }
  if (host != NULL && !is_valid_host_name (host))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                   _ ("“%s” is not a host name or address."), host);
      return FALSE;
    }
  if (g_uri_get_port (parsed) == 0)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("Port 0 is not valid. Use a number from 1 to 65535."));
      return FALSE;
    }

  path = g_uri_get_path (parsed);
  if (g_str_equal (driver, "qemu") &&
      !g_str_equal (path, "/system") && !g_str_equal (path, "/session") && !g_str_equal (path, "/embed"))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("A QEMU address ends in /system or /session, as in qemu:///system."));
      return FALSE;
    }
  if (g_str_equal (driver, "test") && (path[0] != '/' || path[1] == '\0'))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_URI,
                           _ ("A test driver address is test:///default or test:// followed by the absolute path of a file."));
      return FALSE;
    }

  return TRUE;
}

/**
 * hgr_uri_parse_form:
 * @uri: a libvirt URI
 * @hypervisor: (out): the hypervisor
 * @ssh_user: (out) (transfer full) (nullable): the SSH user, or %NULL
 * @ssh_host: (out) (transfer full) (nullable): the remote host, %NULL for this computer
 * @ssh_port: (out): the SSH port, 0 for the default
 * @ssh_keyfile: (out) (transfer full) (nullable): the key file, or %NULL
 *
 * The reverse of hgr_uri_build(), for editing a saved host in the form.
 *
 * Returns: %TRUE when hgr_uri_build() makes @uri from the fields; %FALSE (and
 *   no output) for any other URI, which the form shows as typed
 */
gboolean
hgr_uri_parse_form (const char    *uri,
                    HgrHypervisor *hypervisor,
                    char         **ssh_user,
                    char         **ssh_host,
                    guint         *ssh_port,
                    char         **ssh_keyfile)
{
  static const struct
  {
    HgrHypervisor hypervisor;
    const char   *driver;
    const char   *path;
  } forms[] = {
    { HGR_HYPERVISOR_QEMU_SYSTEM, "qemu", "/system" },
    { HGR_HYPERVISOR_QEMU_SESSION, "qemu", "/session" },
    { HGR_HYPERVISOR_TEST, "test", "/default" },
  };
  g_autoptr (GUri) parsed = NULL;
  g_autoptr (GHashTable) params = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *rebuilt = NULL;
  const char      *scheme;
  const char      *host;
  int              port;

  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (parsed == NULL || g_uri_get_password (parsed) != NULL || g_uri_get_fragment (parsed) != NULL)
    return FALSE;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  if (host != NULL && *host == '\0')
    host = NULL;
  port = g_uri_get_port (parsed);

  if (g_uri_get_query (parsed) != NULL)
    {
      params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, NULL);
      if (params == NULL || g_hash_table_size (params) != 1 || !g_hash_table_contains (params, "keyfile"))
        return FALSE;
      keyfile = g_strdup (g_hash_table_lookup (params, "keyfile"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *remote_scheme = g_strconcat (forms[i].driver, "+ssh", NULL);

      if (!g_str_equal (g_uri_get_path (parsed), forms[i].path))
        continue;
      if (!(host == NULL ? g_str_equal (scheme, forms[i].driver) : g_str_equal (scheme, remote_scheme)))
        continue;

      /* Only what the form would build again, letter for letter. */
      rebuilt = hgr_uri_build (forms[i].hypervisor, g_uri_get_user (parsed), host, port > 0 ? port : 0, keyfile, NULL);
      if (rebuilt == NULL || !g_str_equal (rebuilt, uri))
        return FALSE;

      *hypervisor = forms[i].hypervisor;
      *ssh_user = g_strdup (g_uri_get_user (parsed));
      *ssh_host = g_strdup (host);
      *ssh_port = port > 0 && port != 22 ? port : 0;
      *ssh_keyfile = g_steal_pointer (&keyfile);
      return TRUE;
    }
  return FALSE;
}

/**
 * hgr_uri_is_remote:
 * @uri: a libvirt URI
 *
 * Returns: whether @uri reaches another machine (it names a host)
 */
gboolean
hgr_uri_is_remote (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  const char *host;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (parsed == NULL)
    return FALSE;
  host = g_uri_get_host (parsed);
  return host != NULL && *host != '\0' && !g_str_equal (host, "localhost");
}

static const char *
driver_label (const char *driver,
              const char *path)
{
  if (g_str_equal (driver, "qemu"))
    return g_str_equal (path, "/session") ? _ ("QEMU/KVM User Session") : _ ("QEMU/KVM");
  if (g_str_equal (driver, "test"))
    return _ ("Test Driver");
  if (g_str_equal (driver, "lxc"))
    return _ ("Linux Containers");
  if (g_str_equal (driver, "xen") || g_str_equal (driver, "libxl"))
    return _ ("Xen");
  return NULL;
}

/**
 * hgr_uri_dup_display_name:
 * @uri: a libvirt URI
 *
 * Returns: (transfer full): a short name for a host row, such as "QEMU/KVM" or
 *   "QEMU/KVM on admin@server"; @uri itself when it is not understood
 */
char *
hgr_uri_dup_display_name (const char *uri)
{
  g_autoptr (GUri) parsed = NULL;
  g_auto (GStrv) scheme_parts = NULL;
  const char *label;
  const char *host;
  const char *user;
  const char *path;

  parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD, NULL);
  if (parsed == NULL)
    return g_strdup (uri);

  scheme_parts = g_strsplit (g_uri_get_scheme (parsed), "+", 2);
  path = g_uri_get_path (parsed);
  label = driver_label (scheme_parts[0], path);
  if (label == NULL)
    return g_strdup (uri);

  host = g_uri_get_host (parsed);
  user = g_uri_get_user (parsed);
  if (host != NULL && *host != '\0')
    {
      if (user != NULL)
        /* Translators: a remote host: "QEMU/KVM on admin@server" */
        return g_strdup_printf (_ ("%s on %s@%s"), label, user, host);
      /* Translators: a remote host: "QEMU/KVM on server" */
      return g_strdup_printf (_ ("%s on %s"), label, host);
    }

  if (g_str_equal (scheme_parts[0], "test") && !g_str_equal (path, "/default"))
    {
      g_autofree char *base = g_path_get_basename (path);

      /* Translators: the test driver with a file: "Test Driver (node.xml)" */
      return g_strdup_printf (_ ("%s (%s)"), label, base);
    }

  return g_strdup (label);
}
