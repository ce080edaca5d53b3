/* hgr-host-events.c — HgrHost's libvirt callbacks: guest lifecycle events and a lost connection
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include <glib/gi18n.h>

#include "hgr-host-private.h"
#include "hgr-host.h"

static void apply_event (HgrHost     *self,
                         virDomainPtr domain,
                         int          event,
                         int          detail);

EventLink *
hgr_host_event_link_new (HgrHost *self)
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

void
hgr_host_event_link_release (void *data)
{
  g_atomic_rc_box_release_full (data, event_link_clear);
}

/* Returns the host if the link belongs to its current connection. */
HgrHost *
hgr_host_event_link_get_host (EventLink *link)
{
  HgrHost *self = g_weak_ref_get (&link->host);

  if (self != NULL && self->generation != link->generation)
    g_clear_object (&self);
  return self;
}

void
hgr_host_pending_event_clear (gpointer data)
{
  PendingEvent *pending = data;

  virDomainFree (pending->domain);
}

void
hgr_host_replay_pending (HgrHost *self)
{
  g_autoptr (GArray) pending = g_steal_pointer (&self->pending);

  for (guint i = 0; pending != NULL && i < pending->len; i++)
    {
      PendingEvent *event = &g_array_index (pending, PendingEvent, i);

      apply_event (self, event->domain, event->event, event->detail);
    }
}

int
hgr_host_lifecycle_cb (virConnectPtr conn,
                       virDomainPtr  domain,
                       int           event,
                       int           detail,
                       void         *opaque)
{
  g_autoptr (HgrHost) self = hgr_host_event_link_get_host (opaque);

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

void
hgr_host_closed_cb (virConnectPtr conn,
                    int           reason,
                    void         *opaque)
{
  g_autoptr (HgrHost) self = hgr_host_event_link_get_host (opaque);
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
    hgr_host_close_in_thread (self, g_steal_pointer (&self->conn), g_steal_pointer (&self->link), self->lifecycle_id,
                              self->close_registered);
  hgr_host_schedule_reconnect (self, message);
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
      hgr_host_fetch_guest (self, domain);
      if (guest != NULL)
        hgr_guest_emit_config_changed (guest);
      break;

    case VIR_DOMAIN_EVENT_UNDEFINED:
      hgr_host_drop_fetch (self, uuid);
      if (guest == NULL)
        break;
      if (hgr_guest_get_active (guest))
        hgr_guest_set_persistent (guest, FALSE);
      else
        hgr_host_remove_guest (self, guest);
      break;

    case VIR_DOMAIN_EVENT_STARTED:
      if (guest == NULL)
        hgr_host_fetch_guest (self, domain);
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
          hgr_host_drop_fetch (self, uuid);
          hgr_host_remove_guest (self, guest);
        }
      else if (detail == VIR_DOMAIN_EVENT_STOPPED_SAVED)
        hgr_host_fetch_guest (self, domain); /* managed save, or a save to a file: ask */
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
