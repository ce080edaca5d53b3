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

void     hgr_libvirt_init (void);
void     hgr_libvirt_set_error (GError    **error,
                                int         code,
                                const char *fallback);
gboolean hgr_libvirt_error_is (int code);

G_END_DECLS
