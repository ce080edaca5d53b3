/* hgr-config-xml.c — small libxml2 helpers the configuration parts share
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-config-xml.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <string.h>

#include "hgr-error.h"

#define XC(s) ((const xmlChar *) (s))

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && (name == NULL || xmlStrcmp (node->name, XC (name)) == 0);
}

/* The first element child named @name (any name when NULL), or NULL. */
xmlNodePtr
hgr_xml_child (xmlNodePtr  parent,
               const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
    if (is_element (n, name))
      return n;
  return NULL;
}

/* The next sibling element of @node named @name, or NULL. */
xmlNodePtr
hgr_xml_next (xmlNodePtr  node,
              const char *name)
{
  for (xmlNodePtr n = node->next; n != NULL; n = n->next)
    if (is_element (n, name))
      return n;
  return NULL;
}

/* Follows a path of child names ("os/type"), taking the first of each. */
xmlNodePtr
hgr_xml_path (xmlNodePtr  node,
              const char *path)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);

  for (guint i = 0; names[i] != NULL && node != NULL; i++)
    node = hgr_xml_child (node, names[i]);
  return node;
}

/* The whitespace before @node, if it is only whitespace. */
static const char *
indent_before (xmlNodePtr node)
{
  xmlNodePtr prev = node->prev;

  if (prev != NULL && prev->type == XML_TEXT_NODE && xmlIsBlankNode (prev))
    return (const char *) prev->content;
  return NULL;
}

static xmlNodePtr
new_element (xmlNodePtr  parent,
             const char *name)
{
  /* A new node takes no namespace: every node we make is libvirt's own. */
  return xmlNewDocNode (parent->doc, NULL, XC (name), NULL);
}

/**
 * hgr_xml_append:
 * @parent: an element
 * @name: the new element's name
 *
 * Appends a new empty element, indented like its siblings (or one level
 * deeper than @parent when it has none), so the document stays readable.
 *
 * Returns: (transfer none): the new element
 */
xmlNodePtr
hgr_xml_append (xmlNodePtr  parent,
                const char *name)
{
  xmlNodePtr last = NULL;
  xmlNodePtr node = new_element (parent, name);

  for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
    if (n->type == XML_ELEMENT_NODE)
      last = n;

  if (last != NULL)
    {
      const char *indent = indent_before (last);

      xmlAddNextSibling (last, node);
      if (indent != NULL)
        xmlAddPrevSibling (node, xmlNewDocText (parent->doc, XC (indent)));
      return node;
    }

  if (parent->children == NULL || xmlIsBlankNode (parent->children))
    {
      const char      *outer = indent_before (parent);
      g_autofree char *inner = g_strconcat (outer != NULL ? outer : "\n", "  ", NULL);

      xmlNodeSetContent (parent, NULL);
      xmlAddChild (parent, xmlNewDocText (parent->doc, XC (inner)));
      xmlAddChild (parent, node);
      xmlAddChild (parent, xmlNewDocText (parent->doc, XC (outer != NULL ? outer : "\n")));
      return node;
    }

  xmlAddChild (parent, node);
  return node;
}

/* A new element right after @sibling, on its own line like it. */
xmlNodePtr
hgr_xml_insert_after (xmlNodePtr  sibling,
                      const char *name)
{
  xmlNodePtr  node = new_element (sibling->parent, name);
  const char *indent = indent_before (sibling);

  xmlAddNextSibling (sibling, node);
  if (indent != NULL)
    xmlAddPrevSibling (node, xmlNewDocText (sibling->doc, XC (indent)));
  return node;
}

/* The first child named @name, appended when there is none. */
xmlNodePtr
hgr_xml_ensure (xmlNodePtr  parent,
                const char *name)
{
  xmlNodePtr node = hgr_xml_child (parent, name);

  return node != NULL ? node : hgr_xml_append (parent, name);
}

/* Unlinks and frees @node with the whitespace that indented it. */
void
hgr_xml_remove (xmlNodePtr node)
{
  xmlNodePtr prev;

  if (node == NULL)
    return;
  prev = node->prev;
  if (prev != NULL && prev->type == XML_TEXT_NODE && xmlIsBlankNode (prev))
    {
      xmlUnlinkNode (prev);
      xmlFreeNode (prev);
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

void
hgr_xml_remove_children (xmlNodePtr  parent,
                         const char *name)
{
  xmlNodePtr node;

  while ((node = hgr_xml_child (parent, name)) != NULL)
    hgr_xml_remove (node);
}

/* An attribute without namespace, as a GLib string, or NULL. */
char *
hgr_xml_get (xmlNodePtr  node,
             const char *attribute)
{
  xmlChar *value;
  char    *copy;

  if (node == NULL)
    return NULL;
  value = xmlGetNoNsProp (node, XC (attribute));
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

gboolean
hgr_xml_is (xmlNodePtr  node,
            const char *attribute,
            const char *value)
{
  g_autofree char *actual = hgr_xml_get (node, attribute);

  return g_strcmp0 (actual, value) == 0;
}

/* Sets an attribute, or removes it when @value is NULL. An unchanged value is not touched. */
void
hgr_xml_set (xmlNodePtr  node,
             const char *attribute,
             const char *value)
{
  if (value == NULL)
    {
      xmlAttrPtr attr = xmlHasNsProp (node, XC (attribute), NULL);

      if (attr != NULL)
        xmlRemoveProp (attr);
      return;
    }
  if (!hgr_xml_is (node, attribute, value))
    xmlSetProp (node, XC (attribute), XC (value));
}

void
hgr_xml_set_uint (xmlNodePtr  node,
                  const char *attribute,
                  guint64     value)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, value);
  hgr_xml_set (node, attribute, text);
}

/* The element's text, without surrounding whitespace, or NULL. */
char *
hgr_xml_get_text (xmlNodePtr node)
{
  xmlChar *content;
  char    *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = content != NULL ? g_strstrip (g_strdup ((const char *) content)) : NULL;
  xmlFree (content);
  return text;
}

/* Replaces the element's content by @text (escaped when written); NULL empties it. */
void
hgr_xml_set_text (xmlNodePtr  node,
                  const char *text)
{
  g_autofree char *old = hgr_xml_get_text (node);

  if (g_strcmp0 (old, text) == 0)
    return;
  xmlNodeSetContent (node, NULL);
  if (text != NULL && *text != '\0')
    xmlAddChild (node, xmlNewDocText (node->doc, XC (text)));
}

static gboolean
parse_uint (const char *text,
            guint64    *value)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

/* An unsigned decimal attribute; FALSE when it is missing or not a number. */
gboolean
hgr_xml_get_uint (xmlNodePtr  node,
                  const char *attribute,
                  guint64    *value)
{
  g_autofree char *text = hgr_xml_get (node, attribute);

  return parse_uint (text, value);
}

/* libvirt's units: b/bytes, k/KiB (1024), KB (1000)… up to E; without unit KiB. */
static gboolean
unit_scale (const char *unit,
            guint64    *scale)
{
  static const char powers[] = "kmgtpe";
  const char       *p;
  guint64           base;

  if (unit == NULL || *unit == '\0')
    {
      *scale = 1024;
      return TRUE;
    }
  if (g_ascii_strcasecmp (unit, "b") == 0 || g_ascii_strcasecmp (unit, "bytes") == 0)
    {
      *scale = 1;
      return TRUE;
    }
  p = strchr (powers, g_ascii_tolower (unit[0]));
  if (p == NULL || unit[0] == '\0')
    return FALSE;
  if (unit[1] == '\0' || g_ascii_strcasecmp (unit + 1, "iB") == 0)
    base = 1024;
  else if (g_ascii_strcasecmp (unit + 1, "B") == 0)
    base = 1000;
  else
    return FALSE;
  *scale = 1;
  for (const char *q = powers; q <= p; q++)
    *scale *= base;
  return TRUE;
}

/**
 * hgr_xml_get_size:
 * @node: an element such as `<memory unit='MiB'>2048</memory>`
 * @bytes: (out): its size in bytes
 * @error: why it is not a size
 *
 * Returns: whether @node holds a size in one of libvirt's units
 */
gboolean
hgr_xml_get_size (xmlNodePtr node,
                  guint64   *bytes,
                  GError   **error)
{
  g_autofree char *text = hgr_xml_get_text (node);
  g_autofree char *unit = hgr_xml_get (node, "unit");
  guint64          value, scale;

  if (!parse_uint (text, &value) || !unit_scale (unit, &scale) || (value != 0 && scale > G_MAXUINT64 / value))
    {
      g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("“%s %s” in <%s> is not a size."),
                   text != NULL ? text : "", unit != NULL ? unit : "", node != NULL ? (const char *) node->name : "?");
      return FALSE;
    }
  *bytes = value * scale;
  return TRUE;
}

/* Writes a size as KiB (libvirt's own unit), rounding up. */
void
hgr_xml_set_size_kib (xmlNodePtr node,
                      guint64    bytes)
{
  char text[24];

  g_snprintf (text, sizeof text, "%" G_GUINT64_FORMAT, bytes / 1024 + (bytes % 1024 != 0));
  hgr_xml_set (node, "unit", "KiB");
  hgr_xml_set_text (node, text);
}

/**
 * hgr_xml_parse:
 * @xml: a document
 * @error: the parser's message when it is not well-formed
 *
 * Parses without network access and without expanding entities.
 *
 * Returns: (transfer full) (nullable): the document
 */
xmlDocPtr
hgr_xml_parse (const char *xml,
               GError    **error)
{
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt ();
  xmlDocPtr        doc;

  if (ctxt == NULL)
    {
      g_set_error_literal (error, HGR_ERROR, HGR_ERROR_FAILED, _ ("Out of memory."));
      return NULL;
    }
  doc = xmlCtxtReadMemory (ctxt, xml, strlen (xml), "domain.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      xmlErrorPtr e = xmlCtxtGetLastError (ctxt);

      if (e != NULL && e->message != NULL)
        {
          g_autofree char *message = g_strchomp (g_strdup (e->message));

          g_set_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The XML is not well-formed (line %d): %s"),
                       e->line, message);
        }
      else
        g_set_error_literal (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT, _ ("The XML is empty."));
      xmlFreeDoc (doc);
      doc = NULL;
    }
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* One node as text, exactly as it is in the document (no declaration). */
char *
hgr_xml_dump_node (xmlNodePtr node)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  char        *text;

  xmlNodeDump (buffer, node->doc, node, 0, 0);
  text = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return text;
}

char *
hgr_xml_dump (xmlDocPtr doc)
{
  return hgr_xml_dump_node (xmlDocGetRootElement (doc));
}
