/* hgr-libvirt.h — libvirt glue: autoptr cleanups, libvirt errors as GErrors, one-time set-up
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (virConnect, virConnectClose)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (virDomain, virDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (virStorageVol, virStorageVolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (virStoragePool, virStoragePoolFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (virStream, virStreamFree)

void     hgr_libvirt_init (void);
void     hgr_libvirt_set_error (GError    **error,
                                int         code,
                                const char *fallback);
gboolean hgr_libvirt_error_is (int code);
void     hgr_libvirt_get_uuid_string (virDomainPtr domain,
                                      char         uuid[VIR_UUID_STRING_BUFLEN]);
GStrv    hgr_libvirt_dup_network_names (virConnectPtr conn,
                                        unsigned int  flags);

G_END_DECLS
