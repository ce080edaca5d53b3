/* hgr-test-xml.h — the canonical XML comparison of the fidelity tests: only the owned nodes may differ
 *
 * Both documents lose the nodes the owned XPaths select (elements,
 * attributes or text), then their whitespace-only text, and are put into
 * canonical form (C14N 1.0 with comments: attribute order and quoting no
 * longer matter, comments do). They must then be equal; when not, the first
 * path where they differ is printed.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/c14n.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

G_BEGIN_DECLS

static inline void
hgr_test_xml_strip_blanks (xmlNodePtr node)
{
  xmlNodePtr child = node->children;

  while (child != NULL)
    {
      xmlNodePtr next = child->next;

      if (child->type == XML_TEXT_NODE && xmlIsBlankNode (child))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      else if (child->type == XML_ELEMENT_NODE)
        hgr_test_xml_strip_blanks (child);
      child = next;
    }
}

/* How many nodes @xpath selects in @xml (1 or 0 for a boolean expression); fails on XML that does not parse. */
static inline int
hgr_test_xml_count (const char *xml,
                    const char *xpath)
{
  xmlDocPtr          doc = xmlReadMemory (xml, strlen (xml), "test.xml", NULL, XML_PARSE_NONET);
  xmlXPathContextPtr ctxt;
  xmlXPathObjectPtr  result;
  int                n;

  g_assert_nonnull (doc);
  ctxt = xmlXPathNewContext (doc);
  result = xmlXPathEvalExpression ((const xmlChar *) xpath, ctxt);
  g_assert_nonnull (result);
  n = result->type == XPATH_BOOLEAN ? result->boolval : (result->nodesetval != NULL ? result->nodesetval->nodeNr : 0);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctxt);
  xmlFreeDoc (doc);
  return n;
}

/* Removes what @xpath selects; returns how many nodes that was. */
static inline int
hgr_test_xml_remove (xmlDocPtr   doc,
                     const char *xpath)
{
  xmlXPathContextPtr ctxt = xmlXPathNewContext (doc);
  xmlXPathObjectPtr  result;
  int                n = 0;

  xmlXPathRegisterNs (ctxt, (const xmlChar *) "qemu", (const xmlChar *) "http://libvirt.org/schemas/domain/qemu/1.0");
  result = xmlXPathEvalExpression ((const xmlChar *) xpath, ctxt);
  g_assert_nonnull (result);
  if (result->nodesetval != NULL)
    {
      n = result->nodesetval->nodeNr;
      /* Last first: a node is never freed before a descendant that was also selected. */
      for (int i = n - 1; i >= 0; i--)
        {
          xmlNodePtr node = result->nodesetval->nodeTab[i];

          result->nodesetval->nodeTab[i] = NULL;
          if (node->type == XML_ATTRIBUTE_NODE)
            xmlRemoveProp ((xmlAttrPtr) node);
          else if (node->type != XML_NAMESPACE_DECL)
            {
              xmlUnlinkNode (node);
              xmlFreeNode (node);
            }
        }
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctxt);
  return n;
}

static inline xmlDocPtr
hgr_test_xml_without (const char        *xml,
                      const char *const *owned)
{
  xmlDocPtr doc = xmlReadMemory (xml, strlen (xml), "test.xml", NULL, XML_PARSE_NONET);

  g_assert_nonnull (doc);
  for (guint i = 0; owned != NULL && owned[i] != NULL; i++)
    hgr_test_xml_remove (doc, owned[i]);
  hgr_test_xml_strip_blanks (xmlDocGetRootElement (doc));
  return doc;
}

static inline char *
hgr_test_xml_c14n (xmlDocPtr doc)
{
  xmlChar *out = NULL;
  char    *copy;

  g_assert_cmpint (xmlC14NDocDumpMemory (doc, NULL, XML_C14N_1_0, NULL, 1, &out), >=, 0);
  copy = g_strdup ((const char *) out);
  xmlFree (out);
  return copy;
}

/* The first node where the two trees differ, as "path in a | path in b: what". */
static inline char *
hgr_test_xml_first_difference (xmlNodePtr a,
                               xmlNodePtr b)
{
  xmlNodePtr ca, cb;

  if (a == NULL || b == NULL || a->type != b->type || xmlStrcmp (a->name, b->name) != 0 ||
      (a->type != XML_ELEMENT_NODE && xmlStrcmp (a->content, b->content) != 0))
    {
      xmlChar *pa = a != NULL ? xmlGetNodePath (a) : NULL;
      xmlChar *pb = b != NULL ? xmlGetNodePath (b) : NULL;
      char    *text = g_strdup_printf ("%s | %s", pa != NULL ? (char *) pa : "(none)", pb != NULL ? (char *) pb : "(none)");

      xmlFree (pa);
      xmlFree (pb);
      return text;
    }
  if (a->type == XML_ELEMENT_NODE)
    {
      for (xmlAttrPtr attr = a->properties; attr != NULL; attr = attr->next)
        {
          xmlChar *va = xmlGetProp (a, attr->name);
          xmlChar *vb = xmlGetProp (b, attr->name);
          gboolean same = vb != NULL && xmlStrcmp (va, vb) == 0;

          xmlFree (va);
          xmlFree (vb);
          if (!same)
            {
              xmlChar *path = xmlGetNodePath (a);
              char    *text = g_strdup_printf ("%s/@%s", (char *) path, (char *) attr->name);

              xmlFree (path);
              return text;
            }
        }
    }
  for (ca = a->children, cb = b->children; ca != NULL || cb != NULL; ca = ca != NULL ? ca->next : NULL, cb = cb != NULL ? cb->next : NULL)
    {
      char *difference = hgr_test_xml_first_difference (ca, cb);

      if (difference != NULL)
        return difference;
    }
  if (a->type == XML_ELEMENT_NODE && b->properties != NULL)
    for (xmlAttrPtr attr = b->properties; attr != NULL; attr = attr->next)
      if (!xmlHasProp (a, attr->name))
        {
          xmlChar *path = xmlGetNodePath (b);
          char    *text = g_strdup_printf ("(none) | %s/@%s", (char *) path, (char *) attr->name);

          xmlFree (path);
          return text;
        }
  return NULL;
}

/* Fails the test unless @before and @after are equal once the nodes @owned selects are gone from both. */
static inline void
hgr_test_assert_xml_differs_only (const char        *before,
                                  const char        *after,
                                  const char *const *owned)
{
  xmlDocPtr        a = hgr_test_xml_without (before, owned);
  xmlDocPtr        b = hgr_test_xml_without (after, owned);
  g_autofree char *ca = hgr_test_xml_c14n (a);
  g_autofree char *cb = hgr_test_xml_c14n (b);

  if (g_strcmp0 (ca, cb) != 0)
    {
      g_autofree char *where = hgr_test_xml_first_difference (xmlDocGetRootElement (a), xmlDocGetRootElement (b));

      g_test_message ("not owned, yet changed: %s", where != NULL ? where : "(text)");
      g_test_message ("after:\n%s", after);
      g_test_fail ();
    }
  xmlFreeDoc (a);
  xmlFreeDoc (b);
}

G_END_DECLS
