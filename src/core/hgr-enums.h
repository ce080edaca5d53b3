/* hgr-enums.h — enumerations of the core, registered as GTypes by glib-mkenums
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* In the order guests sort by state: most alive first. */
typedef enum
{
  HGR_GUEST_STATE_RUNNING,
  HGR_GUEST_STATE_PAUSED,
  HGR_GUEST_STATE_SUSPENDED,
  HGR_GUEST_STATE_SHUTTING_DOWN,
  HGR_GUEST_STATE_CRASHED,
  HGR_GUEST_STATE_SAVED,
  HGR_GUEST_STATE_SHUT_OFF,
  HGR_GUEST_STATE_UNKNOWN,
} HgrGuestState;

typedef enum
{
  HGR_GUEST_ACTION_RUN,
  HGR_GUEST_ACTION_PAUSE,
  HGR_GUEST_ACTION_RESUME,
  HGR_GUEST_ACTION_SHUT_DOWN,
  HGR_GUEST_ACTION_REBOOT,
  HGR_GUEST_ACTION_FORCE_OFF,
  HGR_GUEST_ACTION_SAVE,
  HGR_GUEST_ACTION_DELETE,
} HgrGuestAction;

typedef enum
{
  HGR_HOST_STATUS_DISCONNECTED,
  HGR_HOST_STATUS_CONNECTING,
  HGR_HOST_STATUS_CONNECTED,
  HGR_HOST_STATUS_FAILED,
} HgrHostStatus;

typedef enum
{
  HGR_HYPERVISOR_QEMU_SYSTEM,
  HGR_HYPERVISOR_QEMU_SESSION,
  HGR_HYPERVISOR_TEST,
} HgrHypervisor;

G_END_DECLS
