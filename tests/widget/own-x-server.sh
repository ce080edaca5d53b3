#!/bin/sh
# own-x-server.sh — runs a test on an X server of its own
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The console's and the screen reader's tests type and click through the X
# server (XTEST). On a server of their own, the X focus, pointer and keyboard
# state they change cannot touch the tests running beside them, nor theirs.
#
# Xvfb picks a free display itself (-displayfd): "xvfb-run -a" looks for one
# and then starts the server, so tests started together could pick the same
# number, and the loser talked to the winner's server with the wrong cookie
# ("cannot open display", seen on a bare machine).
set -eu
dir=$(mktemp -d)
Xvfb -displayfd 3 -nolisten tcp -screen 0 1280x800x24 3>"$dir/display" 2>"$dir/xvfb.log" &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
tries=0
until [ -s "$dir/display" ]; do
  if ! kill -0 "$xvfb" 2>/dev/null || [ "$tries" -ge 300 ]; then
    echo "own-x-server: Xvfb did not start:" >&2
    cat "$dir/xvfb.log" >&2
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
DISPLAY=":$(cat "$dir/display")"
export DISPLAY
unset XAUTHORITY
status=0
"$@" || status=$?
exit $status
