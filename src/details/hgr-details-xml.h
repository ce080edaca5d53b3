/* hgr-details-xml.h — the Details page with a guest's whole XML, shown or (when enabled) edited
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "hgr-domain-config.h"

G_BEGIN_DECLS

#define HGR_TYPE_DETAILS_XML (hgr_details_xml_get_type ())

G_DECLARE_FINAL_TYPE (HgrDetailsXml, hgr_details_xml, HGR, DETAILS_XML, AdwBin)

GtkWidget  *hgr_details_xml_new (HgrDomainConfig *config,
                                 GSettings       *settings);
gboolean    hgr_details_xml_get_modified (HgrDetailsXml *self);
void        hgr_details_xml_revert (HgrDetailsXml *self);
char       *hgr_details_xml_dup_text (HgrDetailsXml *self);
const char *hgr_details_xml_get_error (HgrDetailsXml *self);
void        hgr_details_xml_show_error (HgrDetailsXml *self,
                                        const char    *message);

G_END_DECLS
