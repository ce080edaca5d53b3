/* test-vnc-password.c — display passwords remembered in a private Secret Service (tests/keyring-session.sh)
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsecret/secret.h>

#include "hgr-test-utils.h"
#include "hgr-vnc-password.h"

#define HOST_A "qemu+ssh://admin@192.0.2.10/system"
#define HOST_B "qemu:///system"
#define UUID_1 "5a1b7c3e-0d0f-4c52-9d0b-0f9b2b8f7a01"
#define UUID_2 "5a1b7c3e-0d0f-4c52-9d0b-0f9b2b8f7a02"

static gboolean
have_private_keyring (void)
{
  /* never the keyring of whoever runs the tests */
  if (g_getenv ("HGR_TEST_PRIVATE_KEYRING") == NULL)
    {
      g_test_skip (g_getenv ("HGR_TEST_NO_KEYRING") != NULL
                     ? g_getenv ("HGR_TEST_NO_KEYRING")
                     : "not in a private keyring session (run through tests/keyring-session.sh)");
      return FALSE;
    }
  return TRUE;
}

static char *
lookup (const char *uri,
        const char *uuid)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *password;

  hgr_vnc_password_lookup_async (uri, uuid, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  password = hgr_vnc_password_lookup_finish (result, &error);
  g_assert_no_error (error);
  return password;
}

static void
store (const char *uri,
       const char *uuid,
       const char *password)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hgr_vnc_password_store_async (uri, uuid, "fedora37", password, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  g_assert_true (hgr_vnc_password_store_finish (result, &error));
  g_assert_no_error (error);
}

static gboolean
clear (const char *uri,
       const char *uuid)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean cleared;

  hgr_vnc_password_clear_async (uri, uuid, NULL, hgr_test_store_result_cb, &result);
  HGR_TEST_WAIT_UNTIL (result != NULL);
  cleared = hgr_vnc_password_clear_finish (result, &error);
  g_assert_no_error (error);
  return cleared;
}

#define assert_remembered(uri, uuid, expected)    \
  G_STMT_START                                    \
  {                                               \
    char *hgr_password = lookup (uri, uuid);      \
    g_assert_cmpstr (hgr_password, ==, expected); \
    if (hgr_password != NULL)                     \
      hgr_vnc_password_free (hgr_password);       \
  }                                               \
  G_STMT_END

static void
test_remember_replace_forget (void)
{
  if (!have_private_keyring ())
    return;

  assert_remembered (HOST_A, UUID_1, NULL);
  store (HOST_A, UUID_1, "first pass wörd");
  assert_remembered (HOST_A, UUID_1, "first pass wörd");

  /* a wrong remembered one is replaced, not kept beside the new one */
  store (HOST_A, UUID_1, "second");
  assert_remembered (HOST_A, UUID_1, "second");
  {
    g_autoptr (GHashTable) attributes = secret_attributes_build (&(SecretSchema){ "io.github.hangarvm.Hangar.VncPassword",
                                                                                  SECRET_SCHEMA_NONE,
                                                                                  { { "host-uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                                                                    { "guest-uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
                                                                                    { NULL, 0 } } },
                                                                 "host-uri", HOST_A, "guest-uuid", UUID_1, NULL);
    g_autoptr (GError) error = NULL;
    g_autoptr (SecretService) service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
    GList *items;

    g_assert_no_error (error);
    items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_length (items), ==, 1);
    /* the item says whose it is */
    {
      g_autofree char *label = secret_item_get_label (items->data);

      g_assert_cmpstr (label, ==, "VNC password of fedora37 on " HOST_A);
    }
    g_list_free_full (items, g_object_unref);
  }

  /* forgotten: gone, and forgetting again says there was none */
  g_assert_true (clear (HOST_A, UUID_1));
  assert_remembered (HOST_A, UUID_1, NULL);
  g_assert_false (clear (HOST_A, UUID_1));
}

static void
test_keyed_by_host_and_guest (void)
{
  if (!have_private_keyring ())
    return;

  store (HOST_A, UUID_1, "a1");
  store (HOST_A, UUID_2, "a2");
  store (HOST_B, UUID_1, "b1");
  assert_remembered (HOST_A, UUID_1, "a1");
  assert_remembered (HOST_A, UUID_2, "a2");
  assert_remembered (HOST_B, UUID_1, "b1");
  assert_remembered (HOST_B, UUID_2, NULL);
  /* forgetting one leaves the others */
  g_assert_true (clear (HOST_A, UUID_1));
  assert_remembered (HOST_A, UUID_2, "a2");
  assert_remembered (HOST_B, UUID_1, "b1");
  clear (HOST_A, UUID_2);
  clear (HOST_B, UUID_1);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vnc-password/remember-replace-forget", test_remember_replace_forget);
  g_test_add_func ("/vnc-password/keyed-by-host-and-guest", test_keyed_by_host_and_guest);
  status = g_test_run ();
  /* libsecret keeps its Secret Service proxies for the process: let them go
   * (what GIO's shared session bus still caches is in lsan.supp) */
  secret_service_disconnect ();
  return status;
}
