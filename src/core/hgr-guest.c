/* hgr-guest.c — one libvirt domain on one host, kept live by the host's events
 *
 * A guest holds what the list shows (name, title, state) from the moment its host
 * lists it, and loads the rest (the overview's details) on demand. Every libvirt
 * call runs in a worker thread; properties change only on the main thread. Its
 * jobs are in hgr-guest-actions.c, hgr-guest-details.c and hgr-guest-graphics.c;
 * the struct they share is in hgr-guest-private.h.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include "hgr-guest.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>

#include "hgr-enum-types.h"
#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"

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

enum
{
  SIGNAL_DELETED,
  SIGNAL_CONFIG_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * hgr_guest_set_busy:
 * @self: a guest
 * @busy: %TRUE when a job starts, %FALSE when it ends
 *
 * Counts the guest's jobs under way; HgrGuest:busy is whether there are any.
 */
void
hgr_guest_set_busy (HgrGuest *self,
                    gboolean  busy)
{
  guint was = self->busy;

  self->busy = busy ? self->busy + 1 : self->busy - 1;
  if ((was == 0) != (self->busy == 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/**
 * hgr_guest_read_state:
 * @domain: a domain
 * @vir_state: (out): its virDomainState
 * @managed_save: (out): whether a shut-off domain has a managed save image
 * @error: return location
 *
 * Runs in a worker thread.
 *
 * Returns: whether the state could be read
 */
gboolean
hgr_guest_read_state (virDomainPtr domain,
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
  hgr_libvirt_get_uuid_string (domain, info->uuid);
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

  if (!hgr_guest_read_state (domain, &vir_state, &managed_save, error))
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

/* A reference of the guest's domain for a worker thread's job. */
virDomainPtr
hgr_guest_ref_domain (HgrGuest *self)
{
  virDomainRef (self->domain);
  return self->domain;
}

void
hgr_guest_details_clear (HgrGuestDetails *details)
{
  g_clear_pointer (&details->description, g_free);
  g_clear_pointer (&details->os_type, g_free);
  g_clear_pointer (&details->arch, g_free);
  g_clear_pointer (&details->disks, g_strfreev);
}

/**
 * hgr_guest_apply_details:
 * @self: a guest
 * @details: what a worker read; its disks are taken
 * @state_serial: the guest's state serial when the worker started
 *
 * Applies a details reading; its state only if nothing changed the state
 * since the worker started.
 */
void
hgr_guest_apply_details (HgrGuest        *self,
                         HgrGuestDetails *details,
                         guint            state_serial)
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

/**
 * hgr_guest_emit_deleted:
 * @self: a guest whose definition is gone
 *
 * Emits HgrGuest::deleted, so its host drops it without waiting for the
 * UNDEFINED event.
 */
void
hgr_guest_emit_deleted (HgrGuest *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETED], 0);
}

/* The host saw the guest defined again (by Hangar or anyone else). */
void
hgr_guest_emit_config_changed (HgrGuest *self)
{
  g_signal_emit (self, signals[SIGNAL_CONFIG_CHANGED], 0);
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

  g_clear_object (&self->stats);

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

  properties[PROP_HOST] = g_param_spec_object ("host", NULL, NULL, HGR_TYPE_HOST, flags);
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

  /**
   * HgrGuest::deleted:
   * @guest: the guest
   *
   * Its definition is gone: hgr_guest_delete_async() removed it (also when
   * deleting its storage failed afterwards).
   */
  signals[SIGNAL_DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                          NULL, G_TYPE_NONE, 0);

  /**
   * HgrGuest::config-changed:
   * @guest: the guest
   *
   * Its configuration was defined anew, by Hangar or another program: an
   * open editor re-reads it (hgr_guest_read_config_async()).
   */
  signals[SIGNAL_CONFIG_CHANGED] = g_signal_new ("config-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
hgr_guest_init (HgrGuest *self)
{
  self->state = HGR_GUEST_STATE_SHUT_OFF;
}

/**
 * hgr_guest_get_stats:
 * @self: a guest
 *
 * Returns: (transfer none): the guest's live load, made on first use;
 *   without figures until an HgrStatsSampler of its host fills it
 */
HgrGuestStats *
hgr_guest_get_stats (HgrGuest *self)
{
  g_return_val_if_fail (HGR_IS_GUEST (self), NULL);

  if (self->stats == NULL)
    self->stats = hgr_guest_stats_new ();
  return self->stats;
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
