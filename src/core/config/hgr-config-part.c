/* hgr-config-part.c — one piece of a guest's configuration: what it read, what changed, revert
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-part.h"

#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"

typedef struct
{
  char       *key;
  char       *title;
  GHashTable *loaded; /* property name → GValue * as load() left it */
  gboolean    modified;
  gboolean    added;
  gboolean    removed;
  gboolean    pending;
  gboolean    reverting;
} HgrConfigPartPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (HgrConfigPart, hgr_config_part, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_KEY,
  PROP_TITLE,
  PROP_MODIFIED,
  PROP_ADDED,
  PROP_REMOVED,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
value_free (GValue *value)
{
  g_value_unset (value);
  g_free (value);
}

/* The subclass's own read-write properties: the part's values. */
static GParamSpec **
value_properties (HgrConfigPart *self,
                  guint         *n)
{
  guint        n_all;
  GParamSpec **all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);

  *n = 0;
  for (guint i = 0; i < n_all; i++)
    if (all[i]->owner_type != HGR_TYPE_CONFIG_PART && (all[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
        (all[i]->flags & G_PARAM_CONSTRUCT_ONLY) == 0)
      all[(*n)++] = all[i];
  return all;
}

static gboolean
compute_modified (HgrConfigPart *self)
{
  HgrConfigPartPrivate   *priv = hgr_config_part_get_instance_private (self);
  g_autofree GParamSpec **specs = NULL;
  guint                   n;

  if (priv->added || priv->removed)
    return TRUE;
  specs = value_properties (self, &n);
  for (guint i = 0; i < n; i++)
    if (hgr_config_part_changed (self, specs[i]->name))
      return TRUE;
  return FALSE;
}

static void
update_modified (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);
  gboolean              modified = compute_modified (self);

  if (priv->modified == modified)
    return;
  priv->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
hgr_config_part_notify (GObject    *object,
                        GParamSpec *pspec)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (HGR_CONFIG_PART (object));

  if (pspec->owner_type != HGR_TYPE_CONFIG_PART && !priv->reverting && priv->loaded != NULL)
    update_modified (HGR_CONFIG_PART (object));
  if (G_OBJECT_CLASS (hgr_config_part_parent_class)->notify != NULL)
    G_OBJECT_CLASS (hgr_config_part_parent_class)->notify (object, pspec);
}

static void
snapshot (HgrConfigPart *self)
{
  HgrConfigPartPrivate   *priv = hgr_config_part_get_instance_private (self);
  g_autofree GParamSpec **specs = NULL;
  guint                   n;

  g_clear_pointer (&priv->loaded, g_hash_table_unref);
  priv->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) value_free);
  specs = value_properties (self, &n);
  for (guint i = 0; i < n; i++)
    {
      GValue *value = g_new0 (GValue, 1);

      g_value_init (value, specs[i]->value_type);
      g_object_get_property (G_OBJECT (self), specs[i]->name, value);
      g_hash_table_insert (priv->loaded, (gpointer) specs[i]->name, value);
    }
}

static gboolean
hgr_config_part_real_apply_live (HgrConfigPart *self,
                                 xmlNodePtr     domain,
                                 virDomainPtr   guest,
                                 GError       **error)
{
  return TRUE;
}

static gboolean
hgr_config_part_real_same_as_live (HgrConfigPart *self,
                                   HgrConfigPart *live)
{
  g_autofree GParamSpec **specs = NULL;
  guint                   n;

  if (G_OBJECT_TYPE (self) != G_OBJECT_TYPE (live))
    return FALSE;
  specs = value_properties (self, &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) a = G_VALUE_INIT;
      g_auto (GValue) b = G_VALUE_INIT;

      g_value_init (&a, specs[i]->value_type);
      g_value_init (&b, specs[i]->value_type);
      g_object_get_property (G_OBJECT (self), specs[i]->name, &a);
      g_object_get_property (G_OBJECT (live), specs[i]->name, &b);
      if (g_param_values_cmp (specs[i], &a, &b) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
hgr_config_part_finalize (GObject *object)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (HGR_CONFIG_PART (object));

  g_free (priv->key);
  g_free (priv->title);
  g_clear_pointer (&priv->loaded, g_hash_table_unref);
  G_OBJECT_CLASS (hgr_config_part_parent_class)->finalize (object);
}

static void
hgr_config_part_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (HGR_CONFIG_PART (object));

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, priv->key);
      break;
    case PROP_TITLE:
      g_value_set_string (value, priv->title);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, priv->modified);
      break;
    case PROP_ADDED:
      g_value_set_boolean (value, priv->added);
      break;
    case PROP_REMOVED:
      g_value_set_boolean (value, priv->removed);
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, priv->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_config_part_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_REMOVED:
      hgr_config_part_set_removed (HGR_CONFIG_PART (object), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_config_part_class_init (HgrConfigPartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = hgr_config_part_finalize;
  object_class->get_property = hgr_config_part_get_property;
  object_class->set_property = hgr_config_part_set_property;
  object_class->notify = hgr_config_part_notify;
  klass->apply_live = hgr_config_part_real_apply_live;
  klass->same_as_live = hgr_config_part_real_same_as_live;

  /* What finds the part again in a re-read document: "cpu", "disk:vda", "nic:52:54:00:…" */
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A device the user added: not in the document yet. */
  properties[PROP_ADDED] = g_param_spec_boolean ("added", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A device the user removed: apply takes it out. */
  properties[PROP_REMOVED] = g_param_spec_boolean ("removed", NULL, NULL, FALSE,
                                                   G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* In the configuration, not yet in the running guest: takes effect after it shuts down. */
  properties[PROP_PENDING] = g_param_spec_boolean ("pending", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_part_init (HgrConfigPart *self)
{
}

/**
 * hgr_config_part_load:
 * @self: a part
 * @domain: the `<domain>` element
 * @error: why the part could not be read
 *
 * Reads the part's values; they become what revert() goes back to.
 *
 * Returns: whether the part was read
 */
gboolean
hgr_config_part_load (HgrConfigPart *self,
                      xmlNodePtr     domain,
                      GError       **error)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);
  gboolean              ok;

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);

  priv->reverting = TRUE; /* no modified checks while the values come in */
  ok = HGR_CONFIG_PART_GET_CLASS (self)->load (self, domain, error);
  priv->reverting = FALSE;
  if (!ok)
    return FALSE;
  snapshot (self);
  priv->added = FALSE;
  priv->removed = FALSE;
  update_modified (self);
  return TRUE;
}

gboolean
hgr_config_part_validate (HgrConfigPart         *self,
                          xmlNodePtr             domain,
                          const HgrConfigLimits *limits,
                          GError               **error)
{
  HgrConfigPartPrivate        *priv = hgr_config_part_get_instance_private (self);
  static const HgrConfigLimits unknown = { 0 };

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  if (priv->removed)
    return TRUE;
  return HGR_CONFIG_PART_GET_CLASS (self)->validate (self, domain, limits != NULL ? limits : &unknown, error);
}

/* Writes what changed into @domain; does nothing for an unchanged part. */
gboolean
hgr_config_part_apply (HgrConfigPart *self,
                       xmlNodePtr     domain,
                       GError       **error)
{
  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  if (!compute_modified (self))
    return TRUE;
  return HGR_CONFIG_PART_GET_CLASS (self)->apply (self, domain, error);
}

/* Runs in the apply worker, after the define. */
gboolean
hgr_config_part_apply_live (HgrConfigPart *self,
                            xmlNodePtr     domain,
                            virDomainPtr   guest,
                            GError       **error)
{
  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  if (!compute_modified (self))
    return TRUE;
  return HGR_CONFIG_PART_GET_CLASS (self)->apply_live (self, domain, guest, error);
}

/* Runs in the apply worker before the parts are applied; a part without host work does nothing. */
gboolean
hgr_config_part_prepare (HgrConfigPart *self,
                         virDomainPtr   guest,
                         GError       **error)
{
  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  if (!compute_modified (self) || HGR_CONFIG_PART_GET_CLASS (self)->prepare == NULL)
    return TRUE;
  return HGR_CONFIG_PART_GET_CLASS (self)->prepare (self, guest, error);
}

void
hgr_config_part_rollback (HgrConfigPart *self,
                          virDomainPtr   guest)
{
  g_return_if_fail (HGR_IS_CONFIG_PART (self));
  if (HGR_CONFIG_PART_GET_CLASS (self)->rollback != NULL)
    HGR_CONFIG_PART_GET_CLASS (self)->rollback (self, guest);
}

gboolean
hgr_config_part_same_as_live (HgrConfigPart *self,
                              HgrConfigPart *live)
{
  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  return HGR_CONFIG_PART_GET_CLASS (self)->same_as_live (self, live);
}

/* Puts back the values load() read and forgets a removal. */
void
hgr_config_part_revert (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);
  GHashTableIter        iter;
  gpointer              name, value;

  g_return_if_fail (HGR_IS_CONFIG_PART (self));
  if (priv->loaded == NULL)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  priv->reverting = TRUE;
  g_hash_table_iter_init (&iter, priv->loaded);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_object_set_property (G_OBJECT (self), name, value);
  priv->reverting = FALSE;
  hgr_config_part_set_removed (self, FALSE);
  update_modified (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * hgr_config_part_dup:
 * @self: a part
 *
 * A copy with the same loaded and current values, for a worker thread to
 * apply while the page keeps its own.
 *
 * Returns: (transfer full): the copy
 */
HgrConfigPart *
hgr_config_part_dup (HgrConfigPart *self)
{
  HgrConfigPartPrivate   *priv = hgr_config_part_get_instance_private (self);
  HgrConfigPart          *copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  HgrConfigPartPrivate   *copy_priv = hgr_config_part_get_instance_private (copy);
  g_autofree GParamSpec **specs = NULL;
  GHashTableIter          iter;
  gpointer                name, value;
  guint                   n;

  hgr_set_str (&copy_priv->key, priv->key);
  hgr_set_str (&copy_priv->title, priv->title);
  copy_priv->added = priv->added;
  copy_priv->removed = priv->removed;
  copy_priv->reverting = TRUE;
  if (priv->loaded != NULL)
    {
      g_hash_table_iter_init (&iter, priv->loaded);
      while (g_hash_table_iter_next (&iter, &name, &value))
        g_object_set_property (G_OBJECT (copy), name, value);
      snapshot (copy);
    }
  specs = value_properties (self, &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto (GValue) current = G_VALUE_INIT;

      g_value_init (&current, specs[i]->value_type);
      g_object_get_property (G_OBJECT (self), specs[i]->name, &current);
      g_object_set_property (G_OBJECT (copy), specs[i]->name, &current);
    }
  copy_priv->reverting = FALSE;
  copy_priv->modified = compute_modified (copy);
  return copy;
}

const char *
hgr_config_part_get_key (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), NULL);
  return priv->key;
}

const char *
hgr_config_part_get_title (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), NULL);
  return priv->title;
}

gboolean
hgr_config_part_get_modified (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  return priv->modified;
}

gboolean
hgr_config_part_get_added (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  return priv->added;
}

gboolean
hgr_config_part_get_removed (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  return priv->removed;
}

void
hgr_config_part_set_removed (HgrConfigPart *self,
                             gboolean       removed)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_if_fail (HGR_IS_CONFIG_PART (self));
  removed = !!removed;
  if (priv->removed == removed)
    return;
  priv->removed = removed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOVED]);
  update_modified (self);
}

gboolean
hgr_config_part_get_pending (HgrConfigPart *self)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_val_if_fail (HGR_IS_CONFIG_PART (self), FALSE);
  return priv->pending;
}

void
hgr_config_part_set_pending (HgrConfigPart *self,
                             gboolean       pending)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  g_return_if_fail (HGR_IS_CONFIG_PART (self));
  pending = !!pending;
  if (priv->pending == pending)
    return;
  priv->pending = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

void
hgr_config_part_set_key (HgrConfigPart *self,
                         const char    *key)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  if (hgr_set_str (&priv->key, key))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY]);
}

void
hgr_config_part_set_title (HgrConfigPart *self,
                           const char    *title)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  if (hgr_set_str (&priv->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/* Marks a new device (not in the document yet); its current values are its loaded ones. */
void
hgr_config_part_set_added (HgrConfigPart *self,
                           gboolean       added)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  if (priv->loaded == NULL)
    snapshot (self);
  priv->added = !!added;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDED]);
  update_modified (self);
}

/* Makes @property's current value count as read (for values that come from elsewhere than the XML). */
void
hgr_config_part_keep (HgrConfigPart *self,
                      const char    *property)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);
  GValue               *loaded = priv->loaded != NULL ? g_hash_table_lookup (priv->loaded, property) : NULL;

  g_return_if_fail (loaded != NULL);
  g_value_reset (loaded);
  g_object_get_property (G_OBJECT (self), property, loaded);
  update_modified (self);
}

/* Whether @property differs from what load() read (always TRUE for an added part). */
gboolean
hgr_config_part_changed (HgrConfigPart *self,
                         const char    *property)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);
  GParamSpec           *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property);
  const GValue         *loaded;
  g_auto (GValue) current = G_VALUE_INIT;

  g_return_val_if_fail (pspec != NULL, FALSE);
  if (priv->added)
    return TRUE;
  loaded = priv->loaded != NULL ? g_hash_table_lookup (priv->loaded, property) : NULL;
  if (loaded == NULL)
    return FALSE;
  g_value_init (&current, pspec->value_type);
  g_object_get_property (G_OBJECT (self), property, &current);
  return g_param_values_cmp (pspec, loaded, &current) != 0;
}

/* The value load() read, e.g. a disk's target as it was before the user changed it. */
const GValue *
hgr_config_part_get_loaded (HgrConfigPart *self,
                            const char    *property)
{
  HgrConfigPartPrivate *priv = hgr_config_part_get_instance_private (self);

  return priv->loaded != NULL ? g_hash_table_lookup (priv->loaded, property) : NULL;
}

const char *
hgr_config_part_get_loaded_string (HgrConfigPart *self,
                                   const char    *property)
{
  const GValue *value = hgr_config_part_get_loaded (self, property);

  return value != NULL && G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;
}

/**
 * hgr_config_part_apply_device_live:
 * @self: a device's part
 * @guest: the guest
 * @device: the device's element and what to say when libvirt refuses
 * @error: where to say it
 *
 * Makes a device's change to a running guest: attaches a new device,
 * detaches a removed one, updates one whose change it takes as it is
 * (@device->update); does nothing to a guest that is not running, or to a
 * change it cannot take (that waits for the next start).
 *
 * Returns: %FALSE with @error set if libvirt refused
 */
gboolean
hgr_config_part_apply_device_live (HgrConfigPart             *self,
                                   virDomainPtr               guest,
                                   const HgrConfigLiveDevice *device,
                                   GError                   **error)
{
  gboolean added = hgr_config_part_get_added (self);
  gboolean removed = hgr_config_part_get_removed (self);
  int      result = 0;

  if (virDomainIsActive (guest) != 1 || device->device_xml == NULL)
    return TRUE;
  if (added)
    result = virDomainAttachDeviceFlags (guest, device->device_xml, VIR_DOMAIN_AFFECT_LIVE);
  else if (removed)
    result = virDomainDetachDeviceFlags (guest, device->device_xml, VIR_DOMAIN_AFFECT_LIVE);
  else if (device->update)
    result = virDomainUpdateDeviceFlags (guest, device->device_xml, VIR_DOMAIN_AFFECT_LIVE | device->update_flags);
  if (result < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT,
                             added     ? device->attach_failed
                             : removed ? device->detach_failed
                                       : device->update_failed);
      return FALSE;
    }
  return TRUE;
}
