/* hgr-host-private.h — what the tests need of HgrHost beyond its API
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "hgr-host.h"

G_BEGIN_DECLS

virConnectPtr hgr_host_get_connection (HgrHost *self);

G_END_DECLS
