/* hgr-wizard-page.c — one page of the New Guest assistant: its rows bound to the choices, and why they are refused
 *
 * A page is an AdwPreferencesPage of groups whose rows are bound to the
 * HgrNewGuest's properties (the Details view's bound rows, and an enum
 * combo row here). Under them the page says why its choices are refused
 * (hgr_new_guest_check() for its step) or what the user should know
 * (hgr_new_guest_dup_warning()), after every change.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-page.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-enum-types.h"

typedef struct
{
  HgrNewGuest        *model;
  HgrInstallStep      step;
  char               *title;
  AdwPreferencesPage *page;
  GtkWidget          *message_group;
  GtkLabel           *error_label;
  GtkLabel           *warning_label;
  gulong              notify_id;
} HgrWizardPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (HgrWizardPage, hgr_wizard_page, ADW_TYPE_BIN)

static void
hgr_wizard_page_dispose (GObject *object)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (HGR_WIZARD_PAGE (object));

  g_clear_signal_handler (&priv->notify_id, priv->model);
  g_clear_object (&priv->model);
  G_OBJECT_CLASS (hgr_wizard_page_parent_class)->dispose (object);
}

static void
hgr_wizard_page_finalize (GObject *object)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (HGR_WIZARD_PAGE (object));

  g_free (priv->title);
  G_OBJECT_CLASS (hgr_wizard_page_parent_class)->finalize (object);
}

static void
hgr_wizard_page_class_init (HgrWizardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_wizard_page_dispose;
  object_class->finalize = hgr_wizard_page_finalize;
}

static GtkLabel *
message_label (const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style);
  gtk_widget_set_visible (label, FALSE);
  return GTK_LABEL (label);
}

static void
hgr_wizard_page_init (HgrWizardPage *self)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);
  GtkWidget            *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  priv->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (priv->page));
  priv->error_label = message_label ("error");
  priv->warning_label = message_label ("warning");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->error_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->warning_label));
  priv->message_group = adw_preferences_group_new ();
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (priv->message_group), box);
}

/* Shows why the page's choices are refused, or what to know about them. */
gboolean
hgr_wizard_page_check (HgrWizardPage *self)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *warning = NULL;
  gboolean         ok = hgr_new_guest_check (priv->model, priv->step, &error);

  if (priv->step != HGR_INSTALL_STEP_SUMMARY)
    {
      gtk_label_set_label (priv->error_label, error != NULL ? error->message : NULL);
      gtk_widget_set_visible (GTK_WIDGET (priv->error_label), error != NULL);
    }
  warning = hgr_new_guest_dup_warning (priv->model, priv->step);
  gtk_label_set_label (priv->warning_label, warning);
  gtk_widget_set_visible (GTK_WIDGET (priv->warning_label), warning != NULL);
  return ok;
}

static void
model_notify_cb (HgrWizardPage *self)
{
  HgrWizardPageClass *klass = HGR_WIZARD_PAGE_GET_CLASS (self);

  if (klass->update != NULL)
    klass->update (self);
  hgr_wizard_page_check (self);
}

/**
 * hgr_wizard_page_new:
 * @type: the page's type (a subclass)
 * @model: the choices
 * @step: the step the page is
 * @title: what the header says on it
 *
 * Returns: (transfer floating): the page, built
 */
GtkWidget *
hgr_wizard_page_new (GType          type,
                     HgrNewGuest   *model,
                     HgrInstallStep step,
                     const char    *title)
{
  HgrWizardPage        *self = g_object_new (type, NULL);
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);
  HgrWizardPageClass   *klass = HGR_WIZARD_PAGE_GET_CLASS (self);

  priv->model = g_object_ref (model);
  priv->step = step;
  priv->title = g_strdup (title);
  if (klass->build != NULL)
    klass->build (self);
  adw_preferences_page_add (priv->page, ADW_PREFERENCES_GROUP (priv->message_group));
  priv->notify_id = g_signal_connect_swapped (model, "notify", G_CALLBACK (model_notify_cb), self);
  model_notify_cb (self);
  return GTK_WIDGET (self);
}

HgrNewGuest *
hgr_wizard_page_get_model (HgrWizardPage *self)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);

  return priv->model;
}

HgrInstallStep
hgr_wizard_page_get_step (HgrWizardPage *self)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);

  return priv->step;
}

const char *
hgr_wizard_page_get_title (HgrWizardPage *self)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);

  return priv->title;
}

/* Returns: (transfer none): a new group at the end of the page */
AdwPreferencesGroup *
hgr_wizard_page_add_group (HgrWizardPage *self,
                           const char    *title,
                           const char    *description)
{
  HgrWizardPagePrivate *priv = hgr_wizard_page_get_instance_private (self);
  GtkWidget            *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (priv->page, ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

void
hgr_wizard_page_shown (HgrWizardPage *self)
{
  HgrWizardPageClass *klass = HGR_WIZARD_PAGE_GET_CLASS (self);

  if (klass->shown != NULL)
    klass->shown (self);
  hgr_wizard_page_check (self);
}

static gboolean
enum_to_index (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  g_value_set_uint (to, (guint) g_value_get_enum (from));
  return TRUE;
}

static gboolean
index_to_enum (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      data)
{
  guint index = g_value_get_uint (from);

  if (index == GTK_INVALID_LIST_POSITION)
    return FALSE;
  g_value_set_enum (to, (int) index);
  return TRUE;
}

/**
 * hgr_wizard_enum_row:
 * @labels: what the user reads for each of the enum's values, in order from 0
 *
 * Returns: (transfer floating): a combo row bound to the enum @property of @model
 */
GtkWidget *
hgr_wizard_enum_row (const char        *title,
                     const char        *subtitle,
                     gpointer           model,
                     const char        *property,
                     const char *const *labels)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr (GtkStringList) list = gtk_string_list_new (labels);
  g_autoptr (GtkListItemFactory) factory = hgr_a11y_string_factory_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (list));
  adw_combo_row_set_factory (ADW_COMBO_ROW (row), factory);
  g_object_bind_property_full (model, property, row, "selected", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE,
                               enum_to_index, index_to_enum, NULL, NULL);
  return row;
}
