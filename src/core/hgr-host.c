/* hgr-host.c — one libvirt connection and the live list of its guests
 *
 * Opening, listing and closing run in worker threads. The list is read in bulk
 * (three listing calls and one stats call, whatever the number of guests) and
 * then kept live by libvirt's domain lifecycle events, which arrive on the main
 * thread (hgr_libvirt_init() runs libvirt's event loop on GLib's). Nothing polls.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include "hgr-host.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-credential-request.h"
#include "hgr-enum-types.h"
#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-uri.h"
#include "hgr-util.h"

/* The opaque of libvirt's callbacks. libvirt frees it (with its free callback)
 * from whatever thread deregisters, so it holds the host weakly, and the
 * generation tells a callback of an older connection from the current one. */
typedef struct
{
  GWeakRef host;
  guint    generation;
} EventLink;

/* A lifecycle event that came while a listing was under way; replayed after it. */
typedef struct
{
  virDomainPtr domain;
  int          event;
  int          detail;
} PendingEvent;

struct _HgrHost
{
  GObject parent_instance;

  char         *uri;
  char         *display_name;
  HgrHostStatus status;
  char         *error_message;
  gboolean      autoconnect;

  virConnectPtr conn;
  EventLink    *link; /* held for the close callback, which may never free it */
  int           lifecycle_id;
  gboolean      close_registered;
  guint         generation;
  GCancellable *connect_cancellable; /* ours; a caller's cancellable is chained to it */
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;
  guint         connect_timeout; /* seconds, 0 for none */
  guint         timeout_id;
  gboolean      timed_out;
  gboolean      reconnecting;    /* the connection was lost: retry by itself */
  guint         reconnect_delay; /* seconds of the current backoff step */
  guint         reconnect_id;
  guint         n_closing; /* connections this host handed to a worker to close */

  GListStore *guests;
  GHashTable *by_uuid;  /* uuid → HgrGuest (borrowed from @guests) */
  GHashTable *fetching; /* uuid → FetchState: single-guest reads under way */
  GArray     *pending;  /* PendingEvent while listing; NULL otherwise */
};

G_DEFINE_FINAL_TYPE (HgrHost, hgr_host, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_URI,
  PROP_DISPLAY_NAME,
  PROP_REMOTE,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_GUESTS,
  PROP_AUTOCONNECT,
  PROP_CLOSING,
  PROP_CONNECT_TIMEOUT,
  PROP_RECONNECTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CREDENTIAL_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  FETCH_WANTED = 1,
  FETCH_DROPPED,
} FetchState;

/* Worker data of the connect task; the result is the same struct. */
typedef struct
{
  char         *uri;
  char         *display_name; /* for credential questions */
  GCancellable *cancellable;  /* the attempt's: ends a wait for credentials */
  EventLink    *link;
  virConnectPtr conn;
  int           lifecycle_id;
  gboolean      close_registered;
  GPtrArray    *infos; /* HgrGuestInfo */
} ConnectData;

/* Worker data of a single-guest read. */
typedef struct
{
  virDomainPtr domain;
  guint        generation;
  char         uuid[VIR_UUID_STRING_BUFLEN];
} FetchData;

static void apply_event (HgrHost     *self,
                         virDomainPtr domain,
                         int          event,
                         int          detail);
static void connection_closed_cb (virConnectPtr conn,
                                  int           reason,
                                  void         *opaque);
static void schedule_reconnect (HgrHost    *self,
                                const char *reason);

static EventLink *
event_link_new (HgrHost *self)
{
  EventLink *link = g_atomic_rc_box_new0 (EventLink);

  g_weak_ref_init (&link->host, self);
  link->generation = self->generation;
  return link;
}

static void
event_link_clear (gpointer data)
{
  EventLink *link = data;

  g_weak_ref_clear (&link->host);
}

static void
event_link_release (void *data)
{
  g_atomic_rc_box_release_full (data, event_link_clear);
}

/* Returns the host if the link belongs to its current connection. */
static HgrHost *
event_link_get_host (EventLink *link)
{
  HgrHost *self = g_weak_ref_get (&link->host);

  if (self != NULL && self->generation != link->generation)
    g_clear_object (&self);
  return self;
}

/* Runs in a worker thread. */
static void
close_connection_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  ConnectData *data = task_data;

  if (data->lifecycle_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
  if (data->close_registered)
    virConnectUnregisterCloseCallback (data->conn, connection_closed_cb);
  virConnectClose (data->conn);
  data->conn = NULL;
  g_clear_pointer (&data->link, event_link_release);
  g_task_return_boolean (task, TRUE);
}

static void
close_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (HgrHost) self = user_data;

  if (--self->n_closing == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSING]);
}

/* Closing a remote connection can block: never on the calling thread. With an
 * @owner, its HgrHost:closing property is TRUE until the close is done. */
static void
close_in_thread (HgrHost      *owner,
                 virConnectPtr conn,
                 EventLink    *link,
                 int           lifecycle_id,
                 gboolean      close_registered)
{
  g_autoptr (GTask) task = NULL;
  ConnectData *closing = g_new0 (ConnectData, 1);

  closing->conn = conn;
  closing->link = link;
  closing->lifecycle_id = lifecycle_id;
  closing->close_registered = close_registered;
  task = g_task_new (NULL, NULL, owner != NULL ? close_done_cb : NULL, owner != NULL ? g_object_ref (owner) : NULL);
  g_task_set_task_data (task, closing, (GDestroyNotify) g_free);
  if (owner != NULL && owner->n_closing++ == 0)
    g_object_notify_by_pspec (G_OBJECT (owner), properties[PROP_CLOSING]);
  g_task_run_in_thread (task, close_connection_thread);
}

static void
connect_data_free (ConnectData *data)
{
  /* A connection nobody took: an attempt that was cancelled or superseded. */
  if (data->conn != NULL)
    {
      close_in_thread (NULL, g_steal_pointer (&data->conn), g_steal_pointer (&data->link), data->lifecycle_id,
                       data->close_registered);
    }
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_clear_pointer (&data->link, event_link_release);
  g_clear_object (&data->cancellable);
  g_free (data->display_name);
  g_free (data->uri);
  g_free (data);
}

static void
fetch_data_free (FetchData *data)
{
  g_clear_pointer (&data->domain, virDomainFree);
  g_free (data);
}

static void
set_status (HgrHost      *self,
            HgrHostStatus status,
            const char   *error_message)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (hgr_set_str (&self->error_message, error_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Sorted and filtered views do not watch item properties: a guest whose
 * state changed is put back in place, the same object, so a selection of it
 * survives and sorted views move it. */
static void
guest_state_cb (HgrGuest   *guest,
                GParamSpec *pspec,
                HgrHost    *self)
{
  g_autoptr (HgrGuest) keep = g_object_ref (guest); /* the splice drops the store's reference first */
  guint position;

  if (!g_list_store_find (self->guests, guest, &position))
    return;
  g_list_store_splice (self->guests, position, 1, (gpointer *) &keep, 1);
}

static void remove_guest (HgrHost  *self,
                          HgrGuest *guest);

/* Deleted through Hangar: dropped at once, without waiting for the event. */
static void
guest_deleted_cb (HgrGuest *guest,
                  HgrHost  *self)
{
  remove_guest (self, guest);
}

/* A guest is watched while it is in the list. */
static HgrGuest *
new_guest (HgrHost      *self,
           HgrGuestInfo *info)
{
  HgrGuest *guest = hgr_guest_new_from_info (self, info);

  g_signal_connect (guest, "notify::state", G_CALLBACK (guest_state_cb), self);
  g_signal_connect (guest, "deleted", G_CALLBACK (guest_deleted_cb), self);
  return guest;
}

static void
unwatch_guest (HgrHost  *self,
               HgrGuest *guest)
{
  g_signal_handlers_disconnect_by_data (guest, self);
}

static void
clear_guests (HgrHost *self)
{
  GHashTableIter iter;
  gpointer       guest;

  g_hash_table_iter_init (&iter, self->by_uuid);
  while (g_hash_table_iter_next (&iter, NULL, &guest))
    unwatch_guest (self, guest);
  g_hash_table_remove_all (self->by_uuid);
  g_hash_table_remove_all (self->fetching);
  g_list_store_remove_all (self->guests);
}

static void
pending_event_clear (gpointer data)
{
  PendingEvent *pending = data;

  virDomainFree (pending->domain);
}

static void
add_guest (HgrHost      *self,
           HgrGuestInfo *info)
{
  g_autoptr (HgrGuest) guest = new_guest (self, info);

  g_hash_table_insert (self->by_uuid, (char *) hgr_guest_get_uuid (guest), guest);
  g_list_store_append (self->guests, guest);
}

static void
remove_guest (HgrHost  *self,
              HgrGuest *guest)
{
  guint position;

  if (!g_list_store_find (self->guests, guest, &position))
    return;
  unwatch_guest (self, guest);
  g_hash_table_remove (self->by_uuid, hgr_guest_get_uuid (guest));
  g_list_store_remove (self->guests, position);
}

/* Replaces the whole list in one items-changed, reusing the guest objects that
 * are still there so that views keep their selection. */
static void
apply_listing (HgrHost   *self,
               GPtrArray *infos)
{
  g_autoptr (GPtrArray) guests = g_ptr_array_new_full (infos->len, g_object_unref);
  g_autoptr (GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < infos->len; i++)
    {
      HgrGuestInfo *info = g_ptr_array_index (infos, i);
      HgrGuest     *guest = g_hash_table_lookup (self->by_uuid, info->uuid);

      if (guest != NULL)
        {
          g_object_ref (guest);
          hgr_guest_apply_info (guest, info);
        }
      else
        guest = new_guest (self, info);
      g_ptr_array_add (guests, guest);
      g_hash_table_insert (by_uuid, (char *) hgr_guest_get_uuid (guest), guest);
    }

  /* Guests the new list no longer has are not watched any more. */
  {
    GHashTableIter iter;
    gpointer       old;

    g_hash_table_iter_init (&iter, self->by_uuid);
    while (g_hash_table_iter_next (&iter, NULL, &old))
      if (g_hash_table_lookup (by_uuid, hgr_guest_get_uuid (old)) != old)
        unwatch_guest (self, old);
  }
  g_hash_table_steal_all (self->by_uuid);
  g_hash_table_unref (self->by_uuid);
  self->by_uuid = g_steal_pointer (&by_uuid);
  g_list_store_splice (self->guests, 0, g_list_model_get_n_items (G_LIST_MODEL (self->guests)),
                       guests->pdata, guests->len);
  g_debug ("%s: %u guests listed", self->uri, guests->len);
}

static void
replay_pending (HgrHost *self)
{
  g_autoptr (GArray) pending = g_steal_pointer (&self->pending);

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      PendingEvent *event = &g_array_index (pending, PendingEvent, i);

      apply_event (self, event->domain, event->event, event->detail);
    }
}

/* Runs in a worker thread. Reads the whole guest list in bulk: one stats call
 * for every domain's state, two filtered listings for the persistent and
 * managed-save flags, then only the title costs a call per guest. */
static GPtrArray *
list_guests (virConnectPtr conn,
             GError      **error)
{
  g_autoptr (GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) hgr_guest_info_free);
  g_autoptr (GHashTable) transient = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) saved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  struct
  {
    unsigned int flags;
    GHashTable  *set;
  } sets[] = {
    { VIR_CONNECT_LIST_DOMAINS_TRANSIENT, transient },
    { VIR_CONNECT_LIST_DOMAINS_MANAGEDSAVE, saved },
  };
  virDomainStatsRecordPtr *records = NULL;
  int                      n;

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      virDomainPtr *domains = NULL;

      n = virConnectListAllDomains (conn, &domains, sets[s].flags);
      if (n < 0)
        {
          hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not list the guests."));
          return NULL;
        }
      for (int i = 0; i < n; i++)
        {
          char uuid[VIR_UUID_STRING_BUFLEN];

          virDomainGetUUIDString (domains[i], uuid);
          g_hash_table_add (sets[s].set, g_strdup (uuid));
          virDomainFree (domains[i]);
        }
      free (domains);
    }

  n = virConnectGetAllDomainStats (conn, VIR_DOMAIN_STATS_STATE, &records, 0);
  if (n >= 0)
    {
      for (int i = 0; i < n; i++)
        {
          virDomainPtr domain = records[i]->dom;
          int          vir_state = VIR_DOMAIN_NOSTATE;
          char         uuid[VIR_UUID_STRING_BUFLEN];

          virDomainGetUUIDString (domain, uuid);
          virTypedParamsGetInt (records[i]->params, records[i]->nparams, "state.state", &vir_state);
          g_ptr_array_add (infos, hgr_guest_info_new (domain,
                                                      hgr_guest_state_from_libvirt (vir_state, g_hash_table_contains (saved, uuid)),
                                                      !g_hash_table_contains (transient, uuid)));
        }
      virDomainStatsRecordListFree (records);
    }
  else
    {
      /* Drivers without bulk stats: a state call per guest. */
      virDomainPtr *domains = NULL;

      n = virConnectListAllDomains (conn, &domains, 0);
      if (n < 0)
        {
          hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not list the guests."));
          return NULL;
        }
      for (int i = 0; i < n; i++)
        {
          HgrGuestInfo *info = hgr_guest_info_fetch (domains[i], NULL);

          if (info != NULL)
            g_ptr_array_add (infos, info);
          virDomainFree (domains[i]);
        }
      free (domains);
    }

  return g_steal_pointer (&infos);
}

static int
domain_lifecycle_cb (virConnectPtr conn,
                     virDomainPtr  domain,
                     int           event,
                     int           detail,
                     void         *opaque)
{
  g_autoptr (HgrHost) self = event_link_get_host (opaque);

  if (self == NULL)
    return 0;

  if (self->pending != NULL)
    {
      PendingEvent pending = { domain, event, detail };

      virDomainRef (domain);
      g_array_append_val (self->pending, pending);
      return 0;
    }
  apply_event (self, domain, event, detail);
  return 0;
}

static void
connection_closed_cb (virConnectPtr conn,
                      int           reason,
                      void         *opaque)
{
  g_autoptr (HgrHost) self = event_link_get_host (opaque);
  g_autofree char *message = NULL;

  if (self == NULL || reason == VIR_CONNECT_CLOSE_REASON_CLIENT)
    return;

  switch (reason)
    {
    case VIR_CONNECT_CLOSE_REASON_EOF:
      message = g_strdup (_ ("The host closed the connection."));
      break;
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      message = g_strdup (_ ("The host stopped answering."));
      break;
    case VIR_CONNECT_CLOSE_REASON_ERROR:
    default:
      message = g_strdup (_ ("The connection failed."));
      break;
    }

  /* The connection is dead: close it, keep the guests as they were last
   * seen, and get it back by itself. */
  g_debug ("%s: connection lost (%d)", self->uri, reason);
  self->generation++;
  if (self->conn != NULL)
    close_in_thread (self, g_steal_pointer (&self->conn), g_steal_pointer (&self->link), self->lifecycle_id,
                     self->close_registered);
  schedule_reconnect (self, message);
}

/* Backoff of automatic reconnection: 1, 2, 4 … 60 seconds. */
#define RECONNECT_DELAY_MAX 60

/* Keepalive: a probe every 3 s, dead after 2 unanswered, so a lost host is
 * noticed within 9 s. */
#define KEEPALIVE_INTERVAL 3
#define KEEPALIVE_COUNT    2

static void
stop_connect_timers (HgrHost *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->caller_cancelled_id != 0)
    g_cancellable_disconnect (self->caller_cancellable, self->caller_cancelled_id);
  self->caller_cancelled_id = 0;
  g_clear_object (&self->caller_cancellable);
}

static void
set_reconnecting (HgrHost *self,
                  gboolean reconnecting)
{
  if (!reconnecting)
    {
      g_clear_handle_id (&self->reconnect_id, g_source_remove);
      self->reconnect_delay = 0;
    }
  if (self->reconnecting == reconnecting)
    return;
  self->reconnecting = reconnecting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECONNECTING]);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  HgrHost *self = user_data;

  self->reconnect_id = 0;
  hgr_host_connect_async (self, NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* The connection was lost, or a try to get it back failed: keep the guests
 * (shown as stale) and try again later, each time waiting longer. */
static void
schedule_reconnect (HgrHost    *self,
                    const char *reason)
{
  g_autofree char *message = NULL;

  set_reconnecting (self, TRUE);
  self->reconnect_delay = self->reconnect_delay == 0 ? 1 : MIN (self->reconnect_delay * 2, RECONNECT_DELAY_MAX);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add_seconds (self->reconnect_delay, reconnect_cb, self);
  /* Translators: %s says why, e.g. "The host closed the connection." */
  message = g_strdup_printf (_ ("Disconnected: %s"), reason);
  set_status (self, HGR_HOST_STATUS_DISCONNECTED, message);
}

/* On the main thread, when the worker opened the connection. */
static gboolean
connection_opened_cb (gpointer user_data)
{
  g_autoptr (HgrHost) self = event_link_get_host (user_data);

  if (self != NULL)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  return G_SOURCE_REMOVE;
}

/* How long a question for credentials waits for the user. */
#define CREDENTIAL_TIMEOUT_SECONDS 300

typedef struct
{
  EventLink            *link;
  HgrCredentialRequest *request;
} CredentialEmission;

static void
credential_emission_free (gpointer user_data)
{
  CredentialEmission *emission = user_data;

  event_link_release (emission->link);
  g_object_unref (emission->request);
  g_free (emission);
}

/* On the main thread: hands a question of the worker to the UI. */
static gboolean
emit_credential_request_cb (gpointer user_data)
{
  CredentialEmission *emission = user_data;
  g_autoptr (HgrHost) self = event_link_get_host (emission->link);

  if (self == NULL || !g_signal_has_handler_pending (self, signals[CREDENTIAL_REQUESTED], 0, FALSE))
    {
      /* Nobody to ask (or an attempt already dropped): libvirt gets no answer. */
      hgr_credential_request_cancel (emission->request);
      return G_SOURCE_REMOVE;
    }
  /* The host answers, it asks a question: the timeout is for silent hosts. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_signal_emit (self, signals[CREDENTIAL_REQUESTED], 0, emission->request);
  return G_SOURCE_REMOVE;
}

static HgrCredentialKind
credential_kind (const virConnectCredential *cred)
{
  const char *prompt = cred->prompt != NULL ? cred->prompt : "";

  switch (cred->type)
    {
    case VIR_CRED_USERNAME:
    case VIR_CRED_AUTHNAME:
      return HGR_CREDENTIAL_USER_NAME;
    case VIR_CRED_PASSPHRASE:
      /* libssh asks key passphrases and passwords the same way. */
      return strstr (prompt, "assword") != NULL ? HGR_CREDENTIAL_PASSWORD : HGR_CREDENTIAL_PASSPHRASE;
    case VIR_CRED_ECHOPROMPT:
      return strstr (prompt, "host key") != NULL ? HGR_CREDENTIAL_HOST_KEY : HGR_CREDENTIAL_PROMPT;
    case VIR_CRED_NOECHOPROMPT:
    default:
      return HGR_CREDENTIAL_SECRET_PROMPT;
    }
}

/* Runs in the worker thread, inside virConnectOpenAuth(): asks the user, one
 * credential after the other, and waits for each answer. */
static int
auth_cb (virConnectCredentialPtr creds,
         unsigned int            ncreds,
         void                   *cbdata)
{
  ConnectData *data = cbdata;

  for (unsigned int i = 0; i < ncreds; i++)
    {
      g_autoptr (HgrCredentialRequest) request = NULL;
      CredentialEmission *emission = g_new0 (CredentialEmission, 1);
      char               *answer;

      request = hgr_credential_request_new (credential_kind (&creds[i]), creds[i].prompt, data->display_name);
      emission->link = g_atomic_rc_box_acquire (data->link);
      emission->request = g_object_ref (request);
      g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, emit_credential_request_cb, emission, credential_emission_free);

      answer = hgr_credential_request_wait (request, data->cancellable, CREDENTIAL_TIMEOUT_SECONDS, NULL);
      if (answer == NULL)
        return -1;
      /* libvirt frees the result with free(). */
      creds[i].result = strdup (answer);
      creds[i].resultlen = strlen (answer);
      memset (answer, 0, creds[i].resultlen);
      g_free (answer);
      if (creds[i].result == NULL)
        return -1;
    }
  return 0;
}

/* Runs in a worker thread. */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ConnectData *data = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) infos = NULL;

  static int credential_types[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_USERNAME,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_NOECHOPROMPT,
  };
  virConnectAuth auth = { credential_types, G_N_ELEMENTS (credential_types), auth_cb, data };

  data->conn = virConnectOpenAuth (data->uri, &auth, 0);
  if (data->conn == NULL)
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_UNREACHABLE, _ ("libvirt gave no reason."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The host answers: from here on keepalive watches it, not the timeout. */
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, connection_opened_cb,
                              g_atomic_rc_box_acquire (data->link), event_link_release);

  /* Not every driver has keepalive or close callbacks (the test driver has neither). */
  virConnectSetKeepAlive (data->conn, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT);
  /* Drivers without close callbacks report success and never call a free
   * function, so the link's reference for it stays with the connection. */
  if (virConnectRegisterCloseCallback (data->conn, connection_closed_cb, data->link, NULL) == 0)
    data->close_registered = TRUE;

  g_atomic_rc_box_acquire (data->link);
  data->lifecycle_id = virConnectDomainEventRegisterAny (data->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                         VIR_DOMAIN_EVENT_CALLBACK (domain_lifecycle_cb),
                                                         data->link, event_link_release);
  if (data->lifecycle_id < 0)
    {
      hgr_libvirt_set_error (&error, HGR_ERROR_LIBVIRT, _ ("The host does not report guest events."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  infos = list_guests (data->conn, &error);
  if (infos == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->infos = g_steal_pointer (&infos);
  g_task_return_boolean (task, TRUE);
}

static void
connect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  HgrHost     *self = g_task_get_source_object (task);
  ConnectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (data->link->generation != self->generation)
    {
      /* Disconnected meanwhile; the data closes what it opened. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Connecting was cancelled."));
      return;
    }
  g_clear_object (&self->connect_cancellable);
  stop_connect_timers (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      g_clear_pointer (&self->pending, g_array_unref);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->timed_out)
        {
          g_clear_error (&error);
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       ngettext ("The host did not answer within %u second. Check that it is on and reachable, then try again.",
                                 "The host did not answer within %u seconds. Check that it is on and reachable, then try again.",
                                 self->connect_timeout),
                       self->connect_timeout);
        }
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The user gave up: no more tries, and no stale guests. */
          self->generation++;
          set_reconnecting (self, FALSE);
          clear_guests (self);
          set_status (self, HGR_HOST_STATUS_DISCONNECTED, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (self->reconnecting)
        schedule_reconnect (self, error->message);
      else
        {
          /* Translators: %s is libvirt's own explanation */
          message = g_strdup_printf (_ ("Could not connect: %s"), error->message);
          if (strstr (error->message, "Host key verification failed") != NULL)
            {
              g_autofree char *explained = g_strdup_printf (
                "%s\n%s", message,
                _ ("This computer does not know the host’s SSH key, so Hangar did not trust it. Check the key by connecting once with “ssh” in a terminal, then try again."));

              g_free (message);
              message = g_steal_pointer (&explained);
            }
          set_status (self, HGR_HOST_STATUS_FAILED, message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  set_reconnecting (self, FALSE);

  self->conn = g_steal_pointer (&data->conn);
  self->link = g_steal_pointer (&data->link);
  self->lifecycle_id = data->lifecycle_id;
  self->close_registered = data->close_registered;
  apply_listing (self, data->infos);
  set_status (self, HGR_HOST_STATUS_CONNECTED, NULL);
  replay_pending (self);
  g_task_return_boolean (task, TRUE);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  HgrHost *self = user_data;

  self->timeout_id = 0;
  self->timed_out = TRUE;
  g_cancellable_cancel (self->connect_cancellable);
  return G_SOURCE_REMOVE;
}

/**
 * hgr_host_connect_async:
 * @self: a host
 * @cancellable: (nullable): cancels the attempt; a late connection is closed
 * @callback: called on the main thread when connected or failed
 * @user_data: for @callback
 *
 * Opens the connection in a worker thread, subscribes to its domain events and
 * lists its guests. The host's status and error message follow the attempt,
 * which fails with %G_IO_ERROR_TIMED_OUT when the host does not answer within
 * HgrHost:connect-timeout (a host that answers may take longer to list). A
 * host that is connected or connecting already completes at once; a host
 * waiting to reconnect tries now.
 */
void
hgr_host_connect_async (HgrHost            *self,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GTask) worker = NULL;
  ConnectData *data;

  g_return_if_fail (HGR_IS_HOST (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, hgr_host_connect_async);

  if (self->status == HGR_HOST_STATUS_CONNECTED || self->status == HGR_HOST_STATUS_CONNECTING)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* A try of our own, or "Reconnect now": either way, no timer is left. */
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->generation++;
  self->timed_out = FALSE;
  g_clear_object (&self->connect_cancellable);
  self->connect_cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->caller_cancellable = g_object_ref (cancellable);
      self->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                                                         g_object_ref (self->connect_cancellable), g_object_unref);
    }
  if (self->connect_timeout > 0)
    self->timeout_id = g_timeout_add (self->connect_timeout * 1000, connect_timeout_cb, self);
  self->pending = g_array_new (FALSE, FALSE, sizeof (PendingEvent));
  g_array_set_clear_func (self->pending, pending_event_clear);
  /* Guests of a lost connection stay, stale, until the new list replaces them. */
  set_status (self, HGR_HOST_STATUS_CONNECTING, NULL);

  data = g_new0 (ConnectData, 1);
  data->uri = g_strdup (self->uri);
  data->display_name = g_strdup (self->display_name);
  data->cancellable = g_object_ref (self->connect_cancellable);
  data->link = event_link_new (self);
  data->lifecycle_id = -1;

  /* NULL source (see STYLE: the thread drops the worker last); connect_cb
   * applies the result to self and then returns @task. An attempt cancelled
   * while libvirt is still opening returns at once, and the late connection is
   * closed when the worker's data is freed. */
  worker = g_task_new (NULL, self->connect_cancellable, connect_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, data, (GDestroyNotify) connect_data_free);
  g_task_set_return_on_cancel (worker, TRUE);
  g_task_run_in_thread (worker, connect_thread);
}

gboolean
hgr_host_connect_finish (HgrHost      *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * hgr_host_cancel_connect:
 * @self: a host
 *
 * Stops waiting for a connection attempt under way; the host goes back to
 * disconnected at once.
 */
void
hgr_host_cancel_connect (HgrHost *self)
{
  g_return_if_fail (HGR_IS_HOST (self));

  if (self->status != HGR_HOST_STATUS_CONNECTING)
    return;
  g_cancellable_cancel (self->connect_cancellable);
}

static void
disconnect (HgrHost *self,
            HgrHost *owner)
{
  self->generation++;
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  stop_connect_timers (self);
  set_reconnecting (self, FALSE);
  g_clear_pointer (&self->pending, g_array_unref);
  if (self->conn != NULL)
    close_in_thread (owner, g_steal_pointer (&self->conn), g_steal_pointer (&self->link), self->lifecycle_id,
                     self->close_registered);
  clear_guests (self);
  set_status (self, HGR_HOST_STATUS_DISCONNECTED, NULL);
}

/**
 * hgr_host_disconnect:
 * @self: a host
 *
 * Drops the connection and the guest list at once, or stops an attempt under
 * way. The connection itself is closed in a worker thread; HgrHost:closing
 * says when that is done.
 */
void
hgr_host_disconnect (HgrHost *self)
{
  g_return_if_fail (HGR_IS_HOST (self));

  disconnect (self, self);
}

/* Runs in a worker thread. */
static void
fetch_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData    *data = task_data;
  GError       *error = NULL;
  HgrGuestInfo *info = hgr_guest_info_fetch (data->domain, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) hgr_guest_info_free);
}

static void
fetch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (HgrHost) self = user_data;
  FetchData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr (HgrGuestInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  FetchState state;
  HgrGuest  *guest;

  info = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->generation != self->generation)
    return;
  state = GPOINTER_TO_INT (g_hash_table_lookup (self->fetching, data->uuid));
  g_hash_table_remove (self->fetching, data->uuid);
  if (info == NULL || state == FETCH_DROPPED)
    {
      /* Gone before we could read it: nothing to show. */
      if (error != NULL)
        g_debug ("%s: guest %s: %s", self->uri, data->uuid, error->message);
      return;
    }

  guest = g_hash_table_lookup (self->by_uuid, info->uuid);
  if (guest != NULL)
    hgr_guest_apply_info (guest, info);
  else
    add_guest (self, info);
}

/* Reads one guest anew in a worker, then adds or updates it. */
static void
fetch_guest (HgrHost     *self,
             virDomainPtr domain)
{
  g_autoptr (GTask) task = NULL;
  FetchData *data = g_new0 (FetchData, 1);

  virDomainRef (domain);
  data->domain = domain;
  data->generation = self->generation;
  virDomainGetUUIDString (domain, data->uuid);
  g_hash_table_insert (self->fetching, g_strdup (data->uuid), GINT_TO_POINTER (FETCH_WANTED));

  task = g_task_new (NULL, NULL, fetch_cb, g_object_ref (self));
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_thread);
}

/* Applies one lifecycle event on the main thread. The state follows from the
 * event itself; only guests we have not seen, or whose definition changed, are
 * read anew. */
static void
apply_event (HgrHost     *self,
             virDomainPtr domain,
             int          event,
             int          detail)
{
  char      uuid[VIR_UUID_STRING_BUFLEN];
  HgrGuest *guest;

  virDomainGetUUIDString (domain, uuid);
  guest = g_hash_table_lookup (self->by_uuid, uuid);
  g_debug ("%s: event %d/%d for %s", self->uri, event, detail, virDomainGetName (domain));

  switch ((virDomainEventType) event)
    {
    case VIR_DOMAIN_EVENT_DEFINED:
      fetch_guest (self, domain);
      break;

    case VIR_DOMAIN_EVENT_UNDEFINED:
      if (g_hash_table_contains (self->fetching, uuid))
        g_hash_table_insert (self->fetching, g_strdup (uuid), GINT_TO_POINTER (FETCH_DROPPED));
      if (guest == NULL)
        break;
      if (hgr_guest_get_active (guest))
        hgr_guest_set_persistent (guest, FALSE);
      else
        remove_guest (self, guest);
      break;

    case VIR_DOMAIN_EVENT_STARTED:
      if (guest == NULL)
        fetch_guest (self, domain);
      else
        hgr_guest_set_state (guest, HGR_GUEST_STATE_RUNNING);
      break;

    case VIR_DOMAIN_EVENT_SUSPENDED:
      if (guest != NULL)
        hgr_guest_set_state (guest, HGR_GUEST_STATE_PAUSED);
      break;

    case VIR_DOMAIN_EVENT_RESUMED:
      if (guest != NULL)
        hgr_guest_set_state (guest, HGR_GUEST_STATE_RUNNING);
      break;

    case VIR_DOMAIN_EVENT_STOPPED:
      if (guest == NULL)
        break;
      if (!hgr_guest_get_persistent (guest))
        {
          /* A transient guest ends with its process. */
          if (g_hash_table_contains (self->fetching, uuid))
            g_hash_table_insert (self->fetching, g_strdup (uuid), GINT_TO_POINTER (FETCH_DROPPED));
          remove_guest (self, guest);
        }
      else if (detail == VIR_DOMAIN_EVENT_STOPPED_SAVED)
        fetch_guest (self, domain); /* managed save, or a save to a file: ask */
      else
        hgr_guest_set_state (guest, HGR_GUEST_STATE_SHUT_OFF);
      break;

    case VIR_DOMAIN_EVENT_SHUTDOWN:
      /* The guest is shutting down; STOPPED follows when it is off. */
      if (guest != NULL && detail == VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED)
        hgr_guest_set_state (guest, HGR_GUEST_STATE_SHUTTING_DOWN);
      break;

    case VIR_DOMAIN_EVENT_PMSUSPENDED:
      if (guest != NULL)
        hgr_guest_set_state (guest, HGR_GUEST_STATE_SUSPENDED);
      break;

    case VIR_DOMAIN_EVENT_CRASHED:
      if (guest != NULL)
        hgr_guest_set_state (guest, HGR_GUEST_STATE_CRASHED);
      break;

    default:
      break;
    }
}

/**
 * hgr_host_get_connection:
 * @self: a host
 *
 * For tests that act on the host behind Hangar's back.
 *
 * Returns: (transfer none) (nullable): the open connection
 */
virConnectPtr
hgr_host_get_connection (HgrHost *self)
{
  return self->conn;
}

static void
hgr_host_dispose (GObject *object)
{
  HgrHost *self = HGR_HOST (object);

  /* Nothing may hold a reference to self from here on. */
  if (self->conn != NULL || self->connect_cancellable != NULL || self->reconnect_id != 0)
    disconnect (self, NULL);

  G_OBJECT_CLASS (hgr_host_parent_class)->dispose (object);
}

static void
hgr_host_finalize (GObject *object)
{
  HgrHost *self = HGR_HOST (object);

  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->fetching, g_hash_table_unref);
  g_clear_object (&self->guests);
  g_free (self->uri);
  g_free (self->display_name);
  g_free (self->error_message);

  G_OBJECT_CLASS (hgr_host_parent_class)->finalize (object);
}

static void
hgr_host_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  HgrHost *self = HGR_HOST (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_REMOTE:
      g_value_set_boolean (value, hgr_host_get_remote (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_GUESTS:
      g_value_set_object (value, self->guests);
      break;
    case PROP_AUTOCONNECT:
      g_value_set_boolean (value, self->autoconnect);
      break;
    case PROP_CLOSING:
      g_value_set_boolean (value, self->n_closing > 0);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_RECONNECTING:
      g_value_set_boolean (value, self->reconnecting);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  HgrHost *self = HGR_HOST (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      self->display_name = hgr_uri_dup_display_name (self->uri);
      break;
    case PROP_AUTOCONNECT:
      hgr_host_set_autoconnect (self, g_value_get_boolean (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      hgr_host_set_connect_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_class_init (HgrHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = hgr_host_dispose;
  object_class->finalize = hgr_host_finalize;
  object_class->get_property = hgr_host_get_property;
  object_class->set_property = hgr_host_set_property;

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, ro);
  properties[PROP_REMOTE] = g_param_spec_boolean ("remote", NULL, NULL, FALSE, ro);
  properties[PROP_STATUS] = g_param_spec_enum ("status", NULL, NULL, HGR_TYPE_HOST_STATUS,
                                               HGR_HOST_STATUS_DISCONNECTED, ro);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, ro);
  properties[PROP_GUESTS] = g_param_spec_object ("guests", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties[PROP_AUTOCONNECT] = g_param_spec_boolean ("autoconnect", NULL, NULL, FALSE,
                                                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSING] = g_param_spec_boolean ("closing", NULL, NULL, FALSE, ro);
  properties[PROP_CONNECT_TIMEOUT] = g_param_spec_uint ("connect-timeout", NULL, NULL, 0, 3600, 30,
                                                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECONNECTING] = g_param_spec_boolean ("reconnecting", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrHost::credential-requested:
   * @self: the host
   * @request: what its connection asks
   *
   * Emitted on the main thread when opening the connection needs an answer of
   * the user: a user name, password, key passphrase, or whether to trust an
   * unknown SSH host key. Answer or cancel @request; while nobody is connected
   * to this signal, every such question is declined.
   */
  signals[CREDENTIAL_REQUESTED] = g_signal_new ("credential-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                NULL, NULL, NULL, G_TYPE_NONE, 1, HGR_TYPE_CREDENTIAL_REQUEST);

  hgr_libvirt_init ();
}

static void
hgr_host_init (HgrHost *self)
{
  self->guests = g_list_store_new (HGR_TYPE_GUEST);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->fetching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->lifecycle_id = -1;
  self->connect_timeout = 30;
}

/**
 * hgr_host_new:
 * @uri: a libvirt URI
 *
 * Returns: (transfer full): a disconnected host for @uri
 */
HgrHost *
hgr_host_new (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (HGR_TYPE_HOST, "uri", uri, NULL);
}

const char *
hgr_host_get_uri (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  return self->uri;
}

const char *
hgr_host_get_display_name (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  return self->display_name;
}

gboolean
hgr_host_get_remote (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), FALSE);

  return hgr_uri_is_remote (self->uri);
}

HgrHostStatus
hgr_host_get_status (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), HGR_HOST_STATUS_DISCONNECTED);

  return self->status;
}

/**
 * hgr_host_get_error_message:
 * @self: a host
 *
 * Returns: (nullable): why the host failed, for the user
 */
const char *
hgr_host_get_error_message (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  return self->error_message;
}

/**
 * hgr_host_dup_status_label:
 * @self: a host
 *
 * Returns: (transfer full): one line for the user on the host's connection,
 *   such as "Connected · 3 guests", or why it failed
 */
char *
hgr_host_dup_status_label (HgrHost *self)
{
  guint n;

  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  switch (self->status)
    {
    case HGR_HOST_STATUS_CONNECTING:
      return g_strdup (self->reconnecting ? _ ("Reconnecting…") : _ ("Connecting…"));
    case HGR_HOST_STATUS_CONNECTED:
      n = g_list_model_get_n_items (G_LIST_MODEL (self->guests));
      if (n == 0)
        return g_strdup (_ ("Connected · no guests"));
      return g_strdup_printf (ngettext ("Connected · %u guest", "Connected · %u guests", n), n);
    case HGR_HOST_STATUS_FAILED:
      return g_strdup (self->error_message);
    case HGR_HOST_STATUS_DISCONNECTED:
    default:
      if (self->reconnecting)
        /* Translators: %s is why the host was disconnected; libvirt's text may lack a final period */
        return g_strdup_printf (_ ("%s · Reconnecting by itself…"), self->error_message);
      return g_strdup (_ ("Not connected"));
    }
}

/**
 * hgr_host_get_closing:
 * @self: a host
 *
 * Returns: whether a connection this host dropped is still being closed
 */
gboolean
hgr_host_get_closing (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), FALSE);

  return self->n_closing > 0;
}

/**
 * hgr_host_get_guests:
 * @self: a host
 *
 * Returns: (transfer none): the host's guests, a #GListModel of #HgrGuest
 */
GListModel *
hgr_host_get_guests (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  return G_LIST_MODEL (self->guests);
}

/**
 * hgr_host_lookup_guest:
 * @self: a host
 * @uuid: a guest's UUID
 *
 * Returns: (transfer none) (nullable): the guest
 */
HgrGuest *
hgr_host_lookup_guest (HgrHost    *self,
                       const char *uuid)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  return g_hash_table_lookup (self->by_uuid, uuid);
}

gboolean
hgr_host_get_autoconnect (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), FALSE);

  return self->autoconnect;
}

void
hgr_host_set_autoconnect (HgrHost *self,
                          gboolean autoconnect)
{
  g_return_if_fail (HGR_IS_HOST (self));

  autoconnect = !!autoconnect;
  if (self->autoconnect == autoconnect)
    return;
  self->autoconnect = autoconnect;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOCONNECT]);
}

/**
 * hgr_host_get_connect_timeout:
 * @self: a host
 *
 * Returns: how many seconds a connection attempt may take, 0 for no limit
 */
guint
hgr_host_get_connect_timeout (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), 0);

  return self->connect_timeout;
}

void
hgr_host_set_connect_timeout (HgrHost *self,
                              guint    seconds)
{
  g_return_if_fail (HGR_IS_HOST (self));

  if (self->connect_timeout == seconds)
    return;
  self->connect_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

/**
 * hgr_host_get_reconnecting:
 * @self: a host
 *
 * Returns: whether the host lost its connection and is getting it back by
 *   itself; its guests are kept, stale, meanwhile
 */
gboolean
hgr_host_get_reconnecting (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), FALSE);

  return self->reconnecting;
}
