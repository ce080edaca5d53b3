/* hgr-new-guest-check.c — HgrNewGuest's checks: each page's choices, names, and what to warn about
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-install"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-error.h"
#include "hgr-new-guest-private.h"

#define MIB ((guint64) 1024 * 1024)

static gboolean
name_char_ok (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '_' || c == '+' || c == '-';
}

/**
 * hgr_new_guest_validate_name:
 * @name: (nullable): a name for the new guest
 * @taken: (nullable): the host's guests' names
 * @error: why it cannot be used
 *
 * A name of letters, digits and ". _ + -", beginning with a letter or a
 * digit, at most %HGR_NEW_GUEST_NAME_MAX characters, that no guest of the
 * host has. libvirt allows more; these names also work as file and host names
 * and on a shell's command line (virsh).
 *
 * Returns: whether @name can be used
 */
gboolean
hgr_new_guest_validate_name (const char        *name,
                             const char *const *taken,
                             GError           **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Enter a name for the guest."));
      return FALSE;
    }
  if (strlen (name) > HGR_NEW_GUEST_NAME_MAX)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A name can have at most %u characters."),
                   HGR_NEW_GUEST_NAME_MAX);
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if (!name_char_ok (*p))
      {
        g_autofree char *what = NULL;

        if (*p == ' ')
          what = g_strdup (_ ("a space"));
        else if ((guchar) *p < 0x80 && g_ascii_isprint (*p))
          what = g_strdup_printf ("“%c”", *p);
        else
          what = g_strdup (_ ("a character outside ASCII"));
        g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                     _ ("A name can have only letters, digits and “. _ + -”, not %s."), what);
        return FALSE;
      }
  if (!g_ascii_isalnum (name[0]))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A name must begin with a letter or a digit."));
      return FALSE;
    }
  if (taken != NULL && g_strv_contains (taken, name))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The host already has a guest called “%s”."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * hgr_new_guest_make_name:
 * @short_id: (nullable): the OS's short id (fedora37)
 * @taken: (nullable): the host's guests' names
 *
 * Returns: (transfer full): @short_id made a valid name that is not taken
 *   (fedora37, fedora37-2, …)
 */
char *
hgr_new_guest_make_name (const char        *short_id,
                         const char *const *taken)
{
  g_autoptr (GString) base = g_string_new (NULL);

  if (g_strcmp0 (short_id, HGR_OS_GENERIC_LINUX) == 0)
    short_id = "linux";
  else if (g_strcmp0 (short_id, HGR_OS_GENERIC_WINDOWS) == 0)
    short_id = "windows";
  else if (short_id == NULL || g_strcmp0 (short_id, HGR_OS_OTHER) == 0)
    short_id = "guest";
  for (const char *p = short_id; *p != '\0' && base->len < HGR_NEW_GUEST_NAME_MAX - 4; p++)
    g_string_append_c (base, name_char_ok (*p) ? *p : '-');
  if (base->len == 0 || !g_ascii_isalnum (base->str[0]))
    g_string_prepend (base, "guest");
  for (guint i = 1;; i++)
    {
      char *name = i == 1 ? g_strdup (base->str) : g_strdup_printf ("%s-%u", base->str, i);

      if (taken == NULL || !g_strv_contains (taken, name))
        return name;
      g_free (name);
    }
}

static gboolean
fail (GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (GError    **error,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static gboolean
check_source (HgrNewGuest *self,
              GError     **error)
{
  switch (self->source)
    {
    case HGR_INSTALL_SOURCE_ISO_FILE:
      if (empty (self->iso_file))
        return fail (error, _ ("Choose an ISO image on this computer."));
      if (!g_file_test (self->iso_file, G_FILE_TEST_IS_REGULAR))
        return fail (error, _ ("“%s” is not a file on this computer."), self->iso_file);
      return TRUE;
    case HGR_INSTALL_SOURCE_ISO_VOLUME:
      if (empty (self->iso_volume))
        return fail (error, _ ("Choose an ISO volume of the host."));
      return TRUE;
    case HGR_INSTALL_SOURCE_IMPORT:
      if (empty (self->import_path))
        return fail (error, _ ("Choose the disk image to import."));
      return TRUE;
    case HGR_INSTALL_SOURCE_NETWORK:
    case HGR_INSTALL_SOURCE_NONE:
    default:
      return TRUE;
    }
}

static gboolean
check_resources (HgrNewGuest *self,
                 GError     **error)
{
  const HgrMachineFacts *machine = hgr_new_guest_get_machine_facts (self);

  if (self->memory < 64 * MIB)
    return fail (error, _ ("A guest needs at least 64 MiB of memory."));
  if (self->facts != NULL && self->facts->memory > 0 && self->memory > self->facts->memory)
    {
      g_autofree char *host = g_format_size_full (self->facts->memory, G_FORMAT_SIZE_IEC_UNITS);

      return fail (error, _ ("The host has only %s of memory."), host);
    }
  if (self->vcpus < 1)
    return fail (error, _ ("A guest needs at least one processor."));
  if (self->facts != NULL && self->facts->cpus > 0 && self->vcpus > self->facts->cpus)
    return fail (error, g_dngettext (GETTEXT_PACKAGE, "The host has only %u processor.", "The host has only %u processors.", self->facts->cpus),
                 self->facts->cpus);
  if (machine != NULL && machine->max_vcpus > 0 && self->vcpus > machine->max_vcpus)
    return fail (error, _ ("A guest of this machine type can have at most %u processors."), machine->max_vcpus);
  return TRUE;
}

static gboolean
check_storage (HgrNewGuest *self,
               GError     **error)
{
  const HgrPoolFacts *pool;

  if (self->source == HGR_INSTALL_SOURCE_IMPORT)
    return TRUE; /* the imported image is the disk */
  switch (self->storage)
    {
    case HGR_INSTALL_STORAGE_NEW:
      if (self->disk_size < MIB)
        return fail (error, _ ("Enter the disk’s size: at least 1 MiB."));
      if (self->create_pool)
        return TRUE; /* a new pool: its free space is known once it is made */
      if (empty (self->pool))
        return fail (error, _ ("Choose a storage pool for the disk."));
      if (self->facts == NULL)
        return TRUE;
      pool = hgr_host_facts_find_pool (self->facts, self->pool);
      if (pool == NULL)
        return fail (error, _ ("The host has no storage pool “%s”."), self->pool);
      if (!pool->active)
        return fail (error, _ ("The storage pool “%s” is not active."), self->pool);
      if (self->disk_size > pool->available)
        {
          g_autofree char *available = g_format_size_full (pool->available, G_FORMAT_SIZE_IEC_UNITS);
          g_autofree char *needed = g_format_size_full (self->disk_size, G_FORMAT_SIZE_IEC_UNITS);

          return fail (error, _ ("The pool “%s” has %s free; the disk needs %s."), self->pool, available, needed);
        }
      return TRUE;
    case HGR_INSTALL_STORAGE_EXISTING:
      if (empty (self->disk_path))
        return fail (error, _ ("Choose the disk’s volume or file."));
      return TRUE;
    case HGR_INSTALL_STORAGE_NONE:
    default:
      if (self->source == HGR_INSTALL_SOURCE_NONE)
        return fail (error, _ ("Without install media the guest needs a disk."));
      return TRUE;
    }
}

static gboolean
check_name (HgrNewGuest *self,
            GError     **error)
{
  g_auto (GStrv) taken = hgr_new_guest_dup_taken_names (self);

  if (!hgr_new_guest_validate_name (self->name, (const char *const *) taken, error))
    return FALSE;
  switch (self->network)
    {
    case HGR_INSTALL_NETWORK_VIRTUAL:
      if (empty (self->network_name))
        return fail (error, _ ("Choose a virtual network."));
      if (self->facts != NULL && !hgr_host_facts_has_network (self->facts, self->network_name))
        return fail (error, _ ("The host has no active network “%s”."), self->network_name);
      break;
    case HGR_INSTALL_NETWORK_BRIDGE:
      if (empty (self->bridge))
        return fail (error, _ ("Enter the name of the host’s bridge."));
      for (const char *p = self->bridge; *p != '\0'; p++)
        if (!g_ascii_isgraph (*p) || *p == '/')
          return fail (error, _ ("“%s” is not a network interface’s name."), self->bridge);
      break;
    case HGR_INSTALL_NETWORK_NONE:
    default:
      if (self->source == HGR_INSTALL_SOURCE_NETWORK)
        return fail (error, _ ("A network boot needs a network."));
      break;
    }
  if (self->uefi && !hgr_new_guest_get_uefi_available (self))
    return fail (error, _ ("The host has no UEFI firmware for this guest."));
  return TRUE;
}

/**
 * hgr_new_guest_check:
 * @self: a new guest
 * @step: a page of the assistant
 * @error: why the page's choices cannot be used
 *
 * Returns: whether the choices on @step can be used
 */
gboolean
hgr_new_guest_check (HgrNewGuest   *self,
                     HgrInstallStep step,
                     GError       **error)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), FALSE);

  switch (step)
    {
    case HGR_INSTALL_STEP_SOURCE:
      return check_source (self, error);
    case HGR_INSTALL_STEP_OS:
      return self->os != NULL || fail (error, _ ("Choose the operating system."));
    case HGR_INSTALL_STEP_RESOURCES:
      return check_resources (self, error);
    case HGR_INSTALL_STEP_STORAGE:
      return check_storage (self, error);
    case HGR_INSTALL_STEP_NAME:
      return check_name (self, error);
    case HGR_INSTALL_STEP_SUMMARY:
    default:
      return hgr_new_guest_check_all (self, NULL, error);
    }
}

/**
 * hgr_new_guest_check_all:
 * @self: a new guest
 * @failed: (out) (optional): the first page that is refused
 * @error: why
 *
 * Returns: whether every page's choices can be used
 */
gboolean
hgr_new_guest_check_all (HgrNewGuest    *self,
                         HgrInstallStep *failed,
                         GError        **error)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), FALSE);

  for (HgrInstallStep step = HGR_INSTALL_STEP_SOURCE; step < HGR_INSTALL_STEP_SUMMARY; step++)
    if (!hgr_new_guest_check (self, step, error))
      {
        if (failed != NULL)
          *failed = step;
        return FALSE;
      }
  return TRUE;
}

/**
 * hgr_new_guest_dup_warning:
 * @self: a new guest
 * @step: a page of the assistant
 *
 * Returns: (transfer full) (nullable): what the user may want to know about
 *   the choices on @step that is no reason to refuse them (below the OS's
 *   minimum, BIOS for an OS that needs UEFI)
 */
char *
hgr_new_guest_dup_warning (HgrNewGuest   *self,
                           HgrInstallStep step)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST (self), NULL);

  if (self->os == NULL)
    return NULL;
  if (step == HGR_INSTALL_STEP_RESOURCES && self->memory < hgr_os_info_get_minimum_memory (self->os))
    {
      g_autofree char *minimum = g_format_size_full (hgr_os_info_get_minimum_memory (self->os), G_FORMAT_SIZE_IEC_UNITS);

      return g_strdup_printf (_ ("%s needs at least %s of memory."), hgr_os_info_get_name (self->os), minimum);
    }
  if (step == HGR_INSTALL_STEP_RESOURCES && self->vcpus < hgr_os_info_get_minimum_vcpus (self->os))
    return g_strdup_printf (_ ("%s needs at least %u processors."), hgr_os_info_get_name (self->os),
                            hgr_os_info_get_minimum_vcpus (self->os));
  if (step == HGR_INSTALL_STEP_STORAGE && self->storage == HGR_INSTALL_STORAGE_NEW &&
      self->source != HGR_INSTALL_SOURCE_IMPORT && self->disk_size < hgr_os_info_get_minimum_storage (self->os))
    {
      g_autofree char *minimum = g_format_size_full (hgr_os_info_get_minimum_storage (self->os), G_FORMAT_SIZE_IEC_UNITS);

      return g_strdup_printf (_ ("%s needs a disk of at least %s."), hgr_os_info_get_name (self->os), minimum);
    }
  if (step == HGR_INSTALL_STEP_NAME && !self->uefi && !hgr_os_info_get_bios (self->os))
    {
      if (!hgr_new_guest_get_uefi_available (self))
        return g_strdup_printf (_ ("%s needs UEFI, and the host has no UEFI firmware (on Debian, package “ovmf”)."),
                                hgr_os_info_get_name (self->os));
      return g_strdup_printf (_ ("%s needs UEFI: it will not start with BIOS."), hgr_os_info_get_name (self->os));
    }
  return NULL;
}
