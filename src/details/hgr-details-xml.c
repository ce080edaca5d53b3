/* hgr-details-xml.c — the Details page with a guest's whole XML, in a GtkSourceView
 *
 * Read-only unless the setting xml-editing is on (a switch on the page).
 * The view's Apply defines the text (hgr_guest_define_xml_async()); when
 * libvirt refuses, its message stays beside the text and the text stays as
 * the user wrote it.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-xml.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

struct _HgrDetailsXml
{
  AdwBin parent_instance;

  HgrDomainConfig *config;
  GSettings       *settings;
  GtkSourceBuffer *buffer;
  GtkWidget       *view;
  GtkWidget       *edit_switch;
  GtkWidget       *error_label;
  gboolean         modified;
};

G_DEFINE_FINAL_TYPE (HgrDetailsXml, hgr_details_xml, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_MODIFIED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_modified (HgrDetailsXml *self,
              gboolean       modified)
{
  if (self->modified == modified)
    return;
  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
buffer_changed_cb (HgrDetailsXml *self)
{
  g_autofree char *text = NULL;
  GtkTextIter      start, end;

  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
  set_modified (self, g_strcmp0 (text, hgr_domain_config_get_xml (self->config)) != 0);
}

static void
update_scheme (HgrDetailsXml *self)
{
  GtkSourceStyleSchemeManager *manager = gtk_source_style_scheme_manager_get_default ();
  gboolean                     dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_source_buffer_set_style_scheme (self->buffer,
                                      gtk_source_style_scheme_manager_get_scheme (manager, dark ? "Adwaita-dark" : "Adwaita"));
}

/* The text as the user left it. */
char *
hgr_details_xml_dup_text (HgrDetailsXml *self)
{
  GtkTextIter start, end;

  g_return_val_if_fail (HGR_IS_DETAILS_XML (self), NULL);
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (self->buffer), &start, &end);
  return gtk_text_buffer_get_text (GTK_TEXT_BUFFER (self->buffer), &start, &end, FALSE);
}

/* Shows why libvirt refused the text, beside it; the text stays. */
void
hgr_details_xml_show_error (HgrDetailsXml *self,
                            const char    *message)
{
  g_return_if_fail (HGR_IS_DETAILS_XML (self));
  gtk_label_set_text (GTK_LABEL (self->error_label), message);
  gtk_widget_set_visible (self->error_label, message != NULL);
}

/* What libvirt said the last time it refused the text, or NULL. */
const char *
hgr_details_xml_get_error (HgrDetailsXml *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_XML (self), NULL);
  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}

void
hgr_details_xml_revert (HgrDetailsXml *self)
{
  g_return_if_fail (HGR_IS_DETAILS_XML (self));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), hgr_domain_config_get_xml (self->config), -1);
  gtk_widget_set_visible (self->error_label, FALSE);
}

gboolean
hgr_details_xml_get_modified (HgrDetailsXml *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_XML (self), FALSE);
  return self->modified;
}

static void
hgr_details_xml_dispose (GObject *object)
{
  HgrDetailsXml *self = HGR_DETAILS_XML (object);

  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (hgr_details_xml_parent_class)->dispose (object);
}

static void
hgr_details_xml_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, HGR_DETAILS_XML (object)->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_details_xml_class_init (HgrDetailsXmlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = hgr_details_xml_dispose;
  object_class->get_property = hgr_details_xml_get_property;

  /* The text differs from the guest's XML */
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_details_xml_init (HgrDetailsXml *self)
{
}

static GtkWidget *
build_header (HgrDetailsXml *self)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _ ("libvirt keeps comments only inside the metadata of other programs: "
                                            "comments elsewhere are gone after Apply."));
  self->edit_switch = gtk_switch_new ();
  gtk_widget_set_valign (self->edit_switch, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _ ("Edit XML"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _ ("Changes go to libvirt exactly as written"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->edit_switch);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->edit_switch);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

GtkWidget *
hgr_details_xml_new (HgrDomainConfig *config,
                     GSettings       *settings)
{
  HgrDetailsXml            *self = g_object_new (HGR_TYPE_DETAILS_XML, NULL);
  GtkWidget                *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget                *scrolled = gtk_scrolled_window_new ();
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();

  self->config = g_object_ref (config);
  self->settings = settings != NULL ? g_object_ref (settings) : NULL;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), build_header (self));

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_label_set_selectable (GTK_LABEL (self->error_label), TRUE);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->error_label);

  self->buffer = gtk_source_buffer_new_with_language (gtk_source_language_manager_get_language (languages, "xml"));
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (self->buffer), hgr_domain_config_get_xml (config), -1);
  self->view = gtk_source_view_new_with_buffer (self->buffer);
  g_object_unref (self->buffer);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (self->view), TRUE);
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (self->view), TRUE);
  gtk_source_view_set_tab_width (GTK_SOURCE_VIEW (self->view), 2);
  gtk_source_view_set_insert_spaces_instead_of_tabs (GTK_SOURCE_VIEW (self->view), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("The guest’s XML"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  g_object_bind_property (self->edit_switch, "active", self->view, "editable", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->edit_switch, "active", self->view, "cursor-visible", G_BINDING_SYNC_CREATE);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "xml-editing", self->edit_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_swapped (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (update_scheme), self);
  update_scheme (self);

  adw_bin_set_child (ADW_BIN (self), box);
  return GTK_WIDGET (self);
}
