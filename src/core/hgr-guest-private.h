/* hgr-guest-private.h — HgrGuest inside core: its struct (shared by its files) and what HgrHost needs
 *
 * HgrGuest is one type in several files: hgr-guest.c (the object, its state
 * and properties), hgr-guest-actions.c (run, pause… and delete),
 * hgr-guest-details.c (the overview's details), hgr-guest-config.c
 * (its configuration: read, apply) and hgr-guest-graphics.c (a
 * socket to its display).
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "hgr-guest.h"

G_BEGIN_DECLS

struct _HgrGuest
{
  GObject parent_instance;

  /* Borrowed: the host owns its guests (weak pointer) */
  HgrHost *host;

  /* Owned */
  virDomainPtr  domain;
  char         *name;
  char         *uuid;
  char         *title;
  HgrGuestState state;
  guint         state_serial; /* counts state changes: tells a worker's reading stale */
  gboolean      persistent;
  guint         busy;

  /* Details, filled by hgr_guest_load_details_async() */
  gboolean details_loaded;
  char    *description;
  guint    vcpus;
  guint64  memory;
  char    *os_type;
  char    *arch;
  gboolean autostart;
  GStrv    disks;

  /* Live load, made on first use (HgrStatsSampler fills it) */
  HgrGuestStats *stats;
};

/* What a worker thread reads of one domain: plain data, applied on the main thread. */
typedef struct
{
  virDomainPtr  domain;
  char         *name;
  char          uuid[VIR_UUID_STRING_BUFLEN];
  char         *title;
  HgrGuestState state;
  gboolean      persistent;
} HgrGuestInfo;

HgrGuestInfo *hgr_guest_info_new (virDomainPtr  domain,
                                  HgrGuestState state,
                                  gboolean      persistent);
HgrGuestInfo *hgr_guest_info_fetch (virDomainPtr domain,
                                    GError     **error);
void          hgr_guest_info_free (HgrGuestInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HgrGuestInfo, hgr_guest_info_free)

/* What the details worker read. */
typedef struct
{
  char    *description;
  guint    vcpus;
  guint64  memory;
  char    *os_type;
  char    *arch;
  gboolean autostart;
  GStrv    disks;
  int      vir_state;
  gboolean managed_save;
} HgrGuestDetails;

void hgr_guest_details_clear (HgrGuestDetails *details);

HgrGuestState hgr_guest_state_from_libvirt (int      vir_state,
                                            gboolean managed_save);
gboolean      hgr_guest_read_state (virDomainPtr domain,
                                    int         *vir_state,
                                    gboolean    *managed_save,
                                    GError     **error);

HgrGuest    *hgr_guest_new_from_info (HgrHost      *host,
                                      HgrGuestInfo *info);
void         hgr_guest_apply_info (HgrGuest     *self,
                                   HgrGuestInfo *info);
void         hgr_guest_apply_details (HgrGuest        *self,
                                      HgrGuestDetails *details,
                                      guint            state_serial);
void         hgr_guest_set_state (HgrGuest     *self,
                                  HgrGuestState state);
void         hgr_guest_set_persistent (HgrGuest *self,
                                       gboolean  persistent);
void         hgr_guest_set_busy (HgrGuest *self,
                                 gboolean  busy);
void         hgr_guest_emit_deleted (HgrGuest *self);
void         hgr_guest_emit_config_changed (HgrGuest *self);
virDomainPtr hgr_guest_get_domain (HgrGuest *self);
virDomainPtr hgr_guest_ref_domain (HgrGuest *self);

G_END_DECLS
