/* hgr-wizard-os.h — the New Guest assistant’s operating system page: detected, or chosen from a searchable list
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_OS (hgr_wizard_os_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardOs, hgr_wizard_os, HGR, WIZARD_OS, HgrWizardPage)

G_END_DECLS
