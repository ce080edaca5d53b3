/* hgr-new-guest-create.c — HgrNewGuest's Create: pool, upload, disk, define, start; undone on failure
 *
 * Create is one worker job on a snapshot of the choices. Each step records
 * what it made (the standard pool, the uploaded ISO's volume, the disk's
 * volume, the domain); when a later step fails or the job is cancelled,
 * those are removed again in reverse order, and nothing that was on the
 * host before is touched. The error names the step and carries libvirt's
 * reason. With "Customize before install" the guest is defined and not
 * started; Discard removes what Create made.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libvirt/virterror.h>
#include <stdlib.h>
#include <unistd.h>

#include "hgr-config-disk.h"
#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-new-guest-private.h"
#include "hgr-task.h"
#include "hgr-util.h"

#define UPLOAD_CHUNK (1024 * 1024)

typedef struct
{
  HgrNewGuest  *owner;    /* for progress: referenced and released on the main thread */
  HgrNewGuest  *snapshot; /* the choices, touched only by the worker */
  virConnectPtr conn;
  /* What the steps made (out), for rollback or Discard */
  char         *created_pool;
  char         *created_iso;
  char         *created_disk;
  char         *uuid;
  HgrCreateStep step; /* the step under way */
  double        last_fraction;
} CreateData;

static void
create_data_free (CreateData *data)
{
  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_clear_object (&data->snapshot);
  g_free (data->created_pool);
  g_free (data->created_iso);
  g_free (data->created_disk);
  g_free (data->uuid);
  g_free (data);
}

typedef struct
{
  HgrNewGuest  *owner;
  HgrCreateStep step;
  double        fraction;
} Progress;

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;

  if (progress->owner->busy)
    hgr_new_guest_set_progress (progress->owner, progress->step, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer user_data)
{
  Progress *progress = user_data;

  g_object_unref (progress->owner);
  g_free (progress);
}

/* From the worker: tells the main thread which step runs (the owner is alive: the task holds it). */
static void
report (CreateData   *data,
        HgrCreateStep step,
        double        fraction)
{
  Progress *progress = g_new0 (Progress, 1);

  data->step = step;
  data->last_fraction = fraction;
  progress->owner = g_object_ref (data->owner);
  progress->step = step;
  progress->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle, progress, progress_free);
}

static gboolean
step_failed (GError    **error,
             const char *what)
{
  virErrorPtr last = virGetLastError ();

  g_set_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT, "%s: %s", what,
               last != NULL && last->message != NULL ? last->message : _ ("unknown error"));
  return FALSE;
}

/* The tests' failure, as libvirt's would come, before the step does anything. */
static gboolean
injected (CreateData   *data,
          HgrCreateStep step,
          GError      **error)
{
  if (data->snapshot->fail_at != step)
    return FALSE;
  g_set_error_literal (error, HGR_ERROR, HGR_ERROR_LIBVIRT, _ ("Failure injected by a test."));
  return TRUE;
}

static char *
pool_xml (const char *name,
          const char *path)
{
  g_autoptr (xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNodePtr root = xmlNewDocNode (doc, NULL, (const xmlChar *) "pool", NULL);

  xmlDocSetRootElement (doc, root);
  hgr_xml_set (root, "type", "dir");
  hgr_xml_set_text (hgr_xml_append (root, "name"), name);
  hgr_xml_set_text (hgr_xml_append (hgr_xml_append (root, "target"), "path"), path);
  return hgr_xml_dump (doc);
}

static gboolean
make_pool (CreateData *data,
           GError    **error)
{
  HgrNewGuest     *choices = data->snapshot;
  g_autofree char *xml = NULL;
  g_autoptr (virStoragePool) pool = NULL;

  if (injected (data, HGR_CREATE_STEP_POOL, error))
    return FALSE;
  xml = pool_xml (choices->pool, choices->facts->standard_pool_path);
  pool = virStoragePoolDefineXML (data->conn, xml, 0);
  if (pool == NULL)
    return step_failed (error, _ ("The storage pool could not be made"));
  data->created_pool = g_strdup (choices->pool);
  if (virStoragePoolBuild (pool, 0) < 0 || virStoragePoolCreate (pool, 0) < 0)
    return step_failed (error, _ ("The storage pool could not be started"));
  virStoragePoolSetAutostart (pool, 1);
  return TRUE;
}

static virStoragePoolPtr
lookup_pool (CreateData *data,
             GError    **error)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (data->conn, data->snapshot->pool);

  if (pool == NULL)
    step_failed (error, _ ("The storage pool could not be found"));
  return pool;
}

static gboolean
send_file (CreateData   *data,
           virStreamPtr  stream,
           int           fd,
           guint64       size,
           GCancellable *cancellable,
           GError      **error)
{
  g_autofree char *buffer = g_malloc (UPLOAD_CHUNK);
  guint64          sent = 0;

  while (sent < size)
    {
      ssize_t n = read (fd, buffer, UPLOAD_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (n < 0 ? errno : EIO), _ ("The ISO could not be read: %s"),
                       n < 0 ? g_strerror (errno) : _ ("it ended early"));
          return FALSE;
        }
      for (ssize_t done = 0; done < n;)
        {
          int written;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          written = virStreamSend (stream, buffer + done, n - done);
          if (written < 0)
            return step_failed (error, _ ("The ISO could not be uploaded"));
          done += written;
        }
      sent += n;
      if ((double) sent / size - data->last_fraction >= 0.01 || sent == size)
        report (data, HGR_CREATE_STEP_UPLOAD, (double) sent / size);
    }
  return TRUE;
}

/* The ISO on this computer, into a new raw volume of the remote host's pool. */
static gboolean
upload_iso (CreateData   *data,
            char        **media_path,
            GCancellable *cancellable,
            GError      **error)
{
  HgrNewGuest *choices = data->snapshot;
  g_autoptr (virStoragePool) pool = NULL;
  g_autoptr (virStorageVol) volume = NULL;
  g_autoptr (virStream) stream = NULL;
  g_autofree char *base = g_path_get_basename (choices->iso_file);
  g_autofree char *name = NULL;
  g_autofree char *xml = NULL;
  GStatBuf         st;
  int              fd;
  gboolean         ok;

  if (injected (data, HGR_CREATE_STEP_UPLOAD, error))
    return FALSE;
  fd = g_open (choices->iso_file, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("“%s” could not be opened: %s"), choices->iso_file,
                   g_strerror (saved));
      return FALSE;
    }
  if ((pool = lookup_pool (data, error)) == NULL)
    {
      close (fd);
      return FALSE;
    }
  if (g_str_has_suffix (base, ".iso") || g_str_has_suffix (base, ".ISO"))
    base[strlen (base) - 4] = '\0';
  name = hgr_config_free_volume_name (pool, base, ".iso");
  xml = hgr_config_volume_xml (name, st.st_size, "raw");
  volume = virStorageVolCreateXML (pool, xml, 0);
  if (volume == NULL)
    {
      close (fd);
      return step_failed (error, _ ("The ISO’s volume could not be made"));
    }
  data->created_iso = virStorageVolGetPath (volume);
  stream = virStreamNew (data->conn, 0);
  ok = stream != NULL && virStorageVolUpload (volume, stream, 0, st.st_size, 0) == 0;
  if (!ok)
    step_failed (error, _ ("The ISO could not be uploaded"));
  else if (!(ok = send_file (data, stream, fd, st.st_size, cancellable, error)))
    virStreamAbort (stream);
  else if (virStreamFinish (stream) < 0)
    ok = step_failed (error, _ ("The ISO could not be uploaded"));
  close (fd);
  *media_path = g_strdup (data->created_iso);
  return ok;
}

/* A new qcow2 volume for the disk, once the pool has the room. */
static gboolean
make_disk (CreateData *data,
           char      **disk_path,
           GError    **error)
{
  HgrNewGuest *choices = data->snapshot;
  g_autoptr (virStoragePool) pool = NULL;
  g_autoptr (virStorageVol) volume = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *xml = NULL;
  virStoragePoolInfo info;

  if (injected (data, HGR_CREATE_STEP_DISK, error))
    return FALSE;
  if ((pool = lookup_pool (data, error)) == NULL)
    return FALSE;
  if (virStoragePoolRefresh (pool, 0) < 0 || virStoragePoolGetInfo (pool, &info) < 0)
    return step_failed (error, _ ("The storage pool could not be read"));
  if (choices->disk_size > info.available)
    {
      g_autofree char *available = g_format_size_full (info.available, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *needed = g_format_size_full (choices->disk_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The pool “%s” has %s free; the disk needs %s."),
                   choices->pool, available, needed);
      return FALSE;
    }
  name = hgr_config_free_volume_name (pool, choices->name, ".qcow2");
  xml = hgr_config_volume_xml (name, choices->disk_size, "qcow2");
  volume = virStorageVolCreateXML (pool, xml, 0);
  if (volume == NULL)
    return step_failed (error, _ ("The disk’s volume could not be made"));
  data->created_disk = virStorageVolGetPath (volume);
  *disk_path = g_strdup (data->created_disk);
  return TRUE;
}

/* An existing image's format: its volume's, else qcow2 by its name, else raw. */
static char *
image_format (virConnectPtr conn,
              const char   *path)
{
  g_autoptr (virStorageVol) volume = virStorageVolLookupByPath (conn, path);
  g_autofree char *xml = volume != NULL ? virStorageVolGetXMLDesc (volume, 0) : NULL;
  g_autoptr (xmlDoc) doc = xml != NULL ? hgr_xml_parse (xml, NULL) : NULL;
  char *format = doc != NULL ? hgr_xml_get (hgr_xml_path (xmlDocGetRootElement (doc), "target/format"), "type") : NULL;

  virResetLastError ();
  if (format != NULL && g_strcmp0 (format, "iso") != 0)
    return format;
  g_free (format);
  return g_strdup (g_str_has_suffix (path, ".qcow2") ? "qcow2" : "raw");
}

static gboolean
define_guest (CreateData *data,
              const char *disk_path,
              const char *disk_format,
              const char *media_path,
              GError    **error)
{
  g_autofree char *xml = NULL;
  g_autoptr (virDomain) domain = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (injected (data, HGR_CREATE_STEP_DEFINE, error))
    return FALSE;
  xml = hgr_new_guest_build_xml (data->snapshot, disk_path, disk_format, media_path, error);
  if (xml == NULL)
    return FALSE;
  g_debug ("defining %s", xml);
  domain = virDomainDefineXMLFlags (data->conn, xml, VIR_DOMAIN_DEFINE_VALIDATE);
  if (domain == NULL)
    return step_failed (error, _ ("The guest could not be defined"));
  if (virDomainGetUUIDString (domain, uuid) == 0)
    data->uuid = g_strdup (uuid);
  return TRUE;
}

static gboolean
start_guest (CreateData *data,
             GError    **error)
{
  g_autoptr (virDomain) domain = NULL;

  if (injected (data, HGR_CREATE_STEP_START, error))
    return FALSE;
  domain = virDomainLookupByUUIDString (data->conn, data->uuid);
  if (domain == NULL || virDomainCreate (domain) < 0)
    return step_failed (error, _ ("The guest could not be started"));
  return TRUE;
}

static void
delete_volume (virConnectPtr conn,
               const char   *path)
{
  g_autoptr (virStorageVol) volume = path != NULL ? virStorageVolLookupByPath (conn, path) : NULL;

  if (volume != NULL)
    virStorageVolDelete (volume, 0);
}

/* Removes what a Create made, newest first; leaves everything else alone. */
static void
remove_created (virConnectPtr conn,
                const char   *uuid,
                const char   *disk,
                const char   *iso,
                const char   *pool_name)
{
  if (uuid != NULL)
    {
      g_autoptr (virDomain) domain = virDomainLookupByUUIDString (conn, uuid);

      if (domain != NULL)
        {
          if (virDomainIsActive (domain) == 1)
            virDomainDestroy (domain);
          if (virDomainUndefineFlags (domain, VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_TPM) < 0)
            virDomainUndefine (domain);
        }
    }
  delete_volume (conn, disk);
  delete_volume (conn, iso);
  if (pool_name != NULL)
    {
      g_autoptr (virStoragePool) pool = virStoragePoolLookupByName (conn, pool_name);

      if (pool != NULL)
        {
          if (virStoragePoolIsActive (pool) == 1)
            virStoragePoolDestroy (pool);
          virStoragePoolDelete (pool, 0); /* the directory, when it is empty */
          virStoragePoolUndefine (pool);
        }
    }
  virResetLastError ();
}

static gboolean
create_thread (gpointer      task_data,
               GCancellable *cancellable,
               GError      **error)
{
  CreateData      *data = task_data;
  HgrNewGuest     *choices = data->snapshot;
  g_autofree char *disk_path = NULL;
  g_autofree char *disk_format = NULL;
  g_autofree char *media_path = NULL;
  gboolean         ok = TRUE;

  if (choices->create_pool && choices->storage == HGR_INSTALL_STORAGE_NEW)
    {
      report (data, HGR_CREATE_STEP_POOL, 0);
      ok = make_pool (data, error);
    }
  if (ok && choices->source == HGR_INSTALL_SOURCE_ISO_FILE && choices->facts->remote)
    {
      report (data, HGR_CREATE_STEP_UPLOAD, 0);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && upload_iso (data, &media_path, cancellable, error);
    }
  else if (choices->source == HGR_INSTALL_SOURCE_ISO_FILE)
    media_path = g_strdup (choices->iso_file);
  else if (choices->source == HGR_INSTALL_SOURCE_ISO_VOLUME)
    media_path = g_strdup (choices->iso_volume);

  if (ok && choices->source == HGR_INSTALL_SOURCE_IMPORT)
    {
      disk_path = g_strdup (choices->import_path);
      disk_format = image_format (data->conn, disk_path);
    }
  else if (ok && choices->storage == HGR_INSTALL_STORAGE_NEW)
    {
      report (data, HGR_CREATE_STEP_DISK, 0);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && make_disk (data, &disk_path, error);
      disk_format = g_strdup ("qcow2");
    }
  else if (ok && choices->storage == HGR_INSTALL_STORAGE_EXISTING)
    {
      disk_path = g_strdup (choices->disk_path);
      disk_format = image_format (data->conn, disk_path);
    }
  if (ok)
    {
      report (data, HGR_CREATE_STEP_DEFINE, 0);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
           define_guest (data, disk_path, disk_format, media_path, error);
    }
  if (ok && !choices->customize)
    {
      report (data, HGR_CREATE_STEP_START, 0);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error) && start_guest (data, error);
    }
  if (!ok)
    {
      remove_created (data->conn, data->uuid, data->created_disk, data->created_iso, data->created_pool);
      g_clear_pointer (&data->uuid, g_free);
    }
  return ok;
}

static const char *
step_title (HgrCreateStep step)
{
  switch (step)
    {
    case HGR_CREATE_STEP_POOL:
      return _ ("Making the storage pool failed");
    case HGR_CREATE_STEP_UPLOAD:
      return _ ("Uploading the ISO failed");
    case HGR_CREATE_STEP_DISK:
      return _ ("Making the disk failed");
    case HGR_CREATE_STEP_DEFINE:
      return _ ("Defining the guest failed");
    case HGR_CREATE_STEP_START:
      return _ ("Starting the guest failed");
    case HGR_CREATE_STEP_DONE:
    default:
      return _ ("Creating the guest failed");
    }
}

static void
create_apply (GTask   *task,
              gpointer task_data,
              GError  *error)
{
  HgrNewGuest *self = g_task_get_source_object (task);
  CreateData  *data = task_data;

  hgr_new_guest_set_busy (self, FALSE);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (&error, "%s. ", step_title (data->step));
      hgr_new_guest_set_progress (self, HGR_CREATE_STEP_DONE, 0);
      g_task_return_error (task, error);
      return;
    }
  hgr_set_str (&self->uuid, data->uuid);
  hgr_set_str (&self->created_pool, data->created_pool);
  hgr_set_str (&self->created_iso, data->created_iso);
  hgr_set_str (&self->created_disk, data->created_disk);
  hgr_new_guest_set_progress (self, HGR_CREATE_STEP_DONE, 1);
  g_task_return_boolean (task, TRUE);
}

/* The choices, for the worker alone. */
static HgrNewGuest *
snapshot (HgrNewGuest *self)
{
  HgrNewGuest *copy = g_object_new (HGR_TYPE_NEW_GUEST, NULL);

  copy->facts = hgr_host_facts_ref (self->facts);
  copy->source = self->source;
  copy->iso_file = g_strdup (self->iso_file);
  copy->iso_volume = g_strdup (self->iso_volume);
  copy->import_path = g_strdup (self->import_path);
  copy->os = g_object_ref (self->os);
  copy->memory = self->memory;
  copy->vcpus = self->vcpus;
  copy->storage = self->storage;
  copy->disk_size = self->disk_size;
  hgr_set_str (&copy->pool, self->pool);
  copy->create_pool = self->create_pool;
  copy->disk_path = g_strdup (self->disk_path);
  copy->name = g_strdup (self->name);
  copy->network = self->network;
  hgr_set_str (&copy->network_name, self->network_name);
  copy->bridge = g_strdup (self->bridge);
  copy->uefi = self->uefi;
  copy->customize = self->customize;
  copy->fail_at = self->fail_at;
  return copy;
}

/**
 * hgr_new_guest_create_async:
 * @self: a new guest whose choices check
 * @cancellable: (nullable): cancels Create, which then undoes what it did
 * @callback: called when the guest is made, or nothing is
 * @user_data: for @callback
 *
 * Makes the guest: the standard pool if asked, the uploaded ISO for a remote
 * host, the disk, the domain; starts it unless it is to be customized first.
 * The step under way is the "step" property; the upload's share "fraction".
 */
void
hgr_new_guest_create_async (HgrNewGuest        *self,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr (GError) error = NULL;
  GTask        *task;
  CreateData   *data;
  virConnectPtr conn;

  g_return_if_fail (HGR_IS_NEW_GUEST (self));
  g_return_if_fail (!self->busy);

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_new_guest_create_async);
  conn = hgr_host_get_connection (self->host);
  if (conn == NULL)
    error = g_error_new_literal (HGR_ERROR, HGR_ERROR_NOT_CONNECTED, _ ("The host is not connected."));
  else if (self->facts == NULL)
    error = g_error_new_literal (HGR_ERROR, HGR_ERROR_FAILED, _ ("The host’s resources are not read yet."));
  else
    hgr_new_guest_check_all (self, NULL, &error);
  if (error != NULL)
    {
      hgr_task_return (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  data = g_new0 (CreateData, 1);
  virConnectRef (conn);
  data->conn = conn;
  data->owner = self;
  data->snapshot = snapshot (self);
  hgr_new_guest_set_busy (self, TRUE);
  hgr_task_run (task, create_thread, data, (GDestroyNotify) create_data_free, create_apply);
}

gboolean
hgr_new_guest_create_finish (HgrNewGuest  *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return hgr_task_finish (self, result, hgr_new_guest_create_async, error);
}

typedef struct
{
  virConnectPtr conn;
  char         *uuid, *disk, *iso, *pool;
} DiscardData;

static void
discard_data_free (DiscardData *data)
{
  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->uuid);
  g_free (data->disk);
  g_free (data->iso);
  g_free (data->pool);
  g_free (data);
}

static gboolean
discard_thread (gpointer      task_data,
                GCancellable *cancellable,
                GError      **error)
{
  DiscardData *data = task_data;

  remove_created (data->conn, data->uuid, data->disk, data->iso, data->pool);
  return TRUE;
}

static void
discard_apply (GTask   *task,
               gpointer task_data,
               GError  *error)
{
  HgrNewGuest *self = g_task_get_source_object (task);

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->created_disk, g_free);
  g_clear_pointer (&self->created_iso, g_free);
  g_clear_pointer (&self->created_pool, g_free);
  hgr_task_return (task, error);
}

/**
 * hgr_new_guest_discard_async:
 * @self: a new guest that Create made
 * @cancellable: (nullable): a cancellable
 * @callback: called when it is gone
 * @user_data: for @callback
 *
 * Removes the guest and what Create made for it (Customize before install → Cancel).
 */
void
hgr_new_guest_discard_async (HgrNewGuest        *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  GTask        *task;
  DiscardData  *data;
  virConnectPtr conn;

  g_return_if_fail (HGR_IS_NEW_GUEST (self));

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_new_guest_discard_async);
  conn = hgr_host_get_connection (self->host);
  if (conn == NULL)
    {
      hgr_task_return (task, g_error_new_literal (HGR_ERROR, HGR_ERROR_NOT_CONNECTED, _ ("The host is not connected.")));
      g_object_unref (task);
      return;
    }
  data = g_new0 (DiscardData, 1);
  virConnectRef (conn);
  data->conn = conn;
  data->uuid = g_strdup (self->uuid);
  data->disk = g_strdup (self->created_disk);
  data->iso = g_strdup (self->created_iso);
  data->pool = g_strdup (self->created_pool);
  hgr_task_run (task, discard_thread, data, (GDestroyNotify) discard_data_free, discard_apply);
}

gboolean
hgr_new_guest_discard_finish (HgrNewGuest  *self,
                              GAsyncResult *result,
                              GError      **error)
{
  return hgr_task_finish (self, result, hgr_new_guest_discard_async, error);
}
