/* hgr-config-graphics.c — a guest's VNC display in its configuration
 *
 * Hangar's console speaks VNC. A guest made by another tool may have only a
 * SPICE display; Hangar then adds a VNC display beside it (QEMU serves both)
 * instead of turning SPICE into VNC: virt-manager's guests also have SPICE
 * channels, USB redirection and audio that libvirt refuses to start without
 * a SPICE display, and virt-manager and remote-viewer keep working. Nothing
 * but the new <graphics> element changes.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-config"

#include "config.h"

#include "hgr-config-graphics.h"

#include "hgr-config-xml.h"

/**
 * hgr_config_add_vnc_display:
 * @domain: a `<domain>` element
 * @added: (out) (optional): whether a display was added
 *
 * Gives @domain a VNC display on 127.0.0.1 with a port libvirt chooses,
 * after its other displays, unless it has one.
 *
 * Returns: (transfer none): the guest's (first) VNC `<graphics>` element
 */
xmlNodePtr
hgr_config_add_vnc_display (xmlNodePtr domain,
                            gboolean  *added)
{
  xmlNodePtr devices = hgr_xml_ensure (domain, "devices");
  xmlNodePtr last = NULL, graphics, listen;

  for (xmlNodePtr node = hgr_xml_child (devices, "graphics"); node != NULL; node = hgr_xml_next (node, "graphics"))
    {
      if (hgr_xml_is (node, "type", "vnc"))
        {
          if (added != NULL)
            *added = FALSE;
          return node;
        }
      last = node;
    }
  graphics = last != NULL ? hgr_xml_insert_after (last, "graphics") : hgr_xml_append (devices, "graphics");
  hgr_xml_set (graphics, "type", "vnc");
  hgr_xml_set (graphics, "port", "-1");
  hgr_xml_set (graphics, "autoport", "yes");
  hgr_xml_set (graphics, "listen", "127.0.0.1");
  listen = hgr_xml_append (graphics, "listen");
  hgr_xml_set (listen, "type", "address");
  hgr_xml_set (listen, "address", "127.0.0.1");
  if (added != NULL)
    *added = TRUE;
  return graphics;
}
