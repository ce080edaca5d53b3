/* hgr-delete-dialog.h — asks before deleting a guest, and which disk images go with it
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_DELETE_DIALOG (hgr_delete_dialog_get_type ())

G_DECLARE_FINAL_TYPE (HgrDeleteDialog, hgr_delete_dialog, HGR, DELETE_DIALOG, AdwMessageDialog)

HgrDeleteDialog *hgr_delete_dialog_new (GtkWindow *parent,
                                        HgrGuest  *guest);
HgrGuest        *hgr_delete_dialog_get_guest (HgrDeleteDialog *self);
GStrv            hgr_delete_dialog_dup_chosen_disks (HgrDeleteDialog *self);
void             hgr_delete_dialog_set_disk_chosen (HgrDeleteDialog *self,
                                                    const char      *path,
                                                    gboolean         chosen);

G_END_DECLS
