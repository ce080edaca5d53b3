/* hgr-task.c — one libvirt job: its work in a worker thread, its result on the main thread
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every job in core has two tasks. The caller's task has the owner (a host
 * or a guest) as its source and completes on the main thread. The worker
 * task has a NULL source: the worker thread drops it last, and a worker that
 * owned the owner could finalize it off the main thread. The thread touches
 * only the job's data; the apply function, on the main thread, changes the
 * owner and returns on the caller's task.
 */

#define G_LOG_DOMAIN "hgr-task"

#include "config.h"

#include "hgr-task.h"

#ifdef __linux__
#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* How much lower than the main thread's a worker's scheduling priority is
 * (a nice value: 0–19, 10 gives a thread about a tenth of the weight). */
#define WORKER_NICE 10

typedef struct
{
  HgrTaskFunc    func;
  HgrTaskApply   apply;
  gpointer       data;
  GDestroyNotify data_free;
  gboolean       paced;
} Job;

/* Paced jobs done in their workers, waiting for their turn on the main
 * thread (main thread only). */
typedef struct
{
  GTask *worker;
  GTask *task;
} PacedJob;

static GQueue   paced_jobs = G_QUEUE_INIT;
static guint    paced_source;   /* idle: the next job, when nothing else is ready */
static guint    paced_guard;    /* timeout: at least one job every PACED_GUARD_MS */
static gboolean paced_progress; /* a job applied since the guard last looked */

/* Frames come at redraw priority, above idle. When every frame takes longer
 * than the frame interval (GL on a software rasterizer with a spinner on
 * screen: ~30 ms a frame), the main loop is never idle and a job waiting at
 * idle priority would wait for ever: a host stayed "Connecting…". So one
 * job applies at least this often, between two frames. */
#define PACED_GUARD_MS 50

static void
job_free (Job *job)
{
  if (job->data_free != NULL)
    job->data_free (job->data);
  g_free (job);
}

/* Runs in a worker thread, once per thread. Workers yield the CPU to the
 * main thread: when more jobs run than there are cores (a rack of hosts
 * parsing their guest lists at start), the scheduler would otherwise give
 * the main loop only its share among them and every frame would wait for
 * it (a 470 ms stall with 20 hosts on two cores). On Linux a nice value
 * belongs to a thread; elsewhere the workers keep the main thread's. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  static GPrivate lowered = G_PRIVATE_INIT (NULL);

  if (g_private_get (&lowered) != NULL)
    return;
  g_private_set (&lowered, GINT_TO_POINTER (TRUE));
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), WORKER_NICE) != 0)
    g_debug ("could not lower a worker's priority: %s", g_strerror (errno));
#endif
}

/* Runs in a worker thread. */
static void
job_thread (GTask        *worker,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job    *job = task_data;
  GError *error = NULL;

  lower_thread_priority ();
  if (job->func (job->data, cancellable, &error))
    g_task_return_boolean (worker, TRUE);
  else
    g_task_return_error (worker, error);
}

/* Takes @task. A job cancelled since its worker finished fails as cancelled. */
static void
apply_job (GTask *worker,
           GTask *task)
{
  Job    *job = g_task_get_task_data (worker);
  GError *error = NULL;

  g_task_propagate_boolean (worker, &error);
  if (job->apply != NULL)
    job->apply (task, job->data, error);
  else
    hgr_task_return (task, error);
  g_object_unref (task);
}

/* Applies the first paced job; returns whether more wait. */
static gboolean
apply_next_paced (void)
{
  PacedJob *paced = g_queue_pop_head (&paced_jobs);

  apply_job (paced->worker, paced->task);
  g_object_unref (paced->worker);
  g_free (paced);
  paced_progress = TRUE;
  return !g_queue_is_empty (&paced_jobs);
}

static gboolean
apply_paced_cb (gpointer user_data)
{
  if (apply_next_paced ())
    return G_SOURCE_CONTINUE;
  paced_source = 0;
  g_clear_handle_id (&paced_guard, g_source_remove);
  return G_SOURCE_REMOVE;
}

static gboolean
paced_guard_cb (gpointer user_data)
{
  if (!paced_progress && !apply_next_paced ())
    {
      paced_guard = 0;
      g_clear_handle_id (&paced_source, g_source_remove);
      return G_SOURCE_REMOVE;
    }
  paced_progress = FALSE;
  return G_SOURCE_CONTINUE;
}

static guint
attach_named (GSource    *source,
              GSourceFunc callback,
              const char *name)
{
  g_source_set_callback (source, callback, NULL, NULL);
  g_source_set_static_name (source, name);
  return g_source_attach (source, NULL);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job      *job = g_task_get_task_data (G_TASK (result));
  PacedJob *paced;

  if (!job->paced)
    {
      apply_job (G_TASK (result), user_data);
      return;
    }
  /* GLib dispatches every ready source of one priority in one iteration:
   * many workers done together would apply back to back before the next
   * frame. Queued, one applies per iteration, below redraw and input, and
   * one at least every PACED_GUARD_MS when frames leave no idle time. */
  paced = g_new0 (PacedJob, 1);
  paced->worker = g_object_ref (G_TASK (result));
  paced->task = user_data;
  g_queue_push_tail (&paced_jobs, paced);
  if (paced_source == 0)
    {
      g_autoptr (GSource) idle = g_idle_source_new ();
      g_autoptr (GSource) guard = g_timeout_source_new (PACED_GUARD_MS); /* default priority */

      paced_source = attach_named (idle, apply_paced_cb, "[hangar] paced job");
      paced_progress = FALSE;
      paced_guard = attach_named (guard, paced_guard_cb, "[hangar] paced job guard");
    }
}

/**
 * hgr_task_new:
 * @owner: (nullable) (type GObject): the object the job is for; the task keeps it
 * @cancellable: (nullable): the caller's cancellable
 * @callback: (nullable): called on the main thread when done
 * @user_data: for @callback
 * @source_tag: the public function, for hgr_task_finish()
 *
 * Returns: (transfer full): the caller's task, for hgr_task_run()
 */
GTask *
hgr_task_new (gpointer            owner,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data,
              gpointer            source_tag)
{
  GTask *task = g_task_new (owner, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static void
run_job (GTask         *task,
         GCancellable  *worker_cancellable,
         gboolean       return_on_cancel,
         gboolean       paced,
         HgrTaskFunc    func,
         gpointer       data,
         GDestroyNotify data_free,
         HgrTaskApply   apply)
{
  g_autoptr (GTask) worker = NULL;
  Job *job = g_new0 (Job, 1);

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  job->func = func;
  job->apply = apply;
  job->data = data;
  job->data_free = data_free;
  job->paced = paced;
  worker = g_task_new (NULL, worker_cancellable, job_done_cb, task);
  g_task_set_source_tag (worker, g_task_get_source_tag (task));
  g_task_set_task_data (worker, job, (GDestroyNotify) job_free);
  if (return_on_cancel)
    g_task_set_return_on_cancel (worker, TRUE);
  g_task_run_in_thread (worker, job_thread);
}

/**
 * hgr_task_run:
 * @task: (transfer full): the caller's task, from hgr_task_new()
 * @func: the work, run in a worker thread
 * @data: (transfer full): the job's data
 * @data_free: (nullable): frees @data once the worker is done with it
 * @apply: (nullable): applies the result on the main thread; without it,
 *   the task returns %TRUE or the work's error
 *
 * Runs @func in a worker thread with the caller's cancellable.
 */
void
hgr_task_run (GTask         *task,
              HgrTaskFunc    func,
              gpointer       data,
              GDestroyNotify data_free,
              HgrTaskApply   apply)
{
  hgr_task_run_full (task, g_task_get_cancellable (task), FALSE, func, data, data_free, apply);
}

/**
 * hgr_task_run_full:
 * @task: (transfer full): the caller's task, from hgr_task_new()
 * @worker_cancellable: (nullable): cancels the work (may differ from the caller's)
 * @return_on_cancel: whether a cancelled job completes at once; the thread
 *   then goes on, and @data_free runs when it is done (e.g. closes a late
 *   connection)
 * @func: the work, run in a worker thread
 * @data: (transfer full): the job's data
 * @data_free: (nullable): frees @data once the worker is done with it
 * @apply: (nullable): as for hgr_task_run()
 */
void
hgr_task_run_full (GTask         *task,
                   GCancellable  *worker_cancellable,
                   gboolean       return_on_cancel,
                   HgrTaskFunc    func,
                   gpointer       data,
                   GDestroyNotify data_free,
                   HgrTaskApply   apply)
{
  run_job (task, worker_cancellable, return_on_cancel, FALSE, func, data, data_free, apply);
}

/**
 * hgr_task_run_paced:
 * @task: (transfer full): the caller's task, from hgr_task_new()
 * @worker_cancellable: (nullable): as for hgr_task_run_full()
 * @return_on_cancel: as for hgr_task_run_full()
 * @func: the work, run in a worker thread
 * @data: (transfer full): the job's data
 * @data_free: (nullable): frees @data once the worker is done with it
 * @apply: (nullable): as for hgr_task_run()
 *
 * As hgr_task_run_full(), for jobs whose apply is long (a host's whole
 * listing): of all paced jobs done, one applies per main-loop iteration, at
 * idle priority, so that frames and input come between them (and one at
 * least every 50 ms, when frames keep the main loop from idling). A job
 * cancelled while it waits fails as cancelled.
 */
void
hgr_task_run_paced (GTask         *task,
                    GCancellable  *worker_cancellable,
                    gboolean       return_on_cancel,
                    HgrTaskFunc    func,
                    gpointer       data,
                    GDestroyNotify data_free,
                    HgrTaskApply   apply)
{
  run_job (task, worker_cancellable, return_on_cancel, TRUE, func, data, data_free, apply);
}

/**
 * hgr_task_return:
 * @task: the caller's task
 * @error: (transfer full) (nullable): why it failed
 *
 * Completes @task with @error, or with %TRUE when @error is %NULL.
 */
void
hgr_task_return (GTask  *task,
                 GError *error)
{
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * hgr_task_finish:
 * @owner: (nullable) (type GObject): the job's owner
 * @result: the result
 * @source_tag: the public function that started the job
 * @error: return location
 *
 * Returns: whether the job succeeded
 */
gboolean
hgr_task_finish (gpointer      owner,
                 GAsyncResult *result,
                 gpointer      source_tag,
                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, owner), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
