/* hgr-guest-details.c — HgrGuest's details for its overview: description, vCPUs, memory, OS, disks
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt-gconfig/libvirt-gconfig.h>

#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-guest.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

typedef struct
{
  virDomainPtr    domain;
  guint           state_serial; /* the guest's when the worker started */
  HgrGuestDetails details;      /* what the worker read */
} DetailsData;

static void
details_data_free (DetailsData *data)
{
  virDomainFree (data->domain);
  hgr_guest_details_clear (&data->details);
  g_free (data);
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
static gboolean
details_thread (gpointer      task_data,
                GCancellable *cancellable,
                GError      **error)
{
  DetailsData     *data = task_data;
  HgrGuestDetails *details = &data->details;
  g_autoptr (GObject) config_object = NULL; /* libvirt-gconfig 4.0 has no autoptr types */
  g_autoptr (GObject) os_object = NULL;
  GVirConfigDomain   *config;
  GVirConfigDomainOs *os;
  g_autoptr (GPtrArray) disks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *xml = NULL;
  GList           *devices;
  int              autostart = 0;

  xml = virDomainGetXMLDesc (data->domain, 0);
  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s configuration."));
      return FALSE;
    }
  if (virDomainGetAutostart (data->domain, &autostart) < 0)
    autostart = 0;
  if (!hgr_guest_read_state (data->domain, &details->vir_state, &details->managed_save, error))
    {
      return FALSE;
    }

  config = gvir_config_domain_new_from_xml (xml, error);
  config_object = G_OBJECT (config);
  if (config == NULL)
    {
      g_prefix_error (error, _ ("The guest’s configuration could not be read: "));
      return FALSE;
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

  return TRUE;
}

static void
details_apply (GTask   *task,
               gpointer task_data,
               GError  *error)
{
  DetailsData *data = task_data;

  if (error == NULL)
    hgr_guest_apply_details (g_task_get_source_object (task), &data->details, data->state_serial);
  hgr_task_return (task, error);
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
  DetailsData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = g_new0 (DetailsData, 1);
  data->domain = hgr_guest_ref_domain (self);
  data->state_serial = self->state_serial;
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_load_details_async), details_thread,
                data, (GDestroyNotify) details_data_free, details_apply);
}

gboolean
hgr_guest_load_details_finish (HgrGuest     *self,
                               GAsyncResult *result,
                               GError      **error)
{
  return hgr_task_finish (self, result, hgr_guest_load_details_async, error);
}
