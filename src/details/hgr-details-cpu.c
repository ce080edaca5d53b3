/* hgr-details-cpu.c — the Details section for a guest's processors: counts, topology, CPU model
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-details-cpu.h"

#include <glib/gi18n.h>

#include "hgr-details-rows.h"

struct _HgrDetailsCpu
{
  AdwBin parent_instance;

  HgrConfigPart *part;
  GtkWidget     *model_row;
};

G_DEFINE_FINAL_TYPE (HgrDetailsCpu, hgr_details_cpu, ADW_TYPE_BIN)

static void
mode_changed_cb (HgrDetailsCpu *self)
{
  g_autofree char *mode = NULL;

  g_object_get (self->part, "mode", &mode, NULL);
  gtk_widget_set_visible (self->model_row, g_strcmp0 (mode, "custom") == 0);
}

static void
hgr_details_cpu_dispose (GObject *object)
{
  HgrDetailsCpu *self = HGR_DETAILS_CPU (object);

  if (self->part != NULL)
    g_signal_handlers_disconnect_by_data (self->part, self);
  g_clear_object (&self->part);
  G_OBJECT_CLASS (hgr_details_cpu_parent_class)->dispose (object);
}

static void
hgr_details_cpu_class_init (HgrDetailsCpuClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = hgr_details_cpu_dispose;
}

static void
hgr_details_cpu_init (HgrDetailsCpu *self)
{
}

GtkWidget *
hgr_details_cpu_new (HgrConfigPart   *part,
                     HgrDomainConfig *config)
{
  static const char *const modes[] = { "host-passthrough", "host-model", "custom", NULL };
  const char *const        mode_labels[] = { _ ("Same as the host"), _ ("Host model"), _ ("Named model"), NULL };
  HgrDetailsCpu           *self = g_object_new (HGR_TYPE_DETAILS_CPU, NULL);
  const HgrConfigLimits   *limits = hgr_domain_config_get_limits (config);
  GtkWidget               *page = adw_preferences_page_new ();
  GtkWidget               *group;
  g_autofree char         *limit = NULL;
  double                   upper = limits->max_vcpus != 0 ? limits->max_vcpus : 4096;

  self->part = g_object_ref (part);
  if (limits->max_vcpus != 0)
    limit = g_strdup_printf (ngettext ("The host allows up to %u vCPU per guest.", "The host allows up to %u vCPUs per guest.",
                                       limits->max_vcpus),
                             limits->max_vcpus);
  group = hgr_details_group (page, _ ("Virtual CPUs"), limit);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_spin_row (_ ("Current"), _ ("Online when the guest starts; changes at once on a running guest"),
                                                   part, "vcpus", 1, upper, 1));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_spin_row (_ ("Maximum"), _ ("Takes effect after the guest shuts down"), part,
                                                   "max-vcpus", 1, upper, 1));

  group = hgr_details_group (page, _ ("Topology"),
                             _ ("Sockets × cores × threads must equal the maximum. All 0: the hypervisor chooses."));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_spin_row (_ ("Sockets"), NULL, part, "sockets", 0, upper, 1));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_spin_row (_ ("Cores per Socket"), NULL, part, "cores", 0, upper, 1));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), hgr_details_spin_row (_ ("Threads per Core"), NULL, part, "threads", 0, upper, 1));

  group = hgr_details_group (page, _ ("CPU Model"), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                             hgr_details_combo_row (_ ("Mode"), NULL, part, "mode", modes, mode_labels));
  if (limits->cpu_models != NULL)
    self->model_row = hgr_details_combo_row (_ ("Model"), NULL, part, "model", (const char *const *) limits->cpu_models,
                                             (const char *const *) limits->cpu_models);
  else
    self->model_row = hgr_details_entry_row (_ ("Model"), _ ("A CPU model the host knows, such as qemu64"), part, "model");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->model_row);
  g_signal_connect_swapped (part, "notify::mode", G_CALLBACK (mode_changed_cb), self);
  mode_changed_cb (self);

  adw_bin_set_child (ADW_BIN (self), page);
  return GTK_WIDGET (self);
}
