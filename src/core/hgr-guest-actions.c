/* hgr-guest-actions.c — HgrGuest's lifecycle actions: run, pause, resume, shut down, reboot, force off, save, delete
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>

#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-guest.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

typedef struct
{
  virDomainPtr   domain;
  HgrGuestAction action;
  int            vir_state; /* what the action left, read by the worker */
  gboolean       managed_save;
} PerformData;

typedef struct
{
  virDomainPtr domain;
  gboolean     force_off;
  GStrv        delete_disks;
  gboolean     undefined; /* set by delete_thread once the definition is gone */
} DeleteData;

static void
perform_data_free (PerformData *data)
{
  virDomainFree (data->domain);
  g_free (data);
}

static void
delete_data_free (DeleteData *data)
{
  virDomainFree (data->domain);
  g_strfreev (data->delete_disks);
  g_free (data);
}

/* Runs in a worker thread. */
static gboolean
perform_action (virDomainPtr   domain,
                HgrGuestAction action,
                GError       **error)
{
  int ret = -1;

  switch (action)
    {
    case HGR_GUEST_ACTION_RUN:
      ret = virDomainCreate (domain);
      break;
    case HGR_GUEST_ACTION_PAUSE:
      ret = virDomainSuspend (domain);
      break;
    case HGR_GUEST_ACTION_RESUME:
      ret = virDomainResume (domain);
      break;
    case HGR_GUEST_ACTION_SHUT_DOWN:
      ret = virDomainShutdown (domain);
      break;
    case HGR_GUEST_ACTION_REBOOT:
      ret = virDomainReboot (domain, 0);
      break;
    case HGR_GUEST_ACTION_FORCE_OFF:
      ret = virDomainDestroy (domain);
      break;
    case HGR_GUEST_ACTION_SAVE:
      ret = virDomainManagedSave (domain, 0);
      break;
    case HGR_GUEST_ACTION_DELETE:
    default:
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("This action cannot be performed this way."));
      return FALSE;
    }

  if (ret < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("libvirt refused the action."));
      return FALSE;
    }
  return TRUE;
}

/* Runs in a worker thread: performs the action, then reads the state it left. */
static gboolean
perform_thread (gpointer      task_data,
                GCancellable *cancellable,
                GError      **error)
{
  PerformData *data = task_data;

  return perform_action (data->domain, data->action, error) &&
         hgr_guest_read_state (data->domain, &data->vir_state, &data->managed_save, error);
}

static void
perform_apply (GTask   *task,
               gpointer task_data,
               GError  *error)
{
  HgrGuest    *self = g_task_get_source_object (task);
  PerformData *data = task_data;

  hgr_guest_set_busy (self, FALSE);
  if (error == NULL)
    hgr_guest_set_state (self, hgr_guest_state_from_libvirt (data->vir_state, data->managed_save));
  hgr_task_return (task, error);
}

/**
 * hgr_guest_perform_async:
 * @self: a guest
 * @action: any action but %HGR_GUEST_ACTION_DELETE
 * @cancellable: (nullable): cancels waiting for the result; libvirt may still act
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Asks libvirt to run, pause, resume, shut down, reboot, force off or save the
 * guest. The guest's state follows the result; on failure it stays as it was.
 */
void
hgr_guest_perform_async (HgrGuest           *self,
                         HgrGuestAction      action,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  PerformData *data;

  g_return_if_fail (HGR_IS_GUEST (self));
  g_return_if_fail (action != HGR_GUEST_ACTION_DELETE);

  data = g_new0 (PerformData, 1);
  data->domain = hgr_guest_ref_domain (self);
  data->action = action;
  hgr_guest_set_busy (self, TRUE);
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_perform_async), perform_thread, data,
                (GDestroyNotify) perform_data_free, perform_apply);
}

gboolean
hgr_guest_perform_finish (HgrGuest     *self,
                          GAsyncResult *result,
                          GError      **error)
{
  return hgr_task_finish (self, result, hgr_guest_perform_async, error);
}

/* Runs in a worker thread. Undefines with the managed save image, snapshot and
 * checkpoint metadata and NVRAM, so nothing is left behind that would block a
 * new guest of the same name. Drivers that lack some of these (the test driver
 * has no NVRAM or checkpoints) refuse the flags: then ask with fewer. */
static gboolean
undefine_everything (virDomainPtr domain)
{
  static const unsigned int attempts[] = {
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA |
      VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA | VIR_DOMAIN_UNDEFINE_NVRAM,
    VIR_DOMAIN_UNDEFINE_MANAGED_SAVE | VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA,
  };

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      if (virDomainUndefineFlags (domain, attempts[i]) == 0)
        return TRUE;
      if (!hgr_libvirt_error_is (VIR_ERR_INVALID_ARG))
        return FALSE;
    }
  return FALSE;
}

/* Runs in a worker thread. Order matters so that a failure loses nothing: first
 * find every volume to delete (a path that is not a volume stops everything),
 * then force off, undefine, and only then delete the storage. */
static gboolean
delete_thread (gpointer      task_data,
               GCancellable *cancellable,
               GError      **error)
{
  DeleteData *data = task_data;
  g_autoptr (GPtrArray) volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) virStorageVolFree);
  g_autoptr (GString) failed = NULL;
  virConnectPtr conn = virDomainGetConnect (data->domain);
  int           active;
  int           persistent;

  for (guint i = 0; data->delete_disks != NULL && data->delete_disks[i] != NULL; i++)
    {
      virStorageVolPtr volume = virStorageVolLookupByPath (conn, data->delete_disks[i]);

      if (volume == NULL)
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND,
                       /* Translators: %s is a disk image path */
                       _ ("“%s” is not in a storage pool of this host, so it cannot be deleted. Nothing was changed."),
                       data->delete_disks[i]);
          return FALSE;
        }
      g_ptr_array_add (volumes, volume);
    }

  active = virDomainIsActive (data->domain);
  persistent = virDomainIsPersistent (data->domain);
  if (active < 0 || persistent < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s state."));
      return FALSE;
    }
  if (active && !data->force_off)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("The guest is running. Agree to force it off, or shut it down first."));
      return FALSE;
    }
  if (active && virDomainDestroy (data->domain) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not force the guest off."));
      return FALSE;
    }
  if (persistent && !undefine_everything (data->domain))
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not delete the guest."));
      return FALSE;
    }
  data->undefined = TRUE;

  for (guint i = 0; i < volumes->len; i++)
    {
      if (virStorageVolDelete (g_ptr_array_index (volumes, i), 0) < 0)
        {
          virErrorPtr last = virGetLastError ();

          if (failed == NULL)
            failed = g_string_new (NULL);
          g_string_append_printf (failed, "\n%s: %s", data->delete_disks[i],
                                  last != NULL && last->message != NULL ? last->message : "");
        }
    }
  if (failed != NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT,
                   _ ("The guest was deleted, but some disk images could not be:%s"), failed->str);
      return FALSE;
    }

  return TRUE;
}

static void
delete_apply (GTask   *task,
              gpointer task_data,
              GError  *error)
{
  HgrGuest   *self = g_task_get_source_object (task);
  DeleteData *data = task_data;

  hgr_guest_set_busy (self, FALSE);
  /* A transient guest is gone once forced off; a failure with the storage
   * comes after the definition is gone. Either way the list drops it. */
  if (error == NULL || data->undefined)
    hgr_guest_emit_deleted (self);
  hgr_task_return (task, error);
}

/**
 * hgr_guest_delete_async:
 * @self: a guest
 * @force_off: whether the user agreed to force a running guest off first
 * @delete_disks: (nullable) (array zero-terminated=1): disk image paths to delete with it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Deletes the guest's definition, its managed save image and snapshot metadata,
 * and the chosen disk images. If a chosen disk is not a storage volume, nothing
 * is changed at all.
 */
void
hgr_guest_delete_async (HgrGuest           *self,
                        gboolean            force_off,
                        const char *const  *delete_disks,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  DeleteData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = g_new0 (DeleteData, 1);
  data->domain = hgr_guest_ref_domain (self);
  data->force_off = force_off;
  data->delete_disks = g_strdupv ((GStrv) delete_disks);
  hgr_guest_set_busy (self, TRUE);
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_delete_async), delete_thread, data,
                (GDestroyNotify) delete_data_free, delete_apply);
}

gboolean
hgr_guest_delete_finish (HgrGuest     *self,
                         GAsyncResult *result,
                         GError      **error)
{
  return hgr_task_finish (self, result, hgr_guest_delete_async, error);
}
