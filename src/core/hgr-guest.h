/* hgr-guest.h — one libvirt domain on one host, kept live by the host's events
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-enums.h"
#include "hgr-guest-stats.h"

G_BEGIN_DECLS

#define HGR_TYPE_GUEST (hgr_guest_get_type ())

G_DECLARE_FINAL_TYPE (HgrGuest, hgr_guest, HGR, GUEST, GObject)

typedef struct _HgrHost         HgrHost;
typedef struct _HgrDomainConfig HgrDomainConfig;

HgrHost           *hgr_guest_get_host (HgrGuest *self);
HgrGuestStats     *hgr_guest_get_stats (HgrGuest *self);
const char        *hgr_guest_get_name (HgrGuest *self);
const char        *hgr_guest_get_uuid (HgrGuest *self);
const char        *hgr_guest_get_title (HgrGuest *self);
const char        *hgr_guest_get_display_name (HgrGuest *self);
HgrGuestState      hgr_guest_get_state (HgrGuest *self);
gboolean           hgr_guest_get_active (HgrGuest *self);
gboolean           hgr_guest_get_persistent (HgrGuest *self);
gboolean           hgr_guest_get_busy (HgrGuest *self);
gboolean           hgr_guest_get_details_loaded (HgrGuest *self);
const char        *hgr_guest_get_description (HgrGuest *self);
guint              hgr_guest_get_vcpus (HgrGuest *self);
guint64            hgr_guest_get_memory (HgrGuest *self);
const char        *hgr_guest_get_os_type (HgrGuest *self);
const char        *hgr_guest_get_arch (HgrGuest *self);
gboolean           hgr_guest_get_autostart (HgrGuest *self);
const char *const *hgr_guest_get_disks (HgrGuest *self);

gboolean hgr_guest_can (HgrGuest      *self,
                        HgrGuestAction action);

void     hgr_guest_perform_async (HgrGuest           *self,
                                  HgrGuestAction      action,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data);
gboolean hgr_guest_perform_finish (HgrGuest     *self,
                                   GAsyncResult *result,
                                   GError      **error);

void     hgr_guest_load_details_async (HgrGuest           *self,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data);
gboolean hgr_guest_load_details_finish (HgrGuest     *self,
                                        GAsyncResult *result,
                                        GError      **error);

void     hgr_guest_delete_async (HgrGuest           *self,
                                 gboolean            force_off,
                                 const char *const  *delete_disks,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gboolean hgr_guest_delete_finish (HgrGuest     *self,
                                  GAsyncResult *result,
                                  GError      **error);

void hgr_guest_open_graphics_async (HgrGuest           *self,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data);
int  hgr_guest_open_graphics_finish (HgrGuest     *self,
                                     GAsyncResult *result,
                                     char        **password,
                                     GSubprocess **tunnel,
                                     GError      **error);

void             hgr_guest_read_config_async (HgrGuest           *self,
                                              GCancellable       *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer            user_data);
HgrDomainConfig *hgr_guest_read_config_finish (HgrGuest     *self,
                                               GAsyncResult *result,
                                               GError      **error);
void             hgr_guest_apply_config_async (HgrGuest           *self,
                                               HgrDomainConfig    *config,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
HgrDomainConfig *hgr_guest_apply_config_finish (HgrGuest     *self,
                                                GAsyncResult *result,
                                                GStrv        *live_errors,
                                                GError      **error);
void             hgr_guest_define_xml_async (HgrGuest           *self,
                                             const char         *xml,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean         hgr_guest_define_xml_finish (HgrGuest     *self,
                                              GAsyncResult *result,
                                              GError      **error);
void             hgr_guest_add_vnc_display_async (HgrGuest           *self,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
gboolean         hgr_guest_add_vnc_display_finish (HgrGuest     *self,
                                                   GAsyncResult *result,
                                                   GError      **error);

G_END_DECLS
