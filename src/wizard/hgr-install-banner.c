/* hgr-install-banner.c — "Begin Installation / Cancel" over a guest made with Customize before install
 *
 * Shown above the guest's views while the guest the assistant defined (and
 * did not start) is selected. Begin Installation starts it and shows its
 * console; Cancel removes the guest and what Create made for it (its new
 * disk, an uploaded ISO, a pool it made).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-wizard"

#include "config.h"

#include "hgr-install-banner.h"

#include <glib/gi18n.h>

struct _HgrInstallBanner
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkWidget   *begin_button;
  GtkWidget   *cancel_button;
  HgrNewGuest *model; /* the guest waiting for its installation */
  HgrGuest    *guest; /* the selected guest */
  gboolean     working;
};

G_DEFINE_FINAL_TYPE (HgrInstallBanner, hgr_install_banner, GTK_TYPE_WIDGET)

static gboolean
is_waiting (HgrInstallBanner *self)
{
  return self->model != NULL && self->guest != NULL &&
         g_strcmp0 (hgr_new_guest_get_uuid (self->model), hgr_guest_get_uuid (self->guest)) == 0;
}

static void
update (HgrInstallBanner *self)
{
  gtk_revealer_set_reveal_child (self->revealer, is_waiting (self));
  gtk_widget_set_sensitive (self->begin_button, !self->working);
  gtk_widget_set_sensitive (self->cancel_button, !self->working);
}

static void
finish (HgrInstallBanner *self,
        const GError     *error)
{
  self->working = FALSE;
  if (error != NULL)
    {
      gtk_label_set_label (self->label, error->message);
      update (self);
      return;
    }
  g_clear_object (&self->model);
  update (self);
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr (HgrInstallBanner) self = user_data;
  g_autoptr (GError) error = NULL;

  if (hgr_guest_perform_finish (HGR_GUEST (source), result, &error))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.view", "s", "console");
  finish (self, error);
}

static void
begin_clicked_cb (HgrInstallBanner *self)
{
  if (!is_waiting (self) || self->working)
    return;
  self->working = TRUE;
  update (self);
  hgr_guest_perform_async (self->guest, HGR_GUEST_ACTION_RUN, NULL, run_cb, g_object_ref (self));
}

static void
discard_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (HgrInstallBanner) self = user_data;
  g_autoptr (GError) error = NULL;

  hgr_new_guest_discard_finish (HGR_NEW_GUEST (source), result, &error);
  finish (self, error);
}

static void
cancel_clicked_cb (HgrInstallBanner *self)
{
  if (!is_waiting (self) || self->working)
    return;
  self->working = TRUE;
  update (self);
  hgr_new_guest_discard_async (self->model, NULL, discard_cb, g_object_ref (self));
}

static void
hgr_install_banner_dispose (GObject *object)
{
  HgrInstallBanner *self = HGR_INSTALL_BANNER (object);

  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }
  g_clear_object (&self->model);
  g_clear_object (&self->guest);
  G_OBJECT_CLASS (hgr_install_banner_parent_class)->dispose (object);
}

static void
hgr_install_banner_class_init (HgrInstallBannerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_install_banner_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
hgr_install_banner_init (HgrInstallBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_widget_add_css_class (box, "hgr-banner");
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->cancel_button = gtk_button_new_with_mnemonic (_ ("_Cancel Installation"));
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->cancel_button);
  self->begin_button = gtk_button_new_with_mnemonic (_ ("_Begin Installation"));
  g_signal_connect_swapped (self->begin_button, "clicked", G_CALLBACK (begin_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), self->begin_button);
  gtk_revealer_set_child (self->revealer, box);
}

GtkWidget *
hgr_install_banner_new (void)
{
  return g_object_new (HGR_TYPE_INSTALL_BANNER, NULL);
}

/**
 * hgr_install_banner_set_install:
 * @self: the banner
 * @model: (nullable): the assistant's choices of a guest defined and not started
 */
void
hgr_install_banner_set_install (HgrInstallBanner *self,
                                HgrNewGuest      *model)
{
  g_return_if_fail (HGR_IS_INSTALL_BANNER (self));

  g_set_object (&self->model, model);
  gtk_label_set_label (self->label, _ ("This guest is defined and not installed yet. Change its hardware here, then begin."));
  update (self);
}

/* Returns: (transfer none) (nullable): the guest waiting for its installation */
HgrNewGuest *
hgr_install_banner_get_install (HgrInstallBanner *self)
{
  g_return_val_if_fail (HGR_IS_INSTALL_BANNER (self), NULL);
  return self->model;
}

/* The selected guest: the banner shows over the waiting one only. */
void
hgr_install_banner_set_guest (HgrInstallBanner *self,
                              HgrGuest         *guest)
{
  g_return_if_fail (HGR_IS_INSTALL_BANNER (self));

  g_set_object (&self->guest, guest);
  update (self);
}
