/* hgr-config-memory.h — a guest's memory: its maximum (<memory>) and current allocation (<currentMemory>)
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_MEMORY (hgr_config_memory_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigMemory, hgr_config_memory, HGR, CONFIG_MEMORY, HgrConfigPart)

HgrConfigPart *hgr_config_memory_new (void);
guint64        hgr_config_memory_get_memory (HgrConfigMemory *self);
guint64        hgr_config_memory_get_current (HgrConfigMemory *self);

G_END_DECLS
