#!/bin/sh
# check-potfiles.sh — every file with translatable strings is in po/POTFILES.in, and only those
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "${1:-$(dirname "$0")/..}"

listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$' | sort)
found=$( (grep -lE '\b(_|N_|C_|ngettext) \(' $(find src -name '*.c' | sort) ;
          grep -l 'translatable="yes"' $(find ui -name '*.ui' | sort) ;
          ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml) | sort)

status=0
for f in $found; do
  echo "$listed" | grep -qx "$f" || { echo "missing from po/POTFILES.in: $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but gone: $f"; status=1; continue; }
  echo "$found" | grep -qx "$f" || { echo "listed in po/POTFILES.in without strings: $f"; status=1; }
done
exit $status
