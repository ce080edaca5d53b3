/* hgr-console-page-status.c — HgrConsolePage's status page: what it says when there is no picture, and its buttons
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-console-page"

#include "config.h"

#include <glib/gi18n.h>

#include "hgr-console-page-private.h"

/* The connecting spinner turns at ten frames a second, not at every frame:
 * libgvnc moves on in idle callbacks, which a full-rate animation starves
 * when frames are slow to draw (software GL: stuck at "Connecting…"). */
#define SPINNER_INTERVAL_MS 100

void
hgr_console_page_draw_spinner (GtkDrawingArea *area,
                               cairo_t        *cr,
                               int             width,
                               int             height,
                               gpointer        user_data)
{
  GdkRGBA color;
  double  turn = (g_get_monotonic_time () / 1000 % 1000) / 1000.0 * 2 * G_PI;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color.alpha *= 0.8;
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_set_line_width (cr, 3);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 2, turn, turn + 1.5 * G_PI);
  cairo_stroke (cr);
}

static gboolean
spinner_tick_cb (gpointer user_data)
{
  HgrConsolePage *self = user_data;

  gtk_widget_queue_draw (GTK_WIDGET (self->spinner));
  return G_SOURCE_CONTINUE;
}

void
hgr_console_page_set_spinning (HgrConsolePage *self,
                               gboolean        spinning)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), spinning);
  if (spinning && self->spinner_source == 0)
    self->spinner_source = g_timeout_add (SPINNER_INTERVAL_MS, spinner_tick_cb, self);
  else if (!spinning)
    g_clear_handle_id (&self->spinner_source, g_source_remove);
}

void
hgr_console_page_show_status (HgrConsolePage *self,
                              const char     *icon_name,
                              const char     *title,
                              const char     *description,
                              StatusButton    button)
{
  /* No icon: something is under way, shown by the spinner. */
  hgr_console_page_set_spinning (self, icon_name == NULL);
  adw_status_page_set_icon_name (self->status_page, icon_name);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_widget_set_visible (self->toolbar, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->password_entry), button == STATUS_BUTTON_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->remember_button), button == STATUS_BUTTON_PASSWORD);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), button != STATUS_BUTTON_NONE);
  /* The button names the action of its status, so it is insensitive when
   * the action cannot be done (a Run under way, say). */
  switch (button)
    {
    case STATUS_BUTTON_RUN:
      gtk_button_set_label (self->status_button, _ ("_Run"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "console.run");
      break;
    case STATUS_BUTTON_RECONNECT:
      gtk_button_set_label (self->status_button, _ ("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "console.reconnect");
      break;
    case STATUS_BUTTON_PASSWORD:
      gtk_button_set_label (self->status_button, _ ("_Connect"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "console.send-password");
      break;
    case STATUS_BUTTON_ADD_VNC:
      gtk_button_set_label (self->status_button, _ ("_Add a VNC Display"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), "console.add-vnc");
      break;
    case STATUS_BUTTON_NONE:
    default:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->status_button), NULL);
      break;
    }
  gtk_stack_set_visible_child_name (self->stack, "status");
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hgr_guest_perform_finish (HGR_GUEST (object), result, &error) && self->guest == HGR_GUEST (object))
    {
      hgr_console_page_update_actions (self); /* Run may be tried again */
      hgr_console_page_show_status (self, "dialog-warning-symbolic", _ ("The Guest Could Not Run"), error->message,
                                    STATUS_BUTTON_RUN);
    }
}

void
hgr_console_page_run_activated (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  HgrConsolePage *self = user_data;

  if (self->guest == NULL || !hgr_guest_can (self->guest, HGR_GUEST_ACTION_RUN))
    return;
  g_simple_action_set_enabled (action, FALSE); /* until the guest's state says more */
  hgr_guest_perform_async (self->guest, HGR_GUEST_ACTION_RUN, NULL, run_cb, g_object_ref (self));
}

void
hgr_console_page_send_password_activated (GSimpleAction *action,
                                          GVariant      *parameter,
                                          gpointer       user_data)
{
  HgrConsolePage  *self = user_data;
  g_autofree char *password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_entry)));

  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  hgr_console_page_keyring_typed (self, password);
  if (hgr_vnc_display_get_state (self->display) == HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD)
    hgr_vnc_display_set_password (self->display, password);
  else
    {
      /* refused: a new session with the new password */
      hgr_console_page_stop (self);
      hgr_vnc_display_set_password (self->display, password);
      hgr_console_page_update (self);
    }
}

void
hgr_console_page_reconnect_activated (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  HgrConsolePage *self = user_data;

  g_clear_pointer (&self->open_error, g_free);
  hgr_console_page_stop (self);
  hgr_console_page_update (self);
}

void
hgr_console_page_password_entry_activate_cb (HgrConsolePage *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "send-password", NULL);
}

static void
add_vnc_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok = hgr_guest_add_vnc_display_finish (HGR_GUEST (object), result, &error);

  if (self->guest != HGR_GUEST (object) || self->open_error == NULL)
    return;
  g_free (self->open_error);
  self->display_unsupported = !ok;
  self->open_error = ok ? g_strdup (_ ("A VNC display was added. Shut the guest down and start it again to see its console here."))
                        /* Translators: %s is libvirt's reason */
                        : g_strdup_printf (_ ("The VNC display could not be added: %s"), error->message);
  adw_status_page_set_description (self->status_page, self->open_error);
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), !ok);
}

/* Console Unavailable on a SPICE guest: give it a VNC display beside SPICE. */
void
hgr_console_page_add_vnc_activated (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  HgrConsolePage *self = user_data;

  if (self->guest == NULL || !self->display_unsupported)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->status_button), FALSE);
  hgr_guest_add_vnc_display_async (self->guest, NULL, add_vnc_cb, g_object_ref (self));
}
