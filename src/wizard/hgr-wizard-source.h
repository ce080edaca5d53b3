/* hgr-wizard-source.h — the New Guest assistant’s first page: where the installer comes from
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_SOURCE (hgr_wizard_source_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardSource, hgr_wizard_source, HGR, WIZARD_SOURCE, HgrWizardPage)

G_END_DECLS
