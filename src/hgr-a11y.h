/* hgr-a11y.h — what a screen reader needs that GTK 4.8 does not give by itself
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void                hgr_a11y_set_list_item_text (GtkWidget  *row,
                                                 const char *label,
                                                 const char *description);
void                hgr_a11y_fix_mnemonic_buttons (GtkWidget *root);
GtkListItemFactory *hgr_a11y_string_factory_new (void);
void                hgr_a11y_follow_stack (GtkStack *stack);

G_END_DECLS
