/* hgr-volume-head.c — the first bytes of a host's volume, in a file on this computer (to read an ISO's label)
 *
 * libosinfo reads install media from files. An ISO volume of a remote host
 * is not one: its first HGR_VOLUME_HEAD_SIZE bytes (the volume descriptors
 * libosinfo matches) come through virStorageVolDownload() into a temporary
 * file, which the caller reads and deletes.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-volume-head.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <unistd.h>

#include "hgr-error.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

typedef struct
{
  virConnectPtr conn;
  char         *path;
  char         *file; /* out */
} HeadData;

static void
head_data_free (HeadData *data)
{
  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->path);
  if (data->file != NULL)
    g_unlink (data->file); /* not handed over */
  g_free (data->file);
  g_free (data);
}

static gboolean
head_thread (gpointer      task_data,
             GCancellable *cancellable,
             GError      **error)
{
  HeadData *data = task_data;
  g_autoptr (virStorageVol) volume = virStorageVolLookupByPath (data->conn, data->path);
  g_autoptr (virStream) stream = NULL;
  g_autofree char *buffer = NULL;
  gsize            got = 0;
  int              fd;

  if (volume == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_NOT_FOUND, _ ("The host has no such volume."));
      return FALSE;
    }
  stream = virStreamNew (data->conn, 0);
  if (stream == NULL || virStorageVolDownload (volume, stream, 0, HGR_VOLUME_HEAD_SIZE, 0) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The volume could not be read."));
      return FALSE;
    }
  buffer = g_malloc (HGR_VOLUME_HEAD_SIZE);
  while (got < HGR_VOLUME_HEAD_SIZE)
    {
      int n = virStreamRecv (stream, buffer + got, HGR_VOLUME_HEAD_SIZE - got);

      if (n < 0)
        {
          virStreamAbort (stream);
          hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The volume could not be read."));
          return FALSE;
        }
      if (n == 0)
        break;
      got += n;
      if (g_cancellable_is_cancelled (cancellable))
        {
          virStreamAbort (stream);
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
    }
  if (virStreamFinish (stream) < 0)
    virResetLastError (); /* what was read is enough */
  fd = g_file_open_tmp ("hangar-medium-XXXXXX.iso", &data->file, error);
  if (fd < 0)
    return FALSE;
  if (write (fd, buffer, got) != (ssize_t) got)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("The volume’s beginning could not be saved: %s"), g_strerror (errno));
      close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static void
head_apply (GTask   *task,
            gpointer task_data,
            GError  *error)
{
  HeadData *data = task_data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->file), g_free);
}

/**
 * hgr_host_download_volume_head_async:
 * @host: a connected host
 * @path: a volume's path on @host
 * @cancellable: (nullable): a cancellable
 * @callback: called with the file
 * @user_data: for @callback
 *
 * Copies the volume's first %HGR_VOLUME_HEAD_SIZE bytes (or all of a smaller
 * one) into a temporary file on this computer.
 */
void
hgr_host_download_volume_head_async (HgrHost            *host,
                                     const char         *path,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  GTask        *task;
  HeadData     *data;
  virConnectPtr conn;

  g_return_if_fail (HGR_IS_HOST (host));
  g_return_if_fail (path != NULL);

  task = hgr_task_new (host, cancellable, callback, user_data, hgr_host_download_volume_head_async);
  conn = hgr_host_get_connection (host);
  if (conn == NULL)
    {
      hgr_task_return (task, g_error_new_literal (HGR_ERROR, HGR_ERROR_NOT_CONNECTED, _ ("The host is not connected.")));
      g_object_unref (task);
      return;
    }
  data = g_new0 (HeadData, 1);
  virConnectRef (conn);
  data->conn = conn;
  data->path = g_strdup (path);
  hgr_task_run (task, head_thread, data, (GDestroyNotify) head_data_free, head_apply);
}

/* Returns: (transfer full) (nullable): the temporary file's path; the caller deletes it */
char *
hgr_host_download_volume_head_finish (HgrHost      *host,
                                      GAsyncResult *result,
                                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, host), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
