/* hgr-delete-dialog.c — asks before deleting a guest, and which disk images go with it
 *
 * Every disk image of the guest gets a check box, unticked: storage is kept unless
 * the user asks otherwise. A running guest is forced off first, and the dialog says
 * so before the user agrees. The caller does the deleting on "delete".
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-delete-dialog"

#include "config.h"

#include "hgr-delete-dialog.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-host.h"

struct _HgrDeleteDialog
{
  AdwMessageDialog parent_instance;

  /* Template widgets */
  GtkLabel   *disks_heading;
  GtkListBox *disks_list;
  GtkSpinner *spinner;

  /* Owned */
  HgrGuest     *guest;
  char         *body; /* what the dialog says while the host is connected */
  GCancellable *cancellable;
  GPtrArray    *checks; /* GtkCheckButton, each with its path as "path" data */
};

G_DEFINE_FINAL_TYPE (HgrDeleteDialog, hgr_delete_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fill_disks (HgrDeleteDialog *self)
{
  const char *const *disks = hgr_guest_get_disks (self->guest);
  gboolean           any = disks != NULL && disks[0] != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->disks_heading), any);
  gtk_widget_set_visible (GTK_WIDGET (self->disks_list), any);

  for (guint i = 0; any && disks[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (disks[i]);
      GtkWidget       *row = adw_action_row_new ();
      GtkWidget       *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), disks[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
      g_object_set_data_full (G_OBJECT (check), "path", g_strdup (disks[i]), g_free);
      g_ptr_array_add (self->checks, check);
      gtk_list_box_append (self->disks_list, row);
    }
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* A host that lost its connection cannot delete anything: say so, and wait
 * for it to come back. A host the user disconnected took its guests away:
 * then there is nothing left to ask about. */
static void
host_status_cb (HgrHost         *host,
                GParamSpec      *pspec,
                HgrDeleteDialog *self)
{
  gboolean         connected = hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED;
  g_autofree char *body = NULL;

  if (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED && !hgr_host_get_reconnecting (host))
    {
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
      return;
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "delete", connected);
  if (connected)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), self->body);
  else
    {
      /* Translators: %s is what the dialog said before */
      body = g_strdup_printf (_ ("%s\n\nThe guest’s host is not connected, so nothing can be deleted now. Hangar reconnects by itself when it can."),
                              self->body);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
    }
}

static void
load_details_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (HgrDeleteDialog) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hgr_guest_load_details_finish (HGR_GUEST (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      gtk_label_set_label (self->disks_heading, _ ("The guest’s disk images could not be listed, so all are kept."));
      gtk_widget_set_visible (GTK_WIDGET (self->disks_heading), TRUE);
      return;
    }
  fill_disks (self);
}

static void
hgr_delete_dialog_dispose (GObject *object)
{
  HgrDeleteDialog *self = HGR_DELETE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_DELETE_DIALOG);
  g_clear_object (&self->guest);

  G_OBJECT_CLASS (hgr_delete_dialog_parent_class)->dispose (object);
}

static void
hgr_delete_dialog_finalize (GObject *object)
{
  HgrDeleteDialog *self = HGR_DELETE_DIALOG (object);

  g_free (self->body);

  G_OBJECT_CLASS (hgr_delete_dialog_parent_class)->finalize (object);
}

static void
hgr_delete_dialog_class_init (HgrDeleteDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_delete_dialog_dispose;
  object_class->finalize = hgr_delete_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-delete-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrDeleteDialog, disks_heading);
  gtk_widget_class_bind_template_child (widget_class, HgrDeleteDialog, disks_list);
  gtk_widget_class_bind_template_child (widget_class, HgrDeleteDialog, spinner);
}

static void
hgr_delete_dialog_init (HgrDeleteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  self->checks = g_ptr_array_new ();
}

/**
 * hgr_delete_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @guest: the guest to delete
 *
 * Returns: (transfer full): a new dialog, not yet shown; it lists the guest's
 *   disks as soon as they are known
 */
HgrDeleteDialog *
hgr_delete_dialog_new (GtkWindow *parent,
                       HgrGuest  *guest)
{
  g_autofree char *heading = NULL;
  HgrDeleteDialog *self;
  const char      *body;

  g_return_val_if_fail (HGR_IS_GUEST (guest), NULL);

  self = g_object_new (HGR_TYPE_DELETE_DIALOG, "transient-for", parent, NULL);
  self->guest = g_object_ref (guest);

  /* Translators: %s is a guest's name */
  heading = g_strdup_printf (_ ("Delete “%s”?"), hgr_guest_get_display_name (guest));
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  if (hgr_guest_get_active (guest))
    body = _ ("The guest is running. It will be forced off, as if its power were cut, and then its configuration, saved state and snapshots are deleted.");
  else
    body = _ ("The guest’s configuration, saved state and snapshots are deleted. Disk images are kept unless you choose them.");
  self->body = g_strdup (body);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  if (hgr_guest_get_host (guest) != NULL)
    {
      g_signal_connect_object (hgr_guest_get_host (guest), "notify::status", G_CALLBACK (host_status_cb), self, 0);
      host_status_cb (hgr_guest_get_host (guest), NULL, self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->disks_heading), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->disks_list), FALSE);
  if (hgr_guest_get_details_loaded (guest))
    fill_disks (self);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
      gtk_spinner_set_spinning (self->spinner, TRUE);
      self->cancellable = g_cancellable_new ();
      hgr_guest_load_details_async (guest, self->cancellable, load_details_cb, g_object_ref (self));
    }
  return self;
}

/**
 * hgr_delete_dialog_get_guest:
 * @self: a dialog
 *
 * Returns: (transfer none): the guest to delete
 */
HgrGuest *
hgr_delete_dialog_get_guest (HgrDeleteDialog *self)
{
  g_return_val_if_fail (HGR_IS_DELETE_DIALOG (self), NULL);

  return self->guest;
}

/**
 * hgr_delete_dialog_dup_chosen_disks:
 * @self: a dialog
 *
 * Returns: (transfer full): the disk image paths the user ticked
 */
GStrv
hgr_delete_dialog_dup_chosen_disks (HgrDeleteDialog *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (HGR_IS_DELETE_DIALOG (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (check), "path"));
    }
  return g_strv_builder_end (builder);
}

/**
 * hgr_delete_dialog_set_disk_chosen:
 * @self: a dialog
 * @path: one of the listed disk image paths
 * @chosen: whether to delete it with the guest
 *
 * Ticks or unticks a disk, as the user would.
 */
void
hgr_delete_dialog_set_disk_chosen (HgrDeleteDialog *self,
                                   const char      *path,
                                   gboolean         chosen)
{
  g_return_if_fail (HGR_IS_DELETE_DIALOG (self));

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (g_str_equal (g_object_get_data (G_OBJECT (check), "path"), path))
        gtk_check_button_set_active (check, chosen);
    }
}
