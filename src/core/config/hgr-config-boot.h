/* hgr-config-boot.h — how a guest boots: device order, boot menu, direct kernel boot
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_BOOT (hgr_config_boot_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigBoot, hgr_config_boot, HGR, CONFIG_BOOT, HgrConfigPart)

HgrConfigPart *hgr_config_boot_new (void);
GStrv          hgr_config_boot_dup_order (HgrConfigBoot *self);
void           hgr_config_boot_set_order (HgrConfigBoot     *self,
                                          const char *const *keys);

G_END_DECLS
