/* hgr-error.c — the HGR_ERROR quark
 *
 * SPDX-FileCopyrightText: The Hangar authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "hgr-error.h"

G_DEFINE_QUARK (hgr - error - quark, hgr_error)
