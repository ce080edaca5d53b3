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

#include <unistd.h>

#include "hgr-integration-utils.h"

static void
test_lifecycle (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_QEMU_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *uuid = NULL;
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
  xml = hgr_test_tiny_guest_xml (name, NULL);
  guest = g_object_ref (hgr_test_define_guest_xml (host, xml));
  uuid = g_strdup (hgr_guest_get_uuid (guest));
  g_assert_cmpstr (hgr_guest_get_name (guest), ==, name);
  g_assert_cmpint (hgr_guest_get_state (guest), ==, HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_guest_get_persistent (guest));

  /* Run: QEMU really starts, under TCG. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);

  /* Its display, through libvirt: the socket speaks RFB (the console's job). */
  {
    g_autoptr (GAsyncResult) opened = NULL;
    g_autoptr (GError) display_error = NULL;
    g_autoptr (GSocket) socket = NULL;
    char   greeting[13] = { 0 };
    gssize got = 0;
    int    fd;

    hgr_guest_open_graphics_async (guest, NULL, hgr_test_store_result_cb, &opened);
    HGR_TEST_WAIT_UNTIL (opened != NULL);
    fd = hgr_guest_open_graphics_finish (guest, opened, NULL, NULL, &display_error);
    g_assert_no_error (display_error);
    g_assert_cmpint (fd, >=, 0);
    socket = g_socket_new_from_fd (fd, &display_error);
    g_assert_no_error (display_error);
    g_socket_set_timeout (socket, 10);
    while (got < 12)
      {
        gssize n = g_socket_receive (socket, greeting + got, 12 - got, NULL, &display_error);

        g_assert_no_error (display_error);
        g_assert_cmpint (n, >, 0);
        got += n;
      }
    g_assert_cmpstr (greeting, ==, "RFB 003.008\n");
  }

  /* Paused and resumed behind Hangar's back: events tell it. */
  domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), uuid);
  g_assert_cmpint (virDomainSuspend (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_PAUSED);
  g_assert_cmpint (virDomainResume (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  virDomainFree (domain);

  /* Managed save, then Run restores it. */
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_SAVE));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SAVED);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
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
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
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
test_daemon_dies_and_returns (void)
{
  hgr_test_daemon_dies_and_returns_on ("HGR_TEST_QEMU_URI", "reconnect");
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
