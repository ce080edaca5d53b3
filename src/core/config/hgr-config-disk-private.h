/* hgr-config-disk-private.h — what HgrConfigDisk's XML half and its storage and live half share
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-disk.h"

G_BEGIN_DECLS

struct _HgrConfigDisk
{
  HgrConfigPart parent_instance;

  char    *device; /* disk, cdrom, floppy, lun */
  char    *target;
  char    *bus;
  char    *source_type; /* the <disk type>: file, block, volume, network… */
  char    *source;      /* a path; "pool/volume" for a volume; read-only for others */
  char    *format;
  char    *cache;
  char    *discard;
  gboolean readonly;
  gboolean shareable;
  gboolean remove_storage; /* with removed: delete the volume too */
  guint64  size;           /* bytes, from the volume (0: unknown); more grows the image */
  char    *new_pool;       /* an added disk: a new qcow2 volume in this pool */
  guint64  new_size;       /* its size in bytes */

  char *created_path; /* worker only: the volume prepare() made, for rollback() */

  char *node_xml; /* worker only: the element as applied (or as removed), for the live step */
};

/* hgr-config-disk-storage.c: the steps outside the inactive XML */
gboolean hgr_config_disk_prepare (HgrConfigPart *part,
                                  virDomainPtr   guest,
                                  GError       **error);
void     hgr_config_disk_rollback (HgrConfigPart *part,
                                   virDomainPtr   guest);
gboolean hgr_config_disk_apply_live (HgrConfigPart *part,
                                     xmlNodePtr     domain,
                                     virDomainPtr   guest,
                                     GError       **error);
gboolean hgr_config_disk_same_as_live (HgrConfigPart *part,
                                       HgrConfigPart *live_part);

G_END_DECLS
