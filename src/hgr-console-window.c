/* hgr-console-window.c — one guest's console in a window of its own
 *
 * Several can be open at once. "Back to the Main Window" closes this one and
 * shows the console in the main window again (the window's owner listens to
 * HgrConsoleWindow::attach-requested). Fullscreen hides the header bar.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-console-window"

#include "config.h"

#include "hgr-console-window.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-guest-labels.h"

struct _HgrConsoleWindow
{
  AdwWindow parent_instance;

  /* Template widgets */
  GtkRevealer    *header_revealer;
  AdwWindowTitle *window_title;
  HgrConsolePage *console_page;

  /* Owned */
  HgrGuest *guest;
};

G_DEFINE_FINAL_TYPE (HgrConsoleWindow, hgr_console_window, ADW_TYPE_WINDOW)

enum
{
  ATTACH_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_title (HgrConsoleWindow *self)
{
  g_autofree char *title = NULL;

  /* Translators: a window title; %s is the guest's name */
  title = g_strdup_printf (_ ("%s — Console"), hgr_guest_get_display_name (self->guest));
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, hgr_guest_get_display_name (self->guest));
  adw_window_title_set_subtitle (self->window_title, hgr_guest_state_to_label (hgr_guest_get_state (self->guest)));
}

static void
fullscreen_cb (HgrConsoleWindow *self)
{
  gtk_revealer_set_reveal_child (self->header_revealer, !gtk_window_is_fullscreen (GTK_WINDOW (self)));
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HgrConsoleWindow *self = HGR_CONSOLE_WINDOW (widget);

  g_signal_emit (self, signals[ATTACH_REQUESTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
hgr_console_window_dispose (GObject *object)
{
  HgrConsoleWindow *self = HGR_CONSOLE_WINDOW (object);

  if (self->guest != NULL)
    g_signal_handlers_disconnect_by_data (self->guest, self);
  g_clear_object (&self->guest);

  G_OBJECT_CLASS (hgr_console_window_parent_class)->dispose (object);
}

static void
hgr_console_window_class_init (HgrConsoleWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_console_window_dispose;

  /**
   * HgrConsoleWindow::attach-requested:
   *
   * The user wants this console back in the main window; this one closes.
   */
  signals[ATTACH_REQUESTED] = g_signal_new ("attach-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (HGR_TYPE_CONSOLE_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-console-window.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrConsoleWindow, header_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrConsoleWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, HgrConsoleWindow, console_page);
  gtk_widget_class_install_action (widget_class, "win.attach", NULL, attach_action);
}

static void
hgr_console_window_init (HgrConsoleWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreen_cb), NULL);
}

/**
 * hgr_console_window_new:
 * @application: the application
 * @settings: (nullable): Hangar's settings, for the console's release keys
 * @guest: whose console to show
 *
 * Returns: (transfer none): a new window, not yet presented
 */
HgrConsoleWindow *
hgr_console_window_new (GtkApplication *application,
                        GSettings      *settings,
                        HgrGuest       *guest)
{
  HgrConsoleWindow *self = g_object_new (HGR_TYPE_CONSOLE_WINDOW, "application", application, NULL);

  self->guest = g_object_ref (guest);
  g_signal_connect_object (guest, "notify::state", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  hgr_console_page_set_settings (self->console_page, settings);
  hgr_console_page_set_guest (self->console_page, guest);
  update_title (self);
  return self;
}

HgrGuest *
hgr_console_window_get_guest (HgrConsoleWindow *self)
{
  g_return_val_if_fail (HGR_IS_CONSOLE_WINDOW (self), NULL);
  return self->guest;
}

HgrConsolePage *
hgr_console_window_get_page (HgrConsoleWindow *self)
{
  g_return_val_if_fail (HGR_IS_CONSOLE_WINDOW (self), NULL);
  return self->console_page;
}
