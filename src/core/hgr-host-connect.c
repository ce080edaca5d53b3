/* hgr-host-connect.c — HgrHost's connection: opening with a timeout, closing in a worker, reconnecting with backoff
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-error.h"
#include "hgr-host-private.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

/* Runs in a worker thread. */
static gboolean
close_connection_thread (gpointer      task_data,
                         GCancellable *cancellable,
                         GError      **error)
{
  ConnectData *data = task_data;

  if (data->lifecycle_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
  if (data->close_registered)
    virConnectUnregisterCloseCallback (data->conn, hgr_host_closed_cb);
  virConnectClose (data->conn);
  data->conn = NULL;
  g_clear_pointer (&data->link, hgr_host_event_link_release);
  return TRUE;
}

static void
close_apply (GTask   *task,
             gpointer task_data,
             GError  *error)
{
  HgrHost *owner = g_task_get_source_object (task);

  if (owner != NULL)
    hgr_host_closing_end (owner);
  hgr_task_return (task, error);
}

/* Closing a remote connection can block: never on the calling thread. With an
 * @owner, its HgrHost:closing property is TRUE until the close is done. */
void
hgr_host_close_in_thread (HgrHost      *owner,
                          virConnectPtr conn,
                          EventLink    *link,
                          int           lifecycle_id,
                          gboolean      close_registered)
{
  ConnectData *closing = g_new0 (ConnectData, 1);

  closing->conn = conn;
  closing->link = link;
  closing->lifecycle_id = lifecycle_id;
  closing->close_registered = close_registered;
  if (owner != NULL)
    hgr_host_closing_begin (owner);
  hgr_task_run (hgr_task_new (owner, NULL, NULL, NULL, hgr_host_close_in_thread), close_connection_thread, closing,
                g_free, close_apply);
}

static void
connect_data_free (ConnectData *data)
{
  /* A connection nobody took: an attempt that was cancelled or superseded. */
  if (data->conn != NULL)
    {
      hgr_host_close_in_thread (NULL, g_steal_pointer (&data->conn), g_steal_pointer (&data->link),
                                data->lifecycle_id, data->close_registered);
    }
  g_clear_pointer (&data->infos, g_ptr_array_unref);
  g_clear_pointer (&data->link, hgr_host_event_link_release);
  g_clear_object (&data->cancellable);
  g_free (data->display_name);
  g_free (data->uri);
  g_free (data);
}

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
void
hgr_host_schedule_reconnect (HgrHost    *self,
                             const char *reason)
{
  g_autofree char *message = NULL;

  hgr_host_set_reconnecting (self, TRUE);
  self->reconnect_delay = self->reconnect_delay == 0 ? 1 : MIN (self->reconnect_delay * 2, HGR_HOST_RECONNECT_DELAY_MAX);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_id = g_timeout_add_seconds (self->reconnect_delay, reconnect_cb, self);
  /* Translators: %s says why, e.g. "The host closed the connection." */
  message = g_strdup_printf (_ ("Disconnected: %s"), reason);
  hgr_host_set_status (self, HGR_HOST_STATUS_DISCONNECTED, message);
}

/* On the main thread, when the worker opened the connection. */
static gboolean
connection_opened_cb (gpointer user_data)
{
  g_autoptr (HgrHost) self = hgr_host_event_link_get_host (user_data);

  if (self != NULL)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
  return G_SOURCE_REMOVE;
}

/* Runs in a worker thread. */
static gboolean
connect_thread (gpointer      task_data,
                GCancellable *cancellable,
                GError      **error)
{
  ConnectData *data = task_data;

  static int credential_types[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_USERNAME,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_NOECHOPROMPT,
  };
  virConnectAuth auth = { credential_types, G_N_ELEMENTS (credential_types), hgr_host_auth_cb, data };

  data->conn = virConnectOpenAuth (data->uri, &auth, 0);
  if (data->conn == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_UNREACHABLE, _ ("libvirt gave no reason."));
      return FALSE;
    }

  /* The host answers: from here on keepalive watches it, not the timeout. */
  g_idle_add_full (G_PRIORITY_DEFAULT, connection_opened_cb,
                   g_atomic_rc_box_acquire (data->link), hgr_host_event_link_release);

  /* Not every driver has keepalive or close callbacks (the test driver has neither). */
  virConnectSetKeepAlive (data->conn, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT);
  /* Drivers without close callbacks report success and never call a free
   * function, so the link's reference for it stays with the connection. */
  if (virConnectRegisterCloseCallback (data->conn, hgr_host_closed_cb, data->link, NULL) == 0)
    data->close_registered = TRUE;

  g_atomic_rc_box_acquire (data->link);
  data->lifecycle_id = virConnectDomainEventRegisterAny (data->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                                         VIR_DOMAIN_EVENT_CALLBACK (hgr_host_lifecycle_cb),
                                                         data->link, hgr_host_event_link_release);
  if (data->lifecycle_id < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The host does not report guest events."));
      return FALSE;
    }

  data->infos = hgr_host_list_guests (data->conn, error);
  return data->infos != NULL;
}

static void
connect_apply (GTask   *task,
               gpointer task_data,
               GError  *work_error)
{
  HgrHost     *self = g_task_get_source_object (task);
  ConnectData *data = task_data;
  g_autoptr (GError) error = work_error;
  gint64 started;

  if (data->link->generation != self->generation)
    {
      /* Disconnected meanwhile; the data closes what it opened. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _ ("Connecting was cancelled."));
      return;
    }
  g_clear_object (&self->connect_cancellable);
  stop_connect_timers (self);

  if (error != NULL)
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
          hgr_host_set_reconnecting (self, FALSE);
          hgr_host_clear_guests (self);
          hgr_host_set_status (self, HGR_HOST_STATUS_DISCONNECTED, NULL);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (self->reconnecting)
        hgr_host_schedule_reconnect (self, error->message);
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
          hgr_host_set_status (self, HGR_HOST_STATUS_FAILED, message);
        }
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  hgr_host_set_reconnecting (self, FALSE);

  self->conn = g_steal_pointer (&data->conn);
  self->link = g_steal_pointer (&data->link);
  self->lifecycle_id = data->lifecycle_id;
  self->close_registered = data->close_registered;
  started = g_get_monotonic_time ();
  hgr_host_apply_listing (self, data->infos);
  hgr_host_set_status (self, HGR_HOST_STATUS_CONNECTED, NULL);
  hgr_host_replay_pending (self);
  /* for the benchmarks (G_MESSAGES_DEBUG=hgr-perf): what the list's models and views spent on it */
  g_log ("hgr-perf", G_LOG_LEVEL_DEBUG, "host connected: %s: %u guests applied in %.1f ms", self->uri, data->infos->len,
         (g_get_monotonic_time () - started) / 1000.0);
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
  ConnectData *data;

  g_return_if_fail (HGR_IS_HOST (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_host_connect_async);

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
  g_array_set_clear_func (self->pending, hgr_host_pending_event_clear);
  /* Guests of a lost connection stay, stale, until the new list replaces them. */
  hgr_host_set_status (self, HGR_HOST_STATUS_CONNECTING, NULL);

  data = g_new0 (ConnectData, 1);
  data->uri = g_strdup (self->uri);
  data->display_name = g_strdup (self->display_name);
  data->cancellable = g_object_ref (self->connect_cancellable);
  data->link = hgr_host_event_link_new (self);
  data->lifecycle_id = -1;

  /* connect_apply applies the result to self, then returns @task. An attempt
   * cancelled while libvirt is still opening returns at once, and the late
   * connection is closed when the job's data is freed. Paced: a rack of
   * hosts that answer together fills the list one host per frame. */
  hgr_task_run_paced (g_steal_pointer (&task), self->connect_cancellable, TRUE, connect_thread, data,
                      (GDestroyNotify) connect_data_free, connect_apply);
}

gboolean
hgr_host_connect_finish (HgrHost      *self,
                         GAsyncResult *result,
                         GError      **error)
{
  return hgr_task_finish (self, result, hgr_host_connect_async, error);
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

/* Drops the connection, an attempt under way and the guests; with an @owner,
 * its HgrHost:closing says when the connection is closed. */
void
hgr_host_drop_connection (HgrHost *self,
                          HgrHost *owner)
{
  self->generation++;
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);
  g_clear_object (&self->connect_cancellable);
  stop_connect_timers (self);
  hgr_host_set_reconnecting (self, FALSE);
  g_clear_pointer (&self->pending, g_array_unref);
  if (self->conn != NULL)
    hgr_host_close_in_thread (owner, g_steal_pointer (&self->conn), g_steal_pointer (&self->link),
                              self->lifecycle_id, self->close_registered);
  hgr_host_clear_guests (self);
  hgr_host_set_status (self, HGR_HOST_STATUS_DISCONNECTED, NULL);
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

  hgr_host_drop_connection (self, self);
}
