/* hgr-config-disk.h — one disk or CD/DVD drive of a guest: source, bus, target, driver options
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_DISK (hgr_config_disk_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigDisk, hgr_config_disk, HGR, CONFIG_DISK, HgrConfigPart)

char          *hgr_config_disk_key (const char *target);
HgrConfigPart *hgr_config_disk_new (const char *target);
HgrConfigPart *hgr_config_disk_new_added (xmlNodePtr  domain,
                                          const char *device,
                                          const char *bus);
const char    *hgr_config_disk_get_device (HgrConfigDisk *self);
const char    *hgr_config_disk_get_target (HgrConfigDisk *self);
const char    *hgr_config_disk_get_source (HgrConfigDisk *self);
gboolean       hgr_config_disk_is_removable (HgrConfigDisk *self);
void           hgr_config_disk_set_loaded_size (HgrConfigDisk *self,
                                                guint64        bytes);
char          *hgr_config_free_volume_name (virStoragePoolPtr pool,
                                            const char       *stem,
                                            const char       *extension);
char          *hgr_config_volume_xml (const char *name,
                                      guint64     bytes,
                                      const char *format);
char          *hgr_config_disk_free_target (xmlNodePtr  domain,
                                            const char *bus,
                                            xmlNodePtr  except);

G_END_DECLS
