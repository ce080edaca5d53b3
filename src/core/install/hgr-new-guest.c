/* hgr-new-guest.c — a guest to be made: the assistant's choices, their defaults and checks
 *
 * The pages of the New Guest assistant bind their widgets to this object's
 * properties. Choosing an OS sets the defaults that follow from it (memory,
 * vCPUs, disk size, firmware, name while the user has not typed one),
 * bounded by the host's facts. Each page is checked on its own
 * (hgr_new_guest_check(), in hgr-new-guest-check.c), so each field can say
 * why it is refused; Create checks them all again.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include "hgr-enum-types.h"
#include "hgr-new-guest-private.h"
#include "hgr-util.h"

#define MIB ((guint64) 1024 * 1024)

G_DEFINE_FINAL_TYPE (HgrNewGuest, hgr_new_guest, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_HOST,
  PROP_SOURCE,
  PROP_ISO_FILE,
  PROP_ISO_VOLUME,
  PROP_IMPORT_PATH,
  PROP_OS,
  PROP_MEMORY,
  PROP_VCPUS,
  PROP_STORAGE,
  PROP_DISK_SIZE,
  PROP_POOL,
  PROP_CREATE_POOL,
  PROP_DISK_PATH,
  PROP_NAME,
  PROP_NETWORK,
  PROP_NETWORK_NAME,
  PROP_BRIDGE,
  PROP_UEFI,
  PROP_CUSTOMIZE,
  PROP_STEP,
  PROP_FRACTION,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hgr_new_guest_init (HgrNewGuest *self)
{
  self->source = HGR_INSTALL_SOURCE_ISO_FILE;
  self->storage = HGR_INSTALL_STORAGE_NEW;
  self->network = HGR_INSTALL_NETWORK_VIRTUAL;
  self->network_name = g_strdup ("default");
  self->pool = g_strdup ("default");
  self->memory = 2048 * MIB;
  self->vcpus = 2;
  self->disk_size = 20 * 1024 * MIB;
  self->step = HGR_CREATE_STEP_DONE;
  self->fail_at = HGR_CREATE_STEP_DONE;
}

static void
hgr_new_guest_finalize (GObject *object)
{
  HgrNewGuest *self = HGR_NEW_GUEST (object);

  g_clear_object (&self->host);
  g_clear_pointer (&self->facts, hgr_host_facts_unref);
  g_free (self->iso_file);
  g_free (self->iso_volume);
  g_free (self->import_path);
  g_clear_object (&self->os);
  g_free (self->pool);
  g_free (self->disk_path);
  g_free (self->name);
  g_free (self->network_name);
  g_free (self->bridge);
  g_free (self->uuid);
  g_free (self->created_pool);
  g_free (self->created_iso);
  g_free (self->created_disk);
  G_OBJECT_CLASS (hgr_new_guest_parent_class)->finalize (object);
}

static void
hgr_new_guest_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  HgrNewGuest *self = HGR_NEW_GUEST (object);

  switch (prop_id)
    {
    case PROP_HOST:
      g_value_set_object (value, self->host);
      break;
    case PROP_SOURCE:
      g_value_set_enum (value, self->source);
      break;
    case PROP_ISO_FILE:
      g_value_set_string (value, self->iso_file);
      break;
    case PROP_ISO_VOLUME:
      g_value_set_string (value, self->iso_volume);
      break;
    case PROP_IMPORT_PATH:
      g_value_set_string (value, self->import_path);
      break;
    case PROP_OS:
      g_value_set_object (value, self->os);
      break;
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_VCPUS:
      g_value_set_uint (value, self->vcpus);
      break;
    case PROP_STORAGE:
      g_value_set_enum (value, self->storage);
      break;
    case PROP_DISK_SIZE:
      g_value_set_uint64 (value, self->disk_size);
      break;
    case PROP_POOL:
      g_value_set_string (value, self->pool);
      break;
    case PROP_CREATE_POOL:
      g_value_set_boolean (value, self->create_pool);
      break;
    case PROP_DISK_PATH:
      g_value_set_string (value, self->disk_path);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_NETWORK:
      g_value_set_enum (value, self->network);
      break;
    case PROP_NETWORK_NAME:
      g_value_set_string (value, self->network_name);
      break;
    case PROP_BRIDGE:
      g_value_set_string (value, self->bridge);
      break;
    case PROP_UEFI:
      g_value_set_boolean (value, self->uefi);
      break;
    case PROP_CUSTOMIZE:
      g_value_set_boolean (value, self->customize);
      break;
    case PROP_STEP:
      g_value_set_enum (value, self->step);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_new_guest_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  HgrNewGuest *self = HGR_NEW_GUEST (object);

  switch (prop_id)
    {
    case PROP_HOST:
      self->host = g_value_dup_object (value);
      break;
    case PROP_SOURCE:
      self->source = g_value_get_enum (value);
      break;
    case PROP_ISO_FILE:
      hgr_set_str (&self->iso_file, g_value_get_string (value));
      break;
    case PROP_ISO_VOLUME:
      hgr_set_str (&self->iso_volume, g_value_get_string (value));
      break;
    case PROP_IMPORT_PATH:
      hgr_set_str (&self->import_path, g_value_get_string (value));
      break;
    case PROP_OS:
      hgr_new_guest_set_os (self, g_value_get_object (value));
      return; /* notifies what it changed */
    case PROP_MEMORY:
      self->memory = g_value_get_uint64 (value);
      break;
    case PROP_VCPUS:
      self->vcpus = g_value_get_uint (value);
      break;
    case PROP_STORAGE:
      self->storage = g_value_get_enum (value);
      break;
    case PROP_DISK_SIZE:
      self->disk_size = g_value_get_uint64 (value);
      break;
    case PROP_POOL:
      hgr_set_str (&self->pool, g_value_get_string (value));
      break;
    case PROP_CREATE_POOL:
      self->create_pool = g_value_get_boolean (value);
      break;
    case PROP_DISK_PATH:
      hgr_set_str (&self->disk_path, g_value_get_string (value));
      break;
    case PROP_NAME:
      if (hgr_set_str (&self->name, g_value_get_string (value)))
        self->name_edited = TRUE;
      break;
    case PROP_NETWORK:
      self->network = g_value_get_enum (value);
      break;
    case PROP_NETWORK_NAME:
      hgr_set_str (&self->network_name, g_value_get_string (value));
      break;
    case PROP_BRIDGE:
      hgr_set_str (&self->bridge, g_value_get_string (value));
      break;
    case PROP_UEFI:
      self->uefi = g_value_get_boolean (value);
      break;
    case PROP_CUSTOMIZE:
      self->customize = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_new_guest_class_init (HgrNewGuestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamFlags   read_only = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_new_guest_finalize;
  object_class->get_property = hgr_new_guest_get_property;
  object_class->set_property = hgr_new_guest_set_property;

  properties[PROP_HOST] = g_param_spec_object ("host", NULL, NULL, HGR_TYPE_HOST,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] = g_param_spec_enum ("source", NULL, NULL, HGR_TYPE_INSTALL_SOURCE, HGR_INSTALL_SOURCE_ISO_FILE, flags);
  properties[PROP_ISO_FILE] = g_param_spec_string ("iso-file", NULL, NULL, NULL, flags);
  properties[PROP_ISO_VOLUME] = g_param_spec_string ("iso-volume", NULL, NULL, NULL, flags);
  properties[PROP_IMPORT_PATH] = g_param_spec_string ("import-path", NULL, NULL, NULL, flags);
  properties[PROP_OS] = g_param_spec_object ("os", NULL, NULL, HGR_TYPE_OS_INFO, flags);
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 2048 * MIB, flags);
  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 2, flags);
  properties[PROP_STORAGE] = g_param_spec_enum ("storage", NULL, NULL, HGR_TYPE_INSTALL_STORAGE, HGR_INSTALL_STORAGE_NEW, flags);
  properties[PROP_DISK_SIZE] = g_param_spec_uint64 ("disk-size", NULL, NULL, 0, G_MAXUINT64, 20 * 1024 * MIB, flags);
  properties[PROP_POOL] = g_param_spec_string ("pool", NULL, NULL, NULL, flags);
  properties[PROP_CREATE_POOL] = g_param_spec_boolean ("create-pool", NULL, NULL, FALSE, flags);
  properties[PROP_DISK_PATH] = g_param_spec_string ("disk-path", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_NETWORK] = g_param_spec_enum ("network", NULL, NULL, HGR_TYPE_INSTALL_NETWORK, HGR_INSTALL_NETWORK_VIRTUAL, flags);
  properties[PROP_NETWORK_NAME] = g_param_spec_string ("network-name", NULL, NULL, NULL, flags);
  properties[PROP_BRIDGE] = g_param_spec_string ("bridge", NULL, NULL, NULL, flags);
  properties[PROP_UEFI] = g_param_spec_boolean ("uefi", NULL, NULL, FALSE, flags);
  properties[PROP_CUSTOMIZE] = g_param_spec_boolean ("customize", NULL, NULL, FALSE, flags);
  properties[PROP_STEP] = g_param_spec_enum ("step", NULL, NULL, HGR_TYPE_CREATE_STEP, HGR_CREATE_STEP_DONE, read_only);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, 0, 1, 0, read_only);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, read_only);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Returns: (transfer full): the choices for a new guest on @host, with nothing chosen */
HgrNewGuest *
hgr_new_guest_new (HgrHost *host)
{
  return g_object_new (HGR_TYPE_NEW_GUEST, "host", host, NULL);
}

HgrHost *
hgr_new_guest_get_host (HgrNewGuest *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  return self->host;
}

/* Returns: (nullable): the host's facts, once read */
const HgrHostFacts *
hgr_new_guest_get_facts (HgrNewGuest *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  return self->facts;
}

/* The pool the disk goes into: "default" when the host has it, else the first active one. */
static void
choose_pool (HgrNewGuest *self)
{
  const HgrPoolFacts *pool = hgr_host_facts_find_pool (self->facts, "default");

  for (guint i = 0; (pool == NULL || !pool->active) && i < self->facts->pools->len; i++)
    if (((HgrPoolFacts *) g_ptr_array_index (self->facts->pools, i))->active)
      pool = g_ptr_array_index (self->facts->pools, i);
  self->create_pool = self->facts->pools->len == 0 && self->facts->standard_pool_path != NULL;
  hgr_set_str (&self->pool, pool != NULL ? pool->name : self->create_pool ? "default"
                                                                          : NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATE_POOL]);
}

static void
choose_network (HgrNewGuest *self)
{
  if (hgr_host_facts_has_network (self->facts, self->network_name))
    return;
  hgr_set_str (&self->network_name, self->facts->networks[0]);
  if (self->facts->networks[0] == NULL && self->network == HGR_INSTALL_NETWORK_VIRTUAL)
    {
      self->network = HGR_INSTALL_NETWORK_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NETWORK_NAME]);
}

/**
 * hgr_new_guest_set_facts:
 * @self: a new guest
 * @facts: what the host has (hgr_host_read_facts_async())
 *
 * Chooses the pool, the network and the defaults of the OS within them.
 */
void
hgr_new_guest_set_facts (HgrNewGuest  *self,
                         HgrHostFacts *facts)
{
  g_return_if_fail (HGR_IS_NEW_GUEST (self));
  g_return_if_fail (facts != NULL);

  g_clear_pointer (&self->facts, hgr_host_facts_unref);
  self->facts = hgr_host_facts_ref (facts);
  choose_pool (self);
  choose_network (self);
  if (self->os != NULL)
    {
      g_autoptr (HgrOsInfo) os = g_object_ref (self->os);

      g_clear_object (&self->os);
      hgr_new_guest_set_os (self, os);
    }
}

HgrOsInfo *
hgr_new_guest_get_os (HgrNewGuest *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  return self->os;
}

/* Returns: (nullable): the machine type the guest gets (q35, pc, or none on drivers without one) */
const char *
hgr_new_guest_get_machine (HgrNewGuest *self)
{
  gboolean q35;

  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  if (self->facts == NULL)
    return NULL;
  q35 = self->os == NULL || hgr_os_info_get_q35 (self->os);
  if (q35 && self->facts->q35.available)
    return "q35";
  if (self->facts->pc.available)
    return "pc";
  return self->facts->q35.available ? "q35" : NULL;
}

/* The facts of the machine type the guest gets, or NULL. */
const HgrMachineFacts *
hgr_new_guest_get_machine_facts (HgrNewGuest *self)
{
  const char *machine = hgr_new_guest_get_machine (self);

  if (machine == NULL)
    return NULL;
  return g_str_equal (machine, "q35") ? &self->facts->q35 : &self->facts->pc;
}

/* Whether the host has a UEFI firmware for the guest's machine. */
gboolean
hgr_new_guest_get_uefi_available (HgrNewGuest *self)
{
  const HgrMachineFacts *machine;

  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), FALSE);
  machine = hgr_new_guest_get_machine_facts (self);
  return machine != NULL && machine->efi;
}

/* Whether the guest gets an emulated TPM: with UEFI, when the host can emulate one. */
gboolean
hgr_new_guest_get_tpm (HgrNewGuest *self)
{
  const HgrMachineFacts *machine;

  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), FALSE);
  machine = hgr_new_guest_get_machine_facts (self);
  return self->uefi && machine != NULL && machine->tpm;
}

static void
set_uint64 (HgrNewGuest *self,
            guint64     *field,
            guint64      value,
            guint        prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Names of the host's guests, for a name that is not taken. */
GStrv
hgr_new_guest_dup_taken_names (HgrNewGuest *self)
{
  GListModel   *guests;
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv         names;

  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  guests = hgr_host_get_guests (self->host);
  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (guests, i);

      g_strv_builder_add (builder, hgr_guest_get_name (guest));
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

/**
 * hgr_new_guest_set_os:
 * @self: a new guest
 * @os: (nullable): the OS it will run
 *
 * Sets what follows from @os: memory and vCPUs (its recommendation, bounded
 * by the host), the disk size, UEFI when it cannot boot with BIOS, and the
 * name while the user has not typed one.
 */
void
hgr_new_guest_set_os (HgrNewGuest *self,
                      HgrOsInfo   *os)
{
  g_return_if_fail (HGR_IS_NEW_GUEST (self));

  if (!g_set_object (&self->os, os))
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (os != NULL)
    {
      guint64  memory = hgr_os_info_get_default_memory (os);
      guint    vcpus = hgr_os_info_get_default_vcpus (os);
      gboolean uefi;

      if (self->facts != NULL && self->facts->memory > 0)
        memory = MIN (memory, self->facts->memory);
      if (self->facts != NULL && self->facts->cpus > 0)
        vcpus = MIN (vcpus, self->facts->cpus);
      set_uint64 (self, &self->memory, memory, PROP_MEMORY);
      if (self->vcpus != vcpus)
        {
          self->vcpus = vcpus;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VCPUS]);
        }
      set_uint64 (self, &self->disk_size, hgr_os_info_get_default_storage (os), PROP_DISK_SIZE);
      uefi = !hgr_os_info_get_bios (os) && hgr_new_guest_get_uefi_available (self);
      if (self->uefi != uefi)
        {
          self->uefi = uefi;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UEFI]);
        }
      if (!self->name_edited)
        {
          g_auto (GStrv) taken = hgr_new_guest_dup_taken_names (self);

          g_free (self->name);
          self->name = hgr_new_guest_make_name (hgr_os_info_get_short_id (os), (const char *const *) taken);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
        }
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OS]);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
hgr_new_guest_get_name (HgrNewGuest *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  return self->name;
}

/* Returns: (nullable): the UUID of the guest Create defined */
const char *
hgr_new_guest_get_uuid (HgrNewGuest *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);
  return self->uuid;
}

/* For Create: its progress, from the main thread. */
void
hgr_new_guest_set_progress (HgrNewGuest  *self,
                            HgrCreateStep step,
                            double        fraction)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->step != step)
    {
      self->step = step;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP]);
    }
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
hgr_new_guest_set_busy (HgrNewGuest *self,
                        gboolean     busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
hgr_new_guest_inject_failure (HgrNewGuest  *self,
                              HgrCreateStep step)
{
  g_return_if_fail (HGR_IS_NEW_GUEST (self));
  self->fail_at = step;
}
