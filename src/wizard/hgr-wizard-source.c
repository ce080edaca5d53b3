/* hgr-wizard-source.c — the New Guest assistant's first page: where the installer comes from
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-source.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

struct _HgrWizardSource
{
  HgrWizardPage parent_instance;

  GtkWidget            *iso_file_row;
  GtkWidget            *iso_volume_row;
  GtkWidget            *import_row;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (HgrWizardSource, hgr_wizard_source, HGR_TYPE_WIZARD_PAGE)

static void
chooser_response_cb (HgrWizardSource *self,
                     int              response)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (self->chooser))) != NULL)
    {
      g_autofree char *path = g_file_get_path (file);

      g_object_set (hgr_wizard_page_get_model (HGR_WIZARD_PAGE (self)), "iso-file", path, NULL);
    }
  g_clear_object (&self->chooser);
}

static void
choose_clicked_cb (HgrWizardSource *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr (GtkFileFilter) isos = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (isos, _ ("ISO Images"));
  gtk_file_filter_add_suffix (isos, "iso");
  gtk_file_filter_add_mime_type (isos, "application/x-cd-image");
  gtk_file_filter_set_name (all, _ ("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  self->chooser = gtk_file_chooser_native_new (_ ("Choose an ISO Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), isos);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The host's ISO volumes, with their pools. */
static GtkWidget *
iso_volume_row (HgrNewGuest *model)
{
  const HgrHostFacts *facts = hgr_new_guest_get_facts (model);
  g_autoptr (GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();
  g_auto (GStrv) value_list = NULL;
  g_auto (GStrv) label_list = NULL;
  guint n = 0;

  for (guint i = 0; i < facts->pools->len; i++)
    {
      HgrPoolFacts *pool = g_ptr_array_index (facts->pools, i);

      for (guint j = 0; pool->isos != NULL && pool->isos[j] != NULL; j++, n++)
        {
          g_autofree char *base = g_path_get_basename (pool->isos[j]);
          /* Translators: an ISO volume and its storage pool, e.g. "debian-12.iso (default)" */
          g_autofree char *label = g_strdup_printf (_ ("%s (%s)"), base, pool->name);

          g_strv_builder_add (values, pool->isos[j]);
          g_strv_builder_add (labels, label);
        }
    }
  if (n == 0)
    {
      g_strv_builder_add (values, "");
      g_strv_builder_add (labels, _ ("The host’s pools have no ISO volume"));
    }
  value_list = g_strv_builder_end (values);
  label_list = g_strv_builder_end (labels);
  if (n > 0 && hgr_new_guest_get_facts (model) != NULL)
    {
      g_autofree char *current = NULL;

      g_object_get (model, "iso-volume", &current, NULL);
      if (current == NULL)
        g_object_set (model, "iso-volume", value_list[0], NULL);
    }
  return hgr_details_combo_row (_ ("ISO _Volume"), NULL, model, "iso-volume", (const char *const *) value_list,
                                (const char *const *) label_list);
}

static void
hgr_wizard_source_build (HgrWizardPage *page)
{
  HgrWizardSource     *self = HGR_WIZARD_SOURCE (page);
  HgrNewGuest         *model = hgr_wizard_page_get_model (page);
  const HgrHostFacts  *facts = hgr_new_guest_get_facts (model);
  const char          *sources[] = { _ ("ISO Image on This Computer"), _ ("ISO Volume of the Host"),
                                     _ ("Existing Disk Image"), _ ("Network Boot (PXE)"), _ ("No Media (Empty Disk)"), NULL };
  AdwPreferencesGroup *group = hgr_wizard_page_add_group (
    page, _ ("Install From"), _ ("Hangar starts the guest from its installer. An existing disk image is used as it is."));
  GtkWidget *row, *button;

  row = hgr_wizard_enum_row (_ ("_Source"), NULL, model, "source", sources);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_preferences_group_add (group, row);

  self->iso_file_row = hgr_details_entry_row (_ ("ISO _Image"),
                                              facts->remote ? _ ("Uploaded to a pool of the host when the guest is made")
                                                            : _ ("A file on this computer"),
                                              model, "iso-file");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->iso_file_row), TRUE);
  button = gtk_button_new_with_mnemonic (_ ("_Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (choose_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->iso_file_row), button);
  adw_preferences_group_add (group, self->iso_file_row);

  self->iso_volume_row = iso_volume_row (model);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->iso_volume_row), TRUE);
  adw_preferences_group_add (group, self->iso_volume_row);

  self->import_row = hgr_details_entry_row (_ ("_Disk Image"), _ ("A volume’s or file’s path on the host"), model,
                                            "import-path");
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->import_row), TRUE);
  adw_preferences_group_add (group, self->import_row);
}

static void
hgr_wizard_source_update (HgrWizardPage *page)
{
  HgrWizardSource *self = HGR_WIZARD_SOURCE (page);
  HgrInstallSource source;

  g_object_get (hgr_wizard_page_get_model (page), "source", &source, NULL);
  gtk_widget_set_visible (self->iso_file_row, source == HGR_INSTALL_SOURCE_ISO_FILE);
  gtk_widget_set_visible (self->iso_volume_row, source == HGR_INSTALL_SOURCE_ISO_VOLUME);
  gtk_widget_set_visible (self->import_row, source == HGR_INSTALL_SOURCE_IMPORT);
}

static void
hgr_wizard_source_dispose (GObject *object)
{
  HgrWizardSource *self = HGR_WIZARD_SOURCE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  G_OBJECT_CLASS (hgr_wizard_source_parent_class)->dispose (object);
}

static void
hgr_wizard_source_class_init (HgrWizardSourceClass *klass)
{
  HgrWizardPageClass *page_class = HGR_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = hgr_wizard_source_dispose;
  page_class->build = hgr_wizard_source_build;
  page_class->update = hgr_wizard_source_update;
}

static void
hgr_wizard_source_init (HgrWizardSource *self)
{
}
