/* hgr-guest.c — one libvirt domain on one host, kept live by the host's events
 *
 * A guest holds what the list shows (name, title, state) from the moment its host
 * lists it, and loads the rest (the overview's details) on demand. Every libvirt
 * call runs in a worker thread; properties change only on the main thread.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include "hgr-guest.h"

#include <glib/gi18n.h>
#include <libvirt-gconfig/libvirt-gconfig.h>
#include <libvirt/virterror.h>
#include <string.h>
#include <unistd.h>

#include "hgr-enum-types.h"
#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"
#include "hgr-vnc-graphics.h"

struct _HgrGuest
{
  GObject parent_instance;

  /* Borrowed: the host owns its guests */
  HgrHost *host;

  /* Owned */
  virDomainPtr  domain;
  char         *name;
  char         *uuid;
  char         *title;
  HgrGuestState state;
  guint         state_serial; /* counts state changes: tells a worker's reading stale */
  gboolean      persistent;
  guint         busy;

  /* Details, filled by hgr_guest_load_details_async() */
  gboolean details_loaded;
  char    *description;
  guint    vcpus;
  guint64  memory;
  char    *os_type;
  char    *arch;
  gboolean autostart;
  GStrv    disks;
};

G_DEFINE_FINAL_TYPE (HgrGuest, hgr_guest, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_NAME,
  PROP_UUID,
  PROP_TITLE,
  PROP_DISPLAY_NAME,
  PROP_STATE,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_BUSY,
  PROP_DETAILS_LOADED,
  PROP_DESCRIPTION,
  PROP_VCPUS,
  PROP_MEMORY,
  PROP_OS_TYPE,
  PROP_ARCH,
  PROP_AUTOSTART,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Worker data for one action or query on one domain. */
typedef struct
{
  virDomainPtr   domain;
  HgrGuestAction action;
  gboolean       force_off;
  GStrv          delete_disks;
  gboolean       undefined;    /* set by delete_thread once the definition is gone */
  char          *remote_uri;   /* the host's, for a console tunnel */
  guint          state_serial; /* the guest's when the worker started */
} GuestTaskData;

/* What the details worker read. */
typedef struct
{
  char    *description;
  guint    vcpus;
  guint64  memory;
  char    *os_type;
  char    *arch;
  gboolean autostart;
  GStrv    disks;
  int      vir_state;
  gboolean managed_save;
} GuestDetails;

static void
guest_task_data_free (GuestTaskData *data)
{
  g_clear_pointer (&data->domain, virDomainFree);
  g_clear_pointer (&data->delete_disks, g_strfreev);
  g_free (data->remote_uri);
  g_free (data);
}

static GuestTaskData *
guest_task_data_new (HgrGuest *self)
{
  GuestTaskData *data = g_new0 (GuestTaskData, 1);

  virDomainRef (self->domain);
  data->domain = self->domain;
  data->state_serial = self->state_serial;
  return data;
}

static void
guest_details_free (GuestDetails *details)
{
  g_free (details->description);
  g_free (details->os_type);
  g_free (details->arch);
  g_strfreev (details->disks);
  g_free (details);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuestDetails, guest_details_free)

static void
set_busy (HgrGuest *self,
          gboolean  busy)
{
  guint was = self->busy;

  self->busy = busy ? self->busy + 1 : self->busy - 1;
  if ((was == 0) != (self->busy == 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Runs in a worker thread. */
static gboolean
read_state (virDomainPtr domain,
            int         *vir_state,
            gboolean    *managed_save,
            GError     **error)
{
  int reason;

  if (virDomainGetState (domain, vir_state, &reason, 0) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s state."));
      return FALSE;
    }
  *managed_save = FALSE;
  if (*vir_state == VIR_DOMAIN_SHUTOFF)
    *managed_save = virDomainHasManagedSaveImage (domain, 0) > 0;
  return TRUE;
}

/**
 * hgr_guest_info_new:
 * @domain: a domain; the info takes a reference
 * @state: its state, read in bulk by the caller
 * @persistent: whether it is persistent, read in bulk by the caller
 *
 * Runs in a worker thread: completes what the guest list shows of @domain.
 *
 * Returns: (transfer full): the info
 */
HgrGuestInfo *
hgr_guest_info_new (virDomainPtr  domain,
                    HgrGuestState state,
                    gboolean      persistent)
{
  HgrGuestInfo *info = g_new0 (HgrGuestInfo, 1);

  virDomainRef (domain);
  info->domain = domain;
  info->name = g_strdup (virDomainGetName (domain));
  /* Local: the handle carries its UUID. */
  virDomainGetUUIDString (domain, info->uuid);
  info->state = state;
  info->persistent = persistent;

  /* No title is the common case, and libvirt reports it as an error. */
  info->title = virDomainGetMetadata (domain, VIR_DOMAIN_METADATA_TITLE, NULL, 0);
  if (info->title != NULL && info->title[0] == '\0')
    g_clear_pointer (&info->title, g_free);

  return info;
}

/**
 * hgr_guest_info_fetch:
 * @domain: a domain; the info takes a reference
 * @error: return location
 *
 * Runs in a worker thread: reads what the guest list shows of one domain, with
 * a call per fact (the host's listing reads them in bulk instead).
 *
 * Returns: (transfer full): the info, or %NULL with @error set
 */
HgrGuestInfo *
hgr_guest_info_fetch (virDomainPtr domain,
                      GError     **error)
{
  gboolean managed_save;
  int      vir_state;
  int      persistent;

  if (!read_state (domain, &vir_state, &managed_save, error))
    return NULL;
  persistent = virDomainIsPersistent (domain);
  if (persistent < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read whether the guest is persistent."));
      return NULL;
    }
  return hgr_guest_info_new (domain, hgr_guest_state_from_libvirt (vir_state, managed_save), persistent);
}

void
hgr_guest_info_free (HgrGuestInfo *info)
{
  g_clear_pointer (&info->domain, virDomainFree);
  g_free (info->name);
  g_free (info->title);
  g_free (info);
}

/**
 * hgr_guest_state_from_libvirt:
 * @vir_state: a virDomainState
 * @managed_save: whether a shut-off domain has a managed save image
 *
 * Returns: the state Hangar shows for it
 */
HgrGuestState
hgr_guest_state_from_libvirt (int      vir_state,
                              gboolean managed_save)
{
  switch (vir_state)
    {
    case VIR_DOMAIN_RUNNING:
    case VIR_DOMAIN_BLOCKED:
      return HGR_GUEST_STATE_RUNNING;
    case VIR_DOMAIN_PAUSED:
      return HGR_GUEST_STATE_PAUSED;
    case VIR_DOMAIN_SHUTDOWN:
      return HGR_GUEST_STATE_SHUTTING_DOWN;
    case VIR_DOMAIN_SHUTOFF:
      return managed_save ? HGR_GUEST_STATE_SAVED : HGR_GUEST_STATE_SHUT_OFF;
    case VIR_DOMAIN_CRASHED:
      return HGR_GUEST_STATE_CRASHED;
    case VIR_DOMAIN_PMSUSPENDED:
      return HGR_GUEST_STATE_SUSPENDED;
    default:
      return HGR_GUEST_STATE_UNKNOWN;
    }
}

HgrGuest *
hgr_guest_new_from_info (HgrHost      *host,
                         HgrGuestInfo *info)
{
  HgrGuest *self = g_object_new (HGR_TYPE_GUEST, NULL);

  self->host = host;
  g_object_add_weak_pointer (G_OBJECT (host), (gpointer *) &self->host);
  hgr_guest_apply_info (self, info);
  return self;
}

void
hgr_guest_apply_info (HgrGuest     *self,
                      HgrGuestInfo *info)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);

  if (self->domain != info->domain)
    {
      g_clear_pointer (&self->domain, virDomainFree);
      virDomainRef (info->domain);
      self->domain = info->domain;
    }
  if (hgr_set_str (&self->name, info->name))
    {
      g_object_notify_by_pspec (object, properties[PROP_NAME]);
      g_object_notify_by_pspec (object, properties[PROP_DISPLAY_NAME]);
    }
  if (hgr_set_str (&self->uuid, info->uuid))
    g_object_notify_by_pspec (object, properties[PROP_UUID]);
  if (hgr_set_str (&self->title, info->title))
    {
      g_object_notify_by_pspec (object, properties[PROP_TITLE]);
      g_object_notify_by_pspec (object, properties[PROP_DISPLAY_NAME]);
    }
  hgr_guest_set_persistent (self, info->persistent);
  hgr_guest_set_state (self, info->state);

  g_object_thaw_notify (object);
}

void
hgr_guest_set_state (HgrGuest     *self,
                     HgrGuestState state)
{
  gboolean was_active;

  g_return_if_fail (HGR_IS_GUEST (self));

  if (self->state == state)
    return;

  was_active = hgr_guest_get_active (self);
  self->state = state;
  self->state_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  if (was_active != hgr_guest_get_active (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);

  /* Sorted and filtered views do not watch item properties. */
  if (self->host != NULL)
    hgr_host_guest_changed (self->host, self);
}

void
hgr_guest_set_persistent (HgrGuest *self,
                          gboolean  persistent)
{
  g_return_if_fail (HGR_IS_GUEST (self));

  persistent = !!persistent;
  if (self->persistent == persistent)
    return;
  self->persistent = persistent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
}

virDomainPtr
hgr_guest_get_domain (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->domain;
}

static void
apply_details (HgrGuest     *self,
               GuestDetails *details,
               guint         state_serial)
{
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  if (hgr_set_str (&self->description, details->description))
    g_object_notify_by_pspec (object, properties[PROP_DESCRIPTION]);
  if (self->vcpus != details->vcpus)
    {
      self->vcpus = details->vcpus;
      g_object_notify_by_pspec (object, properties[PROP_VCPUS]);
    }
  if (self->memory != details->memory)
    {
      self->memory = details->memory;
      g_object_notify_by_pspec (object, properties[PROP_MEMORY]);
    }
  if (hgr_set_str (&self->os_type, details->os_type))
    g_object_notify_by_pspec (object, properties[PROP_OS_TYPE]);
  if (hgr_set_str (&self->arch, details->arch))
    g_object_notify_by_pspec (object, properties[PROP_ARCH]);
  if (self->autostart != details->autostart)
    {
      self->autostart = details->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }
  g_strfreev (self->disks);
  self->disks = g_steal_pointer (&details->disks);
  if (!self->details_loaded)
    {
      self->details_loaded = TRUE;
      g_object_notify_by_pspec (object, properties[PROP_DETAILS_LOADED]);
    }
  /* A state read before an event or an action that changed it is old news. */
  if (state_serial == self->state_serial)
    hgr_guest_set_state (self, hgr_guest_state_from_libvirt (details->vir_state, details->managed_save));
  g_object_thaw_notify (object);
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
static void
perform_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GuestTaskData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GuestDetails) details = g_new0 (GuestDetails, 1);

  if (!perform_action (data->domain, data->action, &error) ||
      !read_state (data->domain, &details->vir_state, &details->managed_save, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&details), (GDestroyNotify) guest_details_free);
}

static void
perform_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HgrGuest *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GuestDetails) details = NULL;

  set_busy (self, FALSE);
  details = g_task_propagate_pointer (G_TASK (result), &error);
  if (details == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  hgr_guest_set_state (self, hgr_guest_state_from_libvirt (details->vir_state, details->managed_save));
  g_task_return_boolean (task, TRUE);
}

static GTask *
new_worker (HgrGuest           *self,
            gpointer            source_tag,
            GCancellable       *cancellable,
            GAsyncReadyCallback worker_done,
            GAsyncReadyCallback callback,
            gpointer            user_data,
            GuestTaskData      *data)
{
  GTask *task;
  GTask *worker;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);

  /* NULL source: the thread drops the worker last, and must not finalize self. */
  worker = g_task_new (NULL, cancellable, worker_done, task);
  g_task_set_task_data (worker, data, (GDestroyNotify) guest_task_data_free);
  return worker;
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
  g_autoptr (GTask) worker = NULL;
  GuestTaskData *data;

  g_return_if_fail (HGR_IS_GUEST (self));
  g_return_if_fail (action != HGR_GUEST_ACTION_DELETE);

  data = guest_task_data_new (self);
  data->action = action;
  worker = new_worker (self, hgr_guest_perform_async, cancellable, perform_cb, callback, user_data, data);
  set_busy (self, TRUE);
  g_task_run_in_thread (worker, perform_thread);
}

gboolean
hgr_guest_perform_finish (HgrGuest     *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* An open graphics socket; closed unless somebody takes it. */
typedef struct
{
  int          fd;
  char        *password;
  GSubprocess *tunnel;
} GraphicsFd;

static void
graphics_fd_free (GraphicsFd *graphics)
{
  if (graphics->fd >= 0)
    close (graphics->fd);
  if (graphics->password != NULL)
    memset (graphics->password, 0, strlen (graphics->password));
  g_free (graphics->password);
  g_clear_object (&graphics->tunnel);
  g_free (graphics);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GraphicsFd, graphics_fd_free)

/* Runs in a worker thread: a tunnel through SSH to the display on the host. */
static gboolean
open_remote_graphics (GuestTaskData *data,
                      GraphicsFd    *graphics,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *xml = NULL;
  g_autoptr (HgrVncGraphics) vnc = NULL;
  g_autofree char *target = NULL;
  g_auto (GStrv) argv = NULL;

  /* The password shows only in the secure description, which a read-only
   * connection may not get: then the console asks for it. */
  xml = virDomainGetXMLDesc (data->domain, VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    xml = virDomainGetXMLDesc (data->domain, 0);
  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s description."));
      return FALSE;
    }
  vnc = hgr_vnc_graphics_parse (xml, error);
  if (vnc == NULL || (target = hgr_vnc_graphics_dup_tunnel_target (vnc, error)) == NULL ||
      (argv = hgr_vnc_graphics_build_ssh_argv (data->remote_uri, target, error)) == NULL)
    return FALSE;
  graphics->fd = hgr_vnc_graphics_open_tunnel ((const char *const *) argv, &graphics->tunnel, error);
  graphics->password = g_steal_pointer (&vnc->password);
  return graphics->fd >= 0 && hgr_vnc_graphics_wait_for_server (graphics->fd, cancellable, error);
}

/* Runs in a worker thread. */
static void
open_graphics_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GuestTaskData *data = task_data;
  g_autoptr (GraphicsFd) graphics = g_new0 (GraphicsFd, 1);
  g_autoptr (GError) error = NULL;

  graphics->fd = -1;
  if (data->remote_uri != NULL)
    {
      if (!open_remote_graphics (data, graphics, cancellable, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  else
    {
      /* libvirt connects to the guest's display (VNC) itself and passes us
       * the socket, skipping the display's password: no port is opened to
       * anyone. fd passing works on a local connection only. */
      graphics->fd = virDomainOpenGraphicsFD (data->domain, 0, VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH);
      if (graphics->fd < 0)
        {
          hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("Could not open the guest’s display."));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&graphics), (GDestroyNotify) graphics_fd_free);
}

static void
open_graphics_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError     *error = NULL;
  GraphicsFd *graphics = g_task_propagate_pointer (G_TASK (result), &error);

  if (graphics == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, graphics, (GDestroyNotify) graphics_fd_free);
}

/**
 * hgr_guest_open_graphics_async:
 * @self: a running guest with a VNC display
 * @cancellable: (nullable): a #GCancellable; a socket opened too late is closed
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Opens a socket to the guest's display (VNC), for a console to speak RFB
 * on: through libvirt (virDomainOpenGraphicsFD) for a local host, through an
 * SSH tunnel with the host connection's user, port and key for a remote one.
 */
void
hgr_guest_open_graphics_async (HgrGuest           *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GTask) worker = NULL;
  GuestTaskData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = guest_task_data_new (self);
  if (hgr_host_get_remote (self->host))
    data->remote_uri = g_strdup (hgr_host_get_uri (self->host));
  worker = new_worker (self, hgr_guest_open_graphics_async, cancellable, open_graphics_cb, callback, user_data, data);
  g_task_run_in_thread (worker, open_graphics_thread);
}

/**
 * hgr_guest_open_graphics_finish:
 * @self: a guest
 * @result: the result
 * @password: (out) (optional) (nullable): the display's VNC password when
 *   one is needed and known, else %NULL
 * @tunnel: (out) (optional) (nullable): for a remote guest, the ssh process
 *   of the tunnel (standard error piped: its words when the display fails)
 * @error: return location
 *
 * Returns: the socket, which the caller owns and closes, or -1 with @error set
 */
int
hgr_guest_open_graphics_finish (HgrGuest     *self,
                                GAsyncResult *result,
                                char        **password,
                                GSubprocess **tunnel,
                                GError      **error)
{
  GraphicsFd *graphics;
  int         fd;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  if (password != NULL)
    *password = NULL;
  if (tunnel != NULL)
    *tunnel = NULL;
  graphics = g_task_propagate_pointer (G_TASK (result), error);
  if (graphics == NULL)
    return -1;
  fd = graphics->fd;
  graphics->fd = -1;
  if (password != NULL)
    *password = g_steal_pointer (&graphics->password);
  if (tunnel != NULL)
    *tunnel = g_steal_pointer (&graphics->tunnel);
  graphics_fd_free (graphics);
  return fd;
}

static char *
enum_nick (GType type,
           int   value)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? g_strdup (enum_value->value_nick) : NULL;
}

/* Runs in a worker thread. */
static void
details_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GuestTaskData *data = task_data;
  g_autoptr (GuestDetails) details = g_new0 (GuestDetails, 1);
  g_autoptr (GObject) config_object = NULL; /* libvirt-gconfig 4.0 has no autoptr types */
  g_autoptr (GObject) os_object = NULL;
  GVirConfigDomain   *config;
  GVirConfigDomainOs *os;
  g_autoptr (GPtrArray) disks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  GList           *devices;
  int              autostart = 0;

  xml = virDomainGetXMLDesc (data->domain, 0);
  if (xml == NULL)
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s configuration."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (virDomainGetAutostart (data->domain, &autostart) < 0)
    autostart = 0;
  if (!read_state (data->domain, &details->vir_state, &details->managed_save, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  config = gvir_config_domain_new_from_xml (xml, &error);
  config_object = G_OBJECT (config);
  if (config == NULL)
    {
      g_prefix_error (&error, _ ("The guest’s configuration could not be read: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  details->description = g_strdup (gvir_config_domain_get_description (config));
  details->vcpus = gvir_config_domain_get_vcpus (config);
  details->memory = gvir_config_domain_get_memory (config) * 1024;
  details->autostart = autostart;
  os = gvir_config_domain_get_os (config);
  os_object = G_OBJECT (os);
  if (os != NULL)
    {
      details->os_type = enum_nick (GVIR_CONFIG_TYPE_DOMAIN_OS_TYPE, gvir_config_domain_os_get_os_type (os));
      details->arch = g_strdup (gvir_config_domain_os_get_arch (os));
    }

  /* Disks only: install media (cdrom, floppy) are never offered for deletion. */
  devices = gvir_config_domain_get_devices (config);
  for (GList *l = devices; l != NULL; l = l->next)
    {
      GVirConfigDomainDisk *disk;
      const char           *source;

      if (!GVIR_CONFIG_IS_DOMAIN_DISK (l->data))
        continue;
      disk = GVIR_CONFIG_DOMAIN_DISK (l->data);
      if (gvir_config_domain_disk_get_guest_device_type (disk) != GVIR_CONFIG_DOMAIN_DISK_GUEST_DEVICE_DISK)
        continue;
      source = gvir_config_domain_disk_get_source (disk);
      if (source != NULL && *source != '\0')
        g_ptr_array_add (disks, g_strdup (source));
    }
  g_list_free_full (devices, g_object_unref);
  g_ptr_array_add (disks, NULL);
  details->disks = (GStrv) g_ptr_array_free (g_steal_pointer (&disks), FALSE);

  g_task_return_pointer (task, g_steal_pointer (&details), (GDestroyNotify) guest_details_free);
}

static void
details_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HgrGuest *self = g_task_get_source_object (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GuestDetails) details = NULL;

  details = g_task_propagate_pointer (G_TASK (result), &error);
  if (details == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  apply_details (self, details, ((GuestTaskData *) g_task_get_task_data (G_TASK (result)))->state_serial);
  g_task_return_boolean (task, TRUE);
}

/**
 * hgr_guest_load_details_async:
 * @self: a guest
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Reads the guest's configuration (description, vCPUs, memory, OS, disks) and
 * autostart flag into its properties.
 */
void
hgr_guest_load_details_async (HgrGuest           *self,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr (GTask) worker = NULL;

  g_return_if_fail (HGR_IS_GUEST (self));

  worker = new_worker (self, hgr_guest_load_details_async, cancellable, details_cb, callback, user_data,
                       guest_task_data_new (self));
  g_task_run_in_thread (worker, details_thread);
}

gboolean
hgr_guest_load_details_finish (HgrGuest     *self,
                               GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
static void
delete_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GuestTaskData *data = task_data;
  g_autoptr (GPtrArray) volumes = g_ptr_array_new_with_free_func ((GDestroyNotify) virStorageVolFree);
  g_autoptr (GString) failed = NULL;
  g_autoptr (GError) error = NULL;
  virConnectPtr conn = virDomainGetConnect (data->domain);
  int           active;
  int           persistent;

  for (guint i = 0; data->delete_disks != NULL && data->delete_disks[i] != NULL; i++)
    {
      virStorageVolPtr volume = virStorageVolLookupByPath (conn, data->delete_disks[i]);

      if (volume == NULL)
        {
          g_set_error (&error, HGR_ERROR, HGR_ERROR_NOT_FOUND,
                       /* Translators: %s is a disk image path */
                       _ ("“%s” is not in a storage pool of this host, so it cannot be deleted. Nothing was changed."),
                       data->delete_disks[i]);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_ptr_array_add (volumes, volume);
    }

  active = virDomainIsActive (data->domain);
  persistent = virDomainIsPersistent (data->domain);
  if (active < 0 || persistent < 0)
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s state."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (active && !data->force_off)
    {
      g_set_error_literal (&error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("The guest is running. Agree to force it off, or shut it down first."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (active && virDomainDestroy (data->domain) < 0)
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("Could not force the guest off."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (persistent && !undefine_everything (data->domain))
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("Could not delete the guest."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
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
      g_set_error (&error, HGR_ERROR, HGR_ERROR_LIBVIRT,
                   _ ("The guest was deleted, but some disk images could not be:%s"), failed->str);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HgrGuest      *self = g_task_get_source_object (task);
  GuestTaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  set_busy (self, FALSE);
  /* A transient guest is gone once forced off; a failure with the storage
   * comes after the definition is gone. Either way the list drops it. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (data->undefined && self->host != NULL)
        hgr_host_forget_guest (self->host, self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (self->host != NULL)
    hgr_host_forget_guest (self->host, self);
  g_task_return_boolean (task, TRUE);
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
  g_autoptr (GTask) worker = NULL;
  GuestTaskData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = guest_task_data_new (self);
  data->force_off = force_off;
  data->delete_disks = g_strdupv ((GStrv) delete_disks);
  worker = new_worker (self, hgr_guest_delete_async, cancellable, delete_cb, callback, user_data, data);
  set_busy (self, TRUE);
  g_task_run_in_thread (worker, delete_thread);
}

gboolean
hgr_guest_delete_finish (HgrGuest     *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
hgr_guest_dispose (GObject *object)
{
  HgrGuest *self = HGR_GUEST (object);

  if (self->host != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->host), (gpointer *) &self->host);
  self->host = NULL;

  G_OBJECT_CLASS (hgr_guest_parent_class)->dispose (object);
}

static void
hgr_guest_finalize (GObject *object)
{
  HgrGuest *self = HGR_GUEST (object);

  g_clear_pointer (&self->domain, virDomainFree);
  g_free (self->name);
  g_free (self->uuid);
  g_free (self->title);
  g_free (self->description);
  g_free (self->os_type);
  g_free (self->arch);
  g_strfreev (self->disks);

  G_OBJECT_CLASS (hgr_guest_parent_class)->finalize (object);
}

static void
hgr_guest_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  HgrGuest *self = HGR_GUEST (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, hgr_guest_get_display_name (self));
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, hgr_guest_get_active (self));
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_DETAILS_LOADED:
      g_value_set_boolean (value, self->details_loaded);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_VCPUS:
      g_value_set_uint (value, self->vcpus);
      break;
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_OS_TYPE:
      g_value_set_string (value, self->os_type);
      break;
    case PROP_ARCH:
      g_value_set_string (value, self->arch);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_class_init (HgrGuestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hgr_guest_dispose;
  object_class->finalize = hgr_guest_finalize;
  object_class->get_property = hgr_guest_get_property;

  properties[PROP_HOST] = g_param_spec_object ("host", NULL, NULL, G_TYPE_OBJECT, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_enum ("state", NULL, NULL, HGR_TYPE_GUEST_STATE,
                                              HGR_GUEST_STATE_SHUT_OFF, flags);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, flags);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_DETAILS_LOADED] = g_param_spec_boolean ("details-loaded", NULL, NULL, FALSE, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  properties[PROP_OS_TYPE] = g_param_spec_string ("os-type", NULL, NULL, NULL, flags);
  properties[PROP_ARCH] = g_param_spec_string ("arch", NULL, NULL, NULL, flags);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_guest_init (HgrGuest *self)
{
  self->state = HGR_GUEST_STATE_SHUT_OFF;
}

HgrHost *
hgr_guest_get_host (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->host;
}

const char *
hgr_guest_get_name (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->name;
}

const char *
hgr_guest_get_uuid (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->uuid;
}

const char *
hgr_guest_get_title (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->title;
}

/**
 * hgr_guest_get_display_name:
 * @self: a guest
 *
 * Returns: the title the user gave the guest, or else its name
 */
const char *
hgr_guest_get_display_name (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->title != NULL ? self->title : self->name;
}

HgrGuestState
hgr_guest_get_state (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), HGR_GUEST_STATE_UNKNOWN);

  return self->state;
}

/**
 * hgr_guest_get_active:
 * @self: a guest
 *
 * Returns: whether the guest has a running QEMU process (running, paused, …)
 */
gboolean
hgr_guest_get_active (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  return self->state != HGR_GUEST_STATE_SHUT_OFF && self->state != HGR_GUEST_STATE_SAVED &&
         self->state != HGR_GUEST_STATE_UNKNOWN;
}

gboolean
hgr_guest_get_persistent (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  return self->persistent;
}

/**
 * hgr_guest_get_busy:
 * @self: a guest
 *
 * Returns: whether an action on the guest is under way
 */
gboolean
hgr_guest_get_busy (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  return self->busy > 0;
}

gboolean
hgr_guest_get_details_loaded (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  return self->details_loaded;
}

const char *
hgr_guest_get_description (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->description;
}

guint
hgr_guest_get_vcpus (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), 0);

  return self->vcpus;
}

/**
 * hgr_guest_get_memory:
 * @self: a guest
 *
 * Returns: the guest's maximum memory in bytes, once details are loaded
 */
guint64
hgr_guest_get_memory (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), 0);

  return self->memory;
}

const char *
hgr_guest_get_os_type (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->os_type;
}

const char *
hgr_guest_get_arch (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return self->arch;
}

gboolean
hgr_guest_get_autostart (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  return self->autostart;
}

/**
 * hgr_guest_get_disks:
 * @self: a guest
 *
 * Returns: (array zero-terminated=1) (nullable): the source paths of the guest's
 *   disks (not CD-ROMs), once details are loaded
 */
const char *const *
hgr_guest_get_disks (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  return (const char *const *) self->disks;
}

/**
 * hgr_guest_can:
 * @self: a guest
 * @action: an action
 *
 * Returns: whether @action makes sense in the guest's current state, its host
 *   is connected and no other action is under way
 */
gboolean
hgr_guest_can (HgrGuest      *self,
               HgrGuestAction action)
{
  HgrGuestState state;

  g_return_val_if_fail (HGR_IS_GUEST (self), FALSE);

  /* Nothing is sent to a host that is not connected (its guests are stale). */
  if (self->busy > 0 || self->host == NULL || hgr_host_get_status (self->host) != HGR_HOST_STATUS_CONNECTED)
    return FALSE;

  state = self->state;
  switch (action)
    {
    case HGR_GUEST_ACTION_RUN:
      return state == HGR_GUEST_STATE_SHUT_OFF || state == HGR_GUEST_STATE_SAVED ||
             state == HGR_GUEST_STATE_CRASHED;
    case HGR_GUEST_ACTION_PAUSE:
    case HGR_GUEST_ACTION_SHUT_DOWN:
    case HGR_GUEST_ACTION_REBOOT:
      return state == HGR_GUEST_STATE_RUNNING;
    case HGR_GUEST_ACTION_RESUME:
      return state == HGR_GUEST_STATE_PAUSED;
    case HGR_GUEST_ACTION_SAVE:
      return (state == HGR_GUEST_STATE_RUNNING || state == HGR_GUEST_STATE_PAUSED) && self->persistent;
    case HGR_GUEST_ACTION_FORCE_OFF:
      return hgr_guest_get_active (self);
    case HGR_GUEST_ACTION_DELETE:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * hgr_guest_state_to_label:
 * @state: a state
 *
 * Returns: the state as a user sees it, translated
 */
const char *
hgr_guest_state_to_label (HgrGuestState state)
{
  switch (state)
    {
    case HGR_GUEST_STATE_RUNNING:
      return _ ("Running");
    case HGR_GUEST_STATE_PAUSED:
      return _ ("Paused");
    case HGR_GUEST_STATE_SUSPENDED:
      return _ ("Suspended");
    case HGR_GUEST_STATE_SHUTTING_DOWN:
      return _ ("Shutting Down");
    case HGR_GUEST_STATE_CRASHED:
      return _ ("Crashed");
    case HGR_GUEST_STATE_SAVED:
      return _ ("Saved");
    case HGR_GUEST_STATE_SHUT_OFF:
      return _ ("Shut Off");
    case HGR_GUEST_STATE_UNKNOWN:
    default:
      return _ ("Unknown");
    }
}

/**
 * hgr_guest_state_to_icon_name:
 * @state: a state
 *
 * Returns: a symbolic icon name for @state
 */
const char *
hgr_guest_state_to_icon_name (HgrGuestState state)
{
  switch (state)
    {
    case HGR_GUEST_STATE_RUNNING:
      return "media-playback-start-symbolic";
    case HGR_GUEST_STATE_PAUSED:
      return "media-playback-pause-symbolic";
    case HGR_GUEST_STATE_SUSPENDED:
      return "weather-clear-night-symbolic";
    case HGR_GUEST_STATE_SHUTTING_DOWN:
      return "content-loading-symbolic";
    case HGR_GUEST_STATE_CRASHED:
      return "dialog-error-symbolic";
    case HGR_GUEST_STATE_SAVED:
      return "document-save-symbolic";
    case HGR_GUEST_STATE_SHUT_OFF:
      return "system-shutdown-symbolic";
    case HGR_GUEST_STATE_UNKNOWN:
    default:
      return "dialog-question-symbolic";
    }
}
