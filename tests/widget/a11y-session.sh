#!/bin/sh
# a11y-session.sh — runs a test in an X server, a D-Bus session and an AT-SPI bus of its own
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The screen-reader test talks to Hangar over AT-SPI, as Orca does. Its own
# session bus starts its own accessibility bus (at-spi2-core); its own X
# server keeps its key presses away from the other tests.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -p "$dir/run" "$dir/config" "$dir/data" "$dir/cache"
chmod 700 "$dir/run"
export XDG_RUNTIME_DIR="$dir/run" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" XDG_CACHE_HOME="$dir/cache"
# The widget suite turns the bridge off; this test is about it.
export GTK_A11Y=atspi
unset NO_AT_BRIDGE
# The buses' own chatter (the registry prints to its standard output) goes to
# standard error; the test's TAP goes to ours, through descriptor 3.
exec 3>&1
"$(dirname "$0")/own-x-server.sh" dbus-run-session -- sh -c '"$@" >&3 3>&-' sh "$@" >&2
