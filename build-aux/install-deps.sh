#!/bin/sh
# install-deps.sh — installs the Debian 12 packages Hangar needs to build, run and test
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs apt-get as root (through sudo when not root). Installs only what is
# missing, so it is quick the second time.
set -eu

# Build
# (libxml2-dev: libvirt-gconfig-1.0.pc requires libxml-2.0, but Debian 12's
# libvirt-glib-1.0-dev does not depend on it.)
PACKAGES="meson ninja-build pkg-config gcc gettext python3 libglib2.0-dev-bin
  libgtk-4-dev libadwaita-1-dev libvirt-dev libvirt-glib-1.0-dev libxml2-dev
  libgvnc-1.0-dev libosinfo-1.0-dev osinfo-db libgtksourceview-5-dev libsecret-1-dev"
# Run: icons; the in-process test driver comes with libvirt itself
PACKAGES="$PACKAGES adwaita-icon-theme"
# Test: display and input (xdotool), lint, a real libvirt daemon with QEMU (TCG), the virsh
# floor, sshd, gtk-vnc's own viewer to compare the console with
PACKAGES="$PACKAGES xvfb xauth desktop-file-utils appstream clang-format flatpak-builder
  libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
  openssh-server openssh-client netcat-openbsd xdotool gvncviewer"
# Test: install media for New Guest (ISO 9660 images, a bootable GRUB rescue ISO)
PACKAGES="$PACKAGES xorriso grub-pc-bin grub-common mtools"
# Test: a screen reader's view (AT-SPI in a private D-Bus session); a
# private keyring for the console's remembered passwords
PACKAGES="$PACKAGES dbus at-spi2-core python3-pyatspi gnome-keyring"

missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing:$missing"
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $missing
