/* hgr-new-guest-window.c — the New Guest assistant: its pages, Back and Next, Create
 *
 * Opens on a spinner while a worker reads the host's facts and libosinfo's
 * list; then one page per step (HgrWizardPage subclasses bound to one
 * HgrNewGuest). Next is sensitive only when the page's choices check, and
 * the page says why they do not; Create only when every page's do. During
 * Create only Cancel works; closing the window cancels too, and Create
 * removes what it made. When the guest is made, "created" is emitted and
 * the window closes: the main window selects the guest and shows it.
 *
 * Keyboard: Alt+← Back, Alt+→ Next, Enter in a field goes on, Ctrl+Enter
 * Create, Escape closes.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-wizard"

#include "config.h"

#include "hgr-new-guest-window.h"

#include <glib/gi18n.h>

#include "hgr-a11y.h"
#include "hgr-os-db.h"
#include "hgr-wizard-name.h"
#include "hgr-wizard-os.h"
#include "hgr-wizard-resources.h"
#include "hgr-wizard-source.h"
#include "hgr-wizard-storage.h"
#include "hgr-wizard-summary.h"

#define N_STEPS (HGR_INSTALL_STEP_SUMMARY + 1)

struct _HgrNewGuestWindow
{
  AdwWindow parent_instance;

  HgrNewGuest    *model;
  GCancellable   *cancellable; /* reading the host, Create */
  AdwWindowTitle *title;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkWidget      *spinner;
  GtkWidget      *cancel_button;
  GtkWidget      *back_button;
  GtkWidget      *next_button;
  GtkWidget      *create_button;
  GtkWidget      *pages[N_STEPS];
  HgrInstallStep  step;
  guint           pending; /* reads under way before the pages are built */
  gboolean        ready;
  gboolean        closing; /* closed during Create: destroy when it is undone */
};

G_DEFINE_FINAL_TYPE (HgrNewGuestWindow, hgr_new_guest_window, ADW_TYPE_WINDOW)

enum
{
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *const step_names[N_STEPS] = { "source", "os", "resources", "storage", "name", "summary" };

static gboolean
busy (HgrNewGuestWindow *self)
{
  gboolean value = FALSE;

  g_object_get (self->model, "busy", &value, NULL);
  return value;
}

static void
update_buttons (HgrNewGuestWindow *self)
{
  gboolean         last = self->step == HGR_INSTALL_STEP_SUMMARY;
  gboolean         working = busy (self);
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->back_button, self->ready && self->step > 0);
  gtk_widget_set_visible (self->next_button, !last);
  gtk_widget_set_visible (self->create_button, last);
  gtk_widget_set_sensitive (self->back_button, !working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->ready && self->step > 0 && !working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 self->ready && !last && hgr_new_guest_check (self->model, self->step, NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.create",
                                 self->ready && last && !working && hgr_new_guest_check_all (self->model, NULL, NULL));
  gtk_window_set_default_widget (GTK_WINDOW (self), last ? self->create_button : self->next_button);
  if (self->ready)
    {
      /* Translators: the assistant's subtitle: "Step 2 of 6: Operating System" */
      subtitle = g_strdup_printf (_ ("Step %u of %u: %s"), self->step + 1, N_STEPS,
                                  hgr_wizard_page_get_title (HGR_WIZARD_PAGE (self->pages[self->step])));
      adw_window_title_set_subtitle (self->title, subtitle);
    }
}

static void
show_step (HgrNewGuestWindow *self,
           HgrInstallStep     step)
{
  GtkWidget *page = self->pages[step];

  self->step = step;
  gtk_stack_set_visible_child (self->stack, page);
  hgr_wizard_page_shown (HGR_WIZARD_PAGE (page));
  update_buttons (self);
  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (widget);

  if (self->ready && self->step > 0 && !busy (self))
    show_step (self, self->step - 1);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (widget);

  if (!self->ready || self->step == HGR_INSTALL_STEP_SUMMARY || !hgr_wizard_page_check (HGR_WIZARD_PAGE (self->pages[self->step])))
    return;
  show_step (self, self->step + 1);
}

static void
create_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HgrNewGuestWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  HgrWizardSummary *summary = HGR_WIZARD_SUMMARY (self->pages[HGR_INSTALL_STEP_SUMMARY]);

  gtk_widget_set_visible (self->cancel_button, FALSE);
  if (!hgr_new_guest_create_finish (HGR_NEW_GUEST (source), result, &error))
    {
      if (self->closing)
        gtk_window_destroy (GTK_WINDOW (self));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        hgr_wizard_summary_set_failure (summary, error->message);
      update_buttons (self);
      return;
    }
  if (!self->closing)
    g_signal_emit (self, signals[CREATED], 0, self->model);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (widget);

  if (!self->ready || busy (self) || self->step != HGR_INSTALL_STEP_SUMMARY || !hgr_new_guest_check_all (self->model, NULL, NULL))
    return;
  hgr_wizard_summary_set_failure (HGR_WIZARD_SUMMARY (self->pages[HGR_INSTALL_STEP_SUMMARY]), NULL);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->cancel_button, TRUE);
  hgr_new_guest_create_async (self->model, self->cancellable, create_cb, g_object_ref (self));
  update_buttons (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (widget);

  if (busy (self))
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Closing during Create cancels it; the window goes once what Create made is removed. */
static gboolean
hgr_new_guest_window_close_request (GtkWindow *window)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (window);

  if (!busy (self))
    {
      g_cancellable_cancel (self->cancellable);
      return GTK_WINDOW_CLASS (hgr_new_guest_window_parent_class)->close_request (window);
    }
  self->closing = TRUE;
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  return TRUE;
}

static void
build_pages (HgrNewGuestWindow *self)
{
  const struct
  {
    GType (*type) (void);
    const char *title;
  } kinds[N_STEPS] = {
    { hgr_wizard_source_get_type, _ ("Install Source") },
    { hgr_wizard_os_get_type, _ ("Operating System") },
    { hgr_wizard_resources_get_type, _ ("Memory and Processors") },
    { hgr_wizard_storage_get_type, _ ("Storage") },
    { hgr_wizard_name_get_type, _ ("Name and Network") },
    { hgr_wizard_summary_get_type, _ ("Summary") },
  };

  for (guint i = 0; i < N_STEPS; i++)
    {
      self->pages[i] = hgr_wizard_page_new (kinds[i].type (), self->model, i, kinds[i].title);
      gtk_stack_add_named (self->stack, self->pages[i], step_names[i]);
    }
  self->ready = TRUE;
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  hgr_a11y_fix_mnemonic_buttons (GTK_WIDGET (self));
  show_step (self, HGR_INSTALL_STEP_SOURCE);
}

static void
read_failed (HgrNewGuestWindow *self,
             const GError      *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
}

static void
read_done (HgrNewGuestWindow *self)
{
  if (--self->pending == 0 && hgr_new_guest_get_facts (self->model) != NULL && hgr_os_db_get_loaded (hgr_os_db_get_default ()))
    build_pages (self);
}

static void
facts_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (HgrNewGuestWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrHostFacts) facts = hgr_host_read_facts_finish (HGR_HOST (source), result, &error);

  if (facts == NULL)
    read_failed (self, error);
  else
    hgr_new_guest_set_facts (self->model, facts);
  read_done (self);
}

static void
db_cb (GObject      *source,
       GAsyncResult *result,
       gpointer      user_data)
{
  g_autoptr (HgrNewGuestWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hgr_os_db_load_finish (HGR_OS_DB (source), result, &error))
    read_failed (self, error);
  read_done (self);
}

static void
start_reading (HgrNewGuestWindow *self)
{
  if (self->pending > 0)
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  self->pending = 2;
  hgr_host_read_facts_async (hgr_new_guest_get_host (self->model), self->cancellable, facts_cb, g_object_ref (self));
  hgr_os_db_load_async (hgr_os_db_get_default (), self->cancellable, db_cb, g_object_ref (self));
}

static void
retry_clicked_cb (HgrNewGuestWindow *self)
{
  start_reading (self);
}

static void
hgr_new_guest_window_dispose (GObject *object)
{
  HgrNewGuestWindow *self = HGR_NEW_GUEST_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  G_OBJECT_CLASS (hgr_new_guest_window_parent_class)->dispose (object);
}

static void
hgr_new_guest_window_class_init (HgrNewGuestWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_new_guest_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = hgr_new_guest_window_close_request;

  /**
   * HgrNewGuestWindow::created:
   * @model: the choices; its UUID is the new guest's
   *
   * The guest is made (started, or defined for customizing).
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, HGR_TYPE_NEW_GUEST);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "wizard.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static GtkWidget *
header_button (const char *label,
               const char *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static void
hgr_new_guest_window_init (HgrNewGuestWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *loading = adw_status_page_new ();
  GtkWidget *retry;

  gtk_window_set_title (GTK_WINDOW (self), _ ("New Guest"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 600, 680);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 400);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("New Guest"), -1);

  self->title = ADW_WINDOW_TITLE (adw_window_title_new (_ ("New Guest"), NULL));
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), GTK_WIDGET (self->title));
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->cancel_button = header_button (_ ("_Cancel"), "wizard.cancel");
  self->back_button = header_button (_ ("_Back"), "wizard.back");
  gtk_widget_set_tooltip_text (self->back_button, _ ("Back (Alt+←)"));
  self->next_button = header_button (_ ("_Next"), "wizard.next");
  gtk_widget_set_tooltip_text (self->next_button, _ ("Next (Alt+→)"));
  gtk_widget_add_css_class (self->next_button, "suggested-action");
  self->create_button = header_button (_ ("C_reate"), "wizard.create");
  gtk_widget_set_tooltip_text (self->create_button, _ ("Create (Ctrl+Enter)"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->cancel_button);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->back_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->next_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT);
  hgr_a11y_follow_stack (self->stack); /* hidden pages stay silent */
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  adw_status_page_set_title (ADW_STATUS_PAGE (loading), _ ("Reading What the Host Offers…"));
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (loading), self->spinner);
  gtk_stack_add_named (self->stack, loading, "loading");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _ ("The Host Could Not Be Read"));
  retry = gtk_button_new_with_mnemonic (_ ("_Try Again"));
  gtk_widget_set_halign (retry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (retry, "pill");
  g_signal_connect_swapped (retry, "clicked", G_CALLBACK (retry_clicked_cb), self);
  adw_status_page_set_child (self->error_page, retry);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);
}

/**
 * hgr_new_guest_window_new:
 * @parent: (nullable): the main window
 * @host: the connected host the guest is made on
 *
 * Returns: (transfer none): the assistant, shown
 */
GtkWidget *
hgr_new_guest_window_new (GtkWindow *parent,
                          HgrHost   *host)
{
  HgrNewGuestWindow *self = g_object_new (HGR_TYPE_NEW_GUEST_WINDOW, "transient-for", parent, NULL);
  g_autofree char   *title = g_strdup_printf (_ ("New Guest on %s"), hgr_host_get_display_name (host));

  self->model = hgr_new_guest_new (host);
  adw_window_title_set_title (self->title, title);
  g_signal_connect_swapped (self->model, "notify", G_CALLBACK (update_buttons), self);
  update_buttons (self);
  start_reading (self);
  gtk_window_present (GTK_WINDOW (self));
  return GTK_WIDGET (self);
}

HgrNewGuest *
hgr_new_guest_window_get_model (HgrNewGuestWindow *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST_WINDOW (self), NULL);
  return self->model;
}

/* Returns: (transfer none) (nullable): the page of @step, once built */
GtkWidget *
hgr_new_guest_window_get_page (HgrNewGuestWindow *self,
                               HgrInstallStep     step)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST_WINDOW (self), NULL);
  g_return_val_if_fail (step < N_STEPS, NULL);
  return self->pages[step];
}

HgrInstallStep
hgr_new_guest_window_get_step (HgrNewGuestWindow *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST_WINDOW (self), 0);
  return self->step;
}

/* Whether the host was read and the pages are there. */
gboolean
hgr_new_guest_window_get_ready (HgrNewGuestWindow *self)
{
  g_return_val_if_fail (HGR_IS_NEW_GUEST_WINDOW (self), FALSE);
  return self->ready;
}
