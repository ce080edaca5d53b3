/* hgr-host-store.c — the hosts Hangar shows, and which of them are saved in GSettings
 *
 * Hosts opened with --connect are shown but never saved. Saved hosts are written
 * back, in order with their autoconnect flag, on every change.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-host-store"

#include "config.h"

#include "hgr-host-store.h"

struct _HgrHostStore
{
  GObject parent_instance;

  GSettings  *settings; /* nullable: nothing is saved */
  GListStore *hosts;
  GHashTable *saved; /* HgrHost* set */
};

G_DEFINE_FINAL_TYPE (HgrHostStore, hgr_host_store, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
save (HgrHostStore *self)
{
  GVariantBuilder builder;
  guint           n = g_list_model_get_n_items (G_LIST_MODEL (self->hosts));

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sb)"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      if (g_hash_table_contains (self->saved, host))
        g_variant_builder_add (&builder, "(sb)", hgr_host_get_uri (host), hgr_host_get_autoconnect (host));
    }
  g_settings_set_value (self->settings, "connections", g_variant_builder_end (&builder));
}

static void
host_autoconnect_changed_cb (HgrHost      *host,
                             GParamSpec   *pspec,
                             HgrHostStore *self)
{
  if (g_hash_table_contains (self->saved, host))
    save (self);
}

static HgrHost *
new_host (HgrHostStore *self,
          const char   *uri,
          gboolean      autoconnect)
{
  HgrHost *host = hgr_host_new (uri);

  hgr_host_set_autoconnect (host, autoconnect);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "connect-timeout", host, "connect-timeout", G_SETTINGS_BIND_GET);
  g_signal_connect_object (host, "notify::autoconnect", G_CALLBACK (host_autoconnect_changed_cb), self, 0);
  return host;
}

static void
hgr_host_store_dispose (GObject *object)
{
  HgrHostStore *self = HGR_HOST_STORE (object);
  guint         n = self->hosts != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->hosts)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      g_signal_handlers_disconnect_by_data (host, self);
      hgr_host_disconnect (host);
    }
  g_clear_object (&self->hosts);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->saved, g_hash_table_unref);

  G_OBJECT_CLASS (hgr_host_store_parent_class)->dispose (object);
}

static void
hgr_host_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HgrHostStore *self = HGR_HOST_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HgrHostStore *self = HGR_HOST_STORE (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_host_store_class_init (HgrHostStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_host_store_dispose;
  object_class->get_property = hgr_host_store_get_property;
  object_class->set_property = hgr_host_store_set_property;

  properties[PROP_SETTINGS] = g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                                                   G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_host_store_init (HgrHostStore *self)
{
  self->hosts = g_list_store_new (HGR_TYPE_HOST);
  self->saved = g_hash_table_new (NULL, NULL);
}

/**
 * hgr_host_store_new:
 * @settings: (nullable): Hangar's settings, or %NULL to save nothing
 *
 * Returns: (transfer full): an empty store; call hgr_host_store_load() to read
 *   the saved hosts
 */
HgrHostStore *
hgr_host_store_new (GSettings *settings)
{
  return g_object_new (HGR_TYPE_HOST_STORE, "settings", settings, NULL);
}

/**
 * hgr_host_store_get_hosts:
 * @self: a store
 *
 * Returns: (transfer none): a #GListModel of #HgrHost
 */
GListModel *
hgr_host_store_get_hosts (HgrHostStore *self)
{
  g_return_val_if_fail (HGR_IS_HOST_STORE (self), NULL);

  return G_LIST_MODEL (self->hosts);
}

/**
 * hgr_host_store_lookup:
 * @self: a store
 * @uri: a libvirt URI
 *
 * Returns: (transfer none) (nullable): the host for @uri
 */
HgrHost *
hgr_host_store_lookup (HgrHostStore *self,
                       const char   *uri)
{
  guint n;

  g_return_val_if_fail (HGR_IS_HOST_STORE (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->hosts));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (HgrHost) host = g_list_model_get_item (G_LIST_MODEL (self->hosts), i);

      if (g_str_equal (hgr_host_get_uri (host), uri))
        return host;
    }
  return NULL;
}

/**
 * hgr_host_store_add:
 * @self: a store
 * @uri: a libvirt URI, already validated
 * @autoconnect: whether to connect at start-up (saved hosts)
 * @save: whether to keep the host for later runs
 *
 * Returns: (transfer none): the new host, or the one already shown for @uri
 */
HgrHost *
hgr_host_store_add (HgrHostStore *self,
                    const char   *uri,
                    gboolean      autoconnect,
                    gboolean      save_host)
{
  g_autoptr (HgrHost) host = NULL;
  HgrHost *existing;

  g_return_val_if_fail (HGR_IS_HOST_STORE (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  existing = hgr_host_store_lookup (self, uri);
  if (existing != NULL)
    return existing;

  host = new_host (self, uri, autoconnect);
  if (save_host)
    g_hash_table_add (self->saved, host);
  g_list_store_append (self->hosts, host);
  if (save_host)
    save (self);
  return host;
}

/**
 * hgr_host_store_replace:
 * @self: a store
 * @host: one of its hosts
 * @uri: the URI it gets instead, already validated
 * @autoconnect: whether to connect at start-up
 *
 * Changes a host as edited: with the same URI only its autoconnect flag
 * changes; with another, a new host takes its place (and its saved place).
 *
 * Returns: (transfer none): the host now at that place
 */
HgrHost *
hgr_host_store_replace (HgrHostStore *self,
                        HgrHost      *host,
                        const char   *uri,
                        gboolean      autoconnect)
{
  g_autoptr (HgrHost) replacement = NULL;
  gboolean saved;
  guint    position;

  g_return_val_if_fail (HGR_IS_HOST_STORE (self), NULL);
  g_return_val_if_fail (HGR_IS_HOST (host), NULL);

  if (g_str_equal (hgr_host_get_uri (host), uri))
    {
      hgr_host_set_autoconnect (host, autoconnect);
      return host;
    }
  if (!g_list_store_find (self->hosts, host, &position))
    return NULL;

  saved = g_hash_table_contains (self->saved, host);
  replacement = new_host (self, uri, autoconnect);
  if (saved)
    g_hash_table_add (self->saved, replacement);
  g_signal_handlers_disconnect_by_data (host, self);
  hgr_host_disconnect (host);
  g_hash_table_remove (self->saved, host);
  g_list_store_splice (self->hosts, position, 1, (gpointer *) &replacement, 1);
  save (self);
  return replacement;
}

/**
 * hgr_host_store_remove:
 * @self: a store
 * @host: one of its hosts
 *
 * Disconnects @host and forgets it, also in the saved settings.
 */
void
hgr_host_store_remove (HgrHostStore *self,
                       HgrHost      *host)
{
  guint    position;
  gboolean was_saved;

  g_return_if_fail (HGR_IS_HOST_STORE (self));
  g_return_if_fail (HGR_IS_HOST (host));

  if (!g_list_store_find (self->hosts, host, &position))
    return;
  g_signal_handlers_disconnect_by_data (host, self);
  hgr_host_disconnect (host);
  was_saved = g_hash_table_remove (self->saved, host);
  g_list_store_remove (self->hosts, position);
  if (was_saved)
    save (self);
}

gboolean
hgr_host_store_is_saved (HgrHostStore *self,
                         HgrHost      *host)
{
  g_return_val_if_fail (HGR_IS_HOST_STORE (self), FALSE);

  return g_hash_table_contains (self->saved, host);
}

/**
 * hgr_host_store_load:
 * @self: a store
 *
 * Adds the saved hosts, in their saved order.
 */
void
hgr_host_store_load (HgrHostStore *self)
{
  g_autoptr (GVariant) connections = NULL;
  GVariantIter iter;
  const char  *uri;
  gboolean     autoconnect;

  g_return_if_fail (HGR_IS_HOST_STORE (self));

  if (self->settings == NULL)
    return;
  connections = g_settings_get_value (self->settings, "connections");
  g_variant_iter_init (&iter, connections);
  while (g_variant_iter_next (&iter, "(&sb)", &uri, &autoconnect))
    hgr_host_store_add (self, uri, autoconnect, TRUE);
}

/**
 * hgr_host_store_add_defaults:
 * @self: a store
 * @system_socket: path of the system libvirt daemon's socket
 *
 * On the very first start with nothing saved, adds this computer's hypervisor:
 * the system one if its daemon's socket exists, else the user session. Once
 * done it is never done again, so a user who removes it is respected.
 */
void
hgr_host_store_add_defaults (HgrHostStore *self,
                             const char   *system_socket)
{
  const char *uri;

  g_return_if_fail (HGR_IS_HOST_STORE (self));

  if (self->settings == NULL || g_settings_get_boolean (self->settings, "defaults-added"))
    return;
  g_settings_set_boolean (self->settings, "defaults-added", TRUE);
  if (g_hash_table_size (self->saved) > 0)
    return;

  uri = g_file_test (system_socket, G_FILE_TEST_EXISTS) ? "qemu:///system" : "qemu:///session";
  hgr_host_store_add (self, uri, TRUE, TRUE);
}
