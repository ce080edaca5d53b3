/* hgr-new-guest-private.h — HgrNewGuest's struct, shared by its files
 *
 * hgr-new-guest.c: the choices as properties and their defaults;
 * hgr-new-guest-check.c: their checks;
 * hgr-new-guest-build.c: the domain XML; hgr-new-guest-create.c: Create and
 * its rollback, Discard.
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "hgr-new-guest.h"

G_BEGIN_DECLS

struct _HgrNewGuest
{
  GObject parent_instance;

  HgrHost      *host;
  HgrHostFacts *facts;

  HgrInstallSource source;
  char            *iso_file;    /* on this computer */
  char            *iso_volume;  /* a volume's path on the host */
  char            *import_path; /* an existing image's path on the host */
  HgrOsInfo       *os;

  guint64 memory; /* bytes */
  guint   vcpus;

  HgrInstallStorage storage;
  guint64           disk_size; /* bytes */
  char             *pool;
  gboolean          create_pool; /* make the standard pool first */
  char             *disk_path;   /* an existing volume or file */

  char    *name;
  gboolean name_edited; /* the user typed it: a new OS keeps it */

  HgrInstallNetwork network;
  char             *network_name;
  char             *bridge;

  gboolean uefi;
  gboolean customize;

  /* Create */
  HgrCreateStep step;     /* under way, or DONE */
  double        fraction; /* of the upload */
  gboolean      busy;
  HgrCreateStep fail_at; /* tests: DONE for none */
  char         *uuid;    /* the guest Create made */
  /* What Create made, for Discard (Customize before install → Cancel) */
  char *created_pool;
  char *created_iso;
  char *created_disk;
};

const HgrMachineFacts *hgr_new_guest_get_machine_facts (HgrNewGuest *self);

void hgr_new_guest_set_progress (HgrNewGuest  *self,
                                 HgrCreateStep step,
                                 double        fraction);
void hgr_new_guest_set_busy (HgrNewGuest *self,
                             gboolean     busy);

G_END_DECLS
