/* hgr-wizard-page.h — one page of the New Guest assistant: its rows bound to the choices, and why they are refused
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-new-guest.h"

G_BEGIN_DECLS

#define HGR_TYPE_WIZARD_PAGE (hgr_wizard_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (HgrWizardPage, hgr_wizard_page, HGR, WIZARD_PAGE, AdwBin)

struct _HgrWizardPageClass
{
  AdwBinClass parent_class;

  /* The page is built (the model and the host's facts are there). */
  void (*build) (HgrWizardPage *self);
  /* The page is shown to the user. */
  void (*shown) (HgrWizardPage *self);
  /* A choice changed: show or hide the rows that follow from it. */
  void (*update) (HgrWizardPage *self);
};

HgrNewGuest         *hgr_wizard_page_get_model (HgrWizardPage *self);
HgrInstallStep       hgr_wizard_page_get_step (HgrWizardPage *self);
const char          *hgr_wizard_page_get_title (HgrWizardPage *self);
AdwPreferencesGroup *hgr_wizard_page_add_group (HgrWizardPage *self,
                                                const char    *title,
                                                const char    *description);
gboolean             hgr_wizard_page_check (HgrWizardPage *self);
void                 hgr_wizard_page_shown (HgrWizardPage *self);
GtkWidget           *hgr_wizard_enum_row (const char        *title,
                                          const char        *subtitle,
                                          gpointer           model,
                                          const char        *property,
                                          const char *const *labels);

GtkWidget *hgr_wizard_page_new (GType          type,
                                HgrNewGuest   *model,
                                HgrInstallStep step,
                                const char    *title);

G_END_DECLS
