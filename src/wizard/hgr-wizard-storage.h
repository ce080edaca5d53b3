/* hgr-wizard-storage.h — the New Guest assistant’s disk page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_STORAGE (hgr_wizard_storage_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardStorage, hgr_wizard_storage, HGR, WIZARD_STORAGE, HgrWizardPage)

G_END_DECLS
