/* hgr-config-xml.h — small libxml2 helpers the configuration parts share: find, make, remove, read sizes
 *
 * Every edit goes through these so that a part touches only its own nodes and
 * attributes, and a new node is indented like its siblings. No XML is ever
 * built from strings.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

xmlNodePtr hgr_xml_child (xmlNodePtr  parent,
                          const char *name);
xmlNodePtr hgr_xml_next (xmlNodePtr  node,
                         const char *name);
xmlNodePtr hgr_xml_path (xmlNodePtr  node,
                         const char *path);
xmlNodePtr hgr_xml_ensure (xmlNodePtr  parent,
                           const char *name);
xmlNodePtr hgr_xml_append (xmlNodePtr  parent,
                           const char *name);
xmlNodePtr hgr_xml_insert_after (xmlNodePtr  sibling,
                                 const char *name);
void       hgr_xml_remove (xmlNodePtr node);
void       hgr_xml_remove_children (xmlNodePtr  parent,
                                    const char *name);

char    *hgr_xml_get (xmlNodePtr  node,
                      const char *attribute);
gboolean hgr_xml_is (xmlNodePtr  node,
                     const char *attribute,
                     const char *value);
void     hgr_xml_set (xmlNodePtr  node,
                      const char *attribute,
                      const char *value);
void     hgr_xml_set_uint (xmlNodePtr  node,
                           const char *attribute,
                           guint64     value);
char    *hgr_xml_get_text (xmlNodePtr node);
void     hgr_xml_set_text (xmlNodePtr  node,
                           const char *text);
gboolean hgr_xml_get_uint (xmlNodePtr  node,
                           const char *attribute,
                           guint64    *value);

gboolean hgr_xml_get_size (xmlNodePtr node,
                           guint64   *bytes,
                           GError   **error);
void     hgr_xml_set_size_kib (xmlNodePtr node,
                               guint64    bytes);

xmlDocPtr hgr_xml_parse (const char *xml,
                         GError    **error);
char     *hgr_xml_dump (xmlDocPtr doc);
char     *hgr_xml_dump_node (xmlNodePtr node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
