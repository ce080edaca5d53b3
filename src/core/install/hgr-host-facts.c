/* hgr-host-facts.c — what a new guest may use on a host: memory, CPUs, firmware, pools, networks
 *
 * Read in one worker when the New Guest assistant opens: the node's memory
 * and CPUs, the emulator's domain capabilities for q35 and for the default
 * PC machine (UEFI firmware, emulated TPM), the storage pools with their free
 * space and volumes, and the active virtual networks. A driver without domain
 * capabilities (the test driver) gets neither machine: the guest's XML then
 * names none.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-host-facts.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>
#include <stdlib.h>

#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-host-private.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"

static void
machine_facts_clear (HgrMachineFacts *machine)
{
  g_clear_pointer (&machine->machine, g_free);
}

static void
pool_facts_free (HgrPoolFacts *pool)
{
  g_free (pool->name);
  g_free (pool->type);
  g_free (pool->path);
  g_strfreev (pool->isos);
  g_strfreev (pool->images);
  g_free (pool);
}

static void
host_facts_free (HgrHostFacts *facts)
{
  g_free (facts->uri);
  g_free (facts->domain_type);
  g_free (facts->emulator);
  g_free (facts->arch);
  machine_facts_clear (&facts->q35);
  machine_facts_clear (&facts->pc);
  g_ptr_array_unref (facts->pools);
  g_strfreev (facts->networks);
  g_free (facts->standard_pool_path);
}

G_DEFINE_BOXED_TYPE (HgrHostFacts, hgr_host_facts, hgr_host_facts_ref, hgr_host_facts_unref)

/* Returns: (transfer full): facts of a host that has nothing */
HgrHostFacts *
hgr_host_facts_new (void)
{
  HgrHostFacts *facts = g_atomic_rc_box_new0 (HgrHostFacts);

  facts->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) pool_facts_free);
  facts->networks = g_new0 (char *, 1);
  facts->arch = g_strdup ("x86_64");
  return facts;
}

HgrHostFacts *
hgr_host_facts_ref (HgrHostFacts *facts)
{
  return g_atomic_rc_box_acquire (facts);
}

void
hgr_host_facts_unref (HgrHostFacts *facts)
{
  g_atomic_rc_box_release_full (facts, (GDestroyNotify) host_facts_free);
}

static gboolean
enum_has (xmlNodePtr  parent,
          const char *name,
          const char *value)
{
  for (xmlNodePtr e = hgr_xml_child (parent, "enum"); e != NULL; e = hgr_xml_next (e, "enum"))
    {
      if (!hgr_xml_is (e, "name", name))
        continue;
      for (xmlNodePtr v = hgr_xml_child (e, "value"); v != NULL; v = hgr_xml_next (v, "value"))
        {
          g_autofree char *text = hgr_xml_get_text (v);

          if (g_strcmp0 (text, value) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/**
 * hgr_host_facts_read_domain_capabilities:
 * @machine: the machine's facts to fill
 * @xml: what virConnectGetDomainCapabilities() returned for it
 * @emulator: (out) (optional): the emulator's path
 * @domain_type: (out) (optional): kvm or qemu
 *
 * UEFI is there when the firmware enum lists efi or the loader lists a
 * firmware file; a TPM when the TPM backend models list the emulator.
 */
void
hgr_host_facts_read_domain_capabilities (HgrMachineFacts *machine,
                                         const char      *xml,
                                         char           **emulator,
                                         char           **domain_type)
{
  g_autoptr (xmlDoc) doc = hgr_xml_parse (xml, NULL);
  xmlNodePtr root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  xmlNodePtr os, loader, tpm;

  if (root == NULL)
    return;
  machine->available = TRUE;
  {
    guint64 max = 0;

    if (hgr_xml_get_uint (hgr_xml_child (root, "vcpu"), "max", &max) && max <= G_MAXUINT)
      machine->max_vcpus = (guint) max;
  }
  g_free (machine->machine);
  machine->machine = hgr_xml_get_text (hgr_xml_child (root, "machine"));
  os = hgr_xml_child (root, "os");
  loader = hgr_xml_child (os, "loader");
  machine->efi = hgr_xml_is (os, "supported", "yes") &&
                 (enum_has (os, "firmware", "efi") || (hgr_xml_is (loader, "supported", "yes") && hgr_xml_child (loader, "value") != NULL));
  machine->rng_builtin = enum_has (hgr_xml_path (root, "devices/rng"), "backendModel", "builtin");
  tpm = hgr_xml_path (root, "devices/tpm");
  machine->tpm = hgr_xml_is (tpm, "supported", "yes") && enum_has (tpm, "backendModel", "emulator");
  if (emulator != NULL)
    {
      g_free (*emulator);
      *emulator = hgr_xml_get_text (hgr_xml_child (root, "path"));
    }
  if (domain_type != NULL)
    {
      g_free (*domain_type);
      *domain_type = hgr_xml_get_text (hgr_xml_child (root, "domain"));
    }
}

/* Returns: (nullable): the pool called @name */
const HgrPoolFacts *
hgr_host_facts_find_pool (const HgrHostFacts *facts,
                          const char         *name)
{
  for (guint i = 0; name != NULL && i < facts->pools->len; i++)
    {
      const HgrPoolFacts *pool = g_ptr_array_index (facts->pools, i);

      if (g_strcmp0 (pool->name, name) == 0)
        return pool;
    }
  return NULL;
}

gboolean
hgr_host_facts_has_network (const HgrHostFacts *facts,
                            const char         *name)
{
  return name != NULL && g_strv_contains ((const char *const *) facts->networks, name);
}

/* kvm when the host has it, else qemu (TCG). */
static void
read_machines (virConnectPtr conn,
               HgrHostFacts *facts)
{
  const char *types[] = { "kvm", "qemu" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *q35 = virConnectGetDomainCapabilities (conn, NULL, facts->arch, "q35", types[i], 0);
      g_autofree char *pc = virConnectGetDomainCapabilities (conn, NULL, facts->arch, NULL, types[i], 0);

      if (q35 == NULL && pc == NULL)
        continue;
      if (q35 != NULL)
        hgr_host_facts_read_domain_capabilities (&facts->q35, q35, &facts->emulator, &facts->domain_type);
      if (pc != NULL)
        hgr_host_facts_read_domain_capabilities (&facts->pc, pc, &facts->emulator, &facts->domain_type);
      return;
    }
  /* No domain capabilities: the driver's own type (test), no machine named. */
  {
    const char *type = virConnectGetType (conn);

    facts->domain_type = g_ascii_strdown (type != NULL ? type : "qemu", -1);
  }
  virResetLastError ();
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static GStrv
finish_strv (GPtrArray *array)
{
  g_ptr_array_sort (array, compare_strings);
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

static void
read_volumes (virStoragePoolPtr pool,
              HgrPoolFacts     *facts)
{
  virStorageVolPtr *volumes = NULL;
  int               n = virStoragePoolListAllVolumes (pool, &volumes, 0);
  GPtrArray        *isos = g_ptr_array_new ();
  GPtrArray        *images = g_ptr_array_new ();

  for (int i = 0; i < n; i++)
    {
      char *path = virStorageVolGetPath (volumes[i]);

      if (path != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (path, -1);

          g_ptr_array_add (g_str_has_suffix (lower, ".iso") ? isos : images, g_strdup (path));
          free (path);
        }
      virStorageVolFree (volumes[i]);
    }
  free (volumes);
  facts->isos = finish_strv (isos);
  facts->images = finish_strv (images);
}

static int
compare_pools (gconstpointer a,
               gconstpointer b)
{
  const HgrPoolFacts *x = *(HgrPoolFacts *const *) a, *y = *(HgrPoolFacts *const *) b;

  return g_strcmp0 (x->name, y->name);
}

static void
read_pools (virConnectPtr conn,
            HgrHostFacts *facts)
{
  virStoragePoolPtr *pools = NULL;
  int                n = virConnectListAllStoragePools (conn, &pools, 0);

  for (int i = 0; i < n; i++)
    {
      HgrPoolFacts    *pool = g_new0 (HgrPoolFacts, 1);
      g_autofree char *xml = virStoragePoolGetXMLDesc (pools[i], 0);
      g_autoptr (xmlDoc) doc = xml != NULL ? hgr_xml_parse (xml, NULL) : NULL;
      xmlNodePtr         root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
      virStoragePoolInfo info;

      pool->name = g_strdup (virStoragePoolGetName (pools[i]));
      pool->type = root != NULL ? hgr_xml_get (root, "type") : NULL;
      pool->path = root != NULL ? hgr_xml_get_text (hgr_xml_path (root, "target/path")) : NULL;
      pool->active = virStoragePoolIsActive (pools[i]) == 1;
      if (pool->active)
        virStoragePoolRefresh (pools[i], 0);
      if (virStoragePoolGetInfo (pools[i], &info) == 0)
        {
          pool->capacity = info.capacity;
          pool->available = info.available;
        }
      if (pool->active)
        read_volumes (pools[i], pool);
      else
        {
          pool->isos = g_new0 (char *, 1);
          pool->images = g_new0 (char *, 1);
        }
      g_ptr_array_add (facts->pools, pool);
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  g_ptr_array_sort (facts->pools, compare_pools);
  virResetLastError ();
}

/* The active virtual networks (none when the host cannot list them). */
static void
read_networks (virConnectPtr conn,
               HgrHostFacts *facts)
{
  GStrv names = hgr_libvirt_dup_network_names (conn, VIR_CONNECT_LIST_NETWORKS_ACTIVE);

  if (names == NULL)
    {
      virResetLastError ();
      return; /* facts->networks stays empty */
    }
  g_strfreev (facts->networks);
  facts->networks = names;
}

typedef struct
{
  virConnectPtr conn;
  HgrHostFacts *facts;
} FactsData;

static void
facts_data_free (FactsData *data)
{
  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_clear_pointer (&data->facts, hgr_host_facts_unref);
  g_free (data);
}

static gboolean
facts_thread (gpointer      task_data,
              GCancellable *cancellable,
              GError      **error)
{
  FactsData       *data = task_data;
  HgrHostFacts    *facts = data->facts;
  g_autofree char *uri = virConnectGetURI (data->conn);
  g_autoptr (GUri) parsed = uri != NULL ? g_uri_parse (uri, G_URI_FLAGS_NONE, NULL) : NULL;
  virNodeInfo info;

  if (virNodeGetInfo (data->conn, &info) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The host’s memory and processors could not be read."));
      return FALSE;
    }
  facts->memory = (guint64) info.memory * 1024;
  facts->cpus = info.cpus;
  facts->uri = g_strdup (uri);
  facts->remote = parsed != NULL && g_uri_get_host (parsed) != NULL && *g_uri_get_host (parsed) != '\0';
  facts->session = parsed != NULL && g_strcmp0 (g_uri_get_path (parsed), "/session") == 0;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  read_machines (data->conn, facts);
  read_pools (data->conn, facts);
  read_networks (data->conn, facts);
  if (!facts->session)
    facts->standard_pool_path = g_strdup ("/var/lib/libvirt/images");
  else if (!facts->remote)
    facts->standard_pool_path = g_build_filename (g_get_user_data_dir (), "libvirt", "images", NULL);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
facts_apply (GTask   *task,
             gpointer task_data,
             GError  *error)
{
  FactsData *data = task_data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->facts), (GDestroyNotify) hgr_host_facts_unref);
}

/**
 * hgr_host_read_facts_async:
 * @host: a connected host
 * @cancellable: (nullable): a cancellable
 * @callback: called with the facts
 * @user_data: for @callback
 *
 * Reads what a new guest may use on @host.
 */
void
hgr_host_read_facts_async (HgrHost            *host,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask        *task;
  FactsData    *data;
  virConnectPtr conn;

  g_return_if_fail (HGR_IS_HOST (host));

  task = hgr_task_new (host, cancellable, callback, user_data, hgr_host_read_facts_async);
  conn = hgr_host_get_connection (host);
  if (conn == NULL)
    {
      hgr_task_return (task, g_error_new_literal (HGR_ERROR, HGR_ERROR_NOT_CONNECTED, _ ("The host is not connected.")));
      g_object_unref (task);
      return;
    }
  data = g_new0 (FactsData, 1);
  virConnectRef (conn);
  data->conn = conn;
  data->facts = hgr_host_facts_new ();
  hgr_task_run (task, facts_thread, data, (GDestroyNotify) facts_data_free, facts_apply);
}

/* Returns: (transfer full) (nullable): the facts */
HgrHostFacts *
hgr_host_read_facts_finish (HgrHost      *host,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, host), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
