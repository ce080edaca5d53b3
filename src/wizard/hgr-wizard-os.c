/* hgr-wizard-os.c — the New Guest assistant's operating system page: detected, or chosen from a searchable list
 *
 * When the page is shown for an ISO file or volume (of a remote host: its
 * first megabyte, downloaded), libosinfo reads it in a worker
 * (HgrOsDb, with its time limit) while a spinner turns; what it finds is
 * chosen, and the list, filtered as the user types, lets them correct it.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-wizard-os.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "hgr-a11y.h"
#include "hgr-os-db.h"
#include "hgr-volume-head.h"

struct _HgrWizardOs
{
  HgrWizardPage parent_instance;

  AdwActionRow       *detect_row;
  GtkSpinner         *spinner;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  char               *search_text;
  char               *detected_path; /* the medium last read */
  char               *head_file;     /* a remote volume's beginning, copied here to be read */
  GCancellable       *cancellable;
  gboolean            selecting; /* the selection follows the model: do not write back */
};

G_DEFINE_FINAL_TYPE (HgrWizardOs, hgr_wizard_os, HGR_TYPE_WIZARD_PAGE)

static gboolean
match (gpointer item,
       gpointer user_data)
{
  HgrWizardOs *self = user_data;

  return hgr_os_info_matches (HGR_OS_INFO (item), self->search_text);
}

/* Selects the model's OS in the list (clearing a filter that hides it). */
static void
select_model_os (HgrWizardOs *self)
{
  HgrOsInfo  *os = hgr_new_guest_get_os (hgr_wizard_page_get_model (HGR_WIZARD_PAGE (self)));
  GListModel *items = G_LIST_MODEL (self->selection);
  guint       n = g_list_model_get_n_items (items);

  self->selecting = TRUE;
  for (guint i = 0; os != NULL && i < n; i++)
    {
      g_autoptr (HgrOsInfo) item = g_list_model_get_item (items, i);

      if (item == os)
        {
          gtk_single_selection_set_selected (self->selection, i);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          self->selecting = FALSE;
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

static void
selection_changed_cb (HgrWizardOs *self)
{
  HgrOsInfo *os = gtk_single_selection_get_selected_item (self->selection);

  if (!self->selecting && os != NULL)
    hgr_new_guest_set_os (hgr_wizard_page_get_model (HGR_WIZARD_PAGE (self)), os);
}

static void
search_changed_cb (HgrWizardOs *self)
{
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  select_model_os (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *date = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (date, "dim-label");
  gtk_widget_add_css_class (date, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), date);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item)
{
  HgrOsInfo       *os = gtk_list_item_get_item (list_item);
  GtkWidget       *box = gtk_list_item_get_child (list_item);
  GtkWidget       *name = gtk_widget_get_first_child (box);
  GtkWidget       *date = gtk_widget_get_next_sibling (name);
  const char      *released = hgr_os_info_get_release_date (os);
  g_autofree char *year = released != NULL ? g_strndup (released, 4) : NULL;

  gtk_label_set_label (GTK_LABEL (name), hgr_os_info_get_name (os));
  gtk_label_set_label (GTK_LABEL (date), year);
  {
    /* Translators: an operating system's release, read by screen readers: "Released 2022" */
    g_autofree char *description = year != NULL ? g_strdup_printf (_ ("Released %s"), year) : NULL;

    hgr_a11y_set_list_item_text (box, hgr_os_info_get_name (os), description);
  }
}

/* A remote volume's copied beginning, once read or no longer wanted. */
static void
drop_head_file (HgrWizardOs *self)
{
  if (self->head_file != NULL)
    g_unlink (self->head_file);
  g_clear_pointer (&self->head_file, g_free);
}

static void
identify_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (HgrWizardOs) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrOsInfo) os = hgr_os_db_identify_finish (HGR_OS_DB (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer medium is read (and the copy it had is gone) */
  drop_head_file (self);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (os != NULL)
    {
      g_autofree char *detected = g_strdup_printf (_ ("Detected: %s"), hgr_os_info_get_name (os));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detect_row), detected);
      adw_action_row_set_subtitle (self->detect_row, _ ("Choose another from the list if this is wrong."));
      hgr_new_guest_set_os (hgr_wizard_page_get_model (HGR_WIZARD_PAGE (self)), os);
      select_model_os (self);
      return;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detect_row), _ ("Not Detected"));
  adw_action_row_set_subtitle (self->detect_row, error != NULL ? error->message
                                                               : _ ("Hangar does not know this medium. Choose its system from the list."));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The medium to read, or NULL; @remote: it is a volume of a remote host. */
static char *
readable_medium (HgrNewGuest *model,
                 gboolean    *remote)
{
  const HgrHostFacts *facts = hgr_new_guest_get_facts (model);
  HgrInstallSource    source;
  g_autofree char    *file = NULL;
  g_autofree char    *volume = NULL;

  g_object_get (model, "source", &source, "iso-file", &file, "iso-volume", &volume, NULL);
  *remote = source == HGR_INSTALL_SOURCE_ISO_VOLUME && facts->remote;
  if (source == HGR_INSTALL_SOURCE_ISO_FILE)
    return g_steal_pointer (&file);
  if (source == HGR_INSTALL_SOURCE_ISO_VOLUME)
    return g_steal_pointer (&volume);
  return NULL;
}

static void
head_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (HgrWizardOs) self = user_data;
  g_autoptr (GError) error = NULL;
  char *file = hgr_host_download_volume_head_finish (HGR_HOST (source), result, &error);

  if (file == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_spinner_stop (self->spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detect_row), _ ("Not Detected"));
      adw_action_row_set_subtitle (self->detect_row, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      return;
    }
  self->head_file = file;
  hgr_os_db_identify_async (hgr_os_db_get_default (), file, self->cancellable, identify_cb, g_object_ref (self));
}

static void
hgr_wizard_os_shown (HgrWizardPage *page)
{
  HgrWizardOs     *self = HGR_WIZARD_OS (page);
  HgrNewGuest     *model = hgr_wizard_page_get_model (page);
  gboolean         remote = FALSE;
  g_autofree char *path = readable_medium (model, &remote);

  select_model_os (self);
  if (path == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detect_row), _ ("Choose the Operating System"));
      adw_action_row_set_subtitle (self->detect_row, _ ("Hangar reads the system from ISO images and ISO volumes."));
      return;
    }
  if (g_strcmp0 (path, self->detected_path) == 0)
    return;
  g_free (self->detected_path);
  self->detected_path = g_strdup (path);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  drop_head_file (self);
  self->cancellable = g_cancellable_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->detect_row), _ ("Detecting…"));
  adw_action_row_set_subtitle (self->detect_row, path);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  if (remote)
    hgr_host_download_volume_head_async (hgr_new_guest_get_host (model), path, self->cancellable, head_cb, g_object_ref (self));
  else
    hgr_os_db_identify_async (hgr_os_db_get_default (), path, self->cancellable, identify_cb, g_object_ref (self));
}

static void
hgr_wizard_os_build (HgrWizardPage *page)
{
  HgrWizardOs *self = HGR_WIZARD_OS (page);
  HgrOsDb     *db = hgr_os_db_get_default ();
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  AdwPreferencesGroup *group = hgr_wizard_page_add_group (page, NULL, NULL);
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkWidget          *scrolled, *box;
  g_autofree char    *description = NULL;

  self->detect_row = ADW_ACTION_ROW (adw_action_row_new ());
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  adw_action_row_add_suffix (self->detect_row, GTK_WIDGET (self->spinner));
  adw_preferences_group_add (group, GTK_WIDGET (self->detect_row));

  if (hgr_os_db_is_outdated (db, now))
    {
      const char *version = hgr_os_db_get_version (db);
      int         year = 0, month = 0, day = 0;
      g_autoptr (GDateTime) released = NULL;
      g_autofree char *date = NULL;

      if (sscanf (version, "%4d%2d%2d", &year, &month, &day) == 3)
        released = g_date_time_new_utc (year, month, day, 0, 0, 0);
      /* Translators: how the database's date is shown, see g_date_time_format(): "December 2022" */
      date = released != NULL ? g_date_time_format (released, _ ("%B %Y")) : g_strdup (version);
      /* Translators: %s is the operating system database's date, e.g. "December 2022" */
      description = g_strdup_printf (_ ("This list is from %s, more than a year ago: newer systems are missing. "
                                        "Choose the newest version of the same system, or a generic entry."),
                                     date);
    }
  group = hgr_wizard_page_add_group (page, _ ("Operating System"), description);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _ ("Search by name or short ID, e.g. fedora37"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Search operating systems"), -1);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));

  self->filter = gtk_custom_filter_new (match, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (hgr_os_db_get_list (db)), GTK_FILTER (g_object_ref (self->filter)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb), self);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Operating systems"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_preferences_group_add (group, box);
}

static void
hgr_wizard_os_dispose (GObject *object)
{
  HgrWizardOs *self = HGR_WIZARD_OS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  G_OBJECT_CLASS (hgr_wizard_os_parent_class)->dispose (object);
}

static void
hgr_wizard_os_finalize (GObject *object)
{
  HgrWizardOs *self = HGR_WIZARD_OS (object);

  g_free (self->search_text);
  g_free (self->detected_path);
  drop_head_file (self);
  G_OBJECT_CLASS (hgr_wizard_os_parent_class)->finalize (object);
}

static void
hgr_wizard_os_class_init (HgrWizardOsClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrWizardPageClass *page_class = HGR_WIZARD_PAGE_CLASS (klass);

  object_class->dispose = hgr_wizard_os_dispose;
  object_class->finalize = hgr_wizard_os_finalize;
  page_class->build = hgr_wizard_os_build;
  page_class->shown = hgr_wizard_os_shown;
}

static void
hgr_wizard_os_init (HgrWizardOs *self)
{
}
