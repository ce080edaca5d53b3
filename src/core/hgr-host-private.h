/* hgr-host-private.h — HgrHost inside core: its struct (shared by its files) and what the tests need
 *
 * HgrHost is one type in several files: hgr-host.c (the object and its
 * properties), hgr-host-connect.c (opening with a timeout, closing,
 * reconnecting with backoff), hgr-host-auth.c (libvirt's credential
 * questions to the UI), hgr-host-guests.c (the guest list: bulk listing,
 * single reads, watching the guests) and hgr-host-events.c (libvirt's
 * lifecycle and close callbacks).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "hgr-credential-request.h"
#include "hgr-guest-private.h"
#include "hgr-host.h"

G_BEGIN_DECLS

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
  GHashTable *by_uuid;      /* uuid → HgrGuest (borrowed from @guests) */
  GHashTable *fetching;     /* uuid → FetchEntry: single-guest reads under way */
  guint       fetch_serial; /* the last FetchEntry.latest handed out */
  GArray     *pending;      /* PendingEvent while listing; NULL otherwise */

  HgrHostStats *stats; /* made on first use */
};

/* The reads of one guest under way. Workers may finish in any order: only
 * the newest read applies, and none once the guest is gone. */
typedef struct
{
  guint    latest;    /* serial of the newest read */
  guint    in_flight; /* reads not yet applied */
  gboolean dropped;   /* the guest went away after the newest read began */
} FetchEntry;

/* Worker data of the connect job (and of a connection handed over to be closed). */
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

/* Backoff of automatic reconnection: 1, 2, 4 … 60 seconds. */
#define HGR_HOST_RECONNECT_DELAY_MAX 60

/* hgr-host.c: the setters that notify */
void     hgr_host_set_status (HgrHost      *self,
                              HgrHostStatus status,
                              const char   *error_message);
void     hgr_host_set_reconnecting (HgrHost *self,
                                    gboolean reconnecting);
void     hgr_host_closing_begin (HgrHost *self);
void     hgr_host_closing_end (HgrHost *self);
gboolean hgr_host_emit_credential_request (HgrHost              *self,
                                           HgrCredentialRequest *request);

/* hgr-host-connect.c */
void hgr_host_close_in_thread (HgrHost      *owner,
                               virConnectPtr conn,
                               EventLink    *link,
                               int           lifecycle_id,
                               gboolean      close_registered);
void hgr_host_schedule_reconnect (HgrHost    *self,
                                  const char *reason);
void hgr_host_drop_connection (HgrHost *self,
                               HgrHost *owner);

/* hgr-host-auth.c (runs in the connect worker) */
int hgr_host_auth_cb (virConnectCredentialPtr creds,
                      unsigned int            ncreds,
                      void                   *cbdata);

/* hgr-host-guests.c */
GPtrArray *hgr_host_list_guests (virConnectPtr conn,
                                 GError      **error);
void       hgr_host_apply_listing (HgrHost   *self,
                                   GPtrArray *infos);
void       hgr_host_clear_guests (HgrHost *self);
void       hgr_host_remove_guest (HgrHost  *self,
                                  HgrGuest *guest);
void       hgr_host_drop_fetch (HgrHost    *self,
                                const char *uuid);
void       hgr_host_fetch_guest (HgrHost     *self,
                                 virDomainPtr domain);

/* hgr-host-events.c */
EventLink *hgr_host_event_link_new (HgrHost *self);
void       hgr_host_event_link_release (void *data);
HgrHost   *hgr_host_event_link_get_host (EventLink *link);
int        hgr_host_lifecycle_cb (virConnectPtr conn,
                                  virDomainPtr  domain,
                                  int           event,
                                  int           detail,
                                  void         *opaque);
void       hgr_host_closed_cb (virConnectPtr conn,
                               int           reason,
                               void         *opaque);
void       hgr_host_pending_event_clear (gpointer data);
void       hgr_host_replay_pending (HgrHost *self);

/* For the tests */
virConnectPtr hgr_host_get_connection (HgrHost *self);

G_END_DECLS
