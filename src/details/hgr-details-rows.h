/* hgr-details-rows.h — libadwaita rows bound to a configuration part's properties, for the Details sections
 *
 * Each row edits one property both ways (the part holds the staged value),
 * names its control for screen readers with the row's title, and activates
 * it from the keyboard. Sections are tables of these rows.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-config-part.h"

G_BEGIN_DECLS

GtkWidget *hgr_details_entry_row (const char *title,
                                  const char *subtitle,
                                  gpointer    part,
                                  const char *property);
GtkWidget *hgr_details_spin_row (const char *title,
                                 const char *subtitle,
                                 gpointer    part,
                                 const char *property,
                                 double      lower,
                                 double      upper,
                                 guint       scale);
GtkWidget *hgr_details_switch_row (const char *title,
                                   const char *subtitle,
                                   gpointer    part,
                                   const char *property);
GtkWidget *hgr_details_combo_row (const char        *title,
                                  const char        *subtitle,
                                  gpointer           part,
                                  const char        *property,
                                  const char *const *values,
                                  const char *const *labels);
GtkWidget *hgr_details_info_row (const char *title,
                                 const char *value);
GtkWidget *hgr_details_group (GtkWidget  *page,
                              const char *title,
                              const char *description);
GtkWidget *hgr_details_get_control (GtkWidget *row);
GtkWidget *hgr_details_remove_row (HgrConfigPart *part,
                                   const char    *remove_title);

G_END_DECLS
