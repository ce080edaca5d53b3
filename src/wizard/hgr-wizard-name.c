/* hgr-wizard-name.c — the New Guest assistant's name, network and firmware page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-name.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

struct _HgrWizardName
{
  HgrWizardPage parent_instance;

  GtkWidget *network_name_row;
  GtkWidget *bridge_row;
  GtkWidget *uefi_row;
  GtkWidget *tpm_row;
};

G_DEFINE_FINAL_TYPE (HgrWizardName, hgr_wizard_name, HGR_TYPE_WIZARD_PAGE)

static void
hgr_wizard_name_build (HgrWizardPage *page)
{
  HgrWizardName       *self = HGR_WIZARD_NAME (page);
  HgrNewGuest         *model = hgr_wizard_page_get_model (page);
  const HgrHostFacts  *facts = hgr_new_guest_get_facts (model);
  const char          *networks[] = { _ ("Virtual Network"), _ ("Host Bridge"), _ ("None"), NULL };
  AdwPreferencesGroup *group = hgr_wizard_page_add_group (page, NULL, NULL);
  GtkWidget           *row;

  row = hgr_details_entry_row (_ ("_Name"), _ ("Letters, digits and . _ + -"), model, "name");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);

  group = hgr_wizard_page_add_group (page, _ ("Network"), NULL);
  row = hgr_wizard_enum_row (_ ("_Connection"), NULL, model, "network", networks);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  self->network_name_row = hgr_details_combo_row (_ ("Virtual _Network"), NULL, model, "network-name",
                                                  (const char *const *) facts->networks,
                                                  (const char *const *) facts->networks);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->network_name_row), TRUE);
  adw_preferences_group_add (group, self->network_name_row);
  self->bridge_row = hgr_details_entry_row (_ ("_Bridge"), _ ("A bridge interface of the host, e.g. br0"), model, "bridge");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->bridge_row), TRUE);
  adw_preferences_group_add (group, self->bridge_row);

  group = hgr_wizard_page_add_group (page, _ ("Firmware"), NULL);
  self->uefi_row = hgr_details_switch_row (_ ("_UEFI"), NULL, model, "uefi");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->uefi_row), TRUE);
  adw_preferences_group_add (group, self->uefi_row);
  self->tpm_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->tpm_row), _ ("TPM"));
  adw_preferences_group_add (group, self->tpm_row);

  group = hgr_wizard_page_add_group (page, NULL, NULL);
  row = hgr_details_switch_row (_ ("Customize Before _Install"),
                                _ ("Define the guest and open its details instead of starting it"), model, "customize");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
}

static void
hgr_wizard_name_update (HgrWizardPage *page)
{
  HgrWizardName    *self = HGR_WIZARD_NAME (page);
  HgrNewGuest      *model = hgr_wizard_page_get_model (page);
  HgrInstallNetwork network;
  gboolean          available = hgr_new_guest_get_uefi_available (model);

  g_object_get (model, "network", &network, NULL);
  gtk_widget_set_visible (self->network_name_row, network == HGR_INSTALL_NETWORK_VIRTUAL);
  gtk_widget_set_visible (self->bridge_row, network == HGR_INSTALL_NETWORK_BRIDGE);
  gtk_widget_set_sensitive (self->uefi_row, available);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->uefi_row),
                               available ? _ ("Instead of BIOS; what newer systems such as Windows 11 need")
                                         : _ ("The host has no UEFI firmware for this guest (on Debian, package “ovmf”)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->tpm_row), hgr_new_guest_get_tpm (model)
                                                                 ? _ ("An emulated TPM 2.0, added with UEFI")
                                                                 : _ ("None (added with UEFI when the host can emulate one)"));
}

static void
hgr_wizard_name_class_init (HgrWizardNameClass *klass)
{
  HgrWizardPageClass *page_class = HGR_WIZARD_PAGE_CLASS (klass);

  page_class->build = hgr_wizard_name_build;
  page_class->update = hgr_wizard_name_update;
}

static void
hgr_wizard_name_init (HgrWizardName *self)
{
}
