/* hgr-error.h — the HGR_ERROR domain for every failure Hangar reports
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define HGR_ERROR (hgr_error_quark ())

typedef enum
{
  HGR_ERROR_FAILED,
  HGR_ERROR_INVALID_ARGUMENT,
  HGR_ERROR_INVALID_URI,
  HGR_ERROR_NOT_CONNECTED,
  HGR_ERROR_AUTH_FAILED,
  HGR_ERROR_UNREACHABLE,
  HGR_ERROR_NOT_FOUND,
  HGR_ERROR_LIBVIRT,
  HGR_ERROR_NOT_SUPPORTED, /* e.g. a guest whose only display is SPICE */
} HgrError;

GQuark hgr_error_quark (void);

G_END_DECLS
