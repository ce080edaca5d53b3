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

#include "hgr-credential-request.h"
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
  hgr_test_daemon_dies_and_returns_on ("HGR_TEST_SSH_URI", "ssh-reconnect");
}

typedef struct
{
  const char       *answer; /* NULL: cancel */
  HgrCredentialKind kind;
  char             *prompt;
  guint             asked;
} Answerer;

static void
credential_requested_cb (HgrHost              *host,
                         HgrCredentialRequest *request,
                         Answerer             *answerer)
{
  answerer->asked++;
  answerer->kind = hgr_credential_request_get_kind (request);
  g_free (answerer->prompt);
  answerer->prompt = g_strdup (hgr_credential_request_get_prompt (request));
  if (answerer->answer != NULL)
    hgr_credential_request_answer (request, answerer->answer);
  else
    hgr_credential_request_cancel (request);
}

static void
askpass_requested_cb (HgrAskpass           *service,
                      HgrCredentialRequest *request,
                      Answerer             *answerer)
{
  credential_requested_cb (NULL, request, answerer);
}

static HgrHost *
connect_answering (const char *uri,
                   Answerer   *answerer,
                   GError    **error)
{
  g_autoptr (HgrHost) host = hgr_host_new (uri);
  g_autoptr (GAsyncResult) result = NULL;

  if (answerer != NULL)
    g_signal_connect (host, "credential-requested", G_CALLBACK (credential_requested_cb), answerer);
  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
  hgr_host_connect_finish (host, result, error);
  return g_steal_pointer (&host);
}

static void
test_libssh_passphrase (void)
{
  const char *uri = hgr_test_require_env ("HGR_TEST_LIBSSH_URI");
  g_autoptr (HgrTestHost) host = NULL;
  g_autoptr (HgrTestHost) declined = NULL;
  g_autoptr (HgrTestHost) unasked = NULL;
  g_autoptr (GError) error = NULL;
  Answerer right = { g_getenv ("HGR_TEST_KEY_PASSPHRASE") };
  Answerer cancel = { NULL };

  if (uri == NULL)
    return;

  /* The key's passphrase is asked through the broker, and its answer opens it. */
  host = connect_answering (uri, &right, &error);
  g_assert_no_error (error);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);
  g_assert_cmpuint (right.asked, ==, 1);
  g_assert_cmpint (right.kind, ==, HGR_CREDENTIAL_PASSPHRASE);
  g_test_message ("asked: %s", right.prompt);
  g_assert_true (hgr_host_get_remote (host));

  /* Declined: the attempt fails as not authenticated, nothing hangs. */
  declined = connect_answering (uri, &cancel, &error);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_UNREACHABLE);
  g_assert_cmpint (hgr_host_get_status (declined), ==, HGR_HOST_STATUS_FAILED);
  g_assert_cmpuint (cancel.asked, ==, 1);
  g_clear_error (&error);

  /* Nobody to ask: declined as well. */
  unasked = connect_answering (uri, NULL, &error);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_UNREACHABLE);
  g_assert_cmpint (hgr_host_get_status (unasked), ==, HGR_HOST_STATUS_FAILED);

  g_free (right.prompt);
  g_free (cancel.prompt);
}

static void
answer_by_kind_cb (HgrHost              *host,
                   HgrCredentialRequest *request,
                   gpointer              user_data)
{
  if (hgr_credential_request_get_kind (request) == HGR_CREDENTIAL_HOST_KEY)
    hgr_credential_request_answer (request, "y");
  else
    hgr_credential_request_answer (request, g_getenv ("HGR_TEST_KEY_PASSPHRASE"));
}

static void
test_libssh_host_key (void)
{
  const char      *uri = hgr_test_require_env ("HGR_TEST_LIBSSH_URI");
  g_autofree char *empty = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *known = NULL;
  g_autofree char *unknown_uri = NULL;
  g_autofree char *contents = NULL;

  g_autoptr (GError) error = NULL;
  Answerer reject = { "n" };

  if (uri == NULL)
    return;

  /* libssh with a known_hosts that lacks the host: it asks, showing the key. */
  empty = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "libssh_known_hosts", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  known = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "known_hosts", NULL);
  {
    GString *replaced = g_string_new (uri);

    g_string_replace (replaced, known, empty, 1);
    unknown_uri = g_string_free (replaced, FALSE);
  }
  g_assert_cmpstr (unknown_uri, !=, uri);

  /* Rejected: not connected, and the key was not written down. */
  {
    g_autoptr (HgrTestHost) host = connect_answering (unknown_uri, &reject, &error);

    g_assert_nonnull (error);
    g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_FAILED);
    g_assert_cmpint (reject.kind, ==, HGR_CREDENTIAL_HOST_KEY);
    g_test_message ("host key question: %s", reject.prompt);
    g_assert_nonnull (strstr (reject.prompt, "127.0.0.1"));
    g_assert_true (g_file_get_contents (empty, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "");
    g_clear_pointer (&contents, g_free);
    g_clear_error (&error);
  }

  /* Accepted by the user: then it is remembered. */
  {
    g_autoptr (HgrTestHost) host = NULL;

    /* The passphrase comes after the host key: answer each by its kind. */
    host = hgr_host_new (unknown_uri);
    g_signal_connect (host, "credential-requested", G_CALLBACK (answer_by_kind_cb), NULL);
    {
      g_autoptr (GAsyncResult) result = NULL;

      hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
      HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 60);
      g_assert_true (hgr_host_connect_finish (host, result, &error));
      g_assert_no_error (error);
    }
    g_assert_true (g_file_get_contents (empty, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "127.0.0.1"));
  }
  g_free (reject.prompt);
}

/* Set up before any thread, as the application does. */
static HgrAskpass *askpass;

static void
test_ssh_passphrase_through_askpass (void)
{
  const char      *uri = hgr_test_require_env ("HGR_TEST_SSH_PASSPHRASE_URI");
  g_autofree char *use = NULL;
  Answerer         right = { g_getenv ("HGR_TEST_KEY_PASSPHRASE") };
  Answerer         wrong = { NULL };

  if (uri == NULL)
    return;
  g_assert_nonnull (askpass);

  use = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_askpass", NULL);
  g_assert_true (g_file_set_contents (use, "", 0, NULL));

  /* ssh asks for the key's passphrase through hangar-askpass; the answer opens it. */
  g_signal_connect (askpass, "credential-requested", G_CALLBACK (askpass_requested_cb), &right);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrTestHost) host = hgr_test_connect (uri, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);
    g_assert_cmpuint (right.asked, ==, 1);
    g_assert_cmpint (right.kind, ==, HGR_CREDENTIAL_PASSPHRASE);
    g_test_message ("ssh asked: %s", right.prompt);
  }
  g_signal_handlers_disconnect_by_data (askpass, &right);

  /* Declined: no connection, and ssh gives up rather than waiting. */
  g_signal_connect (askpass, "credential-requested", G_CALLBACK (askpass_requested_cb), &wrong);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrTestHost) host = hgr_test_connect (uri, &error);

    g_assert_nonnull (error);
    g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_FAILED);
    g_assert_cmpuint (wrong.asked, >=, 1);
  }
  g_signal_handlers_disconnect_by_data (askpass, &wrong);
  /* Every answer is back with ssh before the test goes on. */
  HGR_TEST_WAIT_UNTIL (!hgr_askpass_get_busy (askpass));

  g_assert_cmpint (g_unlink (use), ==, 0);
  g_free (right.prompt);
  g_free (wrong.prompt);
}

static void
host_key_answer_cb (HgrAskpass           *service,
                    HgrCredentialRequest *request,
                    Answerer             *answerer)
{
  /* Only the host key is asked here: the key file has no passphrase. */
  g_assert_cmpint (hgr_credential_request_get_kind (request), ==, HGR_CREDENTIAL_HOST_KEY);
  credential_requested_cb (NULL, request, answerer);
}

static void
test_ssh_host_key_through_askpass (void)
{
  const char      *uri = hgr_test_require_env ("HGR_TEST_SSH_URI");
  g_autofree char *empty = NULL;
  g_autofree char *use_known = NULL;
  g_autofree char *use_askpass = NULL;
  g_autofree char *contents = NULL;
  Answerer         reject = { "n" };
  Answerer         accept = { "y" };

  if (uri == NULL)
    return;

  empty = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "askpass_known_hosts", NULL);
  use_known = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_known_hosts", NULL);
  use_askpass = g_build_filename (g_getenv ("HGR_TEST_SSH_DIR"), "use_askpass", NULL);
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  g_assert_true (g_file_set_contents (use_known, empty, -1, NULL));
  g_assert_true (g_file_set_contents (use_askpass, "", 0, NULL));

  /* ssh shows the key's fingerprint through hangar-askpass; "no" refuses. */
  g_signal_connect (askpass, "credential-requested", G_CALLBACK (host_key_answer_cb), &reject);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrTestHost) host = hgr_test_connect (uri, &error);

    g_assert_nonnull (error);
    g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_FAILED);
    g_assert_cmpuint (reject.asked, ==, 1);
    g_test_message ("ssh asked: %s", reject.prompt);
    g_assert_nonnull (strstr (reject.prompt, "fingerprint is SHA256:"));
    g_assert_true (g_file_get_contents (empty, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "");
    g_clear_pointer (&contents, g_free);
  }
  g_signal_handlers_disconnect_by_data (askpass, &reject);
  HGR_TEST_WAIT_UNTIL (!hgr_askpass_get_busy (askpass));

  /* "yes": connected, and the key is remembered. */
  g_signal_connect (askpass, "credential-requested", G_CALLBACK (host_key_answer_cb), &accept);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (HgrTestHost) host = hgr_test_connect (uri, &error);

    g_assert_no_error (error);
    g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_CONNECTED);
    /* Debian's ssh hashes host names in known_hosts: look for the key. */
    g_assert_true (g_file_get_contents (empty, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "ssh-ed25519 "));
  }
  g_signal_handlers_disconnect_by_data (askpass, &accept);
  HGR_TEST_WAIT_UNTIL (!hgr_askpass_get_busy (askpass));

  g_assert_cmpint (g_unlink (use_askpass), ==, 0);
  g_assert_cmpint (g_unlink (use_known), ==, 0);
  g_free (reject.prompt);
  g_free (accept.prompt);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  askpass = hgr_test_start_askpass ();

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/remote/ssh-with-key", test_ssh_with_key);
  g_test_add_func ("/remote/unknown-host-key-refused", test_unknown_host_key_refused);
  g_test_add_func ("/remote/daemon-dies-over-ssh", test_daemon_dies_over_ssh);
  g_test_add_func ("/remote/libssh-passphrase", test_libssh_passphrase);
  g_test_add_func ("/remote/libssh-host-key", test_libssh_host_key);
  g_test_add_func ("/remote/ssh-passphrase-through-askpass", test_ssh_passphrase_through_askpass);
  g_test_add_func ("/remote/ssh-host-key-through-askpass", test_ssh_host_key_through_askpass);

  status = g_test_run ();
  g_clear_object (&askpass);
  return status;
}
