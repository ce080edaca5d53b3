/* hgr-wizard-resources.h — the New Guest assistant’s memory and processors page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_RESOURCES (hgr_wizard_resources_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardResources, hgr_wizard_resources, HGR, WIZARD_RESOURCES, HgrWizardPage)

G_END_DECLS
