/* hgr-config-nic.h — one network interface of a guest: source, model, MAC address, link state
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-config-part.h"

G_BEGIN_DECLS

#define HGR_TYPE_CONFIG_NIC (hgr_config_nic_get_type ())

G_DECLARE_FINAL_TYPE (HgrConfigNic, hgr_config_nic, HGR, CONFIG_NIC, HgrConfigPart)

char          *hgr_config_nic_key (const char *mac);
HgrConfigPart *hgr_config_nic_new (const char *mac);
HgrConfigPart *hgr_config_nic_new_added (xmlNodePtr domain);
const char    *hgr_config_nic_get_mac (HgrConfigNic *self);
char          *hgr_config_nic_generate_mac (xmlNodePtr domain);
gboolean       hgr_config_validate_mac (const char *mac,
                                        GError    **error);

G_END_DECLS
