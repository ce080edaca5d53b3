/* hgr-window-commands.c — the main window's commands: guest and host actions, their dialogs and toasts
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-window"

#include "config.h"

#include <glib/gi18n.h>

#include "hgr-window-private.h"
#include "hgr-window.h"

static const struct
{
  const char    *name;
  HgrGuestAction action;
} guest_actions[] = {
  { "guest.run", HGR_GUEST_ACTION_RUN },
  { "guest.pause", HGR_GUEST_ACTION_PAUSE },
  { "guest.resume", HGR_GUEST_ACTION_RESUME },
  { "guest.shut-down", HGR_GUEST_ACTION_SHUT_DOWN },
  { "guest.reboot", HGR_GUEST_ACTION_REBOOT },
  { "guest.force-off", HGR_GUEST_ACTION_FORCE_OFF },
  { "guest.save", HGR_GUEST_ACTION_SAVE },
  { "guest.delete", HGR_GUEST_ACTION_DELETE },
};

void
hgr_window_show_toast (HgrWindow  *self,
                       const char *message,
                       guint       timeout)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast        *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
dup_failure_message (HgrGuestAction action,
                     const char    *name,
                     const char    *reason)
{
  /* Translators: in all of these, the first %s is a guest's name, the second libvirt's explanation */
  switch (action)
    {
    case HGR_GUEST_ACTION_RUN:
      return g_strdup_printf (_ ("Could not run “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_PAUSE:
      return g_strdup_printf (_ ("Could not pause “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_RESUME:
      return g_strdup_printf (_ ("Could not resume “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_SHUT_DOWN:
      return g_strdup_printf (_ ("Could not shut down “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_REBOOT:
      return g_strdup_printf (_ ("Could not reboot “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_FORCE_OFF:
      return g_strdup_printf (_ ("Could not force off “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_SAVE:
      return g_strdup_printf (_ ("Could not save “%s”: %s"), name, reason);
    case HGR_GUEST_ACTION_DELETE:
    default:
      return g_strdup_printf (_ ("Could not delete “%s”: %s"), name, reason);
    }
}

/* One function sets every command's enabled state. */
void
hgr_window_update_actions (HgrWindow *self)
{
  HgrGuest     *guest = hgr_window_get_selected_guest (self);
  HgrHost      *host = hgr_window_get_selected_host (self);
  HgrGuestState state = guest != NULL ? hgr_guest_get_state (guest) : HGR_GUEST_STATE_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), guest_actions[i].name,
                                   guest != NULL && hgr_guest_can (guest, guest_actions[i].action));

  gtk_widget_set_visible (GTK_WIDGET (self->run_button), guest != NULL && !hgr_guest_get_active (guest));
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), guest != NULL && state == HGR_GUEST_STATE_RUNNING);
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), guest != NULL && state == HGR_GUEST_STATE_PAUSED);
  gtk_widget_set_visible (GTK_WIDGET (self->shut_down_button), guest != NULL && hgr_guest_get_active (guest));
  gtk_widget_set_visible (GTK_WIDGET (self->guest_menu_button), guest != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connect-selected",
                                 host != NULL && (hgr_host_get_status (host) == HGR_HOST_STATUS_DISCONNECTED ||
                                                  hgr_host_get_status (host) == HGR_HOST_STATUS_FAILED));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect-selected",
                                 host != NULL && (hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTED ||
                                                  hgr_host_get_status (host) == HGR_HOST_STATUS_CONNECTING));
}

typedef struct
{
  HgrWindow     *self;
  HgrGuestAction action;
} ActionData;

static void
action_data_free (ActionData *data)
{
  g_object_unref (data->self);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionData, action_data_free)

static ActionData *
action_data_new (HgrWindow     *self,
                 HgrGuestAction action)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->self = g_object_ref (self);
  data->action = action;
  return data;
}

static void
perform_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (ActionData) data = user_data;
  HgrGuest *guest = HGR_GUEST (object);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (data->action == HGR_GUEST_ACTION_DELETE ? hgr_guest_delete_finish (guest, result, &error)
                                              : hgr_guest_perform_finish (guest, result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = dup_failure_message (data->action, hgr_guest_get_display_name (guest), error->message);
  hgr_window_show_toast (data->self, message, 10);
}

static void
perform (HgrWindow     *self,
         HgrGuest      *guest,
         HgrGuestAction action)
{
  hgr_guest_perform_async (guest, action, self->cancellable, perform_cb, action_data_new (self, action));
}

static void
force_off_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       HgrWindow        *self)
{
  HgrGuest *guest = g_object_get_data (G_OBJECT (dialog), "guest");

  if (g_str_equal (response, "force-off") && hgr_guest_can (guest, HGR_GUEST_ACTION_FORCE_OFF))
    perform (self, guest, HGR_GUEST_ACTION_FORCE_OFF);
}

static void
ask_force_off (HgrWindow *self,
               HgrGuest  *guest)
{
  AdwMessageDialog *dialog;
  g_autofree char  *heading = NULL;

  /* Translators: %s is a guest's name */
  heading = g_strdup_printf (_ ("Force “%s” Off?"), hgr_guest_get_display_name (guest));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _ ("This is like pulling the power cord: the guest has no chance to save its work. Prefer “Shut Down” when the guest answers.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "force-off", _ ("_Force Off"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "force-off", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (dialog));
  g_object_set_data_full (G_OBJECT (dialog), "guest", g_object_ref (guest), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (force_off_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_response_cb (HgrDeleteDialog *dialog,
                    const char      *response,
                    HgrWindow       *self)
{
  HgrGuest *guest = hgr_delete_dialog_get_guest (dialog);
  g_auto (GStrv) disks = NULL;

  if (!g_str_equal (response, "delete"))
    return;
  disks = hgr_delete_dialog_dup_chosen_disks (dialog);
  /* The dialog told the user a running guest is forced off first. */
  hgr_guest_delete_async (guest, TRUE, (const char *const *) disks, self->cancellable, perform_cb,
                          action_data_new (self, HGR_GUEST_ACTION_DELETE));
}

static void
guest_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);
  HgrGuest  *guest = hgr_window_get_selected_guest (self);

  if (guest == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    {
      HgrGuestAction action = guest_actions[i].action;

      if (!g_str_equal (action_name, guest_actions[i].name) || !hgr_guest_can (guest, action))
        continue;
      if (action == HGR_GUEST_ACTION_FORCE_OFF)
        ask_force_off (self, guest);
      else if (action == HGR_GUEST_ACTION_DELETE)
        {
          HgrDeleteDialog *dialog = hgr_delete_dialog_new (GTK_WINDOW (self), guest);

          g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        perform (self, guest, action);
      return;
    }
}

static HgrHost *
lookup_host (HgrWindow *self,
             GVariant  *parameter)
{
  return hgr_host_store_lookup (self->store, g_variant_get_string (parameter, NULL));
}

static void
host_connect_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_connect_async (host, NULL, NULL, NULL);
}

static void
host_disconnect_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_disconnect (host);
}

static void
host_cancel_connect_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  HgrHost *host = lookup_host (HGR_WINDOW (widget), parameter);

  if (host != NULL)
    hgr_host_cancel_connect (host);
}

static void
host_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HgrWindow       *self = HGR_WINDOW (widget);
  HgrHost         *host = lookup_host (self, parameter);
  g_autofree char *message = NULL;

  if (host == NULL)
    return;
  /* Translators: %s is a host's name */
  message = g_strdup_printf (_ ("“%s” removed"), hgr_host_get_display_name (host));
  hgr_host_store_remove (self->store, host);
  hgr_window_show_toast (self, message, 5);
}

static void
host_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);
  HgrHost   *host = lookup_host (self, parameter);

  if (host != NULL)
    gtk_window_present (GTK_WINDOW (hgr_add_connection_dialog_new_edit (GTK_WINDOW (self), self->store, host)));
}

static void
win_connect_selected_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  HgrHost *host = hgr_window_get_selected_host (HGR_WINDOW (widget));

  if (host != NULL)
    hgr_host_connect_async (host, NULL, NULL, NULL);
}

static void
win_disconnect_selected_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  HgrHost *host = hgr_window_get_selected_host (HGR_WINDOW (widget));

  if (host != NULL)
    hgr_host_disconnect (host);
}

static void
win_add_connection_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (hgr_add_connection_dialog_new (GTK_WINDOW (self), self->store)));
}

/* Built when asked for and destroyed when closed: a hidden toplevel kept
 * around (what GtkApplication does with gtk/help-overlay.ui) crashes GTK 4.8
 * when a screen reader asks the application for a window past the last one. */
static void
win_show_help_overlay_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
win_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
console_attach_cb (HgrConsoleWindow *console,
                   HgrWindow        *self)
{
  if (hgr_window_select_item (self, G_OBJECT (hgr_console_window_get_guest (console))))
    adw_view_stack_set_visible_child_name (self->guest_view_stack, "console");
  gtk_window_present (GTK_WINDOW (self));
}

void
hgr_window_console_detach_cb (HgrWindow *self,
                              gboolean   fullscreen)
{
  HgrGuest         *guest = hgr_console_page_get_guest (self->console_page);
  HgrConsoleWindow *console;

  if (guest == NULL)
    return;
  /* The overview stays here; the console moves to its window. */
  adw_view_stack_set_visible_child_name (self->guest_view_stack, "overview");
  console = hgr_console_window_new (gtk_window_get_application (GTK_WINDOW (self)), self->settings, guest);
  g_signal_connect_object (console, "attach-requested", G_CALLBACK (console_attach_cb), self, 0);
  if (fullscreen)
    gtk_window_fullscreen (GTK_WINDOW (console));
  gtk_window_present (GTK_WINDOW (console));
}

static void
win_view_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  HgrWindow *self = HGR_WINDOW (widget);

  if (HGR_IS_GUEST (gtk_single_selection_get_selected_item (self->selection)))
    adw_view_stack_set_visible_child_name (self->guest_view_stack, g_variant_get_string (parameter, NULL));
}

static void
win_back_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  adw_leaflet_navigate (HGR_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Every command of the window is an action; buttons and menus name them. */
void
hgr_window_class_install_commands (GtkWidgetClass *widget_class)
{
  for (guint i = 0; i < G_N_ELEMENTS (guest_actions); i++)
    gtk_widget_class_install_action (widget_class, guest_actions[i].name, NULL, guest_action);
  gtk_widget_class_install_action (widget_class, "host.connect", "s", host_connect_action);
  gtk_widget_class_install_action (widget_class, "host.disconnect", "s", host_disconnect_action);
  gtk_widget_class_install_action (widget_class, "host.cancel-connect", "s", host_cancel_connect_action);
  gtk_widget_class_install_action (widget_class, "host.remove", "s", host_remove_action);
  gtk_widget_class_install_action (widget_class, "host.edit", "s", host_edit_action);
  gtk_widget_class_install_action (widget_class, "win.connect-selected", NULL, win_connect_selected_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect-selected", NULL, win_disconnect_selected_action);
  gtk_widget_class_install_action (widget_class, "win.add-connection", NULL, win_add_connection_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, win_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, win_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, win_back_action);
  gtk_widget_class_install_action (widget_class, "win.view", "s", win_view_action);

  /* The list view takes a plain Delete for the selected guest. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}
