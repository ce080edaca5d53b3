/* hgr-details-view.c — a guest's hardware: the sidebar of its parts, the selected part's section, Apply and Revert
 *
 * The view reads the guest's configuration when it is first shown
 * (hgr_guest_read_config_async()), stages the user's edits in the parts and
 * applies them in one worker job. Edits stay on one page: leaving a page with
 * unsaved edits asks first. When the guest is defined anew by someone else
 * while edits are staged, a banner says so and offers Reload or Keep My
 * Changes (Apply replays them on the newest XML anyway); without edits the
 * view just reloads.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-details"

#include "config.h"

#include "hgr-details-view.h"

#include <glib/gi18n.h>

#include "hgr-config-disk.h"
#include "hgr-config-nic.h"
#include "hgr-details-sidebar.h"
#include "hgr-details-xml.h"

struct _HgrDetailsView
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkRevealer   *outside_revealer;
  GtkStack      *state_stack;
  GtkSpinner    *spinner;
  AdwStatusPage *error_page;
  AdwLeaflet    *leaflet;
  GtkListView   *sidebar_list;
  AdwBin        *section_bin;
  GtkWidget     *back_button;
  GtkLabel      *status_label;
  GtkWidget     *apply_button;

  /* Owned */
  HgrGuest           *guest;
  GSettings          *settings;
  HgrDomainConfig    *config;
  HgrDomainConfig    *outside_config; /* the newer configuration the banner offers */
  GtkSingleSelection *selection;
  GCancellable       *cancellable;
  GObject            *current;  /* the selected item: a part, or the XML item */
  char               *leave_to; /* the item's key to show after the unsaved-changes question */
  gboolean            active;
  gboolean            loading;
  gboolean            busy;
  gboolean            guarding;  /* selection changes that are ours */
  gboolean            can_apply; /* the edits are valid */
};

G_DEFINE_FINAL_TYPE (HgrDetailsView, hgr_details_view, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_GUEST,
  PROP_MODIFIED,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Shows "loading", "error" or "details"; the spinner turns only while it is on screen (a spinning
 * GtkSpinner costs CPU even on a page nobody sees). */
static void
show_state (HgrDetailsView *self,
            const char     *name)
{
  gtk_stack_set_visible_child_name (self->state_stack, name);
  gtk_spinner_set_spinning (self->spinner, self->active && g_str_equal (name, "loading"));
}

static void load (HgrDetailsView *self,
                  gboolean        quietly);
static void apply (HgrDetailsView *self);

static const char *
item_key (GObject *item)
{
  return HGR_IS_CONFIG_PART (item) ? hgr_config_part_get_key (HGR_CONFIG_PART (item)) : HGR_DETAILS_XML_ITEM;
}

static HgrDetailsXml *
xml_section (HgrDetailsView *self)
{
  GtkWidget *section = adw_bin_get_child (self->section_bin);

  return HGR_IS_DETAILS_XML (section) ? HGR_DETAILS_XML (section) : NULL;
}

gboolean
hgr_details_view_get_modified (HgrDetailsView *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), FALSE);
  if (xml_section (self) != NULL && hgr_details_xml_get_modified (xml_section (self)))
    return TRUE;
  return self->config != NULL && hgr_domain_config_get_modified (self->config);
}

static void
set_status (HgrDetailsView *self,
            const char     *text,
            gboolean        is_error)
{
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The actions and the status line follow the selected item's state. */
static void
update_state (HgrDetailsView *self)
{
  gboolean modified = hgr_details_view_get_modified (self);
  gboolean valid = TRUE;

  if (HGR_IS_CONFIG_PART (self->current))
    {
      HgrConfigPart *part = HGR_CONFIG_PART (self->current);
      g_autoptr (GError) error = NULL;

      if (hgr_config_part_get_modified (part))
        {
          valid = hgr_config_part_validate (part, hgr_domain_config_get_root (self->config),
                                            hgr_domain_config_get_limits (self->config), &error);
          set_status (self, error != NULL ? error->message : NULL, error != NULL);
        }
      else if (hgr_config_part_get_pending (part))
        set_status (self, _ ("Changed: takes effect after the guest shuts down."), FALSE);
    }
  self->can_apply = modified && valid && !self->busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.apply", self->can_apply);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "details.revert", modified && !self->busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
show_item (HgrDetailsView *self,
           GObject        *item)
{
  if (self->current != NULL && HGR_IS_CONFIG_PART (self->current))
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_set_object (&self->current, item);
  set_status (self, NULL, FALSE);
  if (item == NULL)
    {
      adw_bin_set_child (self->section_bin, NULL);
      update_state (self);
      return;
    }
  adw_bin_set_child (self->section_bin, hgr_details_section_new (item, self->guest, self->config, self->settings));
  if (HGR_IS_CONFIG_PART (item))
    g_signal_connect_swapped (item, "notify", G_CALLBACK (update_state), self);
  else
    g_signal_connect_swapped (xml_section (self), "notify::modified", G_CALLBACK (update_state), self);
  update_state (self);
}

static guint
find_key (HgrDetailsView *self,
          const char     *key)
{
  GListModel *model = G_LIST_MODEL (self->selection);

  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (item_key (item), key) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
select_position (HgrDetailsView *self,
                 guint           position)
{
  self->guarding = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->guarding = FALSE;
  show_item (self, gtk_single_selection_get_selected_item (self->selection));
}

/**
 * hgr_details_view_select:
 * @self: a details view
 * @key: a part's key ("memory", "disk:vda"…) or "xml"
 *
 * Shows that item, as a click on it in the sidebar does (asking first when
 * the current page has unsaved edits).
 *
 * Returns: whether the guest has such an item
 */
gboolean
hgr_details_view_select (HgrDetailsView *self,
                         const char     *key)
{
  guint position;

  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), FALSE);
  if (self->selection == NULL || (position = find_key (self, key)) == GTK_INVALID_LIST_POSITION)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

/* Shows @config, on the item with @key when it still has one. */
static void
set_config (HgrDetailsView  *self,
            HgrDomainConfig *config,
            const char      *key)
{
  g_autoptr (GListStore) lists = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr (GListStore) xml = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr (GtkStringObject) xml_item = gtk_string_object_new (HGR_DETAILS_XML_ITEM);
  g_autoptr (GtkFlattenListModel) flat = NULL;
  g_autofree char *keep = g_strdup (key);
  guint            position;

  if (self->config != NULL)
    g_signal_handlers_disconnect_by_data (self->config, self);
  show_item (self, NULL);
  g_set_object (&self->config, config);
  g_clear_object (&self->outside_config);
  gtk_revealer_set_reveal_child (self->outside_revealer, FALSE);
  if (config == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      update_state (self);
      return;
    }
  g_signal_connect_swapped (config, "notify::modified", G_CALLBACK (update_state), self);
  g_list_store_append (xml, xml_item);
  g_list_store_append (lists, hgr_domain_config_get_parts (config));
  g_list_store_append (lists, xml);
  flat = gtk_flatten_list_model_new (G_LIST_MODEL (g_steal_pointer (&lists)));
  self->guarding = TRUE;
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (flat));
  self->guarding = FALSE;
  position = find_key (self, keep);
  select_position (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
  show_state (self, "details");
  if (hgr_domain_config_get_pending_removals (config)[0] != NULL && gtk_label_get_text (self->status_label)[0] == '\0')
    {
      g_autofree char *titles = g_strjoinv (", ", (GStrv) hgr_domain_config_get_pending_removals (config));
      /* Translators: %s lists devices, such as "Disk vdb, Network 52:54:00:12:34:56" */
      g_autofree char *text = g_strdup_printf (_ ("Removed; the running guest has them until it shuts down: %s"), titles);

      set_status (self, text, FALSE);
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (HgrDetailsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (HgrDomainConfig) config = hgr_guest_read_config_finish (HGR_GUEST (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || HGR_GUEST (object) != self->guest)
    return;
  self->loading = FALSE;
  if (config == NULL)
    {
      if (self->config == NULL)
        {
          adw_status_page_set_description (self->error_page, error->message);
          show_state (self, "error");
        }
      return;
    }
  if (self->config != NULL && g_strcmp0 (hgr_domain_config_get_xml (config), hgr_domain_config_get_xml (self->config)) == 0)
    {
      /* Nothing new in the XML (our own define, or a start or stop): only which parts wait. */
      if (!hgr_details_view_get_modified (self))
        set_config (self, config, self->current != NULL ? item_key (self->current) : NULL);
      return;
    }
  if (self->config != NULL && hgr_details_view_get_modified (self))
    {
      g_set_object (&self->outside_config, config);
      gtk_revealer_set_reveal_child (self->outside_revealer, TRUE);
      return;
    }
  set_config (self, config, self->current != NULL ? item_key (self->current) : NULL);
}

/* Reads the configuration; @quietly keeps the current one on screen meanwhile. */
static void
load (HgrDetailsView *self,
      gboolean        quietly)
{
  if (self->guest == NULL || self->loading)
    return;
  self->loading = TRUE;
  if (!quietly)
    show_state (self, "loading");
  hgr_guest_read_config_async (self->guest, self->cancellable, read_cb, g_object_ref (self));
}

static void
set_busy (HgrDetailsView *self,
          gboolean        busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->section_bin), !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
  update_state (self);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (HgrDetailsView) self = user_data;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) live_errors = NULL;
  g_autoptr (HgrDomainConfig) config = hgr_guest_apply_config_finish (HGR_GUEST (object), result, &live_errors, &error);
  g_autofree char *key = NULL;
  HgrConfigPart   *part;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || HGR_GUEST (object) != self->guest)
    return;
  set_busy (self, FALSE);
  if (config == NULL)
    {
      set_status (self, error->message, TRUE); /* nothing changed; the edits stay */
      g_clear_pointer (&self->leave_to, g_free);
      return;
    }
  /* A new device has its key once it is in the XML: show its kind's last one. */
  key = g_strdup (self->leave_to != NULL ? self->leave_to : self->current != NULL ? item_key (self->current)
                                                                                  : NULL);
  g_clear_pointer (&self->leave_to, g_free);
  set_config (self, config, key);
  part = HGR_IS_CONFIG_PART (self->current) ? HGR_CONFIG_PART (self->current) : NULL;
  if (live_errors != NULL && live_errors[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv ("\n", live_errors);
      g_autofree char *text = g_strdup_printf (_ ("Applied to the configuration; it takes effect after the guest shuts down. %s"), joined);

      set_status (self, text, TRUE);
    }
  else if (part != NULL && hgr_config_part_get_pending (part))
    set_status (self, _ ("Applied: takes effect after the guest shuts down."), FALSE);
  else
    set_status (self, _ ("Applied."), FALSE);
}

static void
define_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (HgrDetailsView) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!hgr_guest_define_xml_finish (HGR_GUEST (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || HGR_GUEST (object) != self->guest)
        return;
      set_busy (self, FALSE);
      if (xml_section (self) != NULL)
        hgr_details_xml_show_error (xml_section (self), error->message);
      return;
    }
  set_busy (self, FALSE);
  /* The XML page's text is what libvirt has now: read it back (libvirt formats it its way). */
  show_item (self, NULL);
  self->loading = FALSE;
  load (self, TRUE);
}

static void
apply (HgrDetailsView *self)
{
  if (self->config == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  if (xml_section (self) != NULL)
    {
      g_autofree char *text = hgr_details_xml_dup_text (xml_section (self));

      g_free (self->leave_to);
      self->leave_to = g_strdup (HGR_DETAILS_XML_ITEM);
      hgr_guest_define_xml_async (self->guest, text, self->cancellable, define_cb, g_object_ref (self));
      return;
    }
  hgr_guest_apply_config_async (self->guest, self->config, self->cancellable, apply_cb, g_object_ref (self));
}

static void
revert (HgrDetailsView *self)
{
  g_autofree char *key = self->current != NULL ? g_strdup (item_key (self->current)) : NULL;
  guint            position;

  if (xml_section (self) != NULL)
    {
      hgr_details_xml_revert (xml_section (self));
      return;
    }
  if (self->config == NULL)
    return;
  hgr_domain_config_revert (self->config);
  position = find_key (self, key);
  select_position (self, position != GTK_INVALID_LIST_POSITION ? position : 0);
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   HgrDetailsView   *self)
{
  guint position;

  if (g_strcmp0 (response, "apply") == 0)
    {
      apply (self); /* apply_cb shows leave_to */
      return;
    }
  if (g_strcmp0 (response, "discard") == 0)
    {
      revert (self);
      position = find_key (self, self->leave_to);
      if (position != GTK_INVALID_LIST_POSITION)
        select_position (self, position);
    }
  g_clear_pointer (&self->leave_to, g_free);
}

static void
ask_before_leaving (HgrDetailsView *self,
                    GObject        *target)
{
  GtkRoot    *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *title = HGR_IS_CONFIG_PART (self->current) ? hgr_config_part_get_title (HGR_CONFIG_PART (self->current)) : _ ("XML");
  /* Translators: %s is a page of a guest's details, such as "Memory" */
  g_autofree char  *heading = g_strdup_printf (_ ("Apply the Changes to “%s”?"), title);
  AdwMessageDialog *dialog;

  g_free (self->leave_to);
  self->leave_to = g_strdup (item_key (target));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _ ("The changes on this page are not applied yet. Apply them, or discard them?")));
  adw_message_dialog_add_responses (dialog, "stay", _ ("_Stay"), "discard", _ ("_Discard"), "apply", _ ("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");
  adw_message_dialog_set_close_response (dialog, "stay");
  adw_message_dialog_set_response_enabled (dialog, "apply", self->can_apply);
  g_signal_connect (dialog, "response", G_CALLBACK (leave_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
selected_changed_cb (HgrDetailsView *self)
{
  GObject *item = gtk_single_selection_get_selected_item (self->selection);
  guint    back;

  if (self->guarding || item == self->current)
    return;
  if (self->current != NULL && hgr_details_view_get_modified (self))
    {
      /* Stay on the page until the user answers. */
      back = find_key (self, item_key (self->current));
      self->guarding = TRUE;
      gtk_single_selection_set_selected (self->selection, back);
      self->guarding = FALSE;
      ask_before_leaving (self, item);
      return;
    }
  show_item (self, item);
}

static void
sidebar_activate_cb (HgrDetailsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
folded_changed_cb (HgrDetailsView *self)
{
  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet));
}

static void
guest_config_changed_cb (HgrDetailsView *self)
{
  if (self->config != NULL && !self->busy)
    load (self, TRUE);
}

static void
add_part (HgrDetailsView *self,
          HgrConfigPart  *part)
{
  g_autoptr (HgrConfigPart) owned = part;

  if (self->config == NULL || hgr_details_view_get_modified (self))
    {
      set_status (self, _ ("Apply or revert the changes on this page first."), TRUE);
      return;
    }
  hgr_domain_config_add_part (self->config, part);
  select_position (self, find_key (self, hgr_config_part_get_key (part)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
details_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  HgrDetailsView *self = HGR_DETAILS_VIEW (widget);
  xmlNodePtr      root;

  if (self->config == NULL)
    return;
  root = hgr_domain_config_get_root (self->config);
  if (g_str_equal (action_name, "details.add-disk"))
    add_part (self, hgr_config_disk_new_added (root, "disk", "virtio"));
  else if (g_str_equal (action_name, "details.add-cdrom"))
    add_part (self, hgr_config_disk_new_added (root, "cdrom", "sata"));
  else
    add_part (self, hgr_config_nic_new_added (root));
}

static void
details_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  HgrDetailsView *self = HGR_DETAILS_VIEW (widget);

  if (g_str_equal (action_name, "details.apply"))
    apply (self);
  else if (g_str_equal (action_name, "details.revert"))
    revert (self);
  else if (g_str_equal (action_name, "details.back"))
    {
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      gtk_widget_grab_focus (GTK_WIDGET (self->sidebar_list));
    }
  else if (g_str_equal (action_name, "details.keep"))
    {
      g_clear_object (&self->outside_config);
      gtk_revealer_set_reveal_child (self->outside_revealer, FALSE);
    }
  else if (g_str_equal (action_name, "details.reload"))
    {
      g_autoptr (HgrDomainConfig) outside = g_steal_pointer (&self->outside_config);

      if (outside != NULL)
        set_config (self, outside, self->current != NULL ? item_key (self->current) : NULL);
      else
        load (self, self->config != NULL);
    }
}

static void
hgr_details_view_dispose (GObject *object)
{
  HgrDetailsView *self = HGR_DETAILS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  hgr_details_view_set_guest (self, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_DETAILS_VIEW);
  G_OBJECT_CLASS (hgr_details_view_parent_class)->dispose (object);
}

static void
hgr_details_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  HgrDetailsView *self = HGR_DETAILS_VIEW (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      g_value_set_object (value, self->guest);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, hgr_details_view_get_modified (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_details_view_class_init (HgrDetailsViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_details_view_dispose;
  object_class->get_property = hgr_details_view_get_property;

  properties[PROP_GUEST] = g_param_spec_object ("guest", NULL, NULL, HGR_TYPE_GUEST, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* An Apply is under way */
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/details/hgr-details-view.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, outside_revealer);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, state_stack);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, section_bin);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, back_button);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, status_label);
  gtk_widget_class_bind_template_child (widget_class, HgrDetailsView, apply_button);

  gtk_widget_class_install_action (widget_class, "details.apply", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "details.revert", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "details.back", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "details.keep", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "details.reload", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "details.add-disk", NULL, details_add_action);
  gtk_widget_class_install_action (widget_class, "details.add-cdrom", NULL, details_add_action);
  gtk_widget_class_install_action (widget_class, "details.add-nic", NULL, details_add_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "details.apply", NULL);
}

static void
hgr_details_view_init (HgrDetailsView *self)
{
  g_autoptr (GtkListItemFactory) factory = hgr_details_sidebar_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_list_view_set_model (self->sidebar_list, GTK_SELECTION_MODEL (self->selection));
  gtk_list_view_set_factory (self->sidebar_list, factory);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (selected_changed_cb), self);
  g_signal_connect_swapped (self->sidebar_list, "activate", G_CALLBACK (sidebar_activate_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed_cb), self);
  folded_changed_cb (self);
  update_state (self);
}

HgrGuest *
hgr_details_view_get_guest (HgrDetailsView *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), NULL);
  return self->guest;
}

/**
 * hgr_details_view_set_guest:
 * @self: a details view
 * @guest: (nullable): the guest to show
 *
 * Shows @guest's hardware, read when the view is active. Edits staged for the
 * previous guest are dropped (the window asks before it changes the guest).
 */
void
hgr_details_view_set_guest (HgrDetailsView *self,
                            HgrGuest       *guest)
{
  g_return_if_fail (HGR_IS_DETAILS_VIEW (self));
  if (self->guest == guest)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->busy = FALSE;
  g_clear_pointer (&self->leave_to, g_free);
  if (self->guest != NULL)
    g_signal_handlers_disconnect_by_data (self->guest, self);
  set_config (self, NULL, NULL);
  g_set_object (&self->guest, guest);
  gtk_widget_set_sensitive (GTK_WIDGET (self->section_bin), TRUE);
  show_state (self, "loading");
  if (guest != NULL)
    {
      g_signal_connect_swapped (guest, "config-changed", G_CALLBACK (guest_config_changed_cb), self);
      g_signal_connect_swapped (guest, "notify::state", G_CALLBACK (guest_config_changed_cb), self);
      if (self->active)
        load (self, FALSE);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST]);
}

/* Whether the view is on screen: it reads the guest's configuration only then. */
void
hgr_details_view_set_active (HgrDetailsView *self,
                             gboolean        active)
{
  g_return_if_fail (HGR_IS_DETAILS_VIEW (self));
  self->active = active;
  show_state (self, gtk_stack_get_visible_child_name (self->state_stack));
  if (active && self->config == NULL)
    load (self, FALSE);
}

void
hgr_details_view_set_settings (HgrDetailsView *self,
                               GSettings      *settings)
{
  g_return_if_fail (HGR_IS_DETAILS_VIEW (self));
  g_set_object (&self->settings, settings);
}

HgrDomainConfig *
hgr_details_view_get_config (HgrDetailsView *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), NULL);
  return self->config;
}

gboolean
hgr_details_view_get_busy (HgrDetailsView *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), FALSE);
  return self->busy;
}

/* The section on screen, for tests. */
GtkWidget *
hgr_details_view_get_section (HgrDetailsView *self)
{
  g_return_val_if_fail (HGR_IS_DETAILS_VIEW (self), NULL);
  return adw_bin_get_child (self->section_bin);
}
