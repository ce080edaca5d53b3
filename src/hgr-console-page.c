/* hgr-console-page.c — a guest's screen, with its controls and its states
 *
 * The page opens the guest's display while it is shown and the guest runs,
 * and says in words whatever stands in the way: the guest is off, the host
 * is gone, the display wants a password or went away.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-console-page"

#include "config.h"

#include "hgr-console-page.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "hgr-console-page-private.h"
#include "hgr-error.h"
#include "hgr-host.h"

/* How long the fullscreen toolbar stays after the pointer left it. */
#define TOOLBAR_HIDE_DELAY_MS 1500
/* How close to the top edge the pointer brings the fullscreen toolbar back. */
#define TOOLBAR_SHOW_DISTANCE 8

G_DEFINE_FINAL_TYPE (HgrConsolePage, hgr_console_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GUEST,
  PROP_ACTIVE,
  PROP_DETACHABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  DETACH_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
hgr_console_page_emit_detach_requested (HgrConsolePage *self,
                                        gboolean        fullscreen)
{
  g_signal_emit (self, signals[DETACH_REQUESTED], 0, fullscreen);
}

static gboolean
guest_is_live (HgrGuest *guest)
{
  switch (hgr_guest_get_state (guest))
    {
    case HGR_GUEST_STATE_RUNNING:
    case HGR_GUEST_STATE_PAUSED:
    case HGR_GUEST_STATE_SHUTTING_DOWN:
      return TRUE;
    case HGR_GUEST_STATE_SUSPENDED:
    case HGR_GUEST_STATE_SAVED:
    case HGR_GUEST_STATE_UNKNOWN:
    case HGR_GUEST_STATE_SHUT_OFF:
    case HGR_GUEST_STATE_CRASHED:
    default:
      return FALSE;
    }
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  HgrConsolePage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *password = NULL;
  g_autoptr (GSubprocess) tunnel = NULL;
  int fd = hgr_guest_open_graphics_finish (HGR_GUEST (object), result, &password, &tunnel, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the page let go; self may be gone */

  g_clear_object (&self->opening);
  g_debug ("display of %s opened: fd %d%s%s", hgr_guest_get_name (HGR_GUEST (object)), fd, error != NULL ? ", " : "",
           error != NULL ? error->message : "");
  if (fd < 0)
    {
      g_free (self->open_error);
      self->display_unsupported = g_error_matches (error, HGR_ERROR, HGR_ERROR_NOT_SUPPORTED);
      if (self->display_unsupported)
        /* Translators: %s says which display the guest has, e.g. "This guest’s display uses SPICE. Hangar shows VNC displays." */
        self->open_error = g_strdup_printf (_ ("%s Add a VNC display beside it: it takes effect when the guest next starts."),
                                            error->message);
      else
        /* Translators: %s is libvirt's or ssh's reason */
        self->open_error = g_strdup_printf (_ ("Hangar could not open the guest’s display: %s"), error->message);
    }
  else
    {
      g_set_object (&self->tunnel, tunnel);
      /* what the user (or the keyring) gave wins over the description's */
      hgr_vnc_display_set_password (self->display, self->given_password != NULL ? self->given_password : password);
      hgr_vnc_display_open_fd (self->display, fd,
                               hgr_host_get_remote (hgr_guest_get_host (HGR_GUEST (object))) ? HGR_VNC_LINK_REMOTE
                                                                                             : HGR_VNC_LINK_LOCAL);
    }
  hgr_console_page_update (self);
}

static void
start_open (HgrConsolePage *self)
{
  g_debug ("opening the display of %s", hgr_guest_get_name (self->guest));
  g_clear_pointer (&self->open_error, g_free);
  self->opening = g_cancellable_new ();
  hgr_guest_open_graphics_async (self->guest, self->opening, open_cb, self);
}

void
hgr_console_page_stop (HgrConsolePage *self)
{
  hgr_console_page_stop_typing (self);
  if (self->opening != NULL)
    {
      g_cancellable_cancel (self->opening);
      g_clear_object (&self->opening);
    }
  if (hgr_vnc_display_get_state (self->display) != HGR_VNC_DISPLAY_STATE_CLOSED)
    hgr_vnc_display_close (self->display);
  /* Closing the socket ends ssh; GLib reaps it. */
  g_clear_object (&self->tunnel);
  g_clear_pointer (&self->tunnel_error, g_free);
}

static void
tunnel_said_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (HgrConsolePage) self = user_data;
  g_autofree char *said = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, NULL, &said, NULL) ||
      self->tunnel != G_SUBPROCESS (object) || said == NULL || *g_strstrip (said) == '\0')
    return;
  g_free (self->tunnel_error);
  /* Translators: %s is what ssh said, such as "Host key verification failed." */
  self->tunnel_error = g_strdup_printf (_ ("The SSH tunnel to the display ended: %s"), said);
  hgr_console_page_update (self);
}

/* When a remote display ends, ssh's words say why better than a closed socket. */
static void
display_state_cb (HgrConsolePage *self)
{
  HgrVncDisplayState state = hgr_vnc_display_get_state (self->display);

  if (self->tunnel != NULL && self->tunnel_error == NULL &&
      (state == HGR_VNC_DISPLAY_STATE_FAILED || state == HGR_VNC_DISPLAY_STATE_DISCONNECTED))
    g_subprocess_communicate_utf8_async (self->tunnel, NULL, NULL, tunnel_said_cb, g_object_ref (self));
  hgr_console_page_update (self);
}

gboolean
hgr_console_page_is_fullscreen (HgrConsolePage *self)
{
  return self->watched_window != NULL && gtk_window_is_fullscreen (self->watched_window);
}

void
hgr_console_page_update_hint (HgrConsolePage *self)
{
  g_autofree char *combination = NULL;
  g_autofree char *text = NULL;

  if (hgr_vnc_display_get_state (self->display) != HGR_VNC_DISPLAY_STATE_CONNECTED)
    text = NULL;
  else if (hgr_vnc_display_get_grab_keyboard (self->display))
    {
      combination = gtk_accelerator_get_label (0, hgr_vnc_display_get_release_modifiers (self->display));
      /* Translators: %s is a key combination such as "Ctrl+Alt" */
      text = g_strdup_printf (_ ("Keyboard grabbed · Press %s to release it"), combination);
    }
  else if (!hgr_vnc_display_get_absolute_pointer (self->display))
    text = g_strdup (_ ("The guest has no tablet device, so its pointer may lag behind yours. Add a USB tablet to "
                        "the guest for a pointer that follows exactly."));
  if (text != NULL)
    gtk_label_set_text (self->hint_label, text);
  /* In fullscreen the guest's screen is all there is. */
  gtk_revealer_set_reveal_child (self->hint_revealer, text != NULL && !hgr_console_page_is_fullscreen (self));
}

void
hgr_console_page_update_actions (HgrConsolePage *self)
{
  gboolean connected = hgr_vnc_display_get_state (self->display) == HGR_VNC_DISPLAY_STATE_CONNECTED;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "run");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->guest != NULL && hgr_guest_can (self->guest, HGR_GUEST_ACTION_RUN));
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "send-keys");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), connected);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "type-clipboard");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), connected);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "stop-typing");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->typing != NULL);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "screenshot");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), connected);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "detach");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->detachable && self->guest != NULL);
  gtk_widget_set_visible (self->detach_button, self->detachable);
}

/* Why the session ended: ssh's words for a tunnel, else the display's. */
static const char *
dup_end_reason (HgrConsolePage *self,
                char          **storage)
{
  const char *reason = self->tunnel_error;

  if (reason == NULL)
    reason = hgr_vnc_display_get_error_message (self->display);
  if (reason == NULL)
    reason = _ ("The guest’s display closed the connection.");
  g_free (*storage);
  *storage = g_strdup (reason);
  return *storage;
}

void
hgr_console_page_update (HgrConsolePage *self)
{
  HgrHost           *host;
  HgrVncDisplayState state = hgr_vnc_display_get_state (self->display);
  g_autofree char   *description = NULL;

  g_debug ("update: display state %d, active %d, opening %d", state, self->active, self->opening != NULL);
  hgr_console_page_update_actions (self);
  hgr_console_page_update_hint (self);
  if (self->guest == NULL)
    {
      hgr_console_page_stop (self);
      hgr_console_page_show_status (self, "computer-symbolic", _ ("No Guest"), NULL, STATUS_BUTTON_NONE);
      return;
    }
  host = hgr_guest_get_host (self->guest);

  if (hgr_host_get_status (host) != HGR_HOST_STATUS_CONNECTED)
    {
      hgr_console_page_stop (self);
      if (hgr_host_get_error_message (host) != NULL)
        /* Translators: %s says why the host went away */
        description = g_strdup_printf (_ ("%s · The console comes back when the host does."),
                                       hgr_host_get_error_message (host));
      hgr_console_page_show_status (self, "network-offline-symbolic", _ ("Host Disconnected"),
                                    description != NULL ? description : _ ("The console comes back when the host does."),
                                    STATUS_BUTTON_NONE);
      return;
    }

  if (!guest_is_live (self->guest))
    {
      hgr_console_page_stop (self);
      g_clear_pointer (&self->open_error, g_free);
      hgr_console_page_show_status (self, "computer-symbolic", _ ("Guest Not Running"),
                                    _ ("Run the guest to see its screen here."),
                                    hgr_guest_can (self->guest, HGR_GUEST_ACTION_RUN) ? STATUS_BUTTON_RUN : STATUS_BUTTON_NONE);
      return;
    }

  if (!self->active)
    {
      hgr_console_page_stop (self);
      hgr_console_page_set_spinning (self, FALSE);
      return;
    }

  if (self->open_error != NULL)
    {
      hgr_console_page_show_status (self, "dialog-warning-symbolic", _ ("Console Unavailable"), self->open_error,
                                    self->display_unsupported ? STATUS_BUTTON_ADD_VNC : STATUS_BUTTON_RECONNECT);
      return;
    }

  switch (state)
    {
    case HGR_VNC_DISPLAY_STATE_CLOSED:
      if (self->opening == NULL)
        start_open (self);
      hgr_console_page_show_status (self, NULL, _ ("Connecting to the Display…"), NULL, STATUS_BUTTON_NONE);
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTING:
      hgr_console_page_show_status (self, NULL, _ ("Connecting to the Display…"), NULL, STATUS_BUTTON_NONE);
      return;
    case HGR_VNC_DISPLAY_STATE_NEEDS_PASSWORD:
      /* the keyring first: ask only if it has none */
      if (hgr_console_page_keyring_lookup (self))
        {
          hgr_console_page_show_status (self, NULL, _ ("Connecting to the Display…"), NULL, STATUS_BUTTON_NONE);
          return;
        }
      hgr_console_page_show_status (self, "dialog-password-symbolic", _ ("Password Needed"),
                                    _ ("The guest’s display asks for its VNC password."), STATUS_BUTTON_PASSWORD);
      return;
    case HGR_VNC_DISPLAY_STATE_AUTH_FAILED:
      /* the description's password was refused: the keyring may know better */
      if (hgr_console_page_keyring_lookup (self))
        {
          hgr_console_page_show_status (self, NULL, _ ("Connecting to the Display…"), NULL, STATUS_BUTTON_NONE);
          return;
        }
      if (hgr_console_page_keyring_was_used (self))
        description = g_strdup_printf (_ ("%s · The password remembered in the keyring is not the display’s any more. "
                                          "Enter the new one."),
                                       hgr_vnc_display_get_error_message (self->display));
      else
        description = g_strdup_printf (_ ("%s · Check the password and try again."),
                                       hgr_vnc_display_get_error_message (self->display));
      hgr_console_page_show_status (self, "dialog-password-symbolic", _ ("Password Not Accepted"), description,
                                    STATUS_BUTTON_PASSWORD);
      return;
    case HGR_VNC_DISPLAY_STATE_FAILED:
      hgr_console_page_show_status (self, "dialog-warning-symbolic", _ ("Console Unavailable"), dup_end_reason (self, &description),
                                    STATUS_BUTTON_RECONNECT);
      return;
    case HGR_VNC_DISPLAY_STATE_DISCONNECTED:
      hgr_console_page_show_status (self, "network-offline-symbolic", _ ("Console Disconnected"), dup_end_reason (self, &description),
                                    STATUS_BUTTON_RECONNECT);
      return;
    case HGR_VNC_DISPLAY_STATE_CONNECTED:
    default:
      hgr_console_page_keyring_connected (self);
      hgr_console_page_set_spinning (self, FALSE);
      gtk_widget_set_visible (self->toolbar, TRUE);
      gtk_stack_set_visible_child_name (self->stack, "display");
      return;
    }
}

/* ------------------------------------------------------------------------ */
/* GObject                                                                  */

static void
release_requested_cb (HgrConsolePage *self)
{
  /* Ctrl+Alt with the keyboard not grabbed: out to the toolbar. */
  gtk_revealer_set_reveal_child (hgr_console_page_toolbar_holder (self), TRUE);
  gtk_widget_child_focus (self->toolbar, GTK_DIR_TAB_FORWARD);
}

static void
type_clipboard_requested_cb (HgrConsolePage *self)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->actions), "type-clipboard", NULL);
}

static gboolean
release_keys_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  guint           keyval = 0;
  GdkModifierType modifiers = 0;

  /* Modifiers only; anything else in the setting is ignored. */
  if (!gtk_accelerator_parse (g_variant_get_string (variant, NULL), &keyval, &modifiers) || keyval != 0 ||
      modifiers == 0)
    return FALSE;
  g_value_set_flags (value, modifiers);
  return TRUE;
}

static void
hgr_console_page_root (GtkWidget *widget)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (widget);

  GTK_WIDGET_CLASS (hgr_console_page_parent_class)->root (widget);
  self->watched_window = hgr_console_page_get_window (self);
  if (self->watched_window != NULL)
    g_signal_connect_object (self->watched_window, "notify::fullscreened", G_CALLBACK (hgr_console_page_fullscreen_changed_cb),
                             self, G_CONNECT_SWAPPED);
  hgr_console_page_fullscreen_changed_cb (self);
}

static void
hgr_console_page_unroot (GtkWidget *widget)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (widget);

  if (self->watched_window != NULL)
    g_signal_handlers_disconnect_by_func (self->watched_window, hgr_console_page_fullscreen_changed_cb, self);
  self->watched_window = NULL;
  g_clear_handle_id (&self->hide_toolbar_source, g_source_remove);
  GTK_WIDGET_CLASS (hgr_console_page_parent_class)->unroot (widget);
}

static void
hgr_console_page_dispose (GObject *object)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (object);
  GtkWidget      *child;

  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
  hgr_console_page_stop_typing (self);
  hgr_console_page_keyring_reset (self);
  g_clear_object (&self->typing);
  g_clear_handle_id (&self->hide_toolbar_source, g_source_remove);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  if (self->guest_signals != NULL)
    g_signal_group_set_target (self->guest_signals, NULL);
  if (self->host_signals != NULL)
    g_signal_group_set_target (self->host_signals, NULL);
  g_clear_object (&self->guest_signals);
  g_clear_object (&self->host_signals);
  g_clear_object (&self->guest);
  g_clear_object (&self->tunnel);
  g_clear_object (&self->actions);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_CONSOLE_PAGE);
  /* the template's root box is not bound, so dispose_template leaves it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (hgr_console_page_parent_class)->dispose (object);
}

static void
hgr_console_page_finalize (GObject *object)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (object);

  g_free (self->open_error);
  g_free (self->tunnel_error);

  G_OBJECT_CLASS (hgr_console_page_parent_class)->finalize (object);
}

static void
hgr_console_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      g_value_set_object (value, self->guest);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_DETACHABLE:
      g_value_set_boolean (value, self->detachable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_console_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  HgrConsolePage *self = HGR_CONSOLE_PAGE (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      hgr_console_page_set_guest (self, g_value_get_object (value));
      break;
    case PROP_ACTIVE:
      hgr_console_page_set_active (self, g_value_get_boolean (value));
      break;
    case PROP_DETACHABLE:
      self->detachable = g_value_get_boolean (value);
      hgr_console_page_update_actions (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_console_page_class_init (HgrConsolePageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_console_page_dispose;
  object_class->finalize = hgr_console_page_finalize;
  object_class->get_property = hgr_console_page_get_property;
  object_class->set_property = hgr_console_page_set_property;
  widget_class->root = hgr_console_page_root;
  widget_class->unroot = hgr_console_page_unroot;

  properties[PROP_GUEST] = g_param_spec_object ("guest", NULL, NULL, HGR_TYPE_GUEST,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                    G_PARAM_STATIC_STRINGS);
  properties[PROP_DETACHABLE] = g_param_spec_boolean ("detachable", NULL, NULL, FALSE,
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                        G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * HgrConsolePage::detach-requested:
   * @fullscreen: whether the new window should go fullscreen
   *
   * The user asked for this console in a window of its own.
   */
  signals[DETACH_REQUESTED] = g_signal_new ("detach-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  g_type_ensure (HGR_TYPE_VNC_DISPLAY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-console-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, toolbar_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, osd_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, hint_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, hint_label);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, stack);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, detach_button);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, display);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, typing_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, password_entry);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, remember_button);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, status_button);
  gtk_widget_class_bind_template_child (widget_class, HgrConsolePage, function_keys_section);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "hgr-console-page");
}

static void
hgr_console_page_init (HgrConsolePage *self)
{
  static const GActionEntry entries[] = {
    { "run", hgr_console_page_run_activated },
    { "send-password", hgr_console_page_send_password_activated },
    { "reconnect", hgr_console_page_reconnect_activated },
    { "add-vnc", hgr_console_page_add_vnc_activated },
    { "send-keys", hgr_console_page_send_keys_activated, "s" },
    { "type-clipboard", hgr_console_page_type_clipboard_activated },
    { "stop-typing", hgr_console_page_stop_typing_activated },
    { "typing-layout", NULL, "s", "'us'", hgr_console_page_typing_layout_changed },
    { "screenshot", hgr_console_page_screenshot_activated },
    { "detach", hgr_console_page_detach_activated },
    { "fullscreen", hgr_console_page_fullscreen_activated, NULL, "false" },
  };
  static const char *const display_properties[] = { "scale-to-fit", "resize-guest", "grab-keyboard" };
  GtkEventController      *controller;
  GtkShortcut             *shortcut;
  gsize                    i;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->spinner, hgr_console_page_draw_spinner, NULL, NULL);

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), entries, G_N_ELEMENTS (entries), self);
  for (i = 0; i < G_N_ELEMENTS (display_properties); i++)
    {
      g_autoptr (GPropertyAction) action = g_property_action_new (display_properties[i], self->display,
                                                                  display_properties[i]);

      g_action_map_add_action (G_ACTION_MAP (self->actions), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (self), "console", G_ACTION_GROUP (self->actions));

  for (i = 1; i <= 12; i++)
    {
      g_autofree char *label = g_strdup_printf ("Ctrl+Alt+F%zu", i);
      g_autofree char *target = g_strdup_printf ("ctrl-alt-f%zu", i);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "console.send-keys", "s", target);
      g_menu_append_item (self->function_keys_section, item);
    }

  /* F11 while the focus is on the page's controls; in the display, keys
   * belong to the guest (Ctrl+Alt takes the focus out). */
  controller = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0), gtk_named_action_new ("console.fullscreen"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  /* Type Clipboard: Ctrl+Shift+V here; in the display, with the release
   * keys (the display asks for it, see type-clipboard-requested). */
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                               gtk_named_action_new ("console.type-clipboard"));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (hgr_console_page_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  self->guest_signals = g_signal_group_new (HGR_TYPE_GUEST);
  g_signal_group_connect_swapped (self->guest_signals, "notify::state", G_CALLBACK (hgr_console_page_update), self);
  self->host_signals = g_signal_group_new (HGR_TYPE_HOST);
  g_signal_group_connect_swapped (self->host_signals, "notify::status", G_CALLBACK (hgr_console_page_update), self);

  g_signal_connect_object (self->display, "notify::state", G_CALLBACK (display_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->display, "notify::absolute-pointer", G_CALLBACK (hgr_console_page_update_hint), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->display, "notify::grab-keyboard", G_CALLBACK (hgr_console_page_update_hint), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->display, "release-requested", G_CALLBACK (release_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->display, "type-clipboard-requested", G_CALLBACK (type_clipboard_requested_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_entry, "activate", G_CALLBACK (hgr_console_page_password_entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  hgr_console_page_update (self);
}

GtkWidget *
hgr_console_page_new (void)
{
  return g_object_new (HGR_TYPE_CONSOLE_PAGE, NULL);
}

/**
 * hgr_console_page_set_guest:
 * @self: a console page
 * @guest: (nullable): the guest whose screen to show
 */
void
hgr_console_page_set_guest (HgrConsolePage *self,
                            HgrGuest       *guest)
{
  g_autofree char *label = NULL;

  g_return_if_fail (HGR_IS_CONSOLE_PAGE (self));
  g_return_if_fail (guest == NULL || HGR_IS_GUEST (guest));

  if (self->guest == guest)
    return;
  hgr_console_page_stop (self);
  hgr_console_page_keyring_reset (self);
  gtk_check_button_set_active (self->remember_button, FALSE);
  g_clear_pointer (&self->open_error, g_free);
  g_set_object (&self->guest, guest);
  g_signal_group_set_target (self->guest_signals, guest);
  g_signal_group_set_target (self->host_signals, guest != NULL ? hgr_guest_get_host (guest) : NULL);
  if (guest != NULL)
    {
      /* Translators: the accessible name of the console; %s is a guest */
      label = g_strdup_printf (_ ("Screen of %s"), hgr_guest_get_display_name (guest));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->display), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
  hgr_console_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST]);
}

HgrGuest *
hgr_console_page_get_guest (HgrConsolePage *self)
{
  g_return_val_if_fail (HGR_IS_CONSOLE_PAGE (self), NULL);
  return self->guest;
}

/**
 * hgr_console_page_set_active:
 * @self: a console page
 * @active: whether the page is shown: only then it holds a session open
 */
void
hgr_console_page_set_active (HgrConsolePage *self,
                             gboolean        active)
{
  g_return_if_fail (HGR_IS_CONSOLE_PAGE (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  hgr_console_page_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE]);
}

HgrVncDisplay *
hgr_console_page_get_display (HgrConsolePage *self)
{
  g_return_val_if_fail (HGR_IS_CONSOLE_PAGE (self), NULL);
  return self->display;
}

/* Another console changed the layout: this page's menu says so too. */
static void
typing_layout_setting_cb (HgrConsolePage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "console-typing-layout");
  GAction         *action = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "typing-layout");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (name));
}

/**
 * hgr_console_page_set_settings:
 * @self: a console page
 * @settings: (nullable): Hangar's settings, or %NULL for the defaults
 *
 * Follows the settings the page needs (the keys that give the keyboard back).
 */
void
hgr_console_page_set_settings (HgrConsolePage *self,
                               GSettings      *settings)
{
  g_return_if_fail (HGR_IS_CONSOLE_PAGE (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    {
      g_settings_unbind (self->display, "release-modifiers");
      g_signal_handlers_disconnect_by_func (self->settings, typing_layout_setting_cb, self);
    }
  g_set_object (&self->settings, settings);
  if (settings == NULL)
    return;
  g_settings_bind_with_mapping (settings, "console-release-keys", self->display, "release-modifiers",
                                G_SETTINGS_BIND_GET, release_keys_mapping, NULL, NULL, NULL);
  g_signal_connect_object (settings, "changed::console-typing-layout", G_CALLBACK (typing_layout_setting_cb), self,
                           G_CONNECT_SWAPPED);
  typing_layout_setting_cb (self);
}
