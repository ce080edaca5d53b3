/* hgr-test-new-guest.h — what New Guest's unit tests share: the OS database loaded, a QEMU host's facts
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-new-guest.h"
#include "hgr-os-db.h"
#include "hgr-test-host.h"

#define GiB (G_GUINT64_CONSTANT (1) << 30)
#define MiB (G_GUINT64_CONSTANT (1) << 20)

static inline HgrOsDb *
loaded_db (void)
{
  HgrOsDb *db = hgr_os_db_get_default ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  hgr_os_db_load_async (db, NULL, hgr_test_store_result_cb, &result);
  /* About a second here; many times that under AddressSanitizer. */
  HGR_TEST_WAIT_UNTIL_SECONDS (result != NULL, 280);
  g_assert_true (hgr_os_db_load_finish (db, result, &error));
  g_assert_no_error (error);
  return db;
}

static inline HgrOsInfo *
os (const char *short_id)
{
  HgrOsInfo *info = hgr_os_db_lookup (loaded_db (), short_id);

  if (info == NULL)
    g_error ("the installed osinfo-db has no %s", short_id);
  return info;
}

static inline void
read_domcaps (HgrMachineFacts *machine,
              HgrHostFacts    *facts,
              const char      *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autofree char *xml = NULL;

  g_assert_true (g_file_get_contents (path, &xml, NULL, NULL));
  hgr_host_facts_read_domain_capabilities (machine, xml, &facts->emulator, &facts->domain_type);
}

/* A QEMU host (TCG) as Debian 12's libvirt describes it, 16 GiB, 8 CPUs, a default pool and network. */
static inline HgrHostFacts *
qemu_facts (void)
{
  HgrHostFacts *facts = hgr_host_facts_new ();
  HgrPoolFacts *pool = g_new0 (HgrPoolFacts, 1);

  read_domcaps (&facts->q35, facts, "domcaps-q35.xml");
  read_domcaps (&facts->pc, facts, "domcaps-pc.xml");
  facts->memory = 16 * GiB;
  facts->cpus = 8;
  pool->name = g_strdup ("default");
  pool->active = TRUE;
  pool->available = 100 * GiB;
  pool->isos = g_new0 (char *, 1);
  pool->images = g_new0 (char *, 1);
  g_ptr_array_add (facts->pools, pool);
  g_strfreev (facts->networks);
  facts->networks = g_strsplit ("default", ",", -1);
  return facts;
}
