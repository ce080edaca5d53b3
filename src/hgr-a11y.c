/* hgr-a11y.c — what a screen reader needs that GTK 4.8 does not give by itself
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checked with AT-SPI on GTK 4.8 (tests/widget/test-a11y.py):
 * - A list item has no name of its own (gtk_list_item_set_accessible_label
 *   is GTK 4.12), and a screen reader focuses the list item, not the row in
 *   it: it heard nothing in the guest list.
 * - The pages a GtkStack does not show are "visible" to a screen reader, so
 *   it reads the hidden pages too ("No Connections" beside the guest list).
 * - A button with a mnemonic gets its label twice in its name, once raw
 *   ("_Delete" from the label property) and once from its child label
 *   ("Delete"): "_Delete Delete".
 */

#define G_LOG_DOMAIN "hgr-a11y"

#include "config.h"

#include "hgr-a11y.h"

/**
 * hgr_a11y_set_list_item_text:
 * @row: the child of a list item
 * @label: what the item is called, e.g. the guest's name
 * @description: (nullable): what a sighted user reads beside it
 *
 * Names @row and the list item around it, so the item that takes the focus
 * says what it shows.
 */
void
hgr_a11y_set_list_item_text (GtkWidget  *row,
                             const char *label,
                             const char *description)
{
  GtkWidget *item = gtk_widget_get_parent (row);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "", -1);
  if (item != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "", -1);
}

static void
reset_label (GtkButton *button)
{
  /* The child label names the button; the raw label would be read first. */
  if (gtk_button_get_use_underline (button))
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
button_notify_label_cb (GtkButton *button)
{
  reset_label (button);
}

/**
 * hgr_a11y_fix_mnemonic_buttons:
 * @root: a widget
 *
 * Makes every button with a mnemonic under @root (itself included) say its
 * name once, also after its label changes. Call it once the buttons exist,
 * e.g. after a template is built or a dialog's responses are added.
 */
void
hgr_a11y_fix_mnemonic_buttons (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && g_object_get_data (G_OBJECT (root), "hgr-a11y-mnemonic") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "hgr-a11y-mnemonic", GINT_TO_POINTER (TRUE));
      g_signal_connect (root, "notify::label", G_CALLBACK (button_notify_label_cb), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (button_notify_label_cb), NULL);
      reset_label (GTK_BUTTON (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    hgr_a11y_fix_mnemonic_buttons (child);
}

static void
stack_sync_hidden (GtkStack *stack)
{
  GtkWidget *shown = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, child != shown, -1);
}

/**
 * hgr_a11y_follow_stack:
 * @stack: a stack
 *
 * Keeps the pages @stack does not show hidden from screen readers.
 */
void
hgr_a11y_follow_stack (GtkStack *stack)
{
  g_signal_connect (stack, "notify::visible-child", G_CALLBACK (stack_sync_hidden), NULL);
  stack_sync_hidden (stack);
}

static void
string_factory_setup_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (list_item, label);
}

static void
string_factory_bind_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *list_item)
{
  GtkWidget  *label = gtk_list_item_get_child (list_item);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (list_item));

  gtk_label_set_label (GTK_LABEL (label), text);
  hgr_a11y_set_list_item_text (label, text, NULL);
}

/**
 * hgr_a11y_string_factory_new:
 *
 * Returns: (transfer full): a factory for lists of #GtkStringObject, e.g. a
 *   combo row's popup, whose items are named by their strings
 */
GtkListItemFactory *
hgr_a11y_string_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (string_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (string_factory_bind_cb), NULL);
  return factory;
}
