/* hgr-load-monitor.h — the live load of every host in a store, read as the settings say
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-host-store.h"
#include "hgr-stats-sampler.h"

G_BEGIN_DECLS

#define HGR_TYPE_LOAD_MONITOR (hgr_load_monitor_get_type ())

G_DECLARE_FINAL_TYPE (HgrLoadMonitor, hgr_load_monitor, HGR, LOAD_MONITOR, GObject)

HgrLoadMonitor  *hgr_load_monitor_new (HgrHostStore *store,
                                       GSettings    *settings);
HgrStatsSampler *hgr_load_monitor_get_sampler (HgrLoadMonitor *self,
                                               HgrHost        *host);

G_END_DECLS
