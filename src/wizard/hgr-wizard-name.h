/* hgr-wizard-name.h — the New Guest assistant’s name, network and firmware page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_NAME (hgr_wizard_name_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardName, hgr_wizard_name, HGR, WIZARD_NAME, HgrWizardPage)

G_END_DECLS
