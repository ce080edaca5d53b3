#!/bin/sh
# check-translations.sh — every language in po/LINGUAS translates every string of today's sources
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Extracts the strings as meson's hangar-pot target does (glib preset), merges
# each translation with them in a temporary folder and fails on any message
# that is untranslated, fuzzy or does not pass msgfmt --check. The tree is
# never written.
set -eu
cd "${1:-$(dirname "$0")/..}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

grep -v '^#' po/POTFILES.in | grep -v '^$' > "$tmp/files"
xgettext --package-name=hangar --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --files-from="$tmp/files" -D . -o "$tmp/hangar.pot"

status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching -o "$tmp/$lang.po" "po/$lang.po" "$tmp/hangar.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/$lang.po" 2>&1) || { echo "$lang: $stats"; status=1; continue; }
  echo "$lang: $stats"
  case "$stats" in
    *untranslated* | *fuzzy*)
      msgattrib --untranslated "$tmp/$lang.po" | grep '^msgid' | sed "s/^/$lang: untranslated: /" | tail -n +2
      msgattrib --only-fuzzy "$tmp/$lang.po" | grep '^msgid' | sed "s/^/$lang: fuzzy: /" | tail -n +2
      status=1 ;;
  esac
  # Obsolete entries are kept by msgmerge as #~; they are harmless but say the file is stale.
  if grep -q '^#~' "$tmp/$lang.po"; then
    echo "$lang: has messages no source uses any more; run meson compile hangar-update-po"
    status=1
  fi
done
exit $status
