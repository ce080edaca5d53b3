/* hgr-wizard-resources.c — the New Guest assistant's memory and processors page
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-resources.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

#define MiB (1024 * 1024)

struct _HgrWizardResources
{
  HgrWizardPage parent_instance;
};

G_DEFINE_FINAL_TYPE (HgrWizardResources, hgr_wizard_resources, HGR_TYPE_WIZARD_PAGE)

static void
hgr_wizard_resources_build (HgrWizardPage *page)
{
  HgrNewGuest        *model = hgr_wizard_page_get_model (page);
  const HgrHostFacts *facts = hgr_new_guest_get_facts (model);
  g_autofree char    *memory = g_format_size_full (facts->memory, G_FORMAT_SIZE_IEC_UNITS);
  /* Translators: the host's memory ("16.0 GiB") and processors */
  g_autofree char     *description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The host has %s of memory and %u processor.",
                                                                   "The host has %s of memory and %u processors.", facts->cpus),
                                                      memory, facts->cpus);
  AdwPreferencesGroup *group = hgr_wizard_page_add_group (page, _ ("Memory and Processors"), description);
  GtkWidget           *row;

  /* Not bounded by the host: more than it has is refused with a message, not silently cut. */
  row = hgr_details_spin_row (_ ("_Memory (MiB)"), _ ("Defaults to what the operating system recommends"), model,
                              "memory", 0, 16.0 * 1024 * 1024, MiB);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
  row = hgr_details_spin_row (_ ("_Processors"), NULL, model, "vcpus", 0, 4096, 1);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);
}

static void
hgr_wizard_resources_class_init (HgrWizardResourcesClass *klass)
{
  HGR_WIZARD_PAGE_CLASS (klass)->build = hgr_wizard_resources_build;
}

static void
hgr_wizard_resources_init (HgrWizardResources *self)
{
}
