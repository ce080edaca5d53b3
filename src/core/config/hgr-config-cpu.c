/* hgr-config-cpu.c — a guest's processors: <vcpu> (value and current), <cpu> mode, model and topology
 *
 * Owns <vcpu>'s text and its current attribute (never placement or cpuset),
 * <cpu>'s mode, its <model> text and <topology>'s sockets, cores and threads
 * (never dies, features, NUMA cells or cache). Live: the current count
 * (vCPU hot-plug); the rest waits for the guest to shut down.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-cpu.h"

#include <glib/gi18n.h>

#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"

struct _HgrConfigCpu
{
  HgrConfigPart parent_instance;

  guint vcpus;     /* online at boot (current) */
  guint max_vcpus; /* <vcpu> */
  guint sockets;   /* 0 with no <topology> */
  guint cores;
  guint threads;
  guint dies; /* read, never written */
  char *mode; /* host-passthrough, host-model, custom, maximum; NULL with no <cpu> */
  char *model;
};

G_DEFINE_FINAL_TYPE (HgrConfigCpu, hgr_config_cpu, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_VCPUS,
  PROP_MAX_VCPUS,
  PROP_SOCKETS,
  PROP_CORES,
  PROP_THREADS,
  PROP_MODE,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
get_count (xmlNodePtr  node,
           const char *attribute)
{
  guint64 value = 0;

  return hgr_xml_get_uint (node, attribute, &value) && value <= G_MAXUINT ? (guint) value : 0;
}

static gboolean
hgr_config_cpu_load (HgrConfigPart *part,
                     xmlNodePtr     domain,
                     GError       **error)
{
  HgrConfigCpu    *self = HGR_CONFIG_CPU (part);
  xmlNodePtr       vcpu = hgr_xml_child (domain, "vcpu");
  xmlNodePtr       cpu = hgr_xml_child (domain, "cpu");
  xmlNodePtr       topology = hgr_xml_child (cpu, "topology");
  g_autofree char *text = hgr_xml_get_text (vcpu);
  g_autofree char *mode = hgr_xml_get (cpu, "mode");
  g_autofree char *model = hgr_xml_get_text (hgr_xml_child (cpu, "model"));
  g_autofree char *current = hgr_xml_get (vcpu, "current");
  guint64          max = 1;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &max, NULL))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s” in <vcpu> is not a number of vCPUs."), text);
      return FALSE;
    }
  if (cpu != NULL && mode == NULL)
    mode = g_strdup ("custom"); /* libvirt's default */
  self->dies = get_count (topology, "dies");
  g_object_set (self,
                "max-vcpus", (guint) max,
                "vcpus", current != NULL ? get_count (vcpu, "current") : (guint) max,
                "sockets", get_count (topology, "sockets"),
                "cores", get_count (topology, "cores"),
                "threads", get_count (topology, "threads"),
                "mode", mode,
                "model", model,
                NULL);
  return TRUE;
}

static gboolean
hgr_config_cpu_validate (HgrConfigPart         *part,
                         xmlNodePtr             domain,
                         const HgrConfigLimits *limits,
                         GError               **error)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (part);
  gboolean      topology = self->sockets != 0 || self->cores != 0 || self->threads != 0;
  guint         dies = MAX (self->dies, 1);

  if (self->max_vcpus == 0 || self->vcpus == 0)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest needs at least one vCPU."));
      return FALSE;
    }
  if (self->vcpus > self->max_vcpus)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("The current vCPUs (%u) are more than the maximum (%u): raise the maximum first."),
                   self->vcpus, self->max_vcpus);
      return FALSE;
    }
  if (limits->max_vcpus != 0 && self->max_vcpus > limits->max_vcpus)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   ngettext ("The host allows at most %u vCPU per guest.", "The host allows at most %u vCPUs per guest.",
                             limits->max_vcpus),
                   limits->max_vcpus);
      return FALSE;
    }
  if (topology && (guint64) self->sockets * dies * self->cores * self->threads != self->max_vcpus)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("Sockets × cores × threads (%u × %u × %u) must equal the maximum vCPUs (%u)."),
                   self->sockets * dies, self->cores, self->threads, self->max_vcpus);
      return FALSE;
    }
  if (g_strcmp0 (self->mode, "custom") == 0 && (self->model == NULL || *self->model == '\0'))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Choose a CPU model, or the host’s CPU."));
      return FALSE;
    }
  if (g_strcmp0 (self->mode, "custom") == 0 && hgr_config_part_changed (part, "model") && limits->cpu_models != NULL &&
      !g_strv_contains ((const char *const *) limits->cpu_models, self->model))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The host cannot run the CPU model “%s”."), self->model);
      return FALSE;
    }
  return TRUE;
}

static void
apply_mode (HgrConfigCpu *self,
            xmlNodePtr    domain)
{
  xmlNodePtr cpu = hgr_xml_ensure (domain, "cpu");
  gboolean   host = g_str_has_prefix (self->mode, "host-") || g_strcmp0 (self->mode, "maximum") == 0;

  hgr_xml_set (cpu, "mode", self->mode);
  if (host)
    {
      /* A host CPU has no named model or vendor, and match belongs to custom models. */
      hgr_xml_remove_children (cpu, "model");
      hgr_xml_remove_children (cpu, "vendor");
      hgr_xml_set (cpu, "match", NULL);
    }
  if (g_strcmp0 (self->mode, "host-passthrough") != 0 && g_strcmp0 (self->mode, "maximum") != 0)
    hgr_xml_set (cpu, "migratable", NULL); /* libvirt allows it with those two only */
}

static gboolean
hgr_config_cpu_apply (HgrConfigPart *part,
                      xmlNodePtr     domain,
                      GError       **error)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (part);

  if (hgr_config_part_changed (part, "max-vcpus"))
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", self->max_vcpus);
      hgr_xml_set_text (hgr_xml_ensure (domain, "vcpu"), text);
    }
  if (hgr_config_part_changed (part, "vcpus") || hgr_config_part_changed (part, "max-vcpus"))
    {
      xmlNodePtr vcpu = hgr_xml_ensure (domain, "vcpu");

      if (self->vcpus == self->max_vcpus)
        hgr_xml_set (vcpu, "current", NULL);
      else
        hgr_xml_set_uint (vcpu, "current", self->vcpus);
    }
  if (self->mode != NULL && hgr_config_part_changed (part, "mode"))
    apply_mode (self, domain);
  if (g_strcmp0 (self->mode, "custom") == 0 && hgr_config_part_changed (part, "model"))
    hgr_xml_set_text (hgr_xml_ensure (hgr_xml_ensure (domain, "cpu"), "model"), self->model);
  if (hgr_config_part_changed (part, "sockets") || hgr_config_part_changed (part, "cores") ||
      hgr_config_part_changed (part, "threads"))
    {
      xmlNodePtr cpu = hgr_xml_ensure (domain, "cpu");

      if (self->sockets == 0 && self->cores == 0 && self->threads == 0)
        hgr_xml_remove_children (cpu, "topology");
      else
        {
          xmlNodePtr topology = hgr_xml_ensure (cpu, "topology");

          hgr_xml_set_uint (topology, "sockets", self->sockets);
          hgr_xml_set_uint (topology, "cores", self->cores);
          hgr_xml_set_uint (topology, "threads", self->threads);
        }
    }
  return TRUE;
}

/* vCPU hot-plug: the count online changes on a running guest, up to the maximum it started with. */
static gboolean
hgr_config_cpu_apply_live (HgrConfigPart *part,
                           xmlNodePtr     domain,
                           virDomainPtr   guest,
                           GError       **error)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (part);

  if (virDomainIsActive (guest) != 1 || !hgr_config_part_changed (part, "vcpus") ||
      hgr_config_part_changed (part, "max-vcpus"))
    return TRUE;
  if (virDomainSetVcpusFlags (guest, self->vcpus, VIR_DOMAIN_AFFECT_LIVE) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The running guest’s vCPUs could not be changed."));
      return FALSE;
    }
  return TRUE;
}

/* A running host-model guest shows the model it was given: compare counts only. */
static gboolean
hgr_config_cpu_same_as_live (HgrConfigPart *part,
                             HgrConfigPart *live_part)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (part);
  HgrConfigCpu *live = HGR_CONFIG_CPU (live_part);

  if (self->vcpus != live->vcpus || self->max_vcpus != live->max_vcpus || self->sockets != live->sockets ||
      self->cores != live->cores || self->threads != live->threads)
    return FALSE;
  if (g_strcmp0 (self->mode, "host-model") == 0)
    return TRUE;
  return g_strcmp0 (self->mode, live->mode) == 0 &&
         (g_strcmp0 (self->mode, "custom") != 0 || g_strcmp0 (self->model, live->model) == 0);
}

static void
hgr_config_cpu_finalize (GObject *object)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (object);

  g_free (self->mode);
  g_free (self->model);
  G_OBJECT_CLASS (hgr_config_cpu_parent_class)->finalize (object);
}

static guint *
count_field (HgrConfigCpu *self,
             guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_VCPUS:
      return &self->vcpus;
    case PROP_MAX_VCPUS:
      return &self->max_vcpus;
    case PROP_SOCKETS:
      return &self->sockets;
    case PROP_CORES:
      return &self->cores;
    case PROP_THREADS:
      return &self->threads;
    default:
      return NULL;
    }
}

static void
hgr_config_cpu_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (object);
  guint        *count = count_field (self, prop_id);

  if (count != NULL)
    g_value_set_uint (value, *count);
  else if (prop_id == PROP_MODE)
    g_value_set_string (value, self->mode);
  else if (prop_id == PROP_MODEL)
    g_value_set_string (value, self->model);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hgr_config_cpu_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HgrConfigCpu *self = HGR_CONFIG_CPU (object);
  guint        *count = count_field (self, prop_id);
  gboolean      changed;

  if (count != NULL)
    {
      changed = *count != g_value_get_uint (value);
      *count = g_value_get_uint (value);
    }
  else if (prop_id == PROP_MODE)
    changed = hgr_set_str (&self->mode, g_value_get_string (value));
  else if (prop_id == PROP_MODEL)
    changed = hgr_set_str (&self->model, g_value_get_string (value));
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
hgr_config_cpu_class_init (HgrConfigCpuClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);
  const GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_config_cpu_finalize;
  object_class->get_property = hgr_config_cpu_get_property;
  object_class->set_property = hgr_config_cpu_set_property;
  part_class->load = hgr_config_cpu_load;
  part_class->validate = hgr_config_cpu_validate;
  part_class->apply = hgr_config_cpu_apply;
  part_class->apply_live = hgr_config_cpu_apply_live;
  part_class->same_as_live = hgr_config_cpu_same_as_live;

  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 1, flags);
  properties[PROP_MAX_VCPUS] = g_param_spec_uint ("max-vcpus", NULL, NULL, 0, G_MAXUINT, 1, flags);
  /* 0, 0, 0: no topology (the hypervisor's default) */
  properties[PROP_SOCKETS] = g_param_spec_uint ("sockets", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CORES] = g_param_spec_uint ("cores", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_THREADS] = g_param_spec_uint ("threads", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MODE] = g_param_spec_string ("mode", NULL, NULL, NULL, flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_cpu_init (HgrConfigCpu *self)
{
  self->vcpus = 1;
  self->max_vcpus = 1;
  hgr_config_part_set_key (HGR_CONFIG_PART (self), "cpu");
  hgr_config_part_set_title (HGR_CONFIG_PART (self), _ ("Processors"));
}

HgrConfigPart *
hgr_config_cpu_new (void)
{
  return g_object_new (HGR_TYPE_CONFIG_CPU, NULL);
}
