/* hgr-guest-page.c — the overview of one guest: identity, state, hardware, load
 *
 * The list knows a guest's name, title and state; the rest is read when the
 * page shows the guest, in a worker thread, and shown as it arrives.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest-page"

#include "config.h"

#include "hgr-guest-page.h"

#include <glib/gi18n.h>

#include "hgr-guest-labels.h"
#include "hgr-host.h"
#include "hgr-load-graphs.h"

struct _HgrGuestPage
{
  AdwBin parent_instance;

  /* Template widgets */
  GtkImage      *state_icon;
  GtkLabel      *heading_label;
  GtkLabel      *subheading_label;
  GtkLabel      *error_label;
  GtkLabel      *name_value;
  GtkLabel      *title_value;
  AdwActionRow  *description_row;
  GtkLabel      *state_value;
  GtkLabel      *host_value;
  GtkLabel      *uuid_value;
  GtkLabel      *persistent_value;
  GtkLabel      *autostart_value;
  GtkLabel      *vcpus_value;
  GtkLabel      *memory_value;
  GtkLabel      *os_type_value;
  GtkLabel      *arch_value;
  HgrLoadGraphs *load_graphs;

  /* Owned */
  HgrGuest     *guest;
  GSignalGroup *guest_signals;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (HgrGuestPage, hgr_guest_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_GUEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_value (GtkLabel   *label,
           const char *value)
{
  /* Translators: shown for a value a guest does not have */
  gtk_label_set_label (label, value != NULL && *value != '\0' ? value : C_ ("value", "None"));
}

static const char *
yes_no (gboolean value)
{
  return value ? C_ ("value", "Yes") : C_ ("value", "No");
}

static void
update (HgrGuestPage *self)
{
  HgrGuest     *guest = self->guest;
  HgrHost      *host;
  HgrGuestState state;
  gboolean      loaded;

  if (guest == NULL)
    return;

  state = hgr_guest_get_state (guest);
  host = hgr_guest_get_host (guest);
  loaded = hgr_guest_get_details_loaded (guest);

  gtk_image_set_from_icon_name (self->state_icon, hgr_guest_state_to_icon_name (state));
  gtk_label_set_label (self->heading_label, hgr_guest_get_display_name (guest));
  gtk_label_set_label (self->subheading_label, hgr_guest_state_to_label (state));

  set_value (self->name_value, hgr_guest_get_name (guest));
  set_value (self->title_value, hgr_guest_get_title (guest));
  set_value (self->state_value, hgr_guest_state_to_label (state));
  set_value (self->host_value, host != NULL ? hgr_host_get_display_name (host) : NULL);
  set_value (self->uuid_value, hgr_guest_get_uuid (guest));
  set_value (self->persistent_value, yes_no (hgr_guest_get_persistent (guest)));

  if (!loaded)
    {
      GtkLabel *details[] = { self->autostart_value, self->vcpus_value,
                              self->memory_value, self->os_type_value, self->arch_value };

      for (guint i = 0; i < G_N_ELEMENTS (details); i++)
        gtk_label_set_label (details[i], "…");
      adw_action_row_set_subtitle (self->description_row, "…");
    }
  else
    {
      g_autofree char *vcpus = g_strdup_printf ("%u", hgr_guest_get_vcpus (guest));
      g_autofree char *memory = g_format_size_full (hgr_guest_get_memory (guest), G_FORMAT_SIZE_IEC_UNITS);

      const char *description = hgr_guest_get_description (guest);

      adw_action_row_set_subtitle (self->description_row,
                                   description != NULL && *description != '\0' ? description : C_ ("value", "None"));
      set_value (self->autostart_value, yes_no (hgr_guest_get_autostart (guest)));
      set_value (self->vcpus_value, vcpus);
      set_value (self->memory_value, memory);
      set_value (self->os_type_value, hgr_guest_get_os_type (guest));
      set_value (self->arch_value, hgr_guest_get_arch (guest));
    }
}

static void
load_details_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (HgrGuestPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (hgr_guest_load_details_finish (HGR_GUEST (object), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Translators: %s is libvirt's explanation */
  {
    g_autofree char *message = g_strdup_printf (_ ("The guest’s details could not be read: %s"), error->message);

    gtk_label_set_label (self->error_label, message);
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  }
}

static void
guest_notify_cb (HgrGuestPage *self)
{
  update (self);
}

static void
hgr_guest_page_dispose (GObject *object)
{
  HgrGuestPage *self = HGR_GUEST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_signal_group_set_target (self->guest_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), HGR_TYPE_GUEST_PAGE);
  g_clear_object (&self->guest);

  G_OBJECT_CLASS (hgr_guest_page_parent_class)->dispose (object);
}

static void
hgr_guest_page_finalize (GObject *object)
{
  HgrGuestPage *self = HGR_GUEST_PAGE (object);

  g_clear_object (&self->guest_signals);

  G_OBJECT_CLASS (hgr_guest_page_parent_class)->finalize (object);
}

static void
hgr_guest_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HgrGuestPage *self = HGR_GUEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      g_value_set_object (value, self->guest);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HgrGuestPage *self = HGR_GUEST_PAGE (object);

  switch (prop_id)
    {
    case PROP_GUEST:
      hgr_guest_page_set_guest (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
hgr_guest_page_class_init (HgrGuestPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = hgr_guest_page_dispose;
  object_class->finalize = hgr_guest_page_finalize;
  object_class->get_property = hgr_guest_page_get_property;
  object_class->set_property = hgr_guest_page_set_property;

  properties[PROP_GUEST] = g_param_spec_object ("guest", NULL, NULL, HGR_TYPE_GUEST,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/hgr-guest-page.ui");
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, state_icon);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, subheading_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, name_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, title_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, description_row);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, state_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, host_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, uuid_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, persistent_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, autostart_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, vcpus_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, memory_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, os_type_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, arch_value);
  gtk_widget_class_bind_template_child (widget_class, HgrGuestPage, load_graphs);
}

static void
hgr_guest_page_init (HgrGuestPage *self)
{
  g_type_ensure (HGR_TYPE_LOAD_GRAPHS);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->guest_signals = g_signal_group_new (HGR_TYPE_GUEST);
  g_signal_group_connect_swapped (self->guest_signals, "notify", G_CALLBACK (guest_notify_cb), self);
}

/**
 * hgr_guest_page_get_guest:
 * @self: a page
 *
 * Returns: (transfer none) (nullable): the guest shown
 */
HgrGuest *
hgr_guest_page_get_guest (HgrGuestPage *self)
{
  g_return_val_if_fail (HGR_IS_GUEST_PAGE (self), NULL);

  return self->guest;
}

/**
 * hgr_guest_page_set_guest:
 * @self: a page
 * @guest: (nullable): the guest to show
 *
 * Shows @guest and reads its details anew.
 */
void
hgr_guest_page_set_guest (HgrGuestPage *self,
                          HgrGuest     *guest)
{
  g_return_if_fail (HGR_IS_GUEST_PAGE (self));
  g_return_if_fail (!guest || HGR_IS_GUEST (guest));

  if (!g_set_object (&self->guest, guest))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_group_set_target (self->guest_signals, guest);
  hgr_load_graphs_set_guest_stats (self->load_graphs, guest != NULL ? hgr_guest_get_stats (guest) : NULL,
                                   guest != NULL ? hgr_host_get_stats (hgr_guest_get_host (guest)) : NULL);
  if (guest != NULL)
    {
      self->cancellable = g_cancellable_new ();
      hgr_guest_load_details_async (guest, self->cancellable, load_details_cb, g_object_ref (self));
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GUEST]);
}
