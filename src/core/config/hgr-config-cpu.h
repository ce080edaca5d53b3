/* hgr-config-cpu.h — a guest's processors: vCPUs (current, maximum), topology and CPU mode or model
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_CPU (hgr_config_cpu_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigCpu, hgr_config_cpu, HGR, CONFIG_CPU, HgrConfigPart)

HgrConfigPart *hgr_config_cpu_new (void);

G_END_DECLS
