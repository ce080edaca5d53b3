/* hgr-sparkline.h — a guest's recent load as a small bar graph
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "hgr-guest-stats.h"

G_BEGIN_DECLS

#define HGR_TYPE_SPARKLINE (hgr_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (HgrSparkline, hgr_sparkline, HGR, SPARKLINE, GtkWidget)

GtkWidget *hgr_sparkline_new (void);
void       hgr_sparkline_set_stats (HgrSparkline  *self,
                                    HgrGuestStats *stats,
                                    HgrStatsSeries series);

G_END_DECLS
