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
# number and talk to the other's server with the wrong cookie ("cannot open
# display", seen on a bare machine). And no server starts while another one
# is stopping: a server that is going away gives its display number free
# before it has removed its socket, and took the socket of the next server
# on that number with it (seen in the widget suite, 1 run in 4).
set -eu
dir=$(mktemp -d)
lock=${TMPDIR:-/tmp}/hangar-own-x-server.lock
exec 9>>"$lock"

flock 9
attempt=0
while :; do
  # A number of its own, away from the ones tests just used: GTK failed to
  # open a display whose number a server had just given up (1 run in 3,
  # after the console's tests; xdpyinfo could still connect).
  number=$(( $(od -An -N2 -tu2 /dev/urandom) % 30000 + 1000 ))
  : >"$dir/display"
  Xvfb ":$number" -displayfd 3 -nolisten tcp -screen 0 1280x800x24 3>"$dir/display" 2>"$dir/xvfb.log" 9>&- &
  xvfb=$!
  tries=0
  while [ ! -s "$dir/display" ] && kill -0 "$xvfb" 2>/dev/null && [ "$tries" -lt 300 ]; do
    tries=$((tries + 1))
    sleep 0.1
  done
  [ -s "$dir/display" ] && break
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 10 ]; then
    echo "own-x-server: Xvfb did not start:" >&2
    cat "$dir/xvfb.log" >&2
    exit 1
  fi
done
stop() {
  flock 9
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  flock -u 9
  rm -rf "$dir"
}
trap stop EXIT INT TERM
flock -u 9

DISPLAY=":$(cat "$dir/display")"
export DISPLAY
unset XAUTHORITY
status=0
"$@" 9>&- || status=$?
if [ "$status" -ne 0 ]; then
  echo "own-x-server: the test failed on $DISPLAY; the server said:" >&2
  cat "$dir/xvfb.log" >&2
fi
exit $status
