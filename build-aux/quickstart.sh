#!/bin/sh
# quickstart.sh — installs what is missing, builds Hangar in _build and starts it
# on libvirt's embedded test hypervisor (test:///default); no daemon needed
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
# Not installed: find the compiled settings schema in the build tree.
GSETTINGS_SCHEMA_DIR="$PWD/_build/data" exec _build/src/hangar --connect test:///default "$@"
