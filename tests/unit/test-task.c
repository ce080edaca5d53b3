/* test-task.c — hgr-task: work in a worker thread, its result applied on the main thread
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "hgr-error.h"
#include "hgr-task.h"
#include "hgr-test-utils.h"

typedef struct
{
  GThread *main_thread;
  GMutex   lock;
  GCond    cond;
  gboolean release; /* the work waits for it */
  gboolean fail;
  int      answer; /* written by the work, read by apply */

  /* What the test looks at, on its own stack: the job is freed when done. */
  int      *freed; /* counts data_free calls */
  gboolean *applied_on_main;
  GThread **worked_in;
  int      *nice_in; /* the worker's nice value */
} Job;

static void
job_free (Job *job)
{
  (*job->freed)++;
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

static Job *
job_new (int *freed)
{
  Job *job = g_new0 (Job, 1);

  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  job->main_thread = g_thread_self ();
  job->freed = freed;
  job->release = TRUE;
  return job;
}

static gboolean
work (gpointer      data,
      GCancellable *cancellable,
      GError      **error)
{
  Job *job = data;

  g_mutex_lock (&job->lock);
  while (!job->release)
    g_cond_wait (&job->cond, &job->lock);
  g_mutex_unlock (&job->lock);
  if (job->worked_in != NULL)
    *job->worked_in = g_thread_self ();
#ifdef __linux__
  if (job->nice_in != NULL)
    *job->nice_in = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
#endif
  if (job->fail)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_LIBVIRT, "refused");
      return FALSE;
    }
  job->answer = 42;
  return TRUE;
}

static void
apply (GTask   *task,
       gpointer data,
       GError  *error)
{
  Job *job = data;

  if (job->applied_on_main != NULL)
    *job->applied_on_main = g_thread_self () == job->main_thread;
  if (error == NULL && job->answer != 42)
    g_set_error_literal (&error, HGR_ERROR, HGR_ERROR_FAILED, "the work's result did not arrive");
  hgr_task_return (task, error);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
start (GObject       *owner,
       GCancellable  *cancellable,
       Job           *job,
       HgrTaskApply   apply_func,
       GAsyncResult **result)
{
  hgr_task_run (hgr_task_new (owner, cancellable, done_cb, result, start), work, job, (GDestroyNotify) job_free,
                apply_func);
}

static void
test_result_applied_on_main_thread (void)
{
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int  freed = 0;
  Job *job = job_new (&freed);

  start (owner, NULL, job, apply, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_task_finish (owner, result, start, &error));
  g_assert_no_error (error);
  HGR_TEST_WAIT_UNTIL (freed == 1);
}

static void
test_apply_sees_the_thread (void)
{
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int      freed = 0;
  Job     *job = job_new (&freed);
  gboolean on_main = FALSE;
  GThread *worker = NULL;

  job->applied_on_main = &on_main;
  job->worked_in = &worker;
  start (owner, NULL, job, apply, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (on_main);
  g_assert_true (worker != NULL && worker != g_thread_self ());
  g_assert_true (hgr_task_finish (owner, result, start, &error));
}

/* The main loop comes first: a worker runs at a lower priority than the
 * thread that started it, which keeps its own. */
static void
test_worker_yields_to_main_thread (void)
{
#ifdef __linux__
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  int  freed = 0, worker_nice = -100;
  int  main_nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  Job *job = job_new (&freed);

  job->nice_in = &worker_nice;
  start (owner, NULL, job, apply, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_cmpint (worker_nice, >, main_nice);
  g_assert_cmpint (getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid)), ==, main_nice);
  g_assert_true (hgr_task_finish (owner, result, start, NULL));
#else
  g_test_skip ("thread priorities are only lowered on Linux");
#endif
}

/* A "frame" that is always due and takes 30 ms, at GDK's redraw priority:
 * GL on a software rasterizer with a spinner on screen. */
static gboolean
busy_frame_cb (gpointer user_data)
{
  guint *frames = user_data;

  (*frames)++;
  g_usleep (30 * 1000);
  return G_SOURCE_CONTINUE;
}

/* Paced jobs wait below frames, but not for ever: a host stayed
 * "Connecting…" while a spinner kept a slow renderer drawing. */
static void
test_paced_jobs_apply_between_busy_frames (void)
{
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  GAsyncResult *results[3] = { NULL };
  int           freed = 0;
  guint         frames = 0, frames_before;
  guint         busy = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, busy_frame_cb, &frames, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    hgr_task_run_paced (hgr_task_new (owner, NULL, done_cb, &results[i], start), NULL, FALSE, work, job_new (&freed),
                        (GDestroyNotify) job_free, apply);
  HGR_TEST_WAIT_UNTIL (results[0] != NULL && results[1] != NULL && results[2] != NULL);
  /* and the frames went on between them */
  frames_before = frames;
  HGR_TEST_WAIT_UNTIL (frames > frames_before);
  g_source_remove (busy);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_assert_true (hgr_task_finish (owner, results[i], start, NULL));
      g_object_unref (results[i]);
    }
  HGR_TEST_WAIT_UNTIL (freed == 3);
}

static void
test_error_reaches_the_caller (void)
{
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int  freed = 0;
  Job *job = job_new (&freed);

  job->fail = TRUE;
  /* Without an apply function the task returns the work's error as it is. */
  start (owner, NULL, job, NULL, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_task_finish (owner, result, start, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
  g_assert_cmpstr (error->message, ==, "refused");
  HGR_TEST_WAIT_UNTIL (freed == 1);
}

static void
test_owner_kept_until_done (void)
{
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GAsyncResult) result = NULL;
  int  freed = 0;
  Job *job = job_new (&freed);

  g_object_add_weak_pointer (owner, (gpointer *) &owner);
  job->release = FALSE;
  start (owner, NULL, job, apply, &result);
  g_object_unref (owner);
  g_assert_nonnull (owner); /* the task holds it while the work runs */
  g_mutex_lock (&job->lock);
  job->release = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_clear_object (&result);
  HGR_TEST_WAIT_UNTIL (owner == NULL && freed == 1);
}

static void
test_return_on_cancel (void)
{
  g_autoptr (GObject) owner = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  int  freed = 0;
  Job *job = job_new (&freed);

  /* The work blocks; cancelling completes the caller at once, and the data
   * lives on until the work is done (e.g. to close a late connection). */
  job->release = FALSE;
  hgr_task_run_full (hgr_task_new (owner, NULL, done_cb, &result, start), cancellable, TRUE, work, job,
                     (GDestroyNotify) job_free, NULL);
  g_cancellable_cancel (cancellable);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_task_finish (owner, result, start, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (freed, ==, 0);
  g_mutex_lock (&job->lock);
  job->release = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
  HGR_TEST_WAIT_UNTIL (freed == 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/task/result-applied-on-main-thread", test_result_applied_on_main_thread);
  g_test_add_func ("/task/apply-sees-the-thread", test_apply_sees_the_thread);
  g_test_add_func ("/task/worker-yields-to-main-thread", test_worker_yields_to_main_thread);
  g_test_add_func ("/task/paced-jobs-apply-between-busy-frames", test_paced_jobs_apply_between_busy_frames);
  g_test_add_func ("/task/error-reaches-the-caller", test_error_reaches_the_caller);
  g_test_add_func ("/task/owner-kept-until-done", test_owner_kept_until_done);
  g_test_add_func ("/task/return-on-cancel", test_return_on_cancel);

  return g_test_run ();
}
