/* hgr-application.c — the Hangar application: settings, saved hosts, command line
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-application"

#include "config.h"

#include "hgr-application.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "hgr-load-monitor.h"
#include "hgr-preferences-window.h"
#include "hgr-uri.h"
#include "hgr-window.h"

#define SYSTEM_SOCKET "/run/libvirt/libvirt-sock"

struct _HgrApplication
{
  AdwApplication parent_instance;

  GSettings      *settings;
  HgrHostStore   *hosts;
  HgrLoadMonitor *load;    /* each host's guests' load */
  HgrAskpass     *askpass; /* nullable: ssh then cannot ask the user */
};

G_DEFINE_FINAL_TYPE (HgrApplication, hgr_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "connect", 'c', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING_ARRAY, NULL,
    N_ ("Show the host at URI for this run only, instead of the saved hosts (repeatable)"), N_ ("URI") },
  { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL, N_ ("Print the version and exit"), NULL },
  { NULL }
};

static void
connect_host (HgrHost *host)
{
  hgr_host_connect_async (host, NULL, NULL, NULL);
}

static HgrWindow *
ensure_window (HgrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (hgr_window_new (self));
  return HGR_WINDOW (window);
}

static void
app_quit_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
app_about_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  HgrApplication *self = user_data;
  const char     *developers[] = { _ ("The Hangar authors"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _ ("Hangar"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _ ("Run and manage virtual machines on this computer and on remote hosts."),
                         NULL);
}

static void
app_preferences_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  HgrApplication       *self = user_data;
  HgrPreferencesWindow *preferences;

  preferences = hgr_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                            self->settings);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* New Guest on the active window's host (its win.new-guest). */
static void
app_new_guest_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-guest", NULL);
}

static const GActionEntry app_actions[] = {
  { "new-guest", app_new_guest_action },
  { "quit", app_quit_action },
  { "preferences", app_preferences_action },
  { "about", app_about_action },
};

/* Every command's keyboard path; ui/help-overlay.ui lists the same. */
static const struct
{
  const char *action;
  const char *accels[2];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.new-guest", { "<Control>n", NULL } },
  { "win.add-connection", { "<Control><Shift>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.connect-selected", { "<Control><Shift>c", NULL } },
  { "win.disconnect-selected", { "<Control><Shift>x", NULL } },
  { "win.view::overview", { "<Alt>1", NULL } },
  { "win.view::console", { "<Alt>2", NULL } },
  { "win.view::details", { "<Alt>3", NULL } },
  { "guest.run", { "<Control>r", NULL } },
  { "guest.pause", { "<Control>p", NULL } },
  { "guest.resume", { "<Control><Shift>p", NULL } },
  { "guest.shut-down", { "<Control><Shift>d", NULL } },
  { "guest.reboot", { "<Control><Shift>r", NULL } },
  { "guest.force-off", { "<Control><Shift>Delete", NULL } },
  { "guest.save", { "<Control>s", NULL } },
  { "guest.delete", { "<Control>Delete", NULL } },
};

static int
hgr_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("hangar %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static int
hgr_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  HgrApplication         *self = HGR_APPLICATION (application);
  GVariantDict           *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **uris = NULL;
  guint                   n;

  g_variant_dict_lookup (options, "connect", "^a&s", &uris);
  if (uris != NULL)
    {
      for (guint i = 0; uris[i] != NULL; i++)
        {
          g_autoptr (GError) error = NULL;

          if (!hgr_uri_validate (uris[i], &error))
            {
              g_application_command_line_printerr (command_line, "hangar: %s\n", error->message);
              return 1;
            }
          connect_host (hgr_host_store_add (self->hosts, uris[i], FALSE, FALSE));
        }
    }
  else if (gtk_application_get_active_window (GTK_APPLICATION (self)) == NULL)
    {
      hgr_host_store_load (self->hosts);
      hgr_host_store_add_defaults (self->hosts, SYSTEM_SOCKET);
      n = g_list_model_get_n_items (hgr_host_store_get_hosts (self->hosts));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (HgrHost) host = g_list_model_get_item (hgr_host_store_get_hosts (self->hosts), i);

          if (hgr_host_get_autoconnect (host))
            connect_host (host);
        }
    }

  gtk_window_present (GTK_WINDOW (ensure_window (self)));
  return 0;
}

/* The helper next to the executable when run from the build tree, else installed. */
static char *
find_askpass_helper (void)
{
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self_path != NULL ? g_path_get_dirname (self_path) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, "hangar-askpass", NULL) : NULL;

  if (beside != NULL && g_file_test (beside, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&beside);
  return g_build_filename (LIBEXECDIR, "hangar-askpass", NULL);
}

/* qemu+ssh:// runs ssh, which asks through SSH_ASKPASS when DISPLAY is set
 * (libvirt passes both). Set here, once GTK chose its display and before any
 * connection starts a thread. */
static void
start_askpass (HgrApplication *self)
{
  g_autofree char *helper = find_askpass_helper ();
  g_autoptr (GError) error = NULL;

  self->askpass = hgr_askpass_new (helper, &error);
  if (self->askpass == NULL)
    {
      g_message ("SSH passwords cannot be asked in a dialog: %s", error->message);
      return;
    }
  g_setenv ("SSH_ASKPASS", hgr_askpass_get_program (self->askpass), TRUE);
  if (g_getenv ("DISPLAY") == NULL)
    g_setenv ("DISPLAY", ":0", FALSE);
}

static void
hgr_application_startup (GApplication *application)
{
  HgrApplication *self = HGR_APPLICATION (application);

  G_APPLICATION_CLASS (hgr_application_parent_class)->startup (application);
  gtk_source_init (); /* the Details view's XML page */

  self->settings = g_settings_new (APPLICATION_ID);
  self->hosts = hgr_host_store_new (self->settings);
  self->load = hgr_load_monitor_new (self->hosts, self->settings);
  start_askpass (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accelerators[i].action, accelerators[i].accels);
}

static void
hgr_application_shutdown (GApplication *application)
{
  HgrApplication *self = HGR_APPLICATION (application);

  g_clear_object (&self->load);
  g_clear_object (&self->hosts);
  g_clear_object (&self->settings);
  g_clear_object (&self->askpass);

  G_APPLICATION_CLASS (hgr_application_parent_class)->shutdown (application);
}

static void
hgr_application_class_init (HgrApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = hgr_application_handle_local_options;
  app_class->command_line = hgr_application_command_line;
  app_class->startup = hgr_application_startup;
  app_class->shutdown = hgr_application_shutdown;
}

static void
hgr_application_init (HgrApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _ ("Run and manage virtual machines on this computer and on remote hosts."));
}

HgrApplication *
hgr_application_new (void)
{
  return g_object_new (HGR_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * hgr_application_get_host_store:
 * @self: the application
 *
 * Returns: (transfer none): the hosts shown
 */
HgrHostStore *
hgr_application_get_host_store (HgrApplication *self)
{
  g_return_val_if_fail (HGR_IS_APPLICATION (self), NULL);

  return self->hosts;
}

/**
 * hgr_application_get_askpass:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): where ssh's questions arrive
 */
HgrAskpass *
hgr_application_get_askpass (HgrApplication *self)
{
  g_return_val_if_fail (HGR_IS_APPLICATION (self), NULL);

  return self->askpass;
}

/**
 * hgr_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none): Hangar's only #GSettings
 */
GSettings *
hgr_application_get_settings (HgrApplication *self)
{
  g_return_val_if_fail (HGR_IS_APPLICATION (self), NULL);

  return self->settings;
}
