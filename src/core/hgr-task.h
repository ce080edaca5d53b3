/* hgr-task.h — one libvirt job: its work in a worker thread, its result on the main thread
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * HgrTaskFunc:
 * @data: the job's data, which only this thread touches while it runs
 * @cancellable: (nullable): the job's cancellable
 * @error: return location
 *
 * Runs in a worker thread. Reads and writes only @data: results go into it.
 *
 * Returns: whether the work succeeded
 */
typedef gboolean (*HgrTaskFunc) (gpointer      data,
                                 GCancellable *cancellable,
                                 GError      **error);

/**
 * HgrTaskApply:
 * @task: the caller's task; its source object is the owner of the job
 * @data: the job's data, with the thread's results
 * @error: (transfer full) (nullable): why the work failed
 *
 * Runs on the main thread once the work is done: changes the owner's
 * objects and properties, then returns on @task (e.g. with hgr_task_return()).
 */
typedef void (*HgrTaskApply) (GTask   *task,
                              gpointer data,
                              GError  *error);

GTask   *hgr_task_new (gpointer            owner,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data,
                       gpointer            source_tag);
void     hgr_task_run (GTask         *task,
                       HgrTaskFunc    func,
                       gpointer       data,
                       GDestroyNotify data_free,
                       HgrTaskApply   apply);
void     hgr_task_run_full (GTask         *task,
                            GCancellable  *worker_cancellable,
                            gboolean       return_on_cancel,
                            HgrTaskFunc    func,
                            gpointer       data,
                            GDestroyNotify data_free,
                            HgrTaskApply   apply);
void     hgr_task_run_paced (GTask         *task,
                             GCancellable  *worker_cancellable,
                             gboolean       return_on_cancel,
                             HgrTaskFunc    func,
                             gpointer       data,
                             GDestroyNotify data_free,
                             HgrTaskApply   apply);
void     hgr_task_return (GTask  *task,
                          GError *error);
gboolean hgr_task_finish (gpointer      owner,
                          GAsyncResult *result,
                          gpointer      source_tag,
                          GError      **error);

G_END_DECLS
