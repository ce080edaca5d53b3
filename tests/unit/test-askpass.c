/* test-askpass.c — ssh's questions reach Hangar through hangar-askpass, and the answers go back
 *
 * The launcher is run as ssh runs SSH_ASKPASS: the question as its argument,
 * the answer read from its output, exit status 1 for a declined question.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-askpass.h"
#include "hgr-credential-request.h"
#include "hgr-test-utils.h"

typedef struct
{
  const char       *answer; /* NULL: decline */
  HgrCredentialKind kind;
  guint             asked;
} Answerer;

static void
credential_requested_cb (HgrAskpass           *askpass,
                         HgrCredentialRequest *request,
                         Answerer             *answerer)
{
  answerer->asked++;
  answerer->kind = hgr_credential_request_get_kind (request);
  if (answerer->answer != NULL)
    hgr_credential_request_answer (request, answerer->answer);
  else
    hgr_credential_request_cancel (request);
}

/* Runs the launcher with @question, iterating the main loop meanwhile. */
static int
ask (HgrAskpass *askpass,
     const char *question,
     char      **output)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, hgr_askpass_get_program (askpass), question, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_async (process, NULL, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (g_subprocess_communicate_finish (process, result, &out, NULL, &error));
  g_assert_no_error (error);
  HGR_TEST_WAIT_UNTIL (!hgr_askpass_get_busy (askpass));
  *output = g_bytes_get_size (out) > 0 ? g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out)) : g_strdup ("");
  return g_subprocess_get_exit_status (process);
}

static HgrAskpass *
new_askpass (void)
{
  g_autoptr (GError) error = NULL;
  HgrAskpass *askpass = hgr_askpass_new (g_getenv ("HGR_ASKPASS_HELPER"), &error);

  g_assert_no_error (error);
  g_assert_true (g_file_test (hgr_askpass_get_program (askpass), G_FILE_TEST_IS_EXECUTABLE));
  return askpass;
}

static void
test_answered (void)
{
  g_autoptr (HgrAskpass) askpass = new_askpass ();
  Answerer         answerer = { "s3cret" };
  g_autofree char *output = NULL;

  g_signal_connect (askpass, "credential-requested", G_CALLBACK (credential_requested_cb), &answerer);
  g_assert_cmpint (ask (askpass, "Enter passphrase for key '/root/.ssh/id_ed25519': ", &output), ==, 0);
  g_assert_cmpstr (output, ==, "s3cret\n");
  g_assert_cmpuint (answerer.asked, ==, 1);
  g_assert_cmpint (answerer.kind, ==, HGR_CREDENTIAL_PASSPHRASE);
  g_clear_pointer (&output, g_free);

  g_assert_cmpint (ask (askpass, "root@server's password: ", &output), ==, 0);
  g_assert_cmpint (answerer.kind, ==, HGR_CREDENTIAL_PASSWORD);
}

static void
test_host_key (void)
{
  g_autoptr (HgrAskpass) askpass = new_askpass ();
  Answerer         answerer = { "y" };
  g_autofree char *output = NULL;
  const char      *question = "The authenticity of host '[127.0.0.1]:2222' can't be established.\n"
                              "ED25519 key fingerprint is SHA256:abc.\n"
                              "Are you sure you want to continue connecting (yes/no/[fingerprint])? ";

  g_signal_connect (askpass, "credential-requested", G_CALLBACK (credential_requested_cb), &answerer);
  g_assert_cmpint (ask (askpass, question, &output), ==, 0);
  g_assert_cmpint (answerer.kind, ==, HGR_CREDENTIAL_HOST_KEY);
  g_assert_cmpstr (output, ==, "yes\n"); /* ssh wants the word */
  g_clear_pointer (&output, g_free);

  answerer.answer = "n";
  g_assert_cmpint (ask (askpass, question, &output), ==, 0);
  g_assert_cmpstr (output, ==, "no\n");
}

static void
test_declined (void)
{
  g_autoptr (HgrAskpass) askpass = new_askpass ();
  Answerer         answerer = { NULL };
  g_autofree char *output = NULL;

  g_signal_connect (askpass, "credential-requested", G_CALLBACK (credential_requested_cb), &answerer);
  g_assert_cmpint (ask (askpass, "root@server's password: ", &output), ==, 1);
  g_assert_cmpstr (output, ==, "");
  g_assert_cmpuint (answerer.asked, ==, 1);
}

static void
test_nobody_to_ask (void)
{
  g_autoptr (HgrAskpass) askpass = new_askpass ();
  g_autofree char *output = NULL;
  g_autofree char *program = g_strdup (hgr_askpass_get_program (askpass));

  g_assert_cmpint (ask (askpass, "root@server's password: ", &output), ==, 1);
  g_assert_cmpstr (output, ==, "");

  /* Gone with the service: nothing is left behind. */
  g_clear_object (&askpass);
  g_assert_false (g_file_test (program, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/askpass/answered", test_answered);
  g_test_add_func ("/askpass/host-key", test_host_key);
  g_test_add_func ("/askpass/declined", test_declined);
  g_test_add_func ("/askpass/nobody-to-ask", test_nobody_to_ask);

  return g_test_run ();
}
