/* test-host.c — hosts and guests on libvirt's test driver: listing, events, actions, delete
 *
 * Every test opens its own test-driver file, so each starts from the same state.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>

#include "hgr-error.h"
#include "hgr-guest-private.h"
#include "hgr-host-private.h"
#include "hgr-host.h"
#include "hgr-libvirt.h"
#include "hgr-test-host.h"

#define ALPHA_UUID "10000000-0000-0000-0000-000000000001"
#define BETA_UUID  "10000000-0000-0000-0000-000000000002"
#define GAMMA_UUID "10000000-0000-0000-0000-000000000003"

static HgrGuest *
guest_by_name (HgrHost    *host,
               const char *name)
{
  GListModel *guests = hgr_host_get_guests (host);

  for (guint i = 0; i < g_list_model_get_n_items (guests); i++)
    {
      g_autoptr (HgrGuest) guest = g_list_model_get_item (guests, i);

      if (g_strcmp0 (hgr_guest_get_name (guest), name) == 0)
        return guest; /* the host keeps it alive */
    }
  return NULL;
}

static gboolean
perform (HgrGuest      *guest,
         HgrGuestAction action,
         GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_guest_perform_async (guest, action, NULL, hgr_test_store_result_cb, &result);
  g_assert_true (hgr_guest_get_busy (guest));
  g_assert_false (hgr_guest_can (guest, HGR_GUEST_ACTION_DELETE));
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_guest_get_busy (guest));
  return hgr_guest_perform_finish (guest, result, error);
}

static gboolean
delete_guest (HgrGuest          *guest,
              gboolean           force_off,
              const char *const *disks,
              GError           **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  hgr_guest_delete_async (guest, force_off, disks, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  return hgr_guest_delete_finish (guest, result, error);
}

static void
load_details (HgrGuest *guest)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hgr_guest_load_details_async (guest, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_guest_load_details_finish (guest, result, &error));
  g_assert_no_error (error);
}

static void
test_connect_and_list (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  GListModel *guests = hgr_host_get_guests (host);
  HgrGuest   *alpha;

  g_assert_cmpstr (hgr_host_get_display_name (host), ==, "Test Driver (small-node.xml)");
  g_assert_false (hgr_host_get_remote (host));
  g_assert_null (hgr_host_get_error_message (host));
  g_assert_cmpuint (g_list_model_get_n_items (guests), ==, 3);

  alpha = hgr_host_lookup_guest (host, ALPHA_UUID);
  g_assert_nonnull (alpha);
  g_assert_true (alpha == guest_by_name (host, "alpha"));
  g_assert_true (hgr_guest_get_host (alpha) == host);
  g_assert_cmpstr (hgr_guest_get_title (alpha), ==, "Alpha Server");
  g_assert_cmpstr (hgr_guest_get_display_name (alpha), ==, "Alpha Server");
  g_assert_cmpint (hgr_guest_get_state (alpha), ==, HGR_GUEST_STATE_RUNNING);
  g_assert_true (hgr_guest_get_active (alpha));
  g_assert_true (hgr_guest_get_persistent (alpha));

  g_assert_cmpstr (hgr_guest_get_display_name (hgr_host_lookup_guest (host, BETA_UUID)), ==, "beta");
  g_assert_null (hgr_guest_get_title (hgr_host_lookup_guest (host, BETA_UUID)));
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, BETA_UUID)), ==, HGR_GUEST_STATE_SHUT_OFF);
  g_assert_false (hgr_guest_get_active (hgr_host_lookup_guest (host, BETA_UUID)));
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, GAMMA_UUID)), ==, HGR_GUEST_STATE_PAUSED);
}

static void
test_connect_failure (void)
{
  g_autoptr (HgrTestHost) host = hgr_host_new ("test:///nonexistent/hangar/node.xml");
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_host_connect_finish (host, result, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_UNREACHABLE);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_FAILED);
  g_assert_true (g_str_has_prefix (hgr_host_get_error_message (host), "Could not connect: "));
  /* libvirt's own reason is kept for the user. */
  g_assert_nonnull (strstr (hgr_host_get_error_message (host), "/nonexistent/hangar/node.xml"));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 0);
}

static void
test_disconnect_and_reconnect (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  g_autoptr (GAsyncResult) result = NULL;

  hgr_host_disconnect (host);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_DISCONNECTED);
  g_assert_null (hgr_host_get_connection (host));
  /* The connection is closed in a worker, and the host says so until done. */
  g_assert_true (hgr_host_get_closing (host));
  HGR_TEST_WAIT_UNTIL (!hgr_host_get_closing (host));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 0);

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_host_connect_finish (host, result, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 3);
}

static void
test_cancel_connect (void)
{
  g_autofree char *uri = hgr_test_dup_fixture_uri ("small-node.xml");
  g_autoptr (HgrTestHost) host = hgr_host_new (uri);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hgr_host_connect_async (host, NULL, hgr_test_store_result_cb, &result);
  hgr_host_cancel_connect (host);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_false (hgr_host_connect_finish (host, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (hgr_host_get_status (host), ==, HGR_HOST_STATUS_DISCONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 0);
}

#define N_RACK_HOSTS 4

static guint
count_connected (HgrHost **hosts)
{
  guint n = 0;

  for (guint i = 0; i < N_RACK_HOSTS; i++)
    n += hgr_host_get_status (hosts[i]) == HGR_HOST_STATUS_CONNECTED;
  return n;
}

/* Hosts that answer together list one per main-loop iteration, so that a
 * frame and input come between their listings (a rack of 100 hosts stalled
 * the window 1.5 s). A connect cancelled while it waits for its turn fails
 * as cancelled and lists nothing. */
static void
test_listings_apply_one_per_iteration (void)
{
  g_autofree char *uri = hgr_test_dup_fixture_uri ("small-node.xml");
  HgrHost         *hosts[N_RACK_HOSTS];
  GAsyncResult    *results[N_RACK_HOSTS] = { NULL };
  g_autoptr (HgrTestHost) late = hgr_host_new (uri);
  g_autoptr (GAsyncResult) late_result = NULL;
  g_autoptr (GError) error = NULL;
  guint connected = 0, iterations = 0;

  for (guint i = 0; i < N_RACK_HOSTS; i++)
    {
      hosts[i] = hgr_host_new (uri);
      hgr_host_connect_async (hosts[i], NULL, hgr_test_store_result_cb, &results[i]);
    }
  hgr_host_connect_async (late, NULL, hgr_test_store_result_cb, &late_result);
  /* The workers open the test driver in milliseconds; their results wait. */
  g_usleep (G_USEC_PER_SEC);
  hgr_host_cancel_connect (late);
  while (connected < N_RACK_HOSTS)
    {
      guint now;

      g_main_context_iteration (NULL, TRUE);
      now = count_connected (hosts);
      g_assert_cmpuint (now - connected, <=, 1);
      connected = now;
      g_assert_cmpuint (++iterations, <, 1000);
    }
  HGR_TEST_WAIT_UNTIL (late_result != NULL);
  g_assert_false (hgr_host_connect_finish (late, late_result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (late)), ==, 0);
  for (guint i = 0; i < N_RACK_HOSTS; i++)
    {
      HGR_TEST_WAIT_UNTIL (results[i] != NULL);
      g_assert_true (hgr_host_connect_finish (hosts[i], results[i], NULL));
      g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (hosts[i])), ==, 3);
      g_object_unref (results[i]);
      hgr_host_disconnect (hosts[i]);
      g_object_unref (hosts[i]);
    }
}

typedef struct
{
  guint n_changes;
} ItemsChanged;

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        gpointer    user_data)
{
  ItemsChanged *changes = user_data;

  changes->n_changes++;
}

static const char delta_xml[] =
  "<domain type='test'><name>delta</name><uuid>10000000-0000-0000-0000-000000000004</uuid>"
  "<title>Delta</title><memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>";
static const char epsilon_xml[] =
  "<domain type='test'><name>epsilon</name><uuid>10000000-0000-0000-0000-000000000005</uuid>"
  "<memory unit='MiB'>128</memory><os><type>hvm</type></os></domain>";

static void
test_events (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  virConnectPtr conn = hgr_host_get_connection (host);
  GListModel   *guests = hgr_host_get_guests (host);
  HgrGuest     *alpha = hgr_host_lookup_guest (host, ALPHA_UUID);
  ItemsChanged  changes = { 0 };
  virDomainPtr  domain;
  HgrGuest     *delta;

  g_signal_connect (guests, "items-changed", G_CALLBACK (count_items_changed_cb), &changes);

  /* Behind Hangar's back, on its own connection: only events can tell it. */
  domain = virDomainLookupByName (conn, "alpha");
  g_assert_cmpint (virDomainSuspend (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (alpha) == HGR_GUEST_STATE_PAUSED);
  g_assert_cmpint (virDomainResume (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (alpha) == HGR_GUEST_STATE_RUNNING);
  g_assert_cmpint (virDomainDestroy (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (alpha) == HGR_GUEST_STATE_SHUT_OFF);
  g_assert_cmpint (virDomainCreate (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_guest_get_state (alpha) == HGR_GUEST_STATE_RUNNING);
  virDomainFree (domain);

  /* Updated in place: the same object, one items-changed per state change. */
  g_assert_true (hgr_host_lookup_guest (host, ALPHA_UUID) == alpha);
  g_assert_cmpuint (changes.n_changes, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (guests), ==, 3);

  domain = virDomainDefineXML (conn, delta_xml);
  g_assert_nonnull (domain);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (guests) == 4);
  delta = hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000004");
  g_assert_nonnull (delta);
  g_assert_cmpstr (hgr_guest_get_display_name (delta), ==, "Delta");
  g_assert_cmpint (hgr_guest_get_state (delta), ==, HGR_GUEST_STATE_SHUT_OFF);
  g_assert_true (hgr_guest_get_persistent (delta));
  g_assert_cmpint (virDomainUndefine (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (g_list_model_get_n_items (guests) == 3);
  g_assert_null (hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000004"));
  virDomainFree (domain);

  /* A transient guest appears when it starts and goes when it stops. */
  domain = virDomainCreateXML (conn, epsilon_xml, 0);
  g_assert_nonnull (domain);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000005") != NULL);
  g_assert_false (hgr_guest_get_persistent (hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000005")));
  g_assert_cmpint (hgr_guest_get_state (hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000005")), ==,
                   HGR_GUEST_STATE_RUNNING);
  g_assert_cmpint (virDomainDestroy (domain), ==, 0);
  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, "10000000-0000-0000-0000-000000000005") == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (guests), ==, 3);
  virDomainFree (domain);

  g_signal_handlers_disconnect_by_data (guests, &changes);
}

static void
test_actions (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest *beta = hgr_host_lookup_guest (host, BETA_UUID);
  static const struct
  {
    HgrGuestAction action;
    HgrGuestState  after;
  } steps[] = {
    { HGR_GUEST_ACTION_RUN, HGR_GUEST_STATE_RUNNING },
    { HGR_GUEST_ACTION_PAUSE, HGR_GUEST_STATE_PAUSED },
    { HGR_GUEST_ACTION_RESUME, HGR_GUEST_STATE_RUNNING },
    { HGR_GUEST_ACTION_SAVE, HGR_GUEST_STATE_SAVED },
    { HGR_GUEST_ACTION_RUN, HGR_GUEST_STATE_RUNNING }, /* restores the save */
    { HGR_GUEST_ACTION_REBOOT, HGR_GUEST_STATE_RUNNING },
    { HGR_GUEST_ACTION_SHUT_DOWN, HGR_GUEST_STATE_SHUT_OFF },
    { HGR_GUEST_ACTION_RUN, HGR_GUEST_STATE_RUNNING },
    { HGR_GUEST_ACTION_FORCE_OFF, HGR_GUEST_STATE_SHUT_OFF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("step %u: action %d", i, steps[i].action);
      g_assert_true (hgr_guest_can (beta, steps[i].action));
      g_assert_true (perform (beta, steps[i].action, &error));
      g_assert_no_error (error);
      g_assert_cmpint (hgr_guest_get_state (beta), ==, steps[i].after);
    }

  /* The save image is really gone after the restore. */
  g_assert_cmpint (virDomainHasManagedSaveImage (hgr_guest_get_domain (beta), 0), ==, 0);
}

static void
test_actions_refused (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest                   *beta = hgr_host_lookup_guest (host, BETA_UUID);   /* shut off */
  HgrGuest                   *alpha = hgr_host_lookup_guest (host, ALPHA_UUID); /* running */
  static const HgrGuestAction not_when_off[] = {
    HGR_GUEST_ACTION_PAUSE,
    HGR_GUEST_ACTION_RESUME,
    HGR_GUEST_ACTION_SHUT_DOWN,
    HGR_GUEST_ACTION_REBOOT,
    HGR_GUEST_ACTION_FORCE_OFF,
    HGR_GUEST_ACTION_SAVE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (not_when_off); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (hgr_guest_can (beta, not_when_off[i]));
      /* Asked anyway, libvirt refuses, the message says why, nothing changes. */
      g_assert_false (perform (beta, not_when_off[i], &error));
      g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
      g_assert_nonnull (strstr (error->message, "not ")); /* "not running", "not paused", "not valid" */
      g_assert_cmpint (hgr_guest_get_state (beta), ==, HGR_GUEST_STATE_SHUT_OFF);
    }

  {
    g_autoptr (GError) error = NULL;

    g_assert_false (hgr_guest_can (alpha, HGR_GUEST_ACTION_RUN));
    g_assert_false (hgr_guest_can (alpha, HGR_GUEST_ACTION_RESUME));
    g_assert_true (hgr_guest_can (alpha, HGR_GUEST_ACTION_PAUSE));
    g_assert_false (perform (alpha, HGR_GUEST_ACTION_RUN, &error));
    g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, "already"));
    g_assert_cmpint (hgr_guest_get_state (alpha), ==, HGR_GUEST_STATE_RUNNING);
  }
}

static void
test_details (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest          *alpha = hgr_host_lookup_guest (host, ALPHA_UUID);
  const char *const *disks;

  g_assert_false (hgr_guest_get_details_loaded (alpha));
  load_details (alpha);
  g_assert_true (hgr_guest_get_details_loaded (alpha));
  g_assert_cmpstr (hgr_guest_get_description (alpha), ==, "The first guest of the fixture.");
  g_assert_cmpuint (hgr_guest_get_vcpus (alpha), ==, 2);
  g_assert_cmpuint (hgr_guest_get_memory (alpha), ==, 1024 * 1024 * 1024);
  g_assert_cmpstr (hgr_guest_get_os_type (alpha), ==, "hvm");
  g_assert_cmpstr (hgr_guest_get_arch (alpha), ==, "x86_64");
  g_assert_false (hgr_guest_get_autostart (alpha));

  /* Disks, never the install medium. */
  disks = hgr_guest_get_disks (alpha);
  g_assert_cmpuint (g_strv_length ((GStrv) disks), ==, 2);
  g_assert_cmpstr (disks[0], ==, "/hangar-test/images/alpha.qcow2");
  g_assert_cmpstr (disks[1], ==, "/hangar-test/images/alpha-data.qcow2");
}

static void
test_details_do_not_undo_newer_state (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest *beta = hgr_host_lookup_guest (host, BETA_UUID);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* The details worker reads "shut off"; before its answer is applied, an
   * event says the guest runs. The older reading must not win (it did: the
   * overview's details undid a Run in the window test, now and then). */
  g_assert_cmpint (hgr_guest_get_state (beta), ==, HGR_GUEST_STATE_SHUT_OFF);
  hgr_guest_load_details_async (beta, NULL, hgr_test_store_result_cb, &result);
  hgr_guest_set_state (beta, HGR_GUEST_STATE_RUNNING);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_guest_load_details_finish (beta, result, &error));
  g_assert_no_error (error);
  g_assert_true (hgr_guest_get_details_loaded (beta));
  g_assert_cmpint (hgr_guest_get_state (beta), ==, HGR_GUEST_STATE_RUNNING);

  /* With nothing newer, the details' reading stands. */
  g_clear_object (&result);
  load_details (beta);
  g_assert_cmpint (hgr_guest_get_state (beta), ==, HGR_GUEST_STATE_SHUT_OFF);
}

/* Renamed again and again behind Hangar's back: each rename is UNDEFINED then
 * DEFINED, each starting a read, and the workers finish in any order. The
 * list ends on the last name, not on one an older read saw (it did, now and
 * then, in /config/rename). */
static void
test_renames_end_on_the_last_name (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  virDomainPtr     domain = virDomainLookupByUUIDString (hgr_host_get_connection (host), BETA_UUID);
  g_autofree char *last = NULL;

  g_assert_nonnull (domain);
  for (guint i = 1; i <= 40; i++)
    {
      g_free (last);
      last = g_strdup_printf ("beta-%u", i);
      g_assert_cmpint (virDomainRename (domain, last, 0), ==, 0);
    }
  virDomainFree (domain);

  HGR_TEST_WAIT_UNTIL (hgr_host_lookup_guest (host, BETA_UUID) != NULL &&
                       g_strcmp0 (hgr_guest_get_name (hgr_host_lookup_guest (host, BETA_UUID)), last) == 0);
  /* Reads still under way give way to the newest. */
  hgr_test_run_for (G_USEC_PER_SEC / 2);
  g_assert_nonnull (hgr_host_lookup_guest (host, BETA_UUID));
  g_assert_cmpstr (hgr_guest_get_name (hgr_host_lookup_guest (host, BETA_UUID)), ==, last);
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 3);
}

static void
test_delete_keeps_storage (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest *gamma = hgr_host_lookup_guest (host, GAMMA_UUID); /* paused: active */
  g_autoptr (GError) error = NULL;

  /* Without the user's agreement to force it off, nothing happens. */
  g_assert_false (delete_guest (gamma, FALSE, NULL, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
  g_assert_true (hgr_host_lookup_guest (host, GAMMA_UUID) == gamma);
  g_assert_cmpint (hgr_guest_get_state (gamma), ==, HGR_GUEST_STATE_PAUSED);
  g_clear_error (&error);

  g_object_ref (gamma);
  g_assert_true (delete_guest (gamma, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (hgr_host_lookup_guest (host, GAMMA_UUID));
  g_assert_cmpuint (g_list_model_get_n_items (hgr_host_get_guests (host)), ==, 2);
  g_assert_null (virDomainLookupByName (hgr_host_get_connection (host), "gamma"));
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/images/gamma.qcow2"));
  g_object_unref (gamma);
}

static void
test_delete_with_storage (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest *alpha = g_object_ref (hgr_host_lookup_guest (host, ALPHA_UUID));
  g_autoptr (GError) error = NULL;

  load_details (alpha);
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/images/alpha.qcow2"));
  g_assert_true (delete_guest (alpha, TRUE, hgr_guest_get_disks (alpha), &error));
  g_assert_no_error (error);
  g_assert_null (hgr_host_lookup_guest (host, ALPHA_UUID));
  g_assert_false (hgr_test_volume_exists (host, "/hangar-test/images/alpha.qcow2"));
  g_assert_false (hgr_test_volume_exists (host, "/hangar-test/images/alpha-data.qcow2"));
  /* Another guest's disk is untouched. */
  g_assert_true (hgr_test_volume_exists (host, "/hangar-test/images/gamma.qcow2"));
  g_object_unref (alpha);
}

static void
test_delete_unknown_storage_changes_nothing (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest   *beta = hgr_host_lookup_guest (host, BETA_UUID);
  const char *disks[] = { "/outside/any/pool/beta.img", NULL };
  g_autoptr (GError) error = NULL;
  virDomainPtr domain;

  g_assert_false (delete_guest (beta, FALSE, disks, &error));
  g_assert_error (error, HGR_ERROR, HGR_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Nothing was changed"));
  g_assert_true (hgr_host_lookup_guest (host, BETA_UUID) == beta);
  domain = virDomainLookupByName (hgr_host_get_connection (host), "beta");
  g_assert_nonnull (domain);
  virDomainFree (domain);
}

static void
test_open_graphics_unsupported (void)
{
  g_autoptr (HgrTestHost) host = hgr_test_connect_fixture ("small-node.xml");
  HgrGuest *alpha = hgr_host_lookup_guest (host, ALPHA_UUID);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* The test driver has no display to hand over: a clear error, no socket. */
  hgr_guest_open_graphics_async (alpha, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_cmpint (hgr_guest_open_graphics_finish (alpha, result, NULL, NULL, &error), ==, -1);
  g_assert_error (error, HGR_ERROR, HGR_ERROR_LIBVIRT);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "not supported"));
}

/* Hangar's UUID string is libvirt's, for the default guest and for guests
 * with random UUIDs (every digit and letter turns up). */
static void
test_uuid_string_is_libvirts (void)
{
  g_autoptr (virConnect) conn = virConnectOpen ("test:///default");
  g_autoptr (virDomain) fixed = NULL;

  g_assert_nonnull (conn);
  fixed = virDomainLookupByName (conn, "test");
  g_assert_nonnull (fixed);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *xml = g_strdup_printf ("<domain type='test'><name>uuid-%u</name><memory>1024</memory>"
                                              "<os><type>hvm</type></os></domain>",
                                              i);
      g_autoptr (virDomain) domain = NULL;
      char libvirts[VIR_UUID_STRING_BUFLEN], ours[VIR_UUID_STRING_BUFLEN];

      if (i == 0)
        {
          virDomainRef (fixed);
          domain = fixed;
        }
      else
        domain = virDomainCreateXML (conn, xml, 0);
      g_assert_nonnull (domain);
      g_assert_cmpint (virDomainGetUUIDString (domain, libvirts), ==, 0);
      hgr_libvirt_get_uuid_string (domain, ours);
      g_assert_cmpstr (ours, ==, libvirts);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/host/connect-and-list", test_connect_and_list);
  g_test_add_func ("/host/connect-failure", test_connect_failure);
  g_test_add_func ("/host/disconnect-and-reconnect", test_disconnect_and_reconnect);
  g_test_add_func ("/host/cancel-connect", test_cancel_connect);
  g_test_add_func ("/host/listings-apply-one-per-iteration", test_listings_apply_one_per_iteration);
  g_test_add_func ("/host/events", test_events);
  g_test_add_func ("/host/actions", test_actions);
  g_test_add_func ("/host/actions-refused", test_actions_refused);
  g_test_add_func ("/host/details", test_details);
  g_test_add_func ("/host/delete-keeps-storage", test_delete_keeps_storage);
  g_test_add_func ("/host/delete-with-storage", test_delete_with_storage);
  g_test_add_func ("/host/delete-unknown-storage-changes-nothing", test_delete_unknown_storage_changes_nothing);
  g_test_add_func ("/host/open-graphics-unsupported", test_open_graphics_unsupported);
  g_test_add_func ("/host/details-do-not-undo-newer-state", test_details_do_not_undo_newer_state);
  g_test_add_func ("/host/renames-end-on-the-last-name", test_renames_end_on_the_last_name);
  g_test_add_func ("/host/uuid-string-is-libvirts", test_uuid_string_is_libvirts);

  return g_test_run ();
}
