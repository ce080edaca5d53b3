/* test-uri.c — building, checking and naming connection URIs
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "hgr-error.h"
#include "hgr-uri.h"

typedef struct
{
  const char *uri;
  gboolean    valid;
  const char *message_part; /* a word the error must contain, for bad ones */
} ValidateCase;

static const ValidateCase validate_cases[] = {
  { "qemu:///system", TRUE, NULL },
  { "qemu:///session", TRUE, NULL },
  { "test:///default", TRUE, NULL },
  { "test:///srv/hangar/node.xml", TRUE, NULL },
  { "lxc:///", TRUE, NULL },
  { "xen:///system", TRUE, NULL },
  { "qemu+ssh://root@server.example/system", TRUE, NULL },
  { "qemu+ssh://admin@192.0.2.10:2222/system", TRUE, NULL },
  { "qemu+ssh://[2001:db8::1]/system", TRUE, NULL },
  { "qemu+ssh://[::1]:2222/session", TRUE, NULL },
  { "qemu+libssh://root@127.0.0.1:2222/system?known_hosts=/tmp/kh&keyfile=/tmp/k", TRUE, NULL },
  { "qemu+libssh2://root@127.0.0.1/system", TRUE, NULL },
  { "qemu+tls://server.example/system", TRUE, NULL },
  { "qemu+tcp://server.example:16509/system", TRUE, NULL },
  { "qemu+unix:///system?socket=/run/hangar/libvirt-sock", TRUE, NULL },
  { "qemu+ext:///system?command=/usr/bin/helper", TRUE, NULL },
  { "qemu+ssh://user%40corp@host/system", TRUE, NULL },
  { "qemu+ssh://root@host/system?keyfile=/home/me/my%20keys/id", TRUE, NULL },
  { "test+ssh://root@127.0.0.1:2222/default", TRUE, NULL },
  { "qemu:///embed?root=/tmp/hangar-embed", TRUE, NULL },
  { "", FALSE, "qemu:///system" },
  { "qemu", FALSE, "driver" },
  { "qemu:/system", FALSE, "driver" },
  { "kvm:///system", FALSE, "kvm" },
  { "qemu+ftp://host/system", FALSE, "ftp" },
  { "qemu+ssh:///system", FALSE, "host name" },
  { "qemu+tls:///system", FALSE, "host name" },
  { "qemu:///sistem", FALSE, "/system" },
  { "qemu://", FALSE, "/system" },
  { "test://default", FALSE, "test:///default" },
  { "test://", FALSE, "test:///default" },
  { "qemu:///system ", FALSE, "spaces" },
  { " qemu:///system", FALSE, "spaces" },
  { "qemu+ssh://root@my host/system", FALSE, "spaces" },
  { "qemu+ssh://root:secret@host/system", FALSE, "password" },
  { "qemu+ssh://root@host:99999/system", FALSE, "not valid" },
  { "qemu+ssh://root@host:0/system", FALSE, "Port 0" },
  { "qemu+ssh://root@host:abc/system", FALSE, "not valid" },
  { "qemu:///system#top", FALSE, "#" },
  { "qemu+ssh://root@-host/system", FALSE, "host name" },
  { "qemu+ssh://root@ho$t/system", FALSE, "host name" },
  { "qemu+ssh://[2001:db8::1/system", FALSE, "not valid" },
};

static void
test_validate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (validate_cases); i++)
    {
      const ValidateCase *c = &validate_cases[i];
      g_autoptr (GError) error = NULL;
      gboolean valid;

      g_test_message ("validate “%s”", c->uri);
      valid = hgr_uri_validate (c->uri, &error);
      if (c->valid)
        {
          g_assert_no_error (error);
          g_assert_true (valid);
        }
      else
        {
          g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_URI);
          g_assert_false (valid);
          if (strstr (error->message, c->message_part) == NULL)
            g_error ("“%s”: message “%s” lacks “%s”", c->uri, error->message, c->message_part);
        }
    }
}

typedef struct
{
  HgrHypervisor hypervisor;
  const char   *user;
  const char   *host;
  guint         port;
  const char   *keyfile;
  const char   *expected; /* NULL: must fail */
} BuildCase;

static const BuildCase build_cases[] = {
  { HGR_HYPERVISOR_QEMU_SYSTEM, NULL, NULL, 0, NULL, "qemu:///system" },
  { HGR_HYPERVISOR_QEMU_SESSION, NULL, NULL, 0, NULL, "qemu:///session" },
  { HGR_HYPERVISOR_TEST, NULL, NULL, 0, NULL, "test:///default" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "", "", 0, "", "qemu:///system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "server.example", 0, NULL, "qemu+ssh://root@server.example/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "server.example", 22, NULL, "qemu+ssh://root@server.example/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "127.0.0.1", 2222, NULL, "qemu+ssh://root@127.0.0.1:2222/system" },
  { HGR_HYPERVISOR_QEMU_SESSION, "me", "box", 0, NULL, "qemu+ssh://me@box/session" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, NULL, "box", 0, NULL, "qemu+ssh://box/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "::1", 2222, NULL, "qemu+ssh://root@[::1]:2222/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "2001:db8::5", 0, NULL, "qemu+ssh://root@[2001:db8::5]/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "user@corp", "box", 0, NULL, "qemu+ssh://user%40corp@box/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "50%off", "box", 0, NULL, "qemu+ssh://50%25off@box/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "a:b", "box", 0, NULL, "qemu+ssh://a%3Ab@box/system" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "box", 0, "/home/me/.ssh/id_ed25519",
    "qemu+ssh://root@box/system?keyfile=/home/me/.ssh/id_ed25519" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "box", 0, "/home/me/my keys/id",
    "qemu+ssh://root@box/system?keyfile=/home/me/my%20keys/id" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "box", 0, "/k&x=1", "qemu+ssh://root@box/system?keyfile=/k%26x%3D1" },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "box", 70000, NULL, NULL },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "bad host", 0, NULL, NULL },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "", 0, NULL, NULL },
  { HGR_HYPERVISOR_QEMU_SYSTEM, NULL, NULL, 2222, NULL, NULL },
  { HGR_HYPERVISOR_QEMU_SYSTEM, NULL, NULL, 0, "/key", NULL },
  { HGR_HYPERVISOR_QEMU_SYSTEM, "root", "-box", 0, NULL, NULL },
  { (HgrHypervisor) 99, NULL, NULL, 0, NULL, NULL },
};

static void
test_build (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (build_cases); i++)
    {
      const BuildCase *c = &build_cases[i];
      g_autoptr (GError) error = NULL;
      g_autofree char *uri = NULL;

      uri = hgr_uri_build (c->hypervisor, c->user, c->host, c->port, c->keyfile, &error);
      g_test_message ("build %u → %s", i, uri ? uri : error->message);
      if (c->expected == NULL)
        {
          g_assert_error (error, HGR_ERROR, HGR_ERROR_INVALID_ARGUMENT);
          g_assert_null (uri);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, c->expected);
      /* Everything the form builds, the checker accepts. */
      g_assert_true (hgr_uri_validate (uri, NULL));
    }
}

static void
test_display_name (void)
{
  static const struct
  {
    const char *uri;
    const char *name;
  } cases[] = {
    { "qemu:///system", "QEMU/KVM" },
    { "qemu:///session", "QEMU/KVM User Session" },
    { "test:///default", "Test Driver" },
    { "test:///srv/nodes/big.xml", "Test Driver (big.xml)" },
    { "lxc:///", "Linux Containers" },
    { "qemu+ssh://root@server/system", "QEMU/KVM on root@server" },
    { "qemu+ssh://server/session", "QEMU/KVM User Session on server" },
    { "vbox:///session", "vbox:///session" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = hgr_uri_dup_display_name (cases[i].uri);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

static void
test_parse_form (void)
{
  /* Every URI the form builds comes back as the same fields. */
  for (guint i = 0; i < G_N_ELEMENTS (build_cases); i++)
    {
      const BuildCase *c = &build_cases[i];
      g_autofree char *user = NULL;
      g_autofree char *host = NULL;
      g_autofree char *keyfile = NULL;
      HgrHypervisor    hypervisor;
      guint            port;

      if (c->expected == NULL)
        continue;
      g_test_message ("parse %s", c->expected);
      g_assert_true (hgr_uri_parse_form (c->expected, &hypervisor, &user, &host, &port, &keyfile));
      g_assert_cmpint (hypervisor, ==, c->hypervisor);
      g_assert_cmpstr (user, ==, c->user != NULL && *c->user != '\0' ? c->user : NULL);
      g_assert_cmpstr (host, ==, c->host != NULL && *c->host != '\0' ? c->host : NULL);
      g_assert_cmpuint (port, ==, c->port == 22 ? 0 : c->port);
      g_assert_cmpstr (keyfile, ==, c->keyfile != NULL && *c->keyfile != '\0' ? c->keyfile : NULL);
    }

  /* Anything else stays a typed address. */
  {
    static const char *const typed[] = {
      "qemu+libssh://root@127.0.0.1/system",
      "qemu+tls://server/system",
      "qemu:///system?socket=/run/other",
      "qemu+ssh://root@box/system?keyfile=/k&known_hosts=/kh",
      "qemu+ssh://root@box:22/system",
      "lxc:///",
      "test:///srv/node.xml",
      "qemu+ssh://root:pw@box/system",
    };

    for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
      {
        g_autofree char *user = NULL;
        g_autofree char *host = NULL;
        g_autofree char *keyfile = NULL;
        HgrHypervisor    hypervisor;
        guint            port;

        g_test_message ("typed %s", typed[i]);
        g_assert_false (hgr_uri_parse_form (typed[i], &hypervisor, &user, &host, &port, &keyfile));
        g_assert_null (user);
      }
  }
}

static void
test_remote (void)
{
  g_assert_false (hgr_uri_is_remote ("qemu:///system"));
  g_assert_false (hgr_uri_is_remote ("test:///default"));
  g_assert_false (hgr_uri_is_remote ("qemu+unix:///system"));
  g_assert_true (hgr_uri_is_remote ("qemu+ssh://root@box/system"));
  g_assert_true (hgr_uri_is_remote ("qemu+tls://box/system"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/uri/validate", test_validate);
  g_test_add_func ("/uri/build", test_build);
  g_test_add_func ("/uri/display-name", test_display_name);
  g_test_add_func ("/uri/remote", test_remote);
  g_test_add_func ("/uri/parse-form", test_parse_form);

  return g_test_run ();
}
