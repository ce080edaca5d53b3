/* hgr-wizard-summary.h — the New Guest assistant’s last page: every choice, Create and its progress
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-wizard-page.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_SUMMARY (hgr_wizard_summary_get_type ())

G_DECLARE_FINAL_TYPE (HgrWizardSummary, hgr_wizard_summary, HGR, WIZARD_SUMMARY, HgrWizardPage)

void hgr_wizard_summary_set_failure (HgrWizardSummary *self,
                                     const char       *message);

G_END_DECLS
