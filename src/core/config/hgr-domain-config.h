/* hgr-domain-config.h — a guest's configuration: its inactive XML as one document and a part per piece
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_DOMAIN_CONFIG (hgr_domain_config_get_type ())

G_DECLARE_FINAL_TYPE (HgrDomainConfig, hgr_domain_config, HGR, DOMAIN_CONFIG, GObject)

HgrDomainConfig       *hgr_domain_config_new (const char *xml,
                                              gboolean    autostart,
                                              GError    **error);
const char            *hgr_domain_config_get_xml (HgrDomainConfig *self);
xmlNodePtr             hgr_domain_config_get_root (HgrDomainConfig *self);
GListModel            *hgr_domain_config_get_parts (HgrDomainConfig *self);
HgrConfigPart         *hgr_domain_config_find_part (HgrDomainConfig *self,
                                                    const char      *key);
void                   hgr_domain_config_add_part (HgrDomainConfig *self,
                                                   HgrConfigPart   *part);
const HgrConfigLimits *hgr_domain_config_get_limits (HgrDomainConfig *self);
void                   hgr_domain_config_set_limits (HgrDomainConfig       *self,
                                                     const HgrConfigLimits *limits);
gboolean               hgr_domain_config_get_secure (HgrDomainConfig *self);
void                   hgr_domain_config_set_secure (HgrDomainConfig *self,
                                                     gboolean         secure);
gboolean               hgr_domain_config_get_modified (HgrDomainConfig *self);
void                   hgr_domain_config_revert (HgrDomainConfig *self);
GPtrArray             *hgr_domain_config_dup_changes (HgrDomainConfig *self);
const char *const     *hgr_domain_config_get_pending_removals (HgrDomainConfig *self);
void                   hgr_domain_config_mark_pending (HgrDomainConfig *self,
                                                       HgrDomainConfig *live);

void hgr_config_limits_read_domain_capabilities (HgrConfigLimits *limits,
                                                 const char      *xml);
void hgr_config_limits_clear (HgrConfigLimits *limits);

gboolean hgr_config_apply_changes (xmlNodePtr             domain,
                                   GPtrArray             *parts,
                                   const HgrConfigLimits *limits,
                                   GError               **error);

G_END_DECLS
