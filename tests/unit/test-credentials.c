/* test-credentials.c — a worker thread waits for a credential the main thread answers
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-credential-request.h"
#include "hgr-error.h"
#include "hgr-test-utils.h"

typedef struct
{
  HgrCredentialRequest *request;
  GCancellable         *cancellable;
  guint                 timeout;
  char                 *answer;
  GError               *error;
  gboolean              returned;
} Waiter;

/* Runs in a thread, as libvirt's credential callback would. */
static gpointer
wait_thread (gpointer user_data)
{
  Waiter *waiter = user_data;

  waiter->answer = hgr_credential_request_wait (waiter->request, waiter->cancellable, waiter->timeout, &waiter->error);
  g_atomic_int_set (&waiter->returned, TRUE);
  return NULL;
}

static GThread *
start_waiting (Waiter *waiter)
{
  return g_thread_new ("hgr-test-wait", wait_thread, waiter);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*count)++;
}

static void
test_answered (void)
{
  Waiter   waiter = { 0 };
  GThread *thread;
  guint    notified = 0;

  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_PASSPHRASE, "Passphrase for key", "QEMU/KVM on root@host");
  g_signal_connect (waiter.request, "notify::done", G_CALLBACK (count_notify_cb), &notified);
  g_assert_true (hgr_credential_request_get_secret (waiter.request));
  g_assert_cmpstr (hgr_credential_request_get_prompt (waiter.request), ==, "Passphrase for key");
  thread = start_waiting (&waiter);

  /* The worker blocks until the main thread answers. */
  g_usleep (50 * 1000);
  g_assert_false (g_atomic_int_get (&waiter.returned));
  g_assert_false (hgr_credential_request_get_done (waiter.request));
  hgr_credential_request_answer (waiter.request, "s3cret");
  g_thread_join (thread);

  g_assert_no_error (waiter.error);
  g_assert_cmpstr (waiter.answer, ==, "s3cret");
  g_assert_true (hgr_credential_request_get_done (waiter.request));
  HGR_TEST_WAIT_UNTIL (notified == 1);

  /* Done is done: a late cancel changes nothing. */
  hgr_credential_request_cancel (waiter.request);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (notified, ==, 1);

  g_free (waiter.answer);
  g_object_unref (waiter.request);
}

static void
test_cancelled_by_user (void)
{
  Waiter   waiter = { 0 };
  GThread *thread;

  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_PASSWORD, "root's password", "server");
  thread = start_waiting (&waiter);
  hgr_credential_request_cancel (waiter.request);
  g_thread_join (thread);

  g_assert_null (waiter.answer);
  g_assert_error (waiter.error, HGR_ERROR, HGR_ERROR_AUTH_FAILED);
  /* An answer after the cancel does not reach anyone. */
  hgr_credential_request_answer (waiter.request, "too late");
  g_clear_error (&waiter.error);
  g_object_unref (waiter.request);
}

static void
test_cancelled_by_connection (void)
{
  Waiter   waiter = { 0 };
  GThread *thread;

  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_USER_NAME, "User name", "server");
  g_assert_false (hgr_credential_request_get_secret (waiter.request));
  waiter.cancellable = g_cancellable_new ();
  thread = start_waiting (&waiter);
  g_usleep (20 * 1000);
  g_cancellable_cancel (waiter.cancellable);
  g_thread_join (thread);

  g_assert_null (waiter.answer);
  g_assert_error (waiter.error, HGR_ERROR, HGR_ERROR_AUTH_FAILED);
  g_assert_true (hgr_credential_request_get_done (waiter.request));
  g_clear_error (&waiter.error);
  g_object_unref (waiter.cancellable);
  g_object_unref (waiter.request);
}

static void
test_timed_out (void)
{
  Waiter   waiter = { 0 };
  GThread *thread;

  waiter.request = hgr_credential_request_new (HGR_CREDENTIAL_HOST_KEY, "Accept SSH host key with hash 'abc' (y/n)?", "server");
  g_assert_false (hgr_credential_request_get_secret (waiter.request));
  waiter.timeout = 1;
  thread = start_waiting (&waiter);
  g_thread_join (thread);

  /* Nobody answered: the key is not accepted. */
  g_assert_null (waiter.answer);
  g_assert_error (waiter.error, HGR_ERROR, HGR_ERROR_AUTH_FAILED);
  g_assert_nonnull (strstr (waiter.error->message, "in time"));
  g_assert_true (hgr_credential_request_get_done (waiter.request));
  g_clear_error (&waiter.error);
  g_object_unref (waiter.request);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/credentials/answered", test_answered);
  g_test_add_func ("/credentials/cancelled-by-user", test_cancelled_by_user);
  g_test_add_func ("/credentials/cancelled-by-connection", test_cancelled_by_connection);
  g_test_add_func ("/credentials/timed-out", test_timed_out);

  return g_test_run ();
}
