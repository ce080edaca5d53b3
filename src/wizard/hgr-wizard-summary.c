/* hgr-wizard-summary.c — the New Guest assistant's last page: every choice, Create and its progress
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-summary.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

struct _HgrWizardSummary
{
  HgrWizardPage parent_instance;

  AdwPreferencesGroup *choices;
  GPtrArray           *rows; /* in choices, remade when shown */
  AdwPreferencesGroup *progress_group;
  GtkLabel            *step_label;
  GtkProgressBar      *progress_bar;
  GtkLabel            *failure_label;
};

G_DEFINE_FINAL_TYPE (HgrWizardSummary, hgr_wizard_summary, HGR_TYPE_WIZARD_PAGE)

static void
add_row (HgrWizardSummary *self,
         const char       *title,
         const char       *value)
{
  GtkWidget *row = hgr_details_info_row (title, value);

  adw_preferences_group_add (self->choices, row);
  g_ptr_array_add (self->rows, row);
}

static char *
source_text (HgrNewGuest *model)
{
  HgrInstallSource source;
  g_autofree char *file = NULL, *volume = NULL, *import = NULL;

  g_object_get (model, "source", &source, "iso-file", &file, "iso-volume", &volume, "import-path", &import, NULL);
  switch (source)
    {
    case HGR_INSTALL_SOURCE_ISO_FILE:
      return hgr_new_guest_get_facts (model)->remote ? g_strdup_printf (_ ("%s (uploaded)"), file) : g_strdup (file);
    case HGR_INSTALL_SOURCE_ISO_VOLUME:
      return g_strdup (volume);
    case HGR_INSTALL_SOURCE_IMPORT:
      return g_strdup_printf (_ ("Imported: %s"), import);
    case HGR_INSTALL_SOURCE_NETWORK:
      return g_strdup (_ ("Network boot (PXE)"));
    case HGR_INSTALL_SOURCE_NONE:
    default:
      return g_strdup (_ ("None"));
    }
}

static char *
disk_text (HgrNewGuest *model)
{
  HgrInstallSource  source;
  HgrInstallStorage storage;
  guint64           size;
  gboolean          create_pool;
  g_autofree char  *pool = NULL, *path = NULL, *import = NULL, *formatted = NULL;

  g_object_get (model, "source", &source, "storage", &storage, "disk-size", &size, "pool", &pool, "disk-path", &path,
                "import-path", &import, "create-pool", &create_pool, NULL);
  if (source == HGR_INSTALL_SOURCE_IMPORT)
    return g_steal_pointer (&import);
  switch (storage)
    {
    case HGR_INSTALL_STORAGE_NEW:
      formatted = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
      /* Translators: a new disk's size and its pool, e.g. "20.0 GiB, new, in default" */
      return create_pool ? g_strdup_printf (_ ("%s, new, in the new pool %s"), formatted, pool)
                         : g_strdup_printf (_ ("%s, new, in %s"), formatted, pool);
    case HGR_INSTALL_STORAGE_EXISTING:
      return g_steal_pointer (&path);
    case HGR_INSTALL_STORAGE_NONE:
    default:
      return g_strdup (_ ("None"));
    }
}

static char *
network_text (HgrNewGuest *model)
{
  HgrInstallNetwork network;
  g_autofree char  *name = NULL, *bridge = NULL;

  g_object_get (model, "network", &network, "network-name", &name, "bridge", &bridge, NULL);
  if (network == HGR_INSTALL_NETWORK_VIRTUAL)
    return g_strdup_printf (_ ("Virtual network %s"), name);
  if (network == HGR_INSTALL_NETWORK_BRIDGE)
    return g_strdup_printf (_ ("Bridge %s"), bridge);
  return g_strdup (_ ("None"));
}

static void
hgr_wizard_summary_shown (HgrWizardPage *page)
{
  HgrWizardSummary *self = HGR_WIZARD_SUMMARY (page);
  HgrNewGuest      *model = hgr_wizard_page_get_model (page);
  HgrOsInfo        *os = hgr_new_guest_get_os (model);
  const char       *machine = hgr_new_guest_get_machine (model);
  guint64           memory;
  guint             vcpus;
  gboolean          uefi, customize;
  g_autofree char  *memory_text = NULL, *vcpus_text = NULL, *source = NULL, *disk = NULL, *network = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->choices, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_object_get (model, "memory", &memory, "vcpus", &vcpus, "uefi", &uefi, "customize", &customize, NULL);
  memory_text = g_format_size_full (memory, G_FORMAT_SIZE_IEC_UNITS);
  vcpus_text = g_strdup_printf ("%u", vcpus);
  source = source_text (model);
  disk = disk_text (model);
  network = network_text (model);

  add_row (self, _ ("Name"), hgr_new_guest_get_name (model));
  add_row (self, _ ("Host"), hgr_host_get_display_name (hgr_new_guest_get_host (model)));
  add_row (self, _ ("Operating System"), os != NULL ? hgr_os_info_get_name (os) : _ ("None chosen"));
  add_row (self, _ ("Install From"), source);
  add_row (self, _ ("Memory"), memory_text);
  add_row (self, _ ("Processors"), vcpus_text);
  add_row (self, _ ("Disk"), disk);
  add_row (self, _ ("Network"), network);
  add_row (self, _ ("Firmware"), uefi ? (hgr_new_guest_get_tpm (model) ? _ ("UEFI with an emulated TPM") : _ ("UEFI")) : _ ("BIOS"));
  if (machine != NULL)
    add_row (self, _ ("Machine Type"), machine);
  add_row (self, _ ("After Create"), customize ? _ ("Open its details; Begin Installation starts it") : _ ("Start it and show its console"));
}

static const char *
step_text (HgrCreateStep step)
{
  switch (step)
    {
    case HGR_CREATE_STEP_POOL:
      return _ ("Making the storage pool…");
    case HGR_CREATE_STEP_UPLOAD:
      return _ ("Uploading the ISO to the host…");
    case HGR_CREATE_STEP_DISK:
      return _ ("Making the disk…");
    case HGR_CREATE_STEP_DEFINE:
      return _ ("Defining the guest…");
    case HGR_CREATE_STEP_START:
      return _ ("Starting the guest…");
    case HGR_CREATE_STEP_DONE:
    default:
      return _ ("Creating the guest…");
    }
}

static void
hgr_wizard_summary_update (HgrWizardPage *page)
{
  HgrWizardSummary *self = HGR_WIZARD_SUMMARY (page);
  HgrCreateStep     step;
  double            fraction;
  gboolean          busy;

  g_object_get (hgr_wizard_page_get_model (page), "step", &step, "fraction", &fraction, "busy", &busy, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_group), busy);
  gtk_label_set_label (self->step_label, step_text (step));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy && step == HGR_CREATE_STEP_UPLOAD);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
hgr_wizard_summary_build (HgrWizardPage *page)
{
  HgrWizardSummary *self = HGR_WIZARD_SUMMARY (page);
  GtkWidget        *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->choices = hgr_wizard_page_add_group (page, NULL, _ ("Everything can be changed later in the guest’s details."));
  self->progress_group = hgr_wizard_page_add_group (page, NULL, NULL);
  self->step_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->step_label, 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->step_label), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Progress"), -1);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress_bar, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->step_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  adw_preferences_group_add (self->progress_group, box);
  self->failure_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->failure_label, TRUE);
  gtk_label_set_selectable (self->failure_label, TRUE);
  gtk_label_set_xalign (self->failure_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->failure_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->failure_label), FALSE);
  adw_preferences_group_add (hgr_wizard_page_add_group (page, NULL, NULL), GTK_WIDGET (self->failure_label));
}

/* What Create's failure was, and that nothing was left behind. */
void
hgr_wizard_summary_set_failure (HgrWizardSummary *self,
                                const char       *message)
{
  g_return_if_fail (HGR_IS_WIZARD_SUMMARY (self));

  if (message != NULL)
    {
      g_autofree char *text = g_strdup_printf (_ ("%s\nNothing was left on the host."), message);

      gtk_label_set_label (self->failure_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->failure_label), message != NULL);
}

static void
hgr_wizard_summary_finalize (GObject *object)
{
  g_ptr_array_unref (HGR_WIZARD_SUMMARY (object)->rows);
  G_OBJECT_CLASS (hgr_wizard_summary_parent_class)->finalize (object);
}

static void
hgr_wizard_summary_class_init (HgrWizardSummaryClass *klass)
{
  HgrWizardPageClass *page_class = HGR_WIZARD_PAGE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = hgr_wizard_summary_finalize;
  page_class->build = hgr_wizard_summary_build;
  page_class->shown = hgr_wizard_summary_shown;
  page_class->update = hgr_wizard_summary_update;
}

static void
hgr_wizard_summary_init (HgrWizardSummary *self)
{
  self->rows = g_ptr_array_new ();
}
