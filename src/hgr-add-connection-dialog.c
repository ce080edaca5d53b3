/* hgr-add-connection-dialog.c — the "Add Connection" dialog
 *
 * The user picks a hypervisor of this computer or types any libvirt URI. The
 * dialog shows the exact URI it will open and says, as the user types, what is
 * wrong with it; "Add" stays off until it is right. Adding saves the host and
 * starts connecting; the dialog never talks to libvirt itself.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-add-connection-dialog"

#include "config.h"

#include "hgr-add-connection-dialog.h"

#include <glib/gi18n.h>

#include "hgr-uri.h"

/* Positions in the hypervisor combo row, as in the .ui file. */
enum
{
  CHOICE_QEMU_SYSTEM,
  CHOICE_QEMU_SESSION,
  CHOICE_TEST,
  CHOICE_CUSTOM,
};

struct _HgrAddConnectionDialog
{
  AdwWindow parent_instance;

  /* Template widgets */
  AdwComboRow  *hypervisor_row;
  AdwEntryRow  *uri_row;
  GtkSwitch    *autoconnect_switch;
  AdwActionRow *preview_row;
  GtkLabel     *error_label;
  GtkButton    *add_button;

  /* Owned */
  HgrHostStore *store;
  char         *uri;   /* what "Add" would open; NULL while invalid */
  char         *error; /* why not, for the user */
};

G_DEFINE_FINAL_TYPE (HgrAddConnectionDialog, hgr_add_connection_dialog, ADW_TYPE_WINDOW)

static void
validate (HgrAddConnectionDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  guint            choice = adw_combo_row_get_selected (self->hypervisor_row);
  gboolean         custom = choice == CHOICE_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->uri_row), custom);

  if (custom)
    {
      uri = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->uri_row)));
      if (!hgr_uri_validate (uri, &error))
        g_clear_pointer (&uri, g_free);
    }
  else
    {
      HgrHypervisor hypervisor = choice == CHOICE_QEMU_SESSION ? HGR_HYPERVISOR_QEMU_SESSION
                                 : choice == CHOICE_TEST       ? HGR_HYPERVISOR_TEST
                                                               : HGR_HYPERVISOR_QEMU_SYSTEM;

      uri = hgr_uri_build (hypervisor, NULL, NULL, 0, NULL, &error);
    }

  if (uri != NULL && self->store != NULL && hgr_host_store_lookup (self->store, uri) != NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is a connection URI */
                   _ ("%s is in the list already."), uri);
      g_clear_pointer (&uri, g_free);
    }

  g_free (self->uri);
  self->uri = g_steal_pointer (&uri);
  g_free (self->error);
  self->error = error != NULL ? g_strdup (error->message) : NULL;

  adw_action_row_set_subtitle (self->preview_row, self->uri != NULL ? self->uri : "—");
  gtk_label_set_label (self->error_label, self->error != NULL ? self->error : "");
  /* An empty custom field is not an error yet, just unfinished. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label),
                          self->error != NULL &&
                            !(custom && *gtk_editable_get_text (GTK_EDITABLE (self->uri_row)) == '\0'));
  if (custom && self->error != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->uri_row)) != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->uri_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->uri_row), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->uri_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->error != NULL ? self->error : "", -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", self->uri != NULL);
}

static void
input_changed_cb (HgrAddConnectionDialog *self)
{
  validate (self);
}

static void
uri_row_entry_activated_cb (HgrAddConnectionDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "dialog.add", NULL);
}

static void
dialog_add_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HgrAddConnectionDialog *self = HGR_ADD_CONNECTION_DIALOG (widget);
  HgrHost                *host;

  validate (self);
  if (self->uri == NULL || self->store == NULL)
    return;

  host = hgr_host_store_add (self->store, self->uri, gtk_switch_get_active (self->autoconnect_switch), TRUE);
  hgr_host_connect_async (host, NULL, NULL, NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
hgr_add_connection_dialog_dispose (GObject *object)
{
  HgrAddConnectionDialog *self = HGR_ADD_CONNECTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_ADD_CONNECTION_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (hgr_add_connection_dialog_parent_class)->dispose (object);
}

static void
hgr_add_connection_dialog_finalize (GObject *object)
{
  HgrAddConnectionDialog *self = HGR_ADD_CONNECTION_DIALOG (object);

  g_free (self->uri);
  g_free (self->error);

  G_OBJECT_CLASS (hgr_add_connection_dialog_parent_class)->finalize (object);
}

static void
hgr_add_connection_dialog_class_init (HgrAddConnectionDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_add_connection_dialog_dispose;
  object_class->finalize = hgr_add_connection_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-add-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, hypervisor_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, autoconnect_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, preview_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, add_button);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, dialog_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.add", NULL);
}

static void
hgr_add_connection_dialog_init (HgrAddConnectionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->hypervisor_row, "notify::selected", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->uri_row, "changed", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->uri_row, "entry-activated", G_CALLBACK (uri_row_entry_activated_cb), self);
}

/**
 * hgr_add_connection_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: where "Add" puts the new host
 *
 * Returns: (transfer full): a new dialog, not yet shown
 */
HgrAddConnectionDialog *
hgr_add_connection_dialog_new (GtkWindow    *parent,
                               HgrHostStore *store)
{
  HgrAddConnectionDialog *self;

  g_return_val_if_fail (HGR_IS_HOST_STORE (store), NULL);

  self = g_object_new (HGR_TYPE_ADD_CONNECTION_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  validate (self);
  return self;
}

/**
 * hgr_add_connection_dialog_get_uri:
 * @self: a dialog
 *
 * Returns: (nullable): the URI "Add" would open, or %NULL while the input is wrong
 */
const char *
hgr_add_connection_dialog_get_uri (HgrAddConnectionDialog *self)
{
  g_return_val_if_fail (HGR_IS_ADD_CONNECTION_DIALOG (self), NULL);

  return self->uri;
}

/**
 * hgr_add_connection_dialog_get_error:
 * @self: a dialog
 *
 * Returns: (nullable): what is wrong with the input, as the dialog says it
 */
const char *
hgr_add_connection_dialog_get_error (HgrAddConnectionDialog *self)
{
  g_return_val_if_fail (HGR_IS_ADD_CONNECTION_DIALOG (self), NULL);

  return self->error;
}
