/* hgr-add-connection-dialog.c — the "Add Connection" dialog
 *
 * The user picks a hypervisor, on this computer or on a remote one over SSH
 * (user, host, port, key file), or types any libvirt URI. The dialog shows the
 * exact URI it will open and says, as the user types, what is wrong with it;
 * "Add" stays off until it is right. Adding saves the host and starts
 * connecting; the dialog never talks to libvirt itself. Given a saved host, it
 * edits it instead: every field comes back as it was saved.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-add-connection-dialog"

#include "config.h"

#include "hgr-add-connection-dialog.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-error.h"
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
  AdwActionRow *remote_row;
  GtkSwitch    *remote_switch;
  /* Rows with an entry, not AdwEntryRows: a screen reader is never told
   * that the focus entered an AdwEntryRow (libadwaita 1.2, GTK 4.8). */
  AdwActionRow *user_row;
  GtkEditable  *user_entry;
  AdwActionRow *host_row;
  GtkEditable  *host_entry;
  AdwActionRow *port_row;
  GtkEditable  *port_entry;
  AdwActionRow *key_row;
  GtkEditable  *key_entry;
  AdwActionRow *uri_row;
  GtkEditable  *uri_entry;
  GtkSwitch    *autoconnect_switch;
  AdwActionRow *preview_row;
  GtkLabel     *error_label;
  GtkButton    *add_button;

  /* Owned */
  HgrHostStore *store;
  HgrHost      *editing; /* nullable: the saved host being edited */
  char         *uri;     /* what "Add" would open; NULL while invalid */
  char         *error;   /* why not, for the user */
};

G_DEFINE_FINAL_TYPE (HgrAddConnectionDialog, hgr_add_connection_dialog, ADW_TYPE_WINDOW)

static char *
build_remote_uri (HgrAddConnectionDialog *self,
                  HgrHypervisor           hypervisor,
                  GError                **error)
{
  g_autofree char *host = g_strstrip (g_strdup (gtk_editable_get_text (self->host_entry)));
  g_autofree char *user = g_strstrip (g_strdup (gtk_editable_get_text (self->user_entry)));
  const char      *port_text = gtk_editable_get_text (self->port_entry);
  const char      *keyfile = gtk_editable_get_text (self->key_entry);
  guint64          port = 0;

  if (*host == '\0')
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Enter the host name of the remote computer."));
      return NULL;
    }
  if (*port_text != '\0' && !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           _ ("The port is a number from 1 to 65535. Leave it empty for SSH’s usual port, 22."));
      return NULL;
    }
  if (*keyfile != '\0' && !g_file_test (keyfile, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a file path */
                   _ ("There is no key file “%s”. Choose an existing private key, or leave the field empty."), keyfile);
      return NULL;
    }
  return hgr_uri_build (hypervisor, user, host, (guint) port, keyfile, error);
}

static void
validate (HgrAddConnectionDialog *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = NULL;
  guint            choice = adw_combo_row_get_selected (self->hypervisor_row);
  gboolean         custom = choice == CHOICE_CUSTOM;
  gboolean         remote = !custom && gtk_switch_get_active (self->remote_switch);
  GtkWidget       *remote_rows[] = { GTK_WIDGET (self->user_row), GTK_WIDGET (self->host_row), GTK_WIDGET (self->port_row),
                                     GTK_WIDGET (self->key_row) };

  gtk_widget_set_visible (GTK_WIDGET (self->uri_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->remote_row), !custom);
  for (guint i = 0; i < G_N_ELEMENTS (remote_rows); i++)
    gtk_widget_set_visible (remote_rows[i], remote);

  if (custom)
    {
      uri = g_strdup (gtk_editable_get_text (self->uri_entry));
      if (!hgr_uri_validate (uri, &error))
        g_clear_pointer (&uri, g_free);
    }
  else
    {
      HgrHypervisor hypervisor = choice == CHOICE_QEMU_SESSION ? HGR_HYPERVISOR_QEMU_SESSION
                                 : choice == CHOICE_TEST       ? HGR_HYPERVISOR_TEST
                                                               : HGR_HYPERVISOR_QEMU_SYSTEM;

      if (!remote)
        uri = hgr_uri_build (hypervisor, NULL, NULL, 0, NULL, &error);
      else
        uri = build_remote_uri (self, hypervisor, &error);
    }

  if (uri != NULL && self->store != NULL && hgr_host_store_lookup (self->store, uri) != NULL &&
      hgr_host_store_lookup (self->store, uri) != self->editing)
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
                            !(custom && *gtk_editable_get_text (self->uri_entry) == '\0'));
  if (custom && self->error != NULL && *gtk_editable_get_text (self->uri_entry) != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->uri_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->uri_entry), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->uri_entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->error != NULL ? self->error : "", -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.add", self->uri != NULL);
}

static void
input_changed_cb (HgrAddConnectionDialog *self)
{
  validate (self);
}

static void
entry_activate_cb (HgrAddConnectionDialog *self)
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

  if (self->editing != NULL)
    {
      /* An edited host connects again only if it was connected (or getting there). */
      HgrHostStatus was = hgr_host_get_status (self->editing);
      gboolean      was_connected = was == HGR_HOST_STATUS_CONNECTED || was == HGR_HOST_STATUS_CONNECTING ||
                               hgr_host_get_reconnecting (self->editing);

      host = hgr_host_store_replace (self->store, self->editing, self->uri, gtk_switch_get_active (self->autoconnect_switch));
      if (was_connected)
        hgr_host_connect_async (host, NULL, NULL, NULL);
    }
  else
    {
      host = hgr_host_store_add (self->store, self->uri, gtk_switch_get_active (self->autoconnect_switch), TRUE);
      hgr_host_connect_async (host, NULL, NULL, NULL);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
key_chooser_response_cb (GtkNativeDialog        *chooser,
                         int                     response,
                         HgrAddConnectionDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (self->key_entry, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
dialog_choose_key_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  HgrAddConnectionDialog *self = HGR_ADD_CONNECTION_DIALOG (widget);
  g_autofree char        *ssh_dir = g_build_filename (g_get_home_dir (), ".ssh", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (ssh_dir);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_ ("Choose a Private Key"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _ ("_Choose"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (g_file_test (ssh_dir, G_FILE_TEST_IS_DIR))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  g_signal_connect (chooser, "response", G_CALLBACK (key_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
hgr_add_connection_dialog_dispose (GObject *object)
{
  HgrAddConnectionDialog *self = HGR_ADD_CONNECTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_ADD_CONNECTION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->editing);

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

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-add-connection-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, hypervisor_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, remote_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, remote_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, port_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, uri_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, autoconnect_switch);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, preview_row);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, HgrAddConnectionDialog, add_button);

  gtk_widget_class_install_action (widget_class, "dialog.add", NULL, dialog_add_action);
  gtk_widget_class_install_action (widget_class, "dialog.choose-key", NULL, dialog_choose_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.add", NULL);
}

static void
hgr_add_connection_dialog_init (HgrAddConnectionDialog *self)
{
  g_autoptr (GtkListItemFactory) factory = hgr_a11y_string_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  adw_combo_row_set_factory (self->hypervisor_row, factory);

  g_signal_connect_swapped (self->hypervisor_row, "notify::selected", G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->remote_switch, "notify::active", G_CALLBACK (input_changed_cb), self);
  {
    GtkEditable *entries[] = { self->user_entry, self->host_entry, self->port_entry, self->key_entry, self->uri_entry };

    for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
      {
        g_signal_connect_swapped (entries[i], "changed", G_CALLBACK (input_changed_cb), self);
        g_signal_connect_swapped (entries[i], "activate", G_CALLBACK (entry_activate_cb), self);
      }
  }
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
 * hgr_add_connection_dialog_new_edit:
 * @parent: (nullable): the window it belongs to
 * @store: the store that holds @host
 * @host: a saved host
 *
 * Returns: (transfer full): a dialog that shows @host's fields as they were
 *   saved, and replaces the host with what the user changes
 */
HgrAddConnectionDialog *
hgr_add_connection_dialog_new_edit (GtkWindow    *parent,
                                    HgrHostStore *store,
                                    HgrHost      *host)
{
  HgrAddConnectionDialog *self;
  g_autofree char        *user = NULL;
  g_autofree char        *remote_host = NULL;
  g_autofree char        *keyfile = NULL;
  HgrHypervisor           hypervisor;
  guint                   port;

  g_return_val_if_fail (HGR_IS_HOST_STORE (store), NULL);
  g_return_val_if_fail (HGR_IS_HOST (host), NULL);

  self = hgr_add_connection_dialog_new (parent, store);
  self->editing = g_object_ref (host);
  gtk_window_set_title (GTK_WINDOW (self), _ ("Edit Connection"));
  gtk_button_set_label (self->add_button, _ ("_Save"));
  gtk_switch_set_active (self->autoconnect_switch, hgr_host_get_autoconnect (host));

  if (hgr_uri_parse_form (hgr_host_get_uri (host), &hypervisor, &user, &remote_host, &port, &keyfile))
    {
      g_autofree char *port_text = port != 0 ? g_strdup_printf ("%u", port) : g_strdup ("");

      adw_combo_row_set_selected (self->hypervisor_row, hypervisor == HGR_HYPERVISOR_QEMU_SESSION ? CHOICE_QEMU_SESSION
                                                        : hypervisor == HGR_HYPERVISOR_TEST       ? CHOICE_TEST
                                                                                                  : CHOICE_QEMU_SYSTEM);
      gtk_switch_set_active (self->remote_switch, remote_host != NULL);
      gtk_editable_set_text (self->user_entry, user != NULL ? user : "");
      gtk_editable_set_text (self->host_entry, remote_host != NULL ? remote_host : "");
      gtk_editable_set_text (self->port_entry, port_text);
      gtk_editable_set_text (self->key_entry, keyfile != NULL ? keyfile : "");
    }
  else
    {
      adw_combo_row_set_selected (self->hypervisor_row, CHOICE_CUSTOM);
      gtk_editable_set_text (self->uri_entry, hgr_host_get_uri (host));
    }
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
