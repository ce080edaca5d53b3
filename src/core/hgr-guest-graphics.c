/* hgr-guest-graphics.c — HgrGuest's display: a socket to its VNC server, local or through SSH
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "hgr-guest"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-guest.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-task.h"
#include "hgr-vnc-graphics.h"

/* An open graphics socket; closed unless somebody takes it. */
typedef struct
{
  int          fd;
  char        *password;
  GSubprocess *tunnel;
} GraphicsFd;

static void
graphics_fd_free (GraphicsFd *graphics)
{
  if (graphics->fd >= 0)
    close (graphics->fd);
  if (graphics->password != NULL)
    memset (graphics->password, 0, strlen (graphics->password));
  g_free (graphics->password);
  g_clear_object (&graphics->tunnel);
  g_free (graphics);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GraphicsFd, graphics_fd_free)

typedef struct
{
  virDomainPtr domain;
  char        *remote_uri; /* the host's, for a tunnel; NULL for a local host */
  GraphicsFd  *graphics;   /* what the worker opened */
} GraphicsData;

static void
graphics_data_free (GraphicsData *data)
{
  virDomainFree (data->domain);
  g_free (data->remote_uri);
  g_clear_pointer (&data->graphics, graphics_fd_free);
  g_free (data);
}

/* Runs in a worker thread: a tunnel through SSH to the display on the host. */
static gboolean
open_remote_graphics (GraphicsData *data,
                      GraphicsFd   *graphics,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autofree char *xml = NULL;
  g_autoptr (HgrVncGraphics) vnc = NULL;
  g_autofree char *target = NULL;
  g_auto (GStrv) argv = NULL;

  /* The password shows only in the secure description, which a read-only
   * connection may not get: then the console asks for it. */
  xml = virDomainGetXMLDesc (data->domain, VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    xml = virDomainGetXMLDesc (data->domain, 0);
  if (xml == NULL)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not read the guest’s description."));
      return FALSE;
    }
  vnc = hgr_vnc_graphics_parse (xml, error);
  if (vnc == NULL || (target = hgr_vnc_graphics_dup_tunnel_target (vnc, error)) == NULL ||
      (argv = hgr_vnc_graphics_build_ssh_argv (data->remote_uri, target, error)) == NULL)
    return FALSE;
  graphics->fd = hgr_vnc_graphics_open_tunnel ((const char *const *) argv, &graphics->tunnel, error);
  graphics->password = g_steal_pointer (&vnc->password);
  return graphics->fd >= 0 && hgr_vnc_graphics_wait_for_server (graphics->fd, cancellable, error);
}

/* Runs in a worker thread. */
static gboolean
open_graphics_thread (gpointer      task_data,
                      GCancellable *cancellable,
                      GError      **error)
{
  GraphicsData *data = task_data;

  data->graphics = g_new0 (GraphicsFd, 1);
  data->graphics->fd = -1;
  if (data->remote_uri != NULL)
    return open_remote_graphics (data, data->graphics, cancellable, error);

  /* libvirt connects to the guest's display itself and passes us the
   * socket, skipping the display's password: no port is opened to anyone.
   * fd passing works on a local connection only. The display is the first
   * VNC one: a guest made by virt-manager has SPICE first. */
  {
    g_autofree char *xml = virDomainGetXMLDesc (data->domain, 0);
    g_autoptr (HgrVncGraphics) vnc = NULL;

    if (xml == NULL)
      {
        hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("The guest’s description could not be read."));
        return FALSE;
      }
    if ((vnc = hgr_vnc_graphics_parse (xml, error)) == NULL)
      return FALSE;
    data->graphics->fd = virDomainOpenGraphicsFD (data->domain, vnc->index, VIR_DOMAIN_OPEN_GRAPHICS_SKIPAUTH);
  }
  if (data->graphics->fd < 0)
    {
      hgr_libvirt_set_error (error, HGR_ERROR_LIBVIRT, _ ("Could not open the guest’s display."));
      return FALSE;
    }
  return TRUE;
}

/* A socket the caller is no longer waiting for is closed with the task. */
static void
open_graphics_apply (GTask   *task,
                     gpointer task_data,
                     GError  *error)
{
  GraphicsData *data = task_data;

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&data->graphics), (GDestroyNotify) graphics_fd_free);
}

/**
 * hgr_guest_open_graphics_async:
 * @self: a running guest with a VNC display
 * @cancellable: (nullable): a #GCancellable; a socket opened too late is closed
 * @callback: called on the main thread when done
 * @user_data: for @callback
 *
 * Opens a socket to the guest's display (VNC), for a console to speak RFB
 * on: through libvirt (virDomainOpenGraphicsFD) for a local host, through an
 * SSH tunnel with the host connection's user, port and key for a remote one.
 */
void
hgr_guest_open_graphics_async (HgrGuest           *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  GraphicsData *data;

  g_return_if_fail (HGR_IS_GUEST (self));

  data = g_new0 (GraphicsData, 1);
  data->domain = hgr_guest_ref_domain (self);
  if (self->host != NULL && hgr_host_get_remote (self->host))
    data->remote_uri = g_strdup (hgr_host_get_uri (self->host));
  hgr_task_run (hgr_task_new (self, cancellable, callback, user_data, hgr_guest_open_graphics_async),
                open_graphics_thread, data, (GDestroyNotify) graphics_data_free, open_graphics_apply);
}

/**
 * hgr_guest_open_graphics_finish:
 * @self: a guest
 * @result: the result
 * @password: (out) (optional) (nullable): the display's VNC password when
 *   one is needed and known, else %NULL
 * @tunnel: (out) (optional) (nullable): for a remote guest, the ssh process
 *   of the tunnel (standard error piped: its words when the display fails)
 * @error: return location
 *
 * Returns: the socket, which the caller owns and closes, or -1 with @error set
 */
int
hgr_guest_open_graphics_finish (HgrGuest     *self,
                                GAsyncResult *result,
                                char        **password,
                                GSubprocess **tunnel,
                                GError      **error)
{
  GraphicsFd *graphics;
  int         fd;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == hgr_guest_open_graphics_async, -1);

  if (password != NULL)
    *password = NULL;
  if (tunnel != NULL)
    *tunnel = NULL;
  graphics = g_task_propagate_pointer (G_TASK (result), error);
  if (graphics == NULL)
    return -1;
  fd = graphics->fd;
  graphics->fd = -1;
  if (password != NULL)
    *password = g_steal_pointer (&graphics->password);
  if (tunnel != NULL)
    *tunnel = g_steal_pointer (&graphics->tunnel);
  graphics_fd_free (graphics);
  return fd;
}
