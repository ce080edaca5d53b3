/* hgr-test-host.h — a host handle for tests that closes its connection before it goes
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-host-private.h"
#include "hgr-test-utils.h"

G_BEGIN_DECLS

/* Disconnects, waits until the worker closed the connection (so nothing is
 * left half-done when the test process exits), then drops the reference. */
static inline void
hgr_test_host_close (HgrHost *host)
{
  hgr_host_disconnect (host);
  HGR_TEST_WAIT_UNTIL (!hgr_host_get_closing (host));
  g_object_unref (host);
}

/* Whether the host's connection has a storage volume at @path (tests look behind
 * Hangar's back, on its own connection). */
static inline gboolean
hgr_test_volume_exists (HgrHost    *host,
                        const char *path)
{
  virStorageVolPtr volume = virStorageVolLookupByPath (hgr_host_get_connection (host), path);

  if (volume == NULL)
    return FALSE;
  virStorageVolFree (volume);
  return TRUE;
}

/* g_autoptr (HgrTestHost) host = …: an HgrHost that hgr_test_host_close() ends. */
typedef HgrHost HgrTestHost;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrTestHost, hgr_test_host_close)

G_END_DECLS
