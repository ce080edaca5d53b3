/* hgr-config-nic.c — one network interface: source (network, bridge, macvtap), model, MAC, link
 *
 * Found again by the MAC address it was loaded with (libvirt gives every
 * defined interface one). Owns <interface>'s type, <source>'s
 * network/bridge/dev/mode, <model type>, <mac address> and <link state>;
 * never <target>, <virtualport>, <bandwidth>, <filterref>, <boot>,
 * <address> or anything else. Live: attach, detach, link up or down.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-nic.h"

#include <glib/gi18n.h>
#include <string.h>

#include "hgr-config-xml.h"
#include "hgr-error.h"
#include "hgr-util.h"

struct _HgrConfigNic
{
  HgrConfigPart parent_instance;

  char    *type;   /* network, bridge, direct, user; others are shown, not changed */
  char    *source; /* the network, bridge or host interface */
  char    *model;
  char    *mac;
  gboolean link_up;

  char *node_xml; /* worker only: the element as applied (or as removed), for the live step */
};

G_DEFINE_FINAL_TYPE (HgrConfigNic, hgr_config_nic, HGR_TYPE_CONFIG_PART)

enum
{
  PROP_0,
  PROP_TYPE,
  PROP_SOURCE,
  PROP_MODEL,
  PROP_MAC,
  PROP_LINK_UP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* user networking (QEMU's own NAT, the usual choice on a session connection) has no source */
static gboolean
is_editable (const char *type)
{
  return g_strcmp0 (type, "user") == 0 || g_strcmp0 (type, "network") == 0 || g_strcmp0 (type, "bridge") == 0 ||
         g_strcmp0 (type, "direct") == 0;
}

static const char *
source_attribute (const char *type)
{
  if (g_strcmp0 (type, "network") == 0)
    return "network";
  if (g_strcmp0 (type, "bridge") == 0)
    return "bridge";
  if (g_strcmp0 (type, "direct") == 0)
    return "dev";
  return NULL;
}

static char *
read_mac (xmlNodePtr interface)
{
  g_autofree char *mac = hgr_xml_get (hgr_xml_child (interface, "mac"), "address");

  return mac != NULL ? g_ascii_strdown (mac, -1) : NULL;
}

/* By MAC, or "#N" (the Nth interface) for one that has none in an undefined document. */
static xmlNodePtr
find_interface (xmlNodePtr  domain,
                const char *key)
{
  xmlNodePtr devices = hgr_xml_child (domain, "devices");
  guint      index = 0;

  for (xmlNodePtr n = hgr_xml_child (devices, "interface"); n != NULL; n = hgr_xml_next (n, "interface"), index++)
    {
      g_autofree char *mac = read_mac (n);
      g_autofree char *position = g_strdup_printf ("#%u", index);

      if (g_strcmp0 (mac, key) == 0 || g_strcmp0 (position, key) == 0)
        return n;
    }
  return NULL;
}

/**
 * hgr_config_validate_mac:
 * @mac: a MAC address
 * @error: why it is not one a guest can have
 *
 * Returns: whether @mac is six pairs of hex digits of a unicast address
 */
gboolean
hgr_config_validate_mac (const char *mac,
                         GError    **error)
{
  guint first;

  if (mac == NULL || strlen (mac) != 17)
    goto invalid;
  for (guint i = 0; i < 17; i++)
    if ((i % 3 == 2) ? mac[i] != ':' : !g_ascii_isxdigit (mac[i]))
      goto invalid;
  first = g_ascii_xdigit_value (mac[0]) * 16 + g_ascii_xdigit_value (mac[1]);
  if (first & 1)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("“%s” is a multicast address: a network interface needs a unicast one (the first byte even)."), mac);
      return FALSE;
    }
  return TRUE;

invalid:
  g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
               _ ("“%s” is not a MAC address: write six pairs of hex digits, like 52:54:00:12:34:56."), mac != NULL ? mac : "");
  return FALSE;
}

/* A random address with libvirt's QEMU prefix 52:54:00 that no interface of the guest has. */
char *
hgr_config_nic_generate_mac (xmlNodePtr domain)
{
  for (;;)
    {
      char *mac = g_strdup_printf ("52:54:00:%02x:%02x:%02x", g_random_int_range (0, 256), g_random_int_range (0, 256),
                                   g_random_int_range (0, 256));

      if (find_interface (domain, mac) == NULL)
        return mac;
      g_free (mac);
    }
}

static gboolean
hgr_config_nic_load (HgrConfigPart *part,
                     xmlNodePtr     domain,
                     GError       **error)
{
  HgrConfigNic    *self = HGR_CONFIG_NIC (part);
  const char      *key = hgr_config_part_get_key (part) + strlen ("nic:");
  xmlNodePtr       interface = find_interface (domain, key);
  g_autofree char *type = NULL, *source = NULL, *model = NULL, *mac = NULL, *state = NULL;
  g_autofree char *title = NULL;

  if (interface == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("The guest has no network interface “%s” any more."), key);
      return FALSE;
    }
  type = hgr_xml_get (interface, "type");
  if (source_attribute (type) != NULL)
    source = hgr_xml_get (hgr_xml_child (interface, "source"), source_attribute (type));
  model = hgr_xml_get (hgr_xml_child (interface, "model"), "type");
  mac = read_mac (interface);
  state = hgr_xml_get (hgr_xml_child (interface, "link"), "state");
  g_object_set (self, "type", type, "source", source, "model", model, "mac", mac, "link-up", g_strcmp0 (state, "down") != 0, NULL);
  title = g_strdup_printf (_ ("Network %s"), mac != NULL ? mac : key);
  hgr_config_part_set_title (part, title);
  return TRUE;
}

static gboolean
hgr_config_nic_validate (HgrConfigPart         *part,
                         xmlNodePtr             domain,
                         const HgrConfigLimits *limits,
                         GError               **error)
{
  HgrConfigNic *self = HGR_CONFIG_NIC (part);
  xmlNodePtr    own = hgr_config_part_get_added (part) ? NULL : find_interface (domain, hgr_config_part_get_key (part) + strlen ("nic:"));
  xmlNodePtr    other;

  if (hgr_config_part_changed (part, "mac"))
    {
      if (!hgr_config_validate_mac (self->mac, error))
        return FALSE;
      other = find_interface (domain, self->mac);
      if (other != NULL && other != own)
        {
          g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                       _ ("Another network interface of this guest has the MAC address %s."), self->mac);
          return FALSE;
        }
    }
  if ((hgr_config_part_changed (part, "type") || hgr_config_part_changed (part, "source")) && !is_editable (self->type))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                   _ ("A “%s” interface can be changed only in the XML."), self->type != NULL ? self->type : "");
      return FALSE;
    }
  if (source_attribute (self->type) != NULL && (self->source == NULL || *self->source == '\0'))
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT,
                           g_strcmp0 (self->type, "network") == 0  ? _ ("Choose the virtual network to connect to.")
                           : g_strcmp0 (self->type, "bridge") == 0 ? _ ("Enter the name of the host’s bridge.")
                                                                   : _ ("Enter the host interface to share."));
      return FALSE;
    }
  if (g_strcmp0 (self->type, "network") == 0 && limits->networks != NULL && self->source != NULL &&
      (hgr_config_part_changed (part, "source") || hgr_config_part_changed (part, "type")) &&
      !g_strv_contains ((const char *const *) limits->networks, self->source))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND, _ ("The host has no virtual network “%s”."), self->source);
      return FALSE;
    }
  if (self->model == NULL || *self->model == '\0')
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("Choose the network interface’s model."));
      return FALSE;
    }
  return TRUE;
}

static xmlNodePtr
new_interface (xmlNodePtr domain)
{
  xmlNodePtr devices = hgr_xml_ensure (domain, "devices");
  xmlNodePtr last = NULL;

  for (xmlNodePtr n = hgr_xml_child (devices, "interface"); n != NULL; n = hgr_xml_next (n, "interface"))
    last = n;
  return last != NULL ? hgr_xml_insert_after (last, "interface") : hgr_xml_append (devices, "interface");
}

static void
apply_source (HgrConfigNic *self,
              xmlNodePtr    interface)
{
  xmlNodePtr source = hgr_xml_child (interface, "source");

  hgr_xml_set (interface, "type", self->type);
  if (source_attribute (self->type) == NULL)
    {
      hgr_xml_remove (source); /* user networking has none */
      return;
    }
  if (hgr_config_part_changed (HGR_CONFIG_PART (self), "type"))
    {
      /* Another kind of source: its old attributes mean nothing now. */
      hgr_xml_remove (source);
      source = NULL;
    }
  if (source == NULL)
    {
      xmlNodePtr mac = hgr_xml_child (interface, "mac");

      source = mac != NULL ? hgr_xml_insert_after (mac, "source") : hgr_xml_append (interface, "source");
      if (g_strcmp0 (self->type, "direct") == 0)
        hgr_xml_set (source, "mode", "bridge");
    }
  hgr_xml_set (source, source_attribute (self->type), self->source);
}

static gboolean
hgr_config_nic_apply (HgrConfigPart *part,
                      xmlNodePtr     domain,
                      GError       **error)
{
  HgrConfigNic *self = HGR_CONFIG_NIC (part);
  const char   *key = hgr_config_part_get_key (part) + strlen ("nic:");
  xmlNodePtr    interface;

  if (hgr_config_part_get_added (part))
    interface = new_interface (domain);
  else if ((interface = find_interface (domain, key)) == NULL)
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND,
                   _ ("The network interface %s was removed outside Hangar. Reload to see the guest as it is now."), key);
      return FALSE;
    }

  g_clear_pointer (&self->node_xml, g_free);
  if (hgr_config_part_get_removed (part))
    {
      self->node_xml = hgr_xml_dump_node (interface);
      hgr_xml_remove (interface);
      return TRUE;
    }
  if (hgr_config_part_changed (part, "mac"))
    {
      xmlNodePtr mac = hgr_xml_child (interface, "mac");

      if (mac == NULL)
        mac = hgr_xml_append (interface, "mac");
      hgr_xml_set (mac, "address", self->mac);
    }
  if (hgr_config_part_changed (part, "type") || hgr_config_part_changed (part, "source"))
    apply_source (self, interface);
  if (hgr_config_part_changed (part, "model"))
    hgr_xml_set (hgr_xml_ensure (interface, "model"), "type", self->model);
  if (hgr_config_part_changed (part, "link-up"))
    {
      xmlNodePtr link = hgr_xml_child (interface, "link");

      if (link != NULL || !self->link_up)
        hgr_xml_set (link != NULL ? link : hgr_xml_append (interface, "link"), "state", self->link_up ? "up" : "down");
    }
  self->node_xml = hgr_xml_dump_node (interface);
  return TRUE;
}

static gboolean
only_link_changed (HgrConfigNic *self)
{
  HgrConfigPart *part = HGR_CONFIG_PART (self);

  return hgr_config_part_changed (part, "link-up") && !hgr_config_part_changed (part, "type") &&
         !hgr_config_part_changed (part, "source") && !hgr_config_part_changed (part, "model") &&
         !hgr_config_part_changed (part, "mac");
}

static gboolean
hgr_config_nic_apply_live (HgrConfigPart *part,
                           xmlNodePtr     domain,
                           virDomainPtr   guest,
                           GError       **error)
{
  HgrConfigNic             *self = HGR_CONFIG_NIC (part);
  const HgrConfigLiveDevice device = {
    .device_xml = self->node_xml,
    .update = only_link_changed (self),
    .attach_failed = _ ("The network interface could not be added to the running guest."),
    .detach_failed = _ ("The network interface could not be removed from the running guest."),
    .update_failed = _ ("The running guest’s link state could not be changed."),
  };

  return hgr_config_part_apply_device_live (part, guest, &device, error);
}

static void
hgr_config_nic_finalize (GObject *object)
{
  HgrConfigNic *self = HGR_CONFIG_NIC (object);

  g_free (self->type);
  g_free (self->source);
  g_free (self->model);
  g_free (self->mac);
  g_free (self->node_xml);
  G_OBJECT_CLASS (hgr_config_nic_parent_class)->finalize (object);
}

static char **
string_field (HgrConfigNic *self,
              guint         prop_id)
{
  switch (prop_id)
    {
    case PROP_TYPE:
      return &self->type;
    case PROP_SOURCE:
      return &self->source;
    case PROP_MODEL:
      return &self->model;
    case PROP_MAC:
      return &self->mac;
    default:
      return NULL;
    }
}

static void
hgr_config_nic_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  HgrConfigNic *self = HGR_CONFIG_NIC (object);
  char        **string = string_field (self, prop_id);

  if (string != NULL)
    g_value_set_string (value, *string);
  else if (prop_id == PROP_LINK_UP)
    g_value_set_boolean (value, self->link_up);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
hgr_config_nic_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  HgrConfigNic *self = HGR_CONFIG_NIC (object);
  char        **string = string_field (self, prop_id);
  gboolean      changed;

  if (string != NULL)
    {
      const char      *text = g_value_get_string (value);
      g_autofree char *lower = prop_id == PROP_MAC && text != NULL ? g_ascii_strdown (text, -1) : NULL;

      changed = hgr_set_str (string, lower != NULL ? lower : text);
    }
  else if (prop_id == PROP_LINK_UP)
    {
      changed = self->link_up != g_value_get_boolean (value);
      self->link_up = g_value_get_boolean (value);
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
hgr_config_nic_class_init (HgrConfigNicClass *klass)
{
  GObjectClass       *object_class = G_OBJECT_CLASS (klass);
  HgrConfigPartClass *part_class = HGR_CONFIG_PART_CLASS (klass);
  const GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = hgr_config_nic_finalize;
  object_class->get_property = hgr_config_nic_get_property;
  object_class->set_property = hgr_config_nic_set_property;
  part_class->load = hgr_config_nic_load;
  part_class->validate = hgr_config_nic_validate;
  part_class->apply = hgr_config_nic_apply;
  part_class->apply_live = hgr_config_nic_apply_live;

  properties[PROP_TYPE] = g_param_spec_string ("type", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, NULL, flags);
  /* Lower case */
  properties[PROP_MAC] = g_param_spec_string ("mac", NULL, NULL, NULL, flags);
  properties[PROP_LINK_UP] = g_param_spec_boolean ("link-up", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
hgr_config_nic_init (HgrConfigNic *self)
{
  self->link_up = TRUE;
}

/* The key of the interface with @mac: "nic:52:54:00:…", in lower case. */
char *
hgr_config_nic_key (const char *mac)
{
  g_autofree char *lower = g_ascii_strdown (mac, -1);

  return g_strconcat ("nic:", lower, NULL);
}

/* The interface with @mac ("#N" for the Nth without one); load() reads it. */
HgrConfigPart *
hgr_config_nic_new (const char *mac)
{
  HgrConfigPart   *part = g_object_new (HGR_TYPE_CONFIG_NIC, NULL);
  g_autofree char *key = hgr_config_nic_key (mac);

  hgr_config_part_set_key (part, key);
  return part;
}

/* A new virtio interface on the network "default" with a fresh MAC address. */
HgrConfigPart *
hgr_config_nic_new_added (xmlNodePtr domain)
{
  g_autofree char *mac = hgr_config_nic_generate_mac (domain);
  g_autofree char *key = hgr_config_nic_key (mac);
  g_autofree char *title = g_strdup_printf (_ ("Network %s"), mac);
  HgrConfigPart   *part = g_object_new (HGR_TYPE_CONFIG_NIC,
                                        "type", "network",
                                        "source", "default",
                                        "model", "virtio",
                                        "mac", mac,
                                        NULL);

  hgr_config_part_set_key (part, key);
  hgr_config_part_set_title (part, title);
  hgr_config_part_set_added (part, TRUE);
  return part;
}

const char *
hgr_config_nic_get_mac (HgrConfigNic *self)
{
  g_return_val_if_fail (HGR_IS_CONFIG_NIC (self), NULL);
  return self->mac;
}
