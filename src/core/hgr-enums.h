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
  HGR_CREDENTIAL_USER_NAME,
  HGR_CREDENTIAL_PASSWORD,
  HGR_CREDENTIAL_PASSPHRASE,
  HGR_CREDENTIAL_PROMPT,
  HGR_CREDENTIAL_SECRET_PROMPT,
  HGR_CREDENTIAL_HOST_KEY,
} HgrCredentialKind;

typedef enum
{
  HGR_HYPERVISOR_QEMU_SYSTEM,
  HGR_HYPERVISOR_QEMU_SESSION,
  HGR_HYPERVISOR_TEST,
} HgrHypervisor;

/* Where a new guest's installer comes from. */
typedef enum
{
  HGR_INSTALL_SOURCE_ISO_FILE,   /* an ISO on this computer (uploaded to a remote host) */
  HGR_INSTALL_SOURCE_ISO_VOLUME, /* an ISO volume in a pool of the host */
  HGR_INSTALL_SOURCE_IMPORT,     /* an existing disk image: no installer */
  HGR_INSTALL_SOURCE_NETWORK,    /* PXE */
  HGR_INSTALL_SOURCE_NONE,       /* an empty disk */
} HgrInstallSource;

typedef enum
{
  HGR_INSTALL_STORAGE_NEW,      /* a new qcow2 volume in a pool */
  HGR_INSTALL_STORAGE_EXISTING, /* a volume or file the host has */
  HGR_INSTALL_STORAGE_NONE,
} HgrInstallStorage;

typedef enum
{
  HGR_INSTALL_NETWORK_VIRTUAL, /* a virtual network of the host */
  HGR_INSTALL_NETWORK_BRIDGE,  /* a host bridge, by name */
  HGR_INSTALL_NETWORK_NONE,
} HgrInstallNetwork;

/* The assistant's pages, in order; each is checked on its own. */
typedef enum
{
  HGR_INSTALL_STEP_SOURCE,
  HGR_INSTALL_STEP_OS,
  HGR_INSTALL_STEP_RESOURCES,
  HGR_INSTALL_STEP_STORAGE,
  HGR_INSTALL_STEP_NAME,
  HGR_INSTALL_STEP_SUMMARY,
} HgrInstallStep;

/* What Create does, in order; a failure at one undoes the ones before. */
typedef enum
{
  HGR_CREATE_STEP_POOL,
  HGR_CREATE_STEP_UPLOAD,
  HGR_CREATE_STEP_DISK,
  HGR_CREATE_STEP_DEFINE,
  HGR_CREATE_STEP_START,
  HGR_CREATE_STEP_DONE,
} HgrCreateStep;

G_END_DECLS
