/* test-details.c — the Details view on the test driver: edit through the widgets, apply, revert, ask, XML
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "hgr-config-part.h"
#include "hgr-details-view.h"
#include "hgr-details-xml.h"
#include "hgr-domain-config.h"
#include "hgr-host.h"
#include "hgr-test-host.h"
#include "hgr-test-widgets.h"
#include "hgr-test-xml.h"

typedef struct
{
  HgrHost        *host;
  HgrGuest       *guest;
  GtkWindow      *window;
  HgrDetailsView *view;
} Fixture;

static HgrGuest *
guest_by_name (HgrHost    *host,
               const char *name)
{
  GListModel *guests = hgr_host_get_guests (host);

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (guests, i);

      if (g_strcmp0 (hgr_guest_get_name (guest), name) == 0)
        return guest;
    }
  g_assert_not_reached ();
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *uri = hgr_test_dup_fixture_uri ("config-node.xml");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture->host = hgr_host_new (uri);
  hgr_host_connect_async (fixture->host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (fixture->host, result, &error));
  fixture->guest = guest_by_name (fixture->host, data != NULL ? data : "editor");

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->view = HGR_DETAILS_VIEW (g_object_new (HGR_TYPE_DETAILS_VIEW, NULL));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  hgr_details_view_set_guest (fixture->view, fixture->guest);
  hgr_details_view_set_active (fixture->view, TRUE);
  HGR_TEST_WAIT_UNTIL (hgr_details_view_get_config (fixture->view) != NULL);
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_width (GTK_WIDGET (fixture->view)) > 0);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->window)
      gtk_window_destroy (l->data);
  g_list_free (toplevels);
  gtk_window_destroy (fixture->window);
  hgr_test_host_close (fixture->host);
}

static GtkWidget *
find_nth (GtkWidget *root,
          GType      type,
          guint     *n)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (*n)-- == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_nth (child, type, n);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The @index-th widget of @type in the section on screen. */
static GtkWidget *
section_widget (Fixture *fixture,
                GType    type,
                guint    index)
{
  GtkWidget *found = find_nth (hgr_details_view_get_section (fixture->view), type, &index);

  g_assert_nonnull (found);
  return found;
}

static char *
dump_xml (Fixture *fixture)
{
  virDomainPtr domain = virDomainLookupByName (hgr_host_get_connection (fixture->host), hgr_guest_get_name (fixture->guest));
  char        *xml = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);

  virDomainFree (domain);
  return xml;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
select_item (Fixture    *fixture,
             const char *key)
{
  g_assert_true (hgr_details_view_select (fixture->view, key));
}

static HgrConfigPart *
part (Fixture    *fixture,
      const char *key)
{
  return hgr_domain_config_find_part (hgr_details_view_get_config (fixture->view), key);
}

static void
apply_and_wait (Fixture *fixture)
{
  HgrDomainConfig *before = hgr_details_view_get_config (fixture->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.apply", NULL));
  g_assert_true (hgr_details_view_get_busy (fixture->view));
  HGR_TEST_WAIT_UNTIL (!hgr_details_view_get_busy (fixture->view));
  HGR_TEST_WAIT_UNTIL (hgr_details_view_get_config (fixture->view) != before);
}

static GtkWidget *
status_label (Fixture *fixture)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), HGR_TYPE_DETAILS_VIEW, "status_label"));
}

/* Memory: the spin buttons stage the change, Apply defines it. */
static void
test_memory (Fixture      *fixture,
             gconstpointer data)
{
  g_autofree char *xml = NULL;

  select_item (fixture, "memory");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 0)), 2048);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1)), 1536);
  g_assert_true (hgr_config_part_get_modified (part (fixture, "memory")));
  g_assert_true (hgr_details_view_get_modified (fixture->view));
  apply_and_wait (fixture);

  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<memory unit='KiB'>2097152</memory>"));
  g_assert_nonnull (strstr (xml, "<currentMemory unit='KiB'>1572864</currentMemory>"));
  g_assert_false (hgr_details_view_get_modified (fixture->view));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label (fixture))), ==, "Applied.");
  /* The new configuration is on screen, on the same page. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 0))), ==, 2048);
}

/* A value that cannot be: its message, and no Apply. */
static void
test_invalid_value (Fixture      *fixture,
                    gconstpointer data)
{
  select_item (fixture, "cpu");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 2)), 3); /* sockets */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (status_label (fixture))), ==,
                   "Sockets × cores × threads (3 × 0 × 0) must equal the maximum vCPUs (2).");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.apply", NULL) &&
                  hgr_details_view_get_busy (fixture->view));
}

static void
test_revert (Fixture      *fixture,
             gconstpointer data)
{
  GtkWidget *entry;

  select_item (fixture, "overview");
  entry = section_widget (fixture, GTK_TYPE_ENTRY, 1); /* title */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Another title");
  g_assert_true (hgr_details_view_get_modified (fixture->view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.revert", NULL));
  g_assert_false (hgr_details_view_get_modified (fixture->view));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (section_widget (fixture, GTK_TYPE_ENTRY, 1))), ==, "Editor");
}

/* As a click on one of its buttons: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Leaving a page with unsaved edits asks; Stay stays, Discard goes. */
static void
test_unsaved_prompt (Fixture      *fixture,
                     gconstpointer data)
{
  AdwMessageDialog *dialog;

  select_item (fixture, "memory");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1)), 512);
  select_item (fixture, "cpu");
  HGR_TEST_WAIT_UNTIL ((dialog = hgr_test_find_message_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Apply the Changes to “Memory”?");
  g_assert_true (hgr_details_view_get_modified (fixture->view));
  respond (dialog, "stay");
  HGR_TEST_WAIT_UNTIL (hgr_test_find_message_dialog () == NULL);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1))), ==, 512);

  select_item (fixture, "cpu");
  HGR_TEST_WAIT_UNTIL ((dialog = hgr_test_find_message_dialog ()) != NULL);
  respond (dialog, "discard");
  HGR_TEST_WAIT_UNTIL (hgr_test_find_message_dialog () == NULL);
  g_assert_false (hgr_details_view_get_modified (fixture->view));
  /* The processors page now: its first spin is the current vCPUs. */
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 0))), ==, 2);
}

static void
set_xml_text (Fixture    *fixture,
              const char *text)
{
  GtkWidget *view = section_widget (fixture, GTK_SOURCE_TYPE_VIEW, 0);
  GtkWidget *edit = section_widget (fixture, GTK_TYPE_SWITCH, 0);

  gtk_switch_set_active (GTK_SWITCH (edit), TRUE);
  g_assert_true (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

/* The XML page: a refused text keeps its text and shows libvirt's message; a good one is defined. */
static void
test_xml (Fixture      *fixture,
          gconstpointer data)
{
  HgrDetailsXml   *section;
  g_autofree char *original = g_strdup (hgr_domain_config_get_xml (hgr_details_view_get_config (fixture->view)));
  g_autofree char *text = NULL;
  g_autofree char *xml = NULL;
  GString         *edited;

  select_item (fixture, "xml");
  section = HGR_DETAILS_XML (hgr_details_view_get_section (fixture->view));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (section_widget (fixture, GTK_SOURCE_TYPE_VIEW, 0))));

  set_xml_text (fixture, "<domain type='test'><name>editor</name>");
  g_assert_true (hgr_details_xml_get_modified (section));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.apply", NULL));
  HGR_TEST_WAIT_UNTIL (!hgr_details_view_get_busy (fixture->view));
  g_assert_nonnull (hgr_details_xml_get_error (section));
  g_test_message ("refused: %s", hgr_details_xml_get_error (section));
  text = hgr_details_xml_dup_text (section);
  g_assert_cmpstr (text, ==, "<domain type='test'><name>editor</name>");

  /* Well-formed, but libvirt's schema refuses it: libvirt's own message. */
  edited = g_string_new (original);
  g_string_replace (edited, "<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>two</vcpu>", 1);
  set_xml_text (fixture, edited->str);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.apply", NULL));
  HGR_TEST_WAIT_UNTIL (!hgr_details_view_get_busy (fixture->view));
  g_assert_nonnull (strstr (hgr_details_xml_get_error (section), "schema"));
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<vcpu placement='static'>2</vcpu>"));

  /* A good edit is defined, and the page shows libvirt's XML afterwards. */
  g_string_assign (edited, original);
  g_string_replace (edited, "<vcpu placement='static'>2</vcpu>", "<vcpu placement='static'>3</vcpu>", 1);
  set_xml_text (fixture, edited->str);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.apply", NULL));
  HGR_TEST_WAIT_UNTIL (!hgr_details_view_get_busy (fixture->view));
  HGR_TEST_WAIT_UNTIL (strstr (hgr_domain_config_get_xml (hgr_details_view_get_config (fixture->view)), ">3</vcpu>") != NULL);
  g_free (xml);
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<vcpu placement='static'>3</vcpu>"));
  g_string_free (edited, TRUE);
}

/* Add Hardware → Network Interface, Apply: the guest has a second NIC, and its page stays on screen. */
static void
test_add_nic (Fixture      *fixture,
              gconstpointer data)
{
  g_autofree char *xml = NULL;
  g_autofree char *key = NULL;
  GListModel      *parts = hgr_domain_config_get_parts (hgr_details_view_get_config (fixture->view));
  g_autoptr (HgrConfigPart) added = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.add-nic", NULL));
  g_assert_true (hgr_details_view_get_modified (fixture->view));
  added = g_list_model_get_item (parts, g_list_model_get_n_items (parts) - 1);
  g_assert_true (hgr_config_part_get_added (added));
  key = g_strdup (hgr_config_part_get_key (added));
  apply_and_wait (fixture);
  xml = dump_xml (fixture);
  g_assert_cmpuint (count (xml, "<interface type='network'>"), ==, 2);
  g_assert_nonnull (strstr (xml, key + strlen ("nic:")));
  g_assert_nonnull (part (fixture, key));
  g_assert_false (hgr_config_part_get_added (part (fixture, key)));
}

/* The CD drive: media in through its entry. */
static void
test_cd_media (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *xml = NULL;

  select_item (fixture, "disk:sda");
  gtk_editable_set_text (GTK_EDITABLE (section_widget (fixture, GTK_TYPE_ENTRY, 0)), "/hangar-test/images/spare.qcow2");
  apply_and_wait (fixture);
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<source file='/hangar-test/images/spare.qcow2'/>"));
}

/* Remove a disk through its page's button; Keep takes it back, Remove and Apply take it out. */
static void
test_remove_disk (Fixture      *fixture,
                  gconstpointer data)
{
  g_autofree char *xml = NULL;
  GtkWidget       *button = NULL;

  select_item (fixture, "disk:vda");
  for (guint i = 0; (button = find_nth (hgr_details_view_get_section (fixture->view), GTK_TYPE_BUTTON, &(guint){ i })) != NULL; i++)
    if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "Remove") == 0)
      break;
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (hgr_config_part_get_removed (part (fixture, "disk:vda")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Keep");
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (hgr_details_view_get_modified (fixture->view));
  g_signal_emit_by_name (button, "clicked");
  apply_and_wait (fixture);
  xml = dump_xml (fixture);
  g_assert_null (strstr (xml, "<target dev='vda'"));
  g_assert_null (part (fixture, "disk:vda"));
}

static GtkWidget *
button_named (Fixture    *fixture,
              const char *tooltip)
{
  GtkWidget *button;

  for (guint i = 0; (button = find_nth (hgr_details_view_get_section (fixture->view), GTK_TYPE_BUTTON, &(guint){ i })) != NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (button), tooltip) == 0 && gtk_widget_is_sensitive (button))
      return button;
  g_assert_not_reached ();
}

/* Every other page through its own widgets: processors, overview, boot order, a NIC; each applied. */
static void
test_pages (Fixture      *fixture,
            gconstpointer data)
{
  g_autofree char *xml = NULL;
  AdwComboRow     *model;

  /* Processors: the maximum and the current count. */
  select_item (fixture, "cpu");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1)), 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 0)), 3);
  apply_and_wait (fixture);
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<vcpu placement='static' current='3'>4</vcpu>"));

  /* Overview: the title. */
  select_item (fixture, "overview");
  gtk_editable_set_text (GTK_EDITABLE (section_widget (fixture, GTK_TYPE_ENTRY, 1)), "Renamed in the page");
  apply_and_wait (fixture);
  g_free (xml);
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<title>Renamed in the page</title>"));

  /* Boot: the CD drive moved up, above the disk; <os><boot> becomes per-device order. */
  select_item (fixture, "boot");
  g_signal_emit_by_name (button_named (fixture, "Move Up"), "clicked");
  apply_and_wait (fixture);
  g_free (xml);
  xml = dump_xml (fixture);
  g_assert_null (strstr (xml, "<boot dev="));
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/devices/disk[target/@dev='sda']/boot[@order='1']"), >, 0);
  g_assert_cmpint (hgr_test_xml_count (xml, "/domain/devices/disk[target/@dev='vda']/boot[@order='2']"), >, 0);

  /* A NIC: its model, through the combo row. */
  select_item (fixture, "nic:52:54:00:00:00:01");
  model = ADW_COMBO_ROW (section_widget (fixture, ADW_TYPE_COMBO_ROW, 2));
  adw_combo_row_set_selected (model, 1); /* e1000e */
  apply_and_wait (fixture);
  g_free (xml);
  xml = dump_xml (fixture);
  g_assert_nonnull (strstr (xml, "<model type='e1000e'/>"));
}

/* Changed outside Hangar while edits are staged: the banner, and Keep keeps them. */
static void
test_outside_change (Fixture      *fixture,
                     gconstpointer data)
{
  GtkRevealer     *banner = GTK_REVEALER (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), HGR_TYPE_DETAILS_VIEW, "outside_revealer"));
  g_autofree char *xml = dump_xml (fixture);
  GString         *changed = g_string_new (xml);
  virDomainPtr     defined;

  select_item (fixture, "memory");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1)), 768);
  g_string_replace (changed, "<title>Editor</title>", "<title>Edited elsewhere</title>", 1);
  defined = virDomainDefineXML (hgr_host_get_connection (fixture->host), changed->str);
  g_assert_nonnull (defined);
  virDomainFree (defined);
  HGR_TEST_WAIT_UNTIL (gtk_revealer_get_reveal_child (banner));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.keep", NULL));
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_assert_true (hgr_details_view_get_modified (fixture->view));

  /* Without edits, an outside change just reloads. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "details.revert", NULL));
  g_string_replace (changed, "Edited elsewhere", "Edited twice", 1);
  defined = virDomainDefineXML (hgr_host_get_connection (fixture->host), changed->str);
  virDomainFree (defined);
  HGR_TEST_WAIT_UNTIL (strstr (hgr_domain_config_get_xml (hgr_details_view_get_config (fixture->view)), "Edited twice") != NULL);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  g_string_free (changed, TRUE);
}

/* Keyboard only: Tab from the sidebar reaches every field of the memory page, and Apply. */
static void
test_keyboard (Fixture      *fixture,
               gconstpointer data)
{
  GtkWidget *maximum, *current, *apply;
  gboolean   seen_maximum = FALSE, seen_current = FALSE, seen_apply = FALSE;

  select_item (fixture, "memory");
  maximum = gtk_widget_get_first_child (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 0));
  current = gtk_widget_get_first_child (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1));
  apply = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), HGR_TYPE_DETAILS_VIEW, "apply_button"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (section_widget (fixture, GTK_TYPE_SPIN_BUTTON, 1)), 900); /* Apply sensitive */
  /* Tab only reaches what is on screen: wait until the new page is laid out. */
  HGR_TEST_WAIT_UNTIL (gtk_widget_get_mapped (maximum) && gtk_widget_get_width (maximum) > 0 && gtk_widget_get_mapped (apply));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->view), HGR_TYPE_DETAILS_VIEW, "sidebar_list")));
  for (guint i = 0; i < 40; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (fixture->window), GTK_DIR_TAB_FORWARD);
      focus = gtk_window_get_focus (fixture->window);
      seen_maximum |= focus != NULL && (focus == maximum || gtk_widget_is_ancestor (focus, maximum) || gtk_widget_is_ancestor (focus, gtk_widget_get_parent (maximum)));
      seen_current |= focus != NULL && (focus == current || gtk_widget_is_ancestor (focus, gtk_widget_get_parent (current)));
      seen_apply |= focus == apply;
    }
  g_assert_true (seen_maximum);
  g_assert_true (seen_current);
  g_assert_true (seen_apply);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  gtk_source_init ();

  g_test_add ("/details/memory", Fixture, NULL, fixture_set_up, test_memory, fixture_tear_down);
  g_test_add ("/details/invalid-value", Fixture, NULL, fixture_set_up, test_invalid_value, fixture_tear_down);
  g_test_add ("/details/revert", Fixture, NULL, fixture_set_up, test_revert, fixture_tear_down);
  g_test_add ("/details/unsaved-prompt", Fixture, NULL, fixture_set_up, test_unsaved_prompt, fixture_tear_down);
  g_test_add ("/details/xml", Fixture, NULL, fixture_set_up, test_xml, fixture_tear_down);
  g_test_add ("/details/add-nic", Fixture, NULL, fixture_set_up, test_add_nic, fixture_tear_down);
  g_test_add ("/details/cd-media", Fixture, NULL, fixture_set_up, test_cd_media, fixture_tear_down);
  g_test_add ("/details/pages", Fixture, NULL, fixture_set_up, test_pages, fixture_tear_down);
  g_test_add ("/details/remove-disk", Fixture, NULL, fixture_set_up, test_remove_disk, fixture_tear_down);
  g_test_add ("/details/outside-change", Fixture, NULL, fixture_set_up, test_outside_change, fixture_tear_down);
  g_test_add ("/details/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  status = g_test_run ();
  gtk_source_finalize (); /* its language and style managers, for the leak check */
  return status;
}
