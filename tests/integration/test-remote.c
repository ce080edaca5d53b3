/* test-remote.c — Hangar's core on a host reached over SSH (a private sshd on 127.0.0.1)
 *
 * run-with-daemons.sh starts the sshd in front of the private libvirtd and
 * passes HGR_TEST_SSH_URI: qemu+ssh with a key, host keys checked against a
 * prepared known_hosts, ssh in batch mode (no prompt can be answered).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "hgr-error.h"
#include "hgr-integration-utils.h"

static void
test_ssh_with_key (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  HgrGuest *guest;

  if (uri == NULL)
    return;

  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);
  g_assert_true (hgr_host_get_remote (host));
  g_assert_cmpstr (hgr_host_get_display_name (host), ==, "QEMU/KVM on root@127.0.0.1");

  /* Listed, run and stopped over SSH; every change seen through events. */
  guest = g_object_ref (hgr_test_define_guest (host, "ssh"));
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_RUN));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_RUNNING);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_PAUSE));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_PAUSED);
  g_assert_true (hgr_test_perform (guest, HGR_GUEST_ACTION_FORCE_OFF));
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (guest) == HGR_GUEST_STATE_SHUT_OFF);
  hgr_test_undefine (host, guest);
  g_object_unref (guest);
}

static void
test_unknown_host_key_refused (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *use = NULL;

  if (uri == NULL)
    return;

  /* A known_hosts without this host: ssh must refuse, never ask. */
  empty = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "empty_known_hosts", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  use = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_known_hosts", NULL);
  g_assert_true (g_file_set_contents (use, empty, -1, NULL));
  host = hgr_test_connect (uri, &error);
  g_assert_cmpint (g_unlink (use), ==, 0);

  g_assert_error (error, HGR_ERROR, HGR_ERROR_UNREACHABLE);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_FAILED);
  g_test_message ("refused: %s", hgr_host_get_error_message (host));
  g_assert_nonnull (strstr (hgr_host_get_error_message (host), "Host key verification failed"));
  /* …and says what to do about it. */
  g_assert_nonnull (strstr (hgr_host_get_error_message (host), "does not know the host’s SSH key"));
  /* Nothing was written to the empty known_hosts: the key was not accepted. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (empty, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "");
  }
}

static void
test_daemon_dies_over_ssh (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (GError) error = NULL;
  HgrGuest *guest;

  if (uri == NULL)
    return;

  host = hgr_test_connect (uri, &error);
  g_assert_no_error (error);
  guest = hgr_test_define_guest (host, "ssh-reconnect");
  hgr_test_daemon_dies_and_returns (host, guest);
  hgr_test_undefine (host, guest);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/remote/ssh-with-key", test_ssh_with_key);
  g_test_add_func ("/remote/unknown-host-key-refused", test_unknown_host_key_refused);
  g_test_add_func ("/remote/daemon-dies-over-ssh", test_daemon_dies_over_ssh);

  return g_test_run ();
}
