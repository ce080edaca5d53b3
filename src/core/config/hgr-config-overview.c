/* hgr-config-overview.c — a guest's name, title, description and autostart
 *
 * Owns <title> and <description>. The name is not written into the XML (a
 * define with a new name would make a second guest): the apply worker renames
 * with virDomainRename, and only a shut-off guest. Autostart is not in the
 * XML either: virDomainSetAutostart. Firmware and machine type are shown,
 * not changed.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-overview.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-libvirt.h"
#include "hgr-util.h"

struct _HgrConfigOverview
{
  HgrConfigPart parent_instance;

  char    *name;
  char    *title;
  char    *description;
  gboolean autostart;
  char    *firmware; /* shown only */
  char    *machine;  /* shown only */
};

G_DEFINE_FINAL_TYPE (HgrConfigOverview, hgr_config_overview, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_GUEST_TITLE,
  PROP_DESCRIPTION,
  PROP_AUTOSTART,
  PROP_FIRMWARE,
  PROP_MACHINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * hgr_config_validate_name:
 * @name: a guest name
 * @error: why libvirt would refuse it
 *
 * Returns: whether @name can name a guest (unique on the host is checked there)
 */
gboolean
hgr_config_validate_name (const char *name,
                          GError    **error)
{
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Enter a name for the guest."));
      return FALSE;
    }
  if (strchr (name, '/') != NULL)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest’s name cannot contain “/”."));
      return FALSE;
    }
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest’s name cannot contain control characters."));
        return FALSE;
      }
  if (!g_utf8_validate (name, -1, NULL) || g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest’s name cannot begin or end with a space."));
      return FALSE;
    }
  return TRUE;
}

static char *
read_firmware (xmlNodePtr os)
{
  g_autofree char *firmware = hgr_xml_get (os, "firmware");
  xmlNodePtr       loader = hgr_xml_child (os, "loader");

  if (firmware != NULL)
    return g_strcmp0 (firmware, "efi") == 0 ? g_strdup (_ ("UEFI")) : g_strdup (firmware);
  if (loader != NULL && hgr_xml_is (loader, "type", "pflash"))
    return g_strdup (_ ("UEFI"));
  return g_strdup (_ ("BIOS"));
}

static gboolean
hgr_config_overview_load (HgrConfigPart *part,
                          xmlNodePtr     domain,
                          GError       **error)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (part);
  xmlNodePtr         os = hgr_xml_child (domain, "os");
  g_autofree char   *name = hgr_xml_get_text (hgr_xml_child (domain, "name"));
  g_autofree char   *title = hgr_xml_get_text (hgr_xml_child (domain, "title"));
  g_autofree char   *description = hgr_xml_get_text (hgr_xml_child (domain, "description"));

  g_free (self->firmware);
  self->firmware = read_firmware (os);
  g_free (self->machine);
  self->machine = hgr_xml_get (hgr_xml_child (os, "type"), "machine");
  g_object_set (self, "name", name, "guest-title", title, "description", description, NULL);
  return TRUE;
}

static gboolean
hgr_config_overview_validate (HgrConfigPart         *part,
                              xmlNodePtr             domain,
                              const HgrConfigLimits *limits,
                              GError               **error)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (part);

  if (!hgr_config_part_changed (part, "name"))
    return TRUE;
  if (!hgr_config_validate_name (self->name, error))
    return FALSE;
  if (limits->guest_active)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("A guest can be renamed only when it is shut off."));
      return FALSE;
    }
  return TRUE;
}

static void
set_element (xmlNodePtr  domain,
             const char *name,
             const char *text,
             const char *after)
{
  xmlNodePtr node = hgr_xml_child (domain, name);

  if (text == NULL || *text == '\0')
    {
      hgr_xml_remove (node);
      return;
    }
  if (node == NULL)
    {
      xmlNodePtr sibling = hgr_xml_child (domain, after);

      node = sibling != NULL ? hgr_xml_insert_after (sibling, name) : hgr_xml_append (domain, name);
    }
  hgr_xml_set_text (node, text);
}

static gboolean
hgr_config_overview_apply (HgrConfigPart *part,
                           xmlNodePtr     domain,
                           GError       **error)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (part);

  if (hgr_config_part_changed (part, "guest-title"))
    set_element (domain, "title", self->title, "name");
  if (hgr_config_part_changed (part, "description"))
    set_element (domain, "description", self->description, hgr_xml_child (domain, "title") != NULL ? "title" : "name");
  return TRUE;
}

/* Title and description live; autostart; rename (a shut-off guest only, checked by validate). */
static gboolean
hgr_config_overview_apply_live (HgrConfigPart *part,
                                xmlNodePtr     domain,
                                virDomainPtr   guest,
                                GError       **error)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (part);
  gboolean           active = virDomainIsActive (guest) == 1;

  if (active && hgr_config_part_changed (part, "guest-title") &&
      virDomainSetMetadata (guest, VIR_DOMAIN_METADATA_TITLE, self->title, NULL, NULL, VIR_DOMAIN_AFFECT_LIVE) < 0)
    goto failed;
  if (active && hgr_config_part_changed (part, "description") &&
      virDomainSetMetadata (guest, VIR_DOMAIN_METADATA_DESCRIPTION, self->description, NULL, NULL, VIR_DOMAIN_AFFECT_LIVE) < 0)
    goto failed;
  if (hgr_config_part_changed (part, "autostart") && virDomainSetAutostart (guest, self->autostart) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Autostart could not be changed."));
      return FALSE;
    }
  if (hgr_config_part_changed (part, "name") && virDomainRename (guest, self->name, 0) < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The guest could not be renamed."));
      return FALSE;
    }
  return TRUE;

failed:
  hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The running guest’s title or description could not be changed."));
  return FALSE;
}

static gboolean
hgr_config_overview_same_as_live (HgrConfigPart *part,
                                  HgrConfigPart *live_part)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (part);
  HgrConfigOverview *live = HGR_CONFIG_OVERVIEW (live_part);

  /* Autostart is no property of a running guest; the name is one in both. */
  return g_strcmp0 (self->title, live->title) == 0 && g_strcmp0 (self->description, live->description) == 0;
}

static void
hgr_config_overview_finalize (GObject *object)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (object);

  g_free (self->name);
  g_free (self->title);
  g_free (self->description);
  g_free (self->firmware);
  g_free (self->machine);
  G_OBJECT_CLASS (hgr_config_overview_parent_class)->finalize (object);
}

static char **
string_field (HgrConfigOverview *self,
              guint              prop_id)
{
  switch (prop_id)
    {
    case PROP_NAME:
      return &self->name;
    case PROP_GUEST_TITLE:
      return &self->title;
    case PROP_DESCRIPTION:
      return &self->description;
    case PROP_FIRMWARE:
      return &self->firmware;
    case PROP_MACHINE:
      return &self->machine;
    default:
      return NULL;
    }
}

static void
hgr_config_overview_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (object);
  char             **field = string_field (self, prop_id);

  if (field != NULL)
    g_value_set_string (value, *field);
  else if (prop_id == PROP_AUTOSTART)
    g_value_set_boolean (value, self->autostart);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hgr_config_overview_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  HgrConfigOverview *self = HGR_CONFIG_OVERVIEW (object);
  char             **field = string_field (self, prop_id);
  gboolean           changed;

  if (field != NULL)
    {
      /* An empty title or description is none. */
      const char *text = g_value_get_string (value);

      changed = hgr_set_str (field, text != NULL && *text != '\0' ? text : NULL);
    }
  else if (prop_id == PROP_AUTOSTART)
    {
      changed = self->autostart != g_value_get_boolean (value);
      self->autostart = g_value_get_boolean (value);
    }
  else
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
hgr_config_overview_class_init (HgrConfigOverviewClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);
  const GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_config_overview_finalize;
  object_class->get_property = hgr_config_overview_get_property;
  object_class->set_property = hgr_config_overview_set_property;
  part_class->load = hgr_config_overview_load;
  part_class->validate = hgr_config_overview_validate;
  part_class->apply = hgr_config_overview_apply;
  part_class->apply_live = hgr_config_overview_apply_live;
  part_class->same_as_live = hgr_config_overview_same_as_live;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* "guest-title": HgrConfigPart:title is the part's own label. */
  properties[PROP_GUEST_TITLE] = g_param_spec_string ("guest-title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, flags);
  /* "BIOS", "UEFI" or what <os firmware> says; shown only */
  properties[PROP_FIRMWARE] = g_param_spec_string ("firmware", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MACHINE] = g_param_spec_string ("machine", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_overview_init (HgrConfigOverview *self)
{
  hgr_config_part_set_key (HGR_CONFIG_PART (self), "overview");
  hgr_config_part_set_title (HGR_CONFIG_PART (self), _ ("Overview"));
}

/* @autostart: the guest's, which is not in its XML (virDomainGetAutostart) */
HgrConfigPart *
hgr_config_overview_new (gboolean autostart)
{
  return g_object_new (HGR_TYPE_CONFIG_OVERVIEW, "autostart", autostart, NULL);
}

const char *
hgr_config_overview_get_name (HgrConfigOverview *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_OVERVIEW (self), NULL);
  return self->name;
}

const char *
hgr_config_overview_get_firmware (HgrConfigOverview *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_OVERVIEW (self), NULL);
  return self->firmware;
}

const char *
hgr_config_overview_get_machine (HgrConfigOverview *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_OVERVIEW (self), NULL);
  return self->machine;
}
