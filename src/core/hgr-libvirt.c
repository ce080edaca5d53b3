/* hgr-libvirt.c — libvirt glue: event loop registration and error translation
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-libvirt"

#include "config.h"

#include "hgr-libvirt.h"

#include <libvirt-glib/libvirt-glib.h>
#include <libvirt/virterror.h>
#include <stdlib.h>

#include "hgr-error.h"

/* libvirt prints every error to stderr unless an error function is set.
 * Errors reach the user through GErrors, so keep them at debug level. */
static void
quiet_error_func (void       *data,
                  virErrorPtr error)
{
  g_debug ("libvirt: %s", error->message ? error->message : "(no message)");
}

static gpointer
init_once (gpointer data)
{
  if (virInitialize () < 0)
    g_error ("libvirt could not be initialised");
  virSetErrorFunc (NULL, quiet_error_func);
  /* libvirt's event loop runs on GLib's default main context, so domain
   * events and keepalive are dispatched on the main thread. */
  gvir_event_register ();
  return NULL;
}

/**
 * hgr_libvirt_init:
 *
 * Sets libvirt up for Hangar once per process. Safe to call from any thread
 * and any number of times; every object that talks to libvirt calls it.
 */
void
hgr_libvirt_init (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_once, NULL);
}

/**
 * hgr_libvirt_set_error:
 * @error: return location
 * @code: an #HgrError code
 * @fallback: text to use when libvirt has no message
 *
 * Turns the calling thread's last libvirt error into @error. libvirt errors are
 * per thread: call this in the thread that made the failing call, right after it.
 */
void
hgr_libvirt_set_error (GError    **error,
                       int         code,
                       const char *fallback)
{
  virErrorPtr last = virGetLastError ();

  if (last != NULL && last->message != NULL)
    g_set_error_literal (error, HGR_ERROR, code, last->message);
  else
    g_set_error_literal (error, HGR_ERROR, code, fallback);
}

/**
 * hgr_libvirt_error_is:
 * @code: a virErrorNumber
 *
 * Returns: whether the calling thread's last libvirt error is @code
 */
gboolean
hgr_libvirt_error_is (int code)
{
  virErrorPtr last = virGetLastError ();

  return last != NULL && last->code == code;
}

/**
 * hgr_libvirt_get_uuid_string:
 * @domain: a guest's handle
 * @uuid: (out caller-allocates): its UUID as libvirt writes it (lower-case
 *   8-4-4-4-12 hex digits)
 *
 * The same as virDomainGetUUIDString(), without its snprintf for every
 * byte: the stats tick asks for every guest of every host each interval,
 * and that was a tenth of its CPU at 100 000 guests.
 */
void
hgr_libvirt_get_uuid_string (virDomainPtr domain,
                             char         uuid[VIR_UUID_STRING_BUFLEN])
{
  static const char digits[] = "0123456789abcdef";
  unsigned char     raw[VIR_UUID_BUFLEN];
  char             *out = uuid;

  if (virDomainGetUUID (domain, raw) < 0)
    {
      uuid[0] = '\0';
      return;
    }
  for (guint i = 0; i < VIR_UUID_BUFLEN; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *out++ = '-';
      *out++ = digits[raw[i] >> 4];
      *out++ = digits[raw[i] & 0xf];
    }
  *out = '\0';
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/**
 * hgr_libvirt_dup_network_names:
 * @conn: a connection (in a worker thread)
 * @flags: virConnectListAllNetworks() flags (0: all, or only the active ones…)
 *
 * Returns: (transfer full) (nullable): the host's virtual networks by name, in
 *   order; %NULL when the host cannot list them (libvirt's error is set)
 */
GStrv
hgr_libvirt_dup_network_names (virConnectPtr conn,
                               unsigned int  flags)
{
  virNetworkPtr *networks = NULL;
  int            n = virConnectListAllNetworks (conn, &networks, flags);
  GPtrArray     *names;

  if (n < 0)
    return NULL;
  names = g_ptr_array_new ();
  for (int i = 0; i < n; i++)
    {
      g_ptr_array_add (names, g_strdup (virNetworkGetName (networks[i])));
      virNetworkFree (networks[i]);
    }
  free (networks);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}
