/* hgr-guest-private.h — what HgrHost (and the tests) need of HgrGuest beyond its API
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>

#include "hgr-guest.h"

G_BEGIN_DECLS

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

HgrGuestState hgr_guest_state_from_libvirt (int      vir_state,
                                            gboolean managed_save);

HgrGuest    *hgr_guest_new_from_info (HgrHost      *host,
                                      HgrGuestInfo *info);
void         hgr_guest_apply_info (HgrGuest     *self,
                                   HgrGuestInfo *info);
void         hgr_guest_set_state (HgrGuest     *self,
                                  HgrGuestState state);
void         hgr_guest_set_persistent (HgrGuest *self,
                                       gboolean  persistent);
virDomainPtr hgr_guest_get_domain (HgrGuest *self);

G_END_DECLS
