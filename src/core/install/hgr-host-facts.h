/* hgr-host-facts.h — what a new guest may use on a host: memory, CPUs, firmware, pools, networks
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "hgr-host.h"

G_BEGIN_DECLS

/* One machine type of the host's emulator, as its domain capabilities say. */
typedef struct
{
  gboolean available;
  char    *machine;     /* canonical, e.g. pc-q35-7.2 */
  gboolean efi;         /* a UEFI firmware is installed for it */
  gboolean tpm;         /* an emulated TPM (swtpm) can be added */
  guint    max_vcpus;   /* 0: not known */
  gboolean rng_builtin; /* QEMU's own random number source (no host device file) */
} HgrMachineFacts;

typedef struct
{
  char    *name;
  char    *type; /* dir, logical, … */
  char    *path; /* target path, or NULL */
  gboolean active;
  guint64  capacity;  /* bytes */
  guint64  available; /* bytes */
  GStrv    isos;      /* paths of its volumes that end in .iso */
  GStrv    images;    /* paths of its other volumes */
} HgrPoolFacts;

typedef struct
{
  char           *uri;
  gboolean        remote;
  gboolean        session; /* qemu:///session: the user's own pools */
  guint64         memory;  /* bytes */
  guint           cpus;
  char           *domain_type; /* kvm, or qemu (TCG) when the host has no KVM */
  char           *emulator;
  char           *arch;
  HgrMachineFacts q35;
  HgrMachineFacts pc;
  GPtrArray      *pools;              /* HgrPoolFacts, by name */
  GStrv           networks;           /* active virtual networks, by name */
  char           *standard_pool_path; /* where a new "default" pool goes */
} HgrHostFacts;

#define HGR_TYPE_HOST_FACTS (hgr_host_facts_get_type ())

GType               hgr_host_facts_get_type (void) G_GNUC_CONST;
HgrHostFacts       *hgr_host_facts_new (void);
HgrHostFacts       *hgr_host_facts_ref (HgrHostFacts *facts);
void                hgr_host_facts_unref (HgrHostFacts *facts);
void                hgr_host_facts_read_domain_capabilities (HgrMachineFacts *machine,
                                                             const char      *xml,
                                                             char           **emulator,
                                                             char           **domain_type);
const HgrPoolFacts *hgr_host_facts_find_pool (const HgrHostFacts *facts,
                                              const char         *name);
gboolean            hgr_host_facts_has_network (const HgrHostFacts *facts,
                                                const char         *name);

void          hgr_host_read_facts_async (HgrHost            *host,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
HgrHostFacts *hgr_host_read_facts_finish (HgrHost      *host,
                                          GAsyncResult *result,
                                          GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrHostFacts, hgr_host_facts_unref)

G_END_DECLS
