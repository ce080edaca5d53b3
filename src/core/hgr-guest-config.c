/* hgr-guest-config.c — HgrGuest's configuration: read it, and apply the user's changes to it
 *
 * Apply is one worker job: re-read the inactive XML (SECURE), replay the
 * changed parts on it, define it with VALIDATE. That define is the only write
 * to the configuration, so a refused change changes nothing, and a change
 * someone else made meanwhile to another node survives. Then, on a running
 * guest, each part takes what it can live (balloon, CD media, link state,
 * attach/detach, title); what it cannot stays in the configuration, and the
 * re-read after it marks those parts pending (live and inactive XML differ)
 * until the guest next shuts down.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>

#include "hgr-config-disk.h"
#include "hgr-config-graphics.h"
#include "hgr-config-xml.h"
#include "hgr-domain-config.h"
#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-guest.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

typedef struct
{
  virDomainPtr     domain;
  GPtrArray       *changes;     /* apply: copies of the changed parts */
  HgrDomainConfig *config;      /* out: the configuration as it is now */
  GPtrArray       *live_errors; /* out: what the running guest did not take */
} ConfigData;

static void
config_data_free (ConfigData *data)
{
  virDomainFree (data->domain);
  g_clear_pointer (&data->changes, g_ptr_array_unref);
  g_clear_object (&data->config);
  g_clear_pointer (&data->live_errors, g_ptr_array_unref);
  g_free (data);
}

/* A path is there when a pool has it, or, on this computer, when the file exists. */
static gboolean
path_exists (const char *path,
             gpointer    user_data)
{
  virConnectPtr conn = user_data;
  g_autoptr (virStorageVol) volume = virStorageVolLookupByPath (conn, path);
  g_autofree char *uri = NULL;
  g_autoptr (GUri) parsed = NULL;

  if (volume != NULL)
    return TRUE;
  uri = virConnectGetURI (conn);
  parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  if (parsed == NULL || (g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0'))
    return TRUE; /* a remote host: libvirt says so when the guest starts */
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
read_limits (virDomainPtr     domain,
             xmlNodePtr       root,
             HgrConfigLimits *limits)
{
  virConnectPtr    conn = virDomainGetConnect (domain);
  virNodeInfo      info;
  xmlNodePtr       os_type = hgr_xml_path (root, "os/type");
  g_autofree char *emulator = hgr_xml_get_text (hgr_xml_path (root, "devices/emulator"));
  g_autofree char *arch = hgr_xml_get (os_type, "arch");
  g_autofree char *machine = hgr_xml_get (os_type, "machine");
  g_autofree char *type = hgr_xml_get (root, "type");
  g_autofree char *capabilities = NULL;

  if (virNodeGetInfo (conn, &info) == 0)
    limits->host_memory = (guint64) info.memory * 1024;
  capabilities = virConnectGetDomainCapabilities (conn, emulator, arch, machine, type, 0);
  if (capabilities != NULL)
    hgr_config_limits_read_domain_capabilities (limits, capabilities);
  limits->guest_active = virDomainIsActive (domain) == 1;
  limits->networks = hgr_libvirt_dup_network_names (conn, 0);
}

/* Each disk's size, where a pool has its image. */
static void
read_sizes (virDomainPtr     domain,
            HgrDomainConfig *config)
{
  GListModel *parts = hgr_domain_config_get_parts (config);

  for (guint i = 0; i < g_list_model_get_n_items (parts); i++)
    {
      g_autoptr (HgrConfigPart) part = g_list_model_get_item (parts, i);
      g_autoptr (virStorageVol) volume = NULL;
      const char       *source;
      virStorageVolInfo info;

      if (!HGR_IS_CONFIG_DISK (part) || (source = hgr_config_disk_get_source (HGR_CONFIG_DISK (part))) == NULL ||
          !g_path_is_absolute (source))
        continue;
      volume = virStorageVolLookupByPath (virDomainGetConnect (domain), source);
      if (volume != NULL && virStorageVolGetInfo (volume, &info) == 0)
        hgr_config_disk_set_loaded_size (HGR_CONFIG_DISK (part), info.capacity);
    }
}

/* Runs in a worker thread: the configuration, its limits, and which parts wait for a shut down. */
static HgrDomainConfig *
read_config (virDomainPtr domain,
             GError     **error)
{
  g_autofree char *xml = NULL;
  g_autofree char *live_xml = NULL;
  g_autoptr (HgrDomainConfig) config = NULL;
  g_autoptr (HgrDomainConfig) live = NULL;
  HgrConfigLimits limits = { 0 };
  gboolean        secure = TRUE;
  int             autostart = 0;

  xml = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  if (xml == NULL && hgr_libvirt_error_is (VIR_ERR_OPERATION_DENIED))
    {
      /* A read-only connection: shown, never written back (it lacks the passwords). */
      secure = FALSE;
      xml = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
    }
  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s configuration."));
      return NULL;
    }
  if (virDomainGetAutostart (domain, &autostart) < 0)
    autostart = 0;
  config = hgr_domain_config_new (xml, autostart, error);
  if (config == NULL)
    {
      g_prefix_error (error, _ ("The guest’s configuration could not be read: "));
      return NULL;
    }
  hgr_domain_config_set_secure (config, secure);
  read_sizes (domain, config);
  read_limits (domain, hgr_domain_config_get_root (config), &limits);
  hgr_domain_config_set_limits (config, &limits);
  hgr_config_limits_clear (&limits);

  if (virDomainIsActive (domain) == 1 && (live_xml = virDomainGetXMLDesc (domain, 0)) != NULL)
    live = hgr_domain_config_new (live_xml, autostart, NULL);
  hgr_domain_config_mark_pending (config, live);
  return g_steal_pointer (&config);
}

static gboolean
read_thread (gpointer      task_data,
             GCancellable *cancellable,
             GError      **error)
{
  ConfigData *data = task_data;

  data->config = read_config (data->domain, error);
  return data->config != NULL;
}

static void
config_apply (GTask   *task,
              gpointer task_data,
              GError  *error)
{
  ConfigData *data = task_data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->config), g_object_unref);
}

/**
 * hgr_guest_read_config_async:
 * @self: a guest
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Reads the guest's inactive configuration with its secrets, what the host
 * allows, and which parts wait for the guest to shut down.
 */
void
hgr_guest_read_config_async (HgrGuest           *self,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  ConfigData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = g_new0 (ConfigData, 1);
  data->domain = hgr_guest_ref_domain (self);
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_read_config_async), read_thread, data,
                (GDestroyNotify) config_data_free, config_apply);
}

/* Returns: (transfer full) (nullable): the configuration */
HgrDomainConfig *
hgr_guest_read_config_finish (HgrGuest     *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hgr_guest_read_config_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* What the parts need on the host before the define (a new volume…), validated first. */
static gboolean
prepare_all (ConfigData *data,
             GError    **error)
{
  for (guint i = 0; i < data->changes->len; i++)
    {
      HgrConfigPart *part = g_ptr_array_index (data->changes, i);

      if (!hgr_config_part_prepare (part, data->domain, error))
        {
          g_prefix_error (error, "%s: ", hgr_config_part_get_title (part));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
apply_thread (gpointer      task_data,
              GCancellable *cancellable,
              GError      **error)
{
  ConfigData      *data = task_data;
  virConnectPtr    conn = virDomainGetConnect (data->domain);
  g_autofree char *xml = NULL;
  g_autofree char *new_xml = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (virDomain) defined = NULL;
  HgrConfigLimits limits = { 0 };
  xmlNodePtr      root;
  gboolean        ok;

  /* The guest as it is now, not as the page read it. */
  xml = virDomainGetXMLDesc (data->domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s configuration."));
      return FALSE;
    }
  doc = hgr_xml_parse (xml, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  read_limits (data->domain, root, &limits);
  limits.path_exists = path_exists;
  limits.path_data = conn;
  ok = prepare_all (data, error) && hgr_config_apply_changes (root, data->changes, &limits, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error);
  hgr_config_limits_clear (&limits);
  if (ok)
    {
      new_xml = hgr_xml_dump (doc);
      defined = virDomainDefineXMLFlags (conn, new_xml, VIR_DOMAIN_DEFINE_VALIDATE);
      if (defined == NULL)
        hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("libvirt refused the changed configuration."));
    }
  if (defined == NULL)
    {
      /* Nothing may stay behind: what prepare() made goes again. */
      for (guint i = 0; i < data->changes->len; i++)
        hgr_config_part_rollback (g_ptr_array_index (data->changes, i), data->domain);
      return FALSE;
    }

  /* Defined: from here on a failure is reported, and the change waits for a shut down. */
  data->live_errors = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < data->changes->len; i++)
    {
      HgrConfigPart *part = g_ptr_array_index (data->changes, i);
      g_autoptr (GError) live_error = NULL;

      if (!hgr_config_part_apply_live (part, root, data->domain, &live_error))
        g_ptr_array_add (data->live_errors, g_strdup_printf ("%s: %s", hgr_config_part_get_title (part), live_error->message));
    }
  g_ptr_array_add (data->live_errors, NULL);

  data->config = read_config (data->domain, NULL);
  return TRUE;
}

static void
apply_done (GTask   *task,
            gpointer task_data,
            GError  *error)
{
  ConfigData *data = task_data;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, g_ptr_array_free (g_steal_pointer (&data->live_errors), FALSE), (GDestroyNotify) g_strfreev);
  g_task_return_pointer (task, g_steal_pointer (&data->config), g_object_unref);
}

/**
 * hgr_guest_apply_config_async:
 * @self: a guest
 * @config: its configuration, with the user's edits
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Applies @config's changed parts to the guest (see the top of this file).
 * @config itself is not changed: the result is the configuration re-read.
 */
void
hgr_guest_apply_config_async (HgrGuest           *self,
                              HgrDomainConfig    *config,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GTask      *task;
  ConfigData *data;

  g_return_if_fail (HGR_IS_GUEST (self));
  g_return_if_fail (HGR_IS_DOMAIN_CONFIG (config));

  task = hgr_task_new (self, cancellable, callback, user_data, hgr_guest_apply_config_async);
  if (!hgr_domain_config_get_secure (config))
    {
      g_task_return_new_error (task, HGR_ERROR, HGR_ERROR_FAILED, "%s",
                               _ ("This connection may not read the guest’s passwords, so Hangar does not change its "
                                  "configuration: that would lose them. Connect with full access to change it."));
      g_object_unref (task);
      return;
    }
  data = g_new0 (ConfigData, 1);
  data->domain = hgr_guest_ref_domain (self);
  data->changes = hgr_domain_config_dup_changes (config);
  hgr_task_run (task, apply_thread, data, (GDestroyNotify) config_data_free, apply_done);
}

/**
 * hgr_guest_apply_config_finish:
 * @self: a guest
 * @result: the result
 * @live_errors: (out) (optional) (transfer full): what the running guest did not take
 * @error: why nothing was changed
 *
 * Returns: (transfer full) (nullable): the configuration as it is now
 */
HgrDomainConfig *
hgr_guest_apply_config_finish (HgrGuest     *self,
                               GAsyncResult *result,
                               GStrv        *live_errors,
                               GError      **error)
{
  HgrDomainConfig *config;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hgr_guest_apply_config_async, NULL);
  config = g_task_propagate_pointer (G_TASK (result), error);
  if (live_errors != NULL)
    *live_errors = config != NULL ? g_strdupv (g_task_get_task_data (G_TASK (result))) : NULL;
  return config;
}

typedef struct
{
  virDomainPtr domain;
  char        *xml;
} DefineData;

static void
define_data_free (DefineData *data)
{
  virDomainFree (data->domain);
  g_free (data->xml);
  g_free (data);
}

static gboolean
define_thread (gpointer      task_data,
               GCancellable *cancellable,
               GError      **error)
{
  DefineData *data = task_data;
  g_autoptr (xmlDoc) doc = hgr_xml_parse (data->xml, error);
  g_autoptr (virDomain) defined = NULL;
  g_autofree char *uuid = NULL;
  char             own_uuid[VIR_UUID_STRING_BUFLEN];

  if (doc == NULL)
    return FALSE;
  uuid = hgr_xml_get_text (hgr_xml_child (xmlDocGetRootElement (doc), "uuid"));
  if (virDomainGetUUIDString (data->domain, own_uuid) < 0 || uuid == NULL || g_ascii_strcasecmp (uuid, own_uuid) != 0)
    {
      /* Another UUID (or none) would define a second guest, not change this one. */
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("The XML must keep this guest’s UUID (%s): with another one libvirt would make a new guest."), own_uuid);
      return FALSE;
    }
  defined = virDomainDefineXMLFlags (virDomainGetConnect (data->domain), data->xml, VIR_DOMAIN_DEFINE_VALIDATE);
  if (defined == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("libvirt refused the XML."));
      return FALSE;
    }
  return TRUE;
}

/**
 * hgr_guest_define_xml_async:
 * @self: a guest
 * @xml: its whole new configuration, as the user wrote it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Defines @xml with VALIDATE, if it is this guest's (same UUID).
 */
void
hgr_guest_define_xml_async (HgrGuest           *self,
                            const char         *xml,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  DefineData *data;

  g_return_if_fail (HGR_IS_GUEST (self));
  g_return_if_fail (xml != NULL);

  data = g_new0 (DefineData, 1);
  data->domain = hgr_guest_ref_domain (self);
  data->xml = g_strdup (xml);
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_define_xml_async), define_thread, data,
                (GDestroyNotify) define_data_free, NULL);
}

gboolean
hgr_guest_define_xml_finish (HgrGuest     *self,
                             GAsyncResult *result,
                             GError      **error)
{
  return hgr_task_finish (self, result, hgr_guest_define_xml_async, error);
}

static gboolean
add_vnc_thread (gpointer      task_data,
                GCancellable *cancellable,
                GError      **error)
{
  DefineData      *data = task_data;
  g_autofree char *xml = virDomainGetXMLDesc (data->domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  g_autoptr (xmlDoc) doc = NULL;
  g_autoptr (virDomain) defined = NULL;
  g_autofree char *changed = NULL;
  gboolean         added = FALSE;

  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The guest’s configuration could not be read."));
      return FALSE;
    }
  if ((doc = hgr_xml_parse (xml, error)) == NULL)
    return FALSE;
  hgr_config_add_vnc_display (xmlDocGetRootElement (doc), &added);
  if (!added)
    return TRUE;
  changed = hgr_xml_dump (doc);
  defined = virDomainDefineXMLFlags (virDomainGetConnect (data->domain), changed, VIR_DOMAIN_DEFINE_VALIDATE);
  if (defined == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("libvirt refused the VNC display."));
      return FALSE;
    }
  return TRUE;
}

/**
 * hgr_guest_add_vnc_display_async:
 * @self: a guest whose displays are not VNC (SPICE)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Adds a VNC display on 127.0.0.1 beside the guest's others, in its
 * configuration (hgr_config_add_vnc_display()); a running guest gets it when
 * it next starts. Nothing else changes.
 */
void
hgr_guest_add_vnc_display_async (HgrGuest           *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  DefineData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = g_new0 (DefineData, 1);
  data->domain = hgr_guest_ref_domain (self);
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_add_vnc_display_async), add_vnc_thread,
                data, (GDestroyNotify) define_data_free, NULL);
}

gboolean
hgr_guest_add_vnc_display_finish (HgrGuest     *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  return hgr_task_finish (self, result, hgr_guest_add_vnc_display_async, error);
}
