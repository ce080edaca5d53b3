/* hgr-vnc-graphics.h — where a guest's VNC display listens, and a tunnel to it
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * HgrVncGraphics:
 * @port: the TCP port on the guest's host, or 0
 * @address: (nullable): the address it listens on, as in the XML
 * @socket: (nullable): the UNIX socket it listens on instead
 * @password: (nullable): the VNC password, when the XML showed it
 * @index: which of the guest's displays it is (for virDomainOpenGraphicsFD())
 */
typedef struct
{
  int   index;
  int   port;
  char *address;
  char *socket;
  char *password;
} HgrVncGraphics;

HgrVncGraphics *hgr_vnc_graphics_parse (const char *domain_xml,
                                        GError    **error);
void            hgr_vnc_graphics_free (HgrVncGraphics *graphics);
char           *hgr_vnc_graphics_dup_tunnel_target (const HgrVncGraphics *graphics,
                                                    GError              **error);
GStrv           hgr_vnc_graphics_build_ssh_argv (const char *uri,
                                                 const char *target,
                                                 GError    **error);
int             hgr_vnc_graphics_open_tunnel (const char *const *argv,
                                              GSubprocess      **ssh,
                                              GError           **error);

gboolean hgr_vnc_graphics_wait_for_server (int           fd,
                                           GCancellable *cancellable,
                                           GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrVncGraphics, hgr_vnc_graphics_free)

G_END_DECLS
