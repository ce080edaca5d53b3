/* hgr-host.c — one libvirt connection and the live list of its guests
 *
 * Opening, listing and closing run in worker threads. The list is read in bulk
 * (three listing calls and one stats call, whatever the number of guests) and
 * then kept live by libvirt's domain lifecycle events, which arrive on the main
 * thread (hgr_libvirt_init() runs libvirt's event loop on GLib's). Nothing polls.
 * This file has the object and its properties; the struct and the other files
 * of the type are named in hgr-host-private.h.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host"

#include "config.h"

#include "hgr-host.h"

#include <glib/gi18n.h>

#include "hgr-enum-types.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-uri.h"
#include "hgr-util.h"

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

void
hgr_host_set_status (HgrHost      *self,
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

/* The connection was lost: the host tries again by itself until it is back. */
void
hgr_host_set_reconnecting (HgrHost *self,
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

/* HgrHost:closing is TRUE while connections this host handed over are closing. */
void
hgr_host_closing_begin (HgrHost *self)
{
  if (self->n_closing++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSING]);
}

void
hgr_host_closing_end (HgrHost *self)
{
  if (--self->n_closing == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSING]);
}

/* Asks the UI a question of libvirt's; FALSE when nobody listens, so nobody
 * can answer. */
gboolean
hgr_host_emit_credential_request (HgrHost              *self,
                                  HgrCredentialRequest *request)
{
  if (!g_signal_has_handler_pending (self, signals[CREDENTIAL_REQUESTED], 0, FALSE))
    return FALSE;
  /* The host answers, it asks a question: the timeout is for silent hosts. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_signal_emit (self, signals[CREDENTIAL_REQUESTED], 0, request);
  return TRUE;
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
    hgr_host_drop_connection (self, NULL);

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
  g_clear_object (&self->stats);
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
  self->fetching = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
 * hgr_host_get_stats:
 * @self: a host
 *
 * Returns: (transfer none): the host's live load, made on first use;
 *   without figures until an HgrStatsSampler of the host fills it
 */
HgrHostStats *
hgr_host_get_stats (HgrHost *self)
{
  g_return_val_if_fail (HGR_IS_HOST (self), NULL);

  if (self->stats == NULL)
    self->stats = hgr_host_stats_new ();
  return self->stats;
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
