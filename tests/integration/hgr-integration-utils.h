/* hgr-integration-utils.h — helpers of the integration tests: daemons, guests, actions
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>
#include <signal.h>
#include <unistd.h>

#include "hgr-askpass.h"
#include "hgr-guest-private.h"
#include "hgr-host-private.h"
#include "hgr-test-host.h"

G_BEGIN_DECLS

/* The value of a variable run-with-daemons.sh sets, or NULL with the test
 * skipped (failed when every tier is required). */
static inline const char *
hgr_test_require_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("%s is not set: run through tests/integration/run-with-daemons.sh", name);

      if (g_strcmp0 (g_getenv ("HGR_TEST_REQUIRE_ALL"), "1") == 0)
        g_error ("%s", reason);
      g_test_skip (reason);
    }
  return value;
}

/* A guest with no disk that QEMU runs under TCG, VNC on 127.0.0.1, with
 * @vnc_password (at most 8 characters, QEMU's limit) when not NULL. */
static inline char *
hgr_test_tiny_guest_xml (const char *name,
                         const char *vnc_password)
{
  g_autofree char *passwd = vnc_password != NULL ? g_strdup_printf (" passwd='%s'", vnc_password) : g_strdup ("");

  return g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                          "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                          "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
                          "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                          "<graphics type='vnc' listen='127.0.0.1' autoport='yes'%s/>"
                          "<video><model type='vga'/></video><memballoon model='none'/></devices></domain>",
                          name, passwd);
}

static inline gboolean
hgr_test_perform (HgrGuest      *guest,
                  HgrGuestAction action)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  hgr_guest_perform_async (guest, action, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  ok = hgr_guest_perform_finish (guest, result, &error);
  g_assert_no_error (error);
  return ok;
}

/* Connects @uri and waits for the outcome: the host either way, @error set
 * when it failed (the caller asserts on the failure). */
static inline HgrHost *
hgr_test_connect (const char *uri,
                  GError    **error)
{
  g_autoptr (HgrHost) host = hgr_host_new (uri);
  g_autoptr (GAsyncResult) result = NULL;

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  hgr_host_connect_finish (host, result, error);
  return g_steal_pointer (&host);
}

/* Defines @xml behind Hangar's back and waits for the host to show it. */
static inline HgrGuest *
hgr_test_define_guest_xml (HgrHost    *host,
                           const char *xml)
{
  char         uuid[VIR_UUID_STRING_BUFLEN];
  virDomainPtr domain = virDomainDefineXML (hgr_host_get_connection (host), xml);

  g_assert_nonnull (domain);
  virDomainGetUUIDString (domain, uuid);
  virDomainFree (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, uuid) != NULL);
  return hgr_host_lookup_guest (host, uuid);
}

/* Defines a tiny guest behind Hangar's back and waits for the host to show it. */
static inline HgrGuest *
hgr_test_define_guest (HgrHost    *host,
                       const char *test_name)
{
  g_autofree char *name = g_strdup_printf ("hgr-test-%s-%d", test_name, (int) getpid ());
  g_autofree char *xml = hgr_test_tiny_guest_xml (name, NULL);

  return hgr_test_define_guest_xml (host, xml);
}

/* Hangar's askpass service, as the application runs it: before any thread,
 * and before g_test_init(), which points the user folders at /dev/null
 * outside of test functions. ssh asks its questions through it. */
static inline HgrAskpass *
hgr_test_start_askpass (void)
{
  g_autoptr (GError) error = NULL;
  const char *helper = g_getenv ("HGR_ASKPASS_HELPER");
  HgrAskpass *askpass;

  if (helper == NULL)
    g_error ("HGR_ASKPASS_HELPER is not set: run the test through meson test");
  askpass = hgr_askpass_new (helper, &error);
  if (askpass == NULL)
    g_error ("askpass: %s", error->message);
  g_setenv ("SSH_ASKPASS", hgr_askpass_get_program (askpass), TRUE);
  g_setenv ("DISPLAY", ":0", FALSE);
  return askpass;
}

static inline void
hgr_test_kill_daemon (void)
{
  g_autofree char *text = NULL;
  GPid             pid;

  g_assert_true (g_file_get_contents (g_getenv ("HGR_TEST_LIBVIRTD_PIDFILE"), &text, NULL, NULL));
  pid = (GPid) g_ascii_strtoll (text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
}

static inline void
hgr_test_start_daemon (void)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (g_getenv ("HGR_TEST_LIBVIRTD_START"), NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The daemon dies: @host says so within 10 s, keeps @guest (stale: no action
 * can be sent), and tries to get the connection back; it comes back: the host
 * reconnects by itself, with the same guest object. */
static inline void
hgr_test_daemon_dies_and_returns (HgrHost  *host,
                                  HgrGuest *guest)
{
  const char *uuid = hgr_guest_get_uuid (guest);
  gint64      killed;

  g_assert_true (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));
  hgr_test_kill_daemon ();
  killed = g_get_monotonic_time ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED, 30);
  g_test_message ("disconnect noticed after %.0f ms", (g_get_monotonic_time () - killed) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - killed, <, 10 * G_USEC_PER_SEC);
  g_assert_true (hgr_host_get_reconnecting (host));
  g_assert_true (g_str_has_prefix (hgr_host_get_error_message (host), "Disconnected: "));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);
  g_assert_false (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));

  /* While it is down, tries fail and back off; the guests stay. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTING, 30);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED, 60);
  g_assert_true (hgr_host_get_reconnecting (host));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);

  hgr_test_start_daemon ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED, 120);
  g_assert_false (hgr_host_get_reconnecting (host));
  g_assert_null (hgr_host_get_error_message (host));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);
  g_assert_true (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));
}

static inline void
hgr_test_undefine (HgrHost  *host,
                   HgrGuest *guest)
{
  g_autofree char *uuid = g_strdup (hgr_guest_get_uuid (guest));
  virDomainPtr     domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), uuid);

  g_assert_nonnull (domain);
  virDomainDestroy (domain);
  g_assert_cmpint (virDomainUndefine (domain), ==, 0);
  virDomainFree (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, uuid) == NULL);
}

/* The whole scenario on the host at the URI in @uri_variable: connect, define
 * a guest, the daemon dies and returns, and events work on the new
 * connection (the guest's undefinition is seen). */
static inline void
hgr_test_daemon_dies_and_returns_on (const char *uri_variable,
                                     const char *test_name)
{
  const char *uri = hgr_test_require_env (uri_variable);
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  HgrGuest *guest;

  if (uri == NULL)
    return;

  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = hgr_test_define_guest (host, test_name);
  hgr_test_daemon_dies_and_returns (host, guest);
  hgr_test_undefine (host, guest);
}

G_END_DECLS
