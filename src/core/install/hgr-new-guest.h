/* hgr-new-guest.h — a guest to be made: the assistant's choices, their checks, its XML, and Create
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-enums.h"
#include "hgr-host-facts.h"
#include "hgr-host.h"
#include "hgr-os-info.h"

G_BEGIN_DECLS

#define HGR_TYPE_NEW_GUEST (hgr_new_guest_get_type ())

G_DECLARE_FINAL_TYPE (HgrNewGuest, hgr_new_guest, HGR, NEW_GUEST, GObject)

/* The longest name the assistant gives a guest. */
#define HGR_NEW_GUEST_NAME_MAX 64

HgrNewGuest        *hgr_new_guest_new (HgrHost *host);
HgrHost            *hgr_new_guest_get_host (HgrNewGuest *self);
const HgrHostFacts *hgr_new_guest_get_facts (HgrNewGuest *self);
void                hgr_new_guest_set_facts (HgrNewGuest  *self,
                                             HgrHostFacts *facts);
HgrOsInfo          *hgr_new_guest_get_os (HgrNewGuest *self);
void                hgr_new_guest_set_os (HgrNewGuest *self,
                                          HgrOsInfo   *os);
const char         *hgr_new_guest_get_name (HgrNewGuest *self);
const char         *hgr_new_guest_get_machine (HgrNewGuest *self);
gboolean            hgr_new_guest_get_uefi_available (HgrNewGuest *self);
gboolean            hgr_new_guest_get_tpm (HgrNewGuest *self);
const char         *hgr_new_guest_get_uuid (HgrNewGuest *self);

gboolean hgr_new_guest_check (HgrNewGuest   *self,
                              HgrInstallStep step,
                              GError       **error);
gboolean hgr_new_guest_check_all (HgrNewGuest    *self,
                                  HgrInstallStep *failed,
                                  GError        **error);
char    *hgr_new_guest_dup_warning (HgrNewGuest   *self,
                                    HgrInstallStep step);

gboolean hgr_new_guest_validate_name (const char        *name,
                                      const char *const *taken,
                                      GError           **error);
char    *hgr_new_guest_make_name (const char        *short_id,
                                  const char *const *taken);
GStrv    hgr_new_guest_dup_taken_names (HgrNewGuest *self);

char *hgr_new_guest_build_xml (HgrNewGuest *self,
                               const char  *disk_path,
                               const char  *disk_format,
                               const char  *media_path,
                               GError     **error);

void     hgr_new_guest_create_async (HgrNewGuest        *self,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data);
gboolean hgr_new_guest_create_finish (HgrNewGuest  *self,
                                      GAsyncResult *result,
                                      GError      **error);
void     hgr_new_guest_discard_async (HgrNewGuest        *self,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);
gboolean hgr_new_guest_discard_finish (HgrNewGuest  *self,
                                       GAsyncResult *result,
                                       GError      **error);

/* For the tests: Create fails at @step as if libvirt had refused it. */
void hgr_new_guest_inject_failure (HgrNewGuest  *self,
                                   HgrCreateStep step);

G_END_DECLS
