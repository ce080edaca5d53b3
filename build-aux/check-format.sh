#!/bin/sh
# check-format.sh — fails when a C file differs from what clang-format makes of it
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "${1:-$(dirname "$0")/..}"
# shellcheck disable=SC2046
clang-format --dry-run --Werror $(find src tests -name '*.[ch]' | sort)
