#!/bin/sh
# keyring-session.sh — runs a test with a private Secret Service: its own D-Bus session and GNOME Keyring
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: keyring-session.sh TEST [ARGS…]
#
# The console remembers display passwords in the user's keyring; its tests
# must never touch the keyring of whoever runs them. This starts a D-Bus
# session bus of its own (dbus-run-session) with gnome-keyring-daemon's
# secrets component, its keyrings in a fresh directory, the login keyring
# unlocked with a throwaway password, and runs the test with
# HGR_TEST_PRIVATE_KEYRING=1. Without dbus-run-session or
# gnome-keyring-daemon the test runs without that variable and skips its
# keyring checks with the reason (Debian packages dbus, gnome-keyring).
set -eu

if [ "${HGR_KEYRING_SESSION_INNER:-}" = 1 ]; then
  dir=$(mktemp -d)
  trap 'kill "$keyring" 2>/dev/null || :; rm -rf "$dir"' EXIT
  mkdir -p "$dir/data" "$dir/runtime" "$dir/config"
  chmod 700 "$dir/runtime"
  export XDG_DATA_HOME="$dir/data" XDG_RUNTIME_DIR="$dir/runtime" XDG_CONFIG_HOME="$dir/config"
  # --unlock reads the login keyring's password on stdin (and creates it)
  printf 'hangar-test' | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.NameHasOwner \
      string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
    tries=$((tries + 1))
    if [ $tries -gt 100 ]; then
      echo "keyring-session: gnome-keyring-daemon did not come up" >&2
      exit 1
    fi
    sleep 0.05
  done
  unset HGR_KEYRING_SESSION_INNER
  HGR_TEST_PRIVATE_KEYRING=1 "$@"
  exit $?
fi

if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  HGR_KEYRING_SESSION_INNER=1 exec dbus-run-session -- "$0" "$@"
fi
HGR_TEST_NO_KEYRING="dbus-run-session or gnome-keyring-daemon is not installed (Debian packages dbus, gnome-keyring)" exec "$@"
