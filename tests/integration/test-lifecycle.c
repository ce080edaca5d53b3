/* test-lifecycle.c — Hangar's core against a real libvirtd running QEMU (TCG)
 *
 * run-with-daemons.sh starts the private daemon and passes its URI in
 * HGR_TEST_QEMU_URI. A tiny guest (no disk, VNC on 127.0.0.1) is defined,
 * run, paused, resumed, saved, restored, forced off and deleted through
 * HgrGuest, and every state change is seen through libvirt's events.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <signal.h>
#include <unistd.h>

#include "hgr-guest-private.h"
#include "hgr-host-private.h"
#include "hgr-host.h"
#include "hgr-test-host.h"

static const char *
require_uri (void)
{
  const char *uri = g_getenv ("HGR_TEST_QEMU_URI");

  if (uri == NULL)
    {
      if (g_strcmp0 (g_getenv ("HGR_TEST_REQUIRE_ALL"), "1") == 0)
        g_error ("HGR_TEST_QEMU_URI is not set: run through tests/integration/run-with-daemons.sh");
      g_test_skip ("HGR_TEST_QEMU_URI is not set: run through tests/integration/run-with-daemons.sh");
    }
  return uri;
}

static char *
tiny_guest_xml (const char *name)
{
  return g_strdup_printf ("<domain type='qemu'><name>%s</name>"
                          "<memory unit='MiB'>64</memory><vcpu>1</vcpu>"
                          "<os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
                          "<devices><emulator>/usr/bin/qemu-system-x86_64</emulator>"
                          "<graphics type='vnc' listen='127.0.0.1' autoport='yes'/>"
                          "<video><model type='vga'/></video><memballoon model='none'/></devices></domain>",
                          name);
}

static gboolean
perform (HgrGuest      *guest,
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

static void
test_lifecycle (void)
{
  const char *uri = require_uri ();
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *uuid = NULL;
  char             uuid_buf[VIR_UUID_STRING_BUFLEN];
  virDomainPtr     domain;
  HgrGuest        *guest;

  if (uri == NULL)
    return;

  host = hgr_host_new (uri);
  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (host, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);

  /* Defined on the host: Hangar learns of it through the DEFINED event. */
  name = g_strdup_printf ("hgr-test-lifecycle-%d", (int) getpid ());
  xml = tiny_guest_xml (name);
  domain = virDomainDefineXML (hgr_host_get_connection (host), xml);
  g_assert_nonnull (domain);
  virDomainGetUUIDString (domain, uuid_buf);
  uuid = g_strdup (uuid_buf);
  virDomainFree (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, uuid) != NULL);
  guest = g_object_ref (hgr_host_lookup_guest (host, uuid));
  g_assert_cmpstr (hgr_guest_get_name (guest), ==, name);
  g_assert_cmpint (hgr_guest_get_state (guest), ==, HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_guest_get_persistent (guest));

  /* Run: QEMU really starts, under TCG. */
  g_assert_true (perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* Paused and resumed behind Hangar's back: events tell it. */
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), uuid);
  g_assert_cmpint (virDomainSuspend (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_PAUSED);
  g_assert_cmpint (virDomainResume (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  virDomainFree (domain);

  /* Managed save, then Run restores it. */
  g_assert_true (perform (guest, HGR_GUEST_ACTION_SAVE));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SAVED);
  g_assert_true (perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* Details come from the live XML. */
  {
    g_autoptr (GAsyncResult) details = NULL;

    hgr_guest_load_details_async (guest, NULL, hgr_test_store_result_cb, &details);
    HGR_TEST_WAIT_UNTIL (details != NULL);
    g_assert_true (hgr_guest_load_details_finish (guest, details, NULL));
    g_assert_cmpuint (hgr_guest_get_memory (guest), ==, 64 * 1024 * 1024);
    g_assert_cmpstr (hgr_guest_get_arch (guest), ==, "x86_64");
    g_assert_cmpuint (hgr_guest_get_vcpus (guest), ==, 1);
  }

  /* Shut off (no OS to answer ACPI: force), then delete. */
  g_assert_true (perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  g_clear_object (&result);
  hgr_guest_delete_async (guest, FALSE, NULL, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_guest_delete_finish (guest, result, &error));
  g_assert_no_error (error);
  g_assert_null (hgr_host_lookup_guest (host, uuid));
  g_assert_null (virDomainLookupByUUIDString (hgr_host_get_connection (host), uuid));
  g_object_unref (guest);

  hgr_host_disconnect (host);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_DISCONNECTED);
}

static void
kill_daemon (void)
{
  g_autofree char *text = NULL;
  GPid             pid;

  g_assert_true (g_file_get_contents (g_getenv ("HGR_TEST_LIBVIRTD_PIDFILE"), &text, NULL, NULL));
  pid = (GPid) g_ascii_strtoll (text, NULL, 10);
  g_assert_cmpint (pid, >, 1);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
}

static void
start_daemon (void)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (g_getenv ("HGR_TEST_LIBVIRTD_START"), NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static void
test_daemon_dies_and_returns (void)
{
  const char *uri = require_uri ();
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  char             uuid[VIR_UUID_STRING_BUFLEN];
  virDomainPtr     domain;
  HgrGuest        *guest;
  gint64           killed;

  if (uri == NULL)
    return;

  host = hgr_host_new (uri);
  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (host, result, NULL));

  name = g_strdup_printf ("hgr-test-reconnect-%d", (int) getpid ());
  xml = tiny_guest_xml (name);
  domain = virDomainDefineXML (hgr_host_get_connection (host), xml);
  g_assert_nonnull (domain);
  virDomainGetUUIDString (domain, uuid);
  virDomainFree (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, uuid) != NULL);
  guest = hgr_host_lookup_guest (host, uuid);
  g_assert_true (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));

  /* The daemon dies: the host says so soon, keeps its guests (stale: no
   * action can be sent), and starts getting the connection back. */
  kill_daemon ();
  killed = g_get_monotonic_time ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED, 30);
  g_test_message ("disconnect noticed after %.0f ms", (g_get_monotonic_time () - killed) / 1000.0);
  g_assert_true (hgr_host_get_reconnecting (host));
  g_assert_true (g_str_has_prefix (hgr_host_get_error_message (host), "Disconnected: "));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);
  g_assert_false (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));

  /* While it is down, tries fail and back off; the guests stay. */
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTING, 30);
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED, 30);
  g_assert_true (hgr_host_get_reconnecting (host));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);

  /* It comes back: Hangar reconnects by itself, the list is right, and the
   * guest is the same object (a selection of it survives). */
  start_daemon ();
  HGR_TEST_WAIT_UNTIL_SECONDS (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED, 120);
  g_assert_false (hgr_host_get_reconnecting (host));
  g_assert_null (hgr_host_get_error_message (host));
  g_assert_true (hgr_host_lookup_guest (host, uuid) == guest);
  g_assert_true (hgr_guest_can (guest, HGR_GUEST_ACTION_RUN));

  /* And it is live again: events arrive on the new connection. */
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), uuid);
  g_assert_cmpint (virDomainUndefine (domain), ==, 0);
  virDomainFree (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, uuid) == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/integration/lifecycle", test_lifecycle);
  g_test_add_func ("/integration/daemon-dies-and-returns", test_daemon_dies_and_returns);

  return g_test_run ();
}
