/* hgr-wizard-storage.c — the New Guest assistant's disk page
 *
 * A new qcow2 disk in a pool (its free space in the pool's name), an
 * existing volume or file, or none. A host without pools is offered the
 * standard directory pool, made by Create.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-storage.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

#define GiB (1024 * 1024 * 1024)

struct _HgrWizardStorage
{
  HgrWizardPage parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *imported_label;
  GtkWidget           *kind_row;
  GtkWidget           *size_row;
  GtkWidget           *pool_row;
  GtkWidget           *create_pool_row;
  GtkWidget           *path_row;
};

G_DEFINE_FINAL_TYPE (HgrWizardStorage, hgr_wizard_storage, HGR_TYPE_WIZARD_PAGE)

static GtkWidget *
pool_row (HgrNewGuest *model)
{
  const HgrHostFacts *facts = hgr_new_guest_get_facts (model);
  g_autoptr (GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) value_list = NULL;
  g_auto (GStrv) label_list = NULL;

  for (guint i = 0; i < facts->pools->len; i++)
    {
      HgrPoolFacts    *pool = g_ptr_array_index (facts->pools, i);
      g_autofree char *free_space = g_format_size_full (pool->available, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *label = pool->active
                                 /* Translators: a storage pool and its free space, e.g. "default — 40.2 GiB free" */
                                 ? g_strdup_printf (_ ("%s — %s free"), pool->name, free_space)
                                 /* Translators: a storage pool that is not started */
                                 : g_strdup_printf (_ ("%s — not active"), pool->name);

      g_strv_builder_add (values, pool->name);
      g_strv_builder_add (labels, label);
    }
  value_list = g_strv_builder_end (values);
  label_list = g_strv_builder_end (labels);
  return hgr_details_combo_row (_ ("Storage _Pool"), NULL, model, "pool", (const char *const *) value_list,
                                (const char *const *) label_list);
}

static void
hgr_wizard_storage_build (HgrWizardPage *page)
{
  HgrWizardStorage   *self = HGR_WIZARD_STORAGE (page);
  HgrNewGuest        *model = hgr_wizard_page_get_model (page);
  const HgrHostFacts *facts = hgr_new_guest_get_facts (model);
  const char         *kinds[] = { _ ("New Disk"), _ ("Existing Volume or File"), _ ("No Disk"), NULL };

  self->group = hgr_wizard_page_add_group (page, _ ("Disk"), NULL);
  self->imported_label = gtk_label_new (_ ("The imported image is the guest’s disk."));
  gtk_label_set_wrap (GTK_LABEL (self->imported_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->imported_label), 0);
  adw_preferences_group_add (self->group, self->imported_label);

  self->kind_row = hgr_wizard_enum_row (_ ("_Disk"), NULL, model, "storage", kinds);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->kind_row), TRUE);
  adw_preferences_group_add (self->group, self->kind_row);
  self->size_row = hgr_details_spin_row (_ ("_Size (GiB)"), _ ("A qcow2 image: it takes room on the host as it fills"),
                                         model, "disk-size", 0, 65536, GiB);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->size_row), TRUE);
  adw_preferences_group_add (self->group, self->size_row);
  if (facts->pools->len > 0)
    {
      self->pool_row = pool_row (model);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->pool_row), TRUE);
      adw_preferences_group_add (self->group, self->pool_row);
    }
  else if (facts->standard_pool_path != NULL)
    {
      /* Translators: %s is a folder on the host */
      g_autofree char *where = g_strdup_printf (_ ("The host has no storage pool. Hangar makes “default” at %s."),
                                                facts->standard_pool_path);

      self->create_pool_row = hgr_details_switch_row (_ ("Make the Standard _Pool"), where, model, "create-pool");
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->create_pool_row), TRUE);
      adw_preferences_group_add (self->group, self->create_pool_row);
    }
  self->path_row = hgr_details_entry_row (_ ("_Volume or File"), _ ("Its path on the host"), model, "disk-path");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->path_row), TRUE);
  adw_preferences_group_add (self->group, self->path_row);
}

static void
hgr_wizard_storage_update (HgrWizardPage *page)
{
  HgrWizardStorage *self = HGR_WIZARD_STORAGE (page);
  HgrInstallSource  source;
  HgrInstallStorage storage;
  gboolean          imported, fresh;

  g_object_get (hgr_wizard_page_get_model (page), "source", &source, "storage", &storage, NULL);
  imported = source == HGR_INSTALL_SOURCE_IMPORT;
  fresh = !imported && storage == HGR_INSTALL_STORAGE_NEW;
  gtk_widget_set_visible (self->imported_label, imported);
  gtk_widget_set_visible (self->kind_row, !imported);
  gtk_widget_set_visible (self->size_row, fresh);
  if (self->pool_row != NULL)
    gtk_widget_set_visible (self->pool_row, fresh);
  if (self->create_pool_row != NULL)
    gtk_widget_set_visible (self->create_pool_row, fresh);
  gtk_widget_set_visible (self->path_row, !imported && storage == HGR_INSTALL_STORAGE_EXISTING);
}

static void
hgr_wizard_storage_class_init (HgrWizardStorageClass *klass)
{
  HgrWizardPageClass *page_class = HGR_WIZARD_PAGE_CLASS (klass);

  page_class->build = hgr_wizard_storage_build;
  page_class->update = hgr_wizard_storage_update;
}

static void
hgr_wizard_storage_init (HgrWizardStorage *self)
{
}
