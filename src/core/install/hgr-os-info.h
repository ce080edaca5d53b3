/* hgr-os-info.h — one operating system a new guest can run, and what it needs
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <osinfo/osinfo.h>

G_BEGIN_DECLS

#define HGR_TYPE_OS_INFO (hgr_os_info_get_type ())

G_DECLARE_FINAL_TYPE (HgrOsInfo, hgr_os_info, HGR, OS_INFO, GObject)

/* The choices for an OS the database does not know (their short ids). */
#define HGR_OS_GENERIC_LINUX   "generic-linux"
#define HGR_OS_GENERIC_WINDOWS "generic-windows"
#define HGR_OS_OTHER           "other"

HgrOsInfo  *hgr_os_info_new_from_osinfo (OsinfoOs *os);
HgrOsInfo  *hgr_os_info_new_generic (const char *short_id);
const char *hgr_os_info_get_id (HgrOsInfo *self);
const char *hgr_os_info_get_short_id (HgrOsInfo *self);
const char *hgr_os_info_get_name (HgrOsInfo *self);
const char *hgr_os_info_get_release_date (HgrOsInfo *self);
const char *hgr_os_info_get_search_key (HgrOsInfo *self);
gboolean    hgr_os_info_get_generic (HgrOsInfo *self);
gboolean    hgr_os_info_matches (HgrOsInfo  *self,
                                 const char *text);

guint64  hgr_os_info_get_minimum_memory (HgrOsInfo *self);
guint64  hgr_os_info_get_default_memory (HgrOsInfo *self);
guint    hgr_os_info_get_minimum_vcpus (HgrOsInfo *self);
guint    hgr_os_info_get_default_vcpus (HgrOsInfo *self);
guint64  hgr_os_info_get_minimum_storage (HgrOsInfo *self);
guint64  hgr_os_info_get_default_storage (HgrOsInfo *self);
gboolean hgr_os_info_get_windows (HgrOsInfo *self);
gboolean hgr_os_info_get_virtio (HgrOsInfo *self);
gboolean hgr_os_info_get_virtio_net (HgrOsInfo *self);
gboolean hgr_os_info_get_virtio_rng (HgrOsInfo *self);
gboolean hgr_os_info_get_q35 (HgrOsInfo *self);
gboolean hgr_os_info_get_bios (HgrOsInfo *self);
gboolean hgr_os_info_get_efi (HgrOsInfo *self);

G_END_DECLS
