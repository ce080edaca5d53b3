#!/bin/bash
# run-with-daemons.sh — runs one integration test against a private libvirt daemon
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-with-daemons.sh TEST-BINARY [ARGS…]
#
# Starts virtlogd and libvirtd (Debian 12 has only the monolithic daemon) with
# their own config file, socket directory, pid files and log in a fresh
# directory, waits until the daemon answers, runs the test with
# HGR_TEST_QEMU_URI pointing at the private socket (and HGR_TEST_LIBVIRTD_PIDFILE,
# HGR_TEST_LIBVIRTD_START for tests that kill and restart it), and on any exit destroys
# the test's guests and stops everything it started. Needs root (QEMU's
# system instance); otherwise the test is skipped with the reason, or fails
# when HGR_TEST_REQUIRE_ALL=1.
#
# It also starts a private sshd on 127.0.0.1 (own config, generated host and
# client keys, a prepared known_hosts) in front of that daemon, and passes
# HGR_TEST_SSH_URI (qemu+ssh with the key; proxy=netcat, because libvirt's
# virt-ssh-helper ignores the socket= of a private daemon), HGR_TEST_SSH_DIR
# (keys, known_hosts) and a PATH whose ssh checks host keys against that
# known_hosts only (libvirt's ssh transport ignores known_hosts=), in batch
# mode: a test never answers a prompt by accident. libvirt runs ssh with a
# cleaned environment, so a test that wants another known_hosts for one
# attempt writes its path into $HGR_TEST_SSH_DIR/use_known_hosts, and one
# that tests SSH_ASKPASS creates $HGR_TEST_SSH_DIR/use_askpass (batch mode
# off, unknown host keys asked: ssh may ask, through the askpass program only).
set -u

skip () {
  if [ "${HGR_TEST_REQUIRE_ALL:-0}" = 1 ]; then
    echo "Bail out! integration prerequisites missing: $*"
    exit 1
  fi
  echo "1..0 # SKIP $*"
  exit 0
}

[ "$(id -u)" -eq 0 ] || skip "needs root to start a private libvirtd with QEMU"
LIBVIRTD=$(command -v libvirtd || echo /usr/sbin/libvirtd)
VIRTLOGD=$(command -v virtlogd || echo /usr/sbin/virtlogd)
[ -x "$LIBVIRTD" ] && [ -x "$VIRTLOGD" ] || skip "libvirtd or virtlogd missing (package libvirt-daemon)"
command -v virsh >/dev/null || skip "virsh missing (package libvirt-clients)"
command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 missing (package qemu-system-x86)"
[ -x /usr/sbin/sshd ] || skip "sshd missing (package openssh-server)"
command -v nc >/dev/null || skip "nc missing (package netcat-openbsd)"
if [ -S /run/libvirt/libvirt-sock ] && virsh -c qemu:///system version >/dev/null 2>&1; then
  skip "a system libvirtd is running; its QEMU driver state would clash with a private one"
fi

# libvirtd keeps its drivers' pid files at fixed paths under /run/libvirt, so
# only one private daemon can run on a machine: runs of this harness queue.
exec 9>/tmp/hangar-integration.lock
flock -w 1800 9 || skip "another integration run held the lock for 30 minutes"

# What the packaged daemon expects without libvirt-daemon-system (which would
# pull in systemd): its directories and the compiled-in QEMU user.
mkdir -p /var/log/libvirt/qemu /var/lib/libvirt/qemu /var/lib/libvirt/images /var/cache/libvirt/qemu /run/libvirt
if ! getent passwd libvirt-qemu >/dev/null; then
  echo "# creating the system user libvirt-qemu that libvirtd's QEMU driver needs" >&2
  getent group libvirt-qemu >/dev/null || groupadd --system libvirt-qemu
  useradd --system --no-create-home --home-dir /var/lib/libvirt --gid libvirt-qemu \
    --shell /usr/sbin/nologin libvirt-qemu
fi

WORK=$(mktemp -d /tmp/hangar-daemons.XXXXXX)
mkdir -p "$WORK/run"
URI="qemu:///system?socket=$WORK/run/libvirt-sock"

cleanup () {
  status=$?
  if [ -f "$WORK/libvirtd.pid" ]; then
    for d in $(virsh -c "$URI" list --all --name 2>/dev/null | grep '^hgr-test-'); do
      virsh -c "$URI" destroy "$d" >/dev/null 2>&1
      virsh -c "$URI" undefine --managed-save --nvram "$d" >/dev/null 2>&1 ||
        virsh -c "$URI" undefine "$d" >/dev/null 2>&1
    done
  fi
    for p in libvirtd virtlogd ssh/sshd; do
    if [ -f "$WORK/$p.pid" ]; then
      pid=$(cat "$WORK/$p.pid")
      kill "$pid" 2>/dev/null
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  done
  if [ "$status" -ne 0 ] && [ -f "$WORK/libvirtd.log" ]; then
    echo "# libvirtd log (last lines):" >&2
    tail -n 30 "$WORK/libvirtd.log" | sed 's/^/#   /' >&2
  fi
    [ -n "${DEFAULT_LINK:-}" ] && rm -f /run/libvirt/libvirt-sock
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat > "$WORK/libvirtd.conf" <<CONF
unix_sock_dir = "$WORK/run"
unix_sock_group = "root"
unix_sock_rw_perms = "0770"
log_outputs = "3:file:$WORK/libvirtd.log"
CONF

# The guests run on TCG, always. A /dev/kvm the QEMU user cannot open (root
# 0600 without udev's rules), or one that fails at the first vCPU (nested
# virtualisation), still makes libvirt offer domain type kvm and re-probe QEMU
# on every lookup (its probe runs as root and sees KVM work; the guests do
# not). So the daemon runs in its own mount namespace whose /dev is a copy
# without kvm, its mounts (pts, shm) bound once each where they were: libvirt's
# per-guest namespaces move every mount under /dev, one move per line of
# /proc/mounts. Nothing changes outside that namespace.
# Tests that kill the daemon start it again with exactly this command.
START_LIBVIRTD="$WORK/start-libvirtd"
{
  echo '#!/bin/sh'
  echo "WORK='$WORK' LIBVIRTD='$LIBVIRTD'"
  cat <<'SH'
set -- "$LIBVIRTD" --daemon --config "$WORK/libvirtd.conf" --pid-file "$WORK/libvirtd.pid"
if [ -e /dev/kvm ] && unshare --mount --propagation private true 2>/dev/null; then
  exec unshare --mount --propagation private sh -ec '
    new=$0
    mkdir -p "$new"
    mount -t tmpfs -o mode=0755,nosuid hgr-dev "$new"
    for e in /dev/* /dev/.[!.]*; do
      [ -e "$e" ] || [ -L "$e" ] || continue
      n=${e#/dev/}
      [ "$n" = kvm ] && continue
      if mountpoint -q "$e"; then
        if [ -d "$e" ]; then mkdir "$new/$n"; else : > "$new/$n"; fi
        mount --bind "$e" "$new/$n"
      else
        cp -a "$e" "$new/"
      fi
    done
    umount --recursive --lazy /dev
    mount --move "$new" /dev
    exec "$@"' "$WORK/dev" "$@"
fi
exec "$@"
SH
} > "$START_LIBVIRTD"
chmod +x "$START_LIBVIRTD"

# The daemons must not hold the lock (fd 9): one left behind by a killed run
# would keep every later run waiting.
"$VIRTLOGD" --daemon --pid-file "$WORK/virtlogd.pid" 9>&- || skip "virtlogd did not start"
$START_LIBVIRTD 9>&- || { echo "Bail out! libvirtd did not start"; exit 1; }

# The first start probes QEMU's capabilities, which takes seconds.
for _ in $(seq 600); do
  virsh -c "$URI" version >/dev/null 2>&1 && break
  sleep 0.1
done
virsh -c "$URI" version >/dev/null 2>&1 || { echo "Bail out! libvirtd does not answer on $URI"; exit 1; }

# URIs as the connection dialog builds them (qemu+ssh://user@host/system) reach
# the default socket through virt-ssh-helper: point it at the private daemon
# while it runs (no system daemon runs, see above).
if [ -L /run/libvirt/libvirt-sock ] || [ ! -e /run/libvirt/libvirt-sock ]; then
  ln -sfn "$WORK/run/libvirt-sock" /run/libvirt/libvirt-sock && DEFAULT_LINK=1
fi

# The SSH host: a private sshd on a free loopback port.
S=$WORK/ssh
mkdir -p "$S/bin" /run/sshd
chmod 700 "$S"
ssh-keygen -q -t ed25519 -N '' -f "$S/host_ed25519"
ssh-keygen -q -t ed25519 -N '' -f "$S/client_ed25519"
KEY_PASSPHRASE="hangar test passphrase"
ssh-keygen -q -t ed25519 -N "$KEY_PASSPHRASE" -f "$S/client_encrypted"
cat "$S/client_ed25519.pub" "$S/client_encrypted.pub" > "$S/authorized_keys"
SSH_PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$S/sshd_config" <<CONF
ListenAddress 127.0.0.1:$SSH_PORT
HostKey $S/host_ed25519
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
CONF
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$S/host_ed25519.pub")" > "$S/known_hosts"
cat > "$S/bin/ssh" <<SH
#!/bin/sh
KH=$S/known_hosts
[ -f $S/use_known_hosts ] && KH=\$(cat $S/use_known_hosts)
BATCH=yes STRICT=yes
[ -f $S/use_askpass ] && BATCH=no STRICT=ask
exec /usr/bin/ssh -o UserKnownHostsFile="\$KH" -o StrictHostKeyChecking=\$STRICT -o BatchMode=\$BATCH "\$@"
SH
chmod +x "$S/bin/ssh"
/usr/sbin/sshd -f "$S/sshd_config" -E "$S/sshd.log" 9>&- || { echo "Bail out! sshd did not start"; exit 1; }
SSH_URI="qemu+ssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$S/client_ed25519&socket=$WORK/run/libvirt-sock&proxy=netcat"
SSH_PASSPHRASE_URI="qemu+ssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$S/client_encrypted&socket=$WORK/run/libvirt-sock&proxy=netcat"
# libssh reads known_hosts= itself; the key needs its passphrase, asked through libvirt's callback.
LIBSSH_URI="qemu+libssh://root@127.0.0.1:$SSH_PORT/system?keyfile=$S/client_encrypted&known_hosts=$S/known_hosts&sshauth=privkey&socket=$WORK/run/libvirt-sock&proxy=netcat"

PATH="$S/bin:$PATH" HGR_TEST_QEMU_URI="$URI" HGR_TEST_SSH_URI="$SSH_URI" HGR_TEST_SSH_DIR="$S" \
    HGR_TEST_LIBSSH_URI="$LIBSSH_URI" HGR_TEST_KEY_PASSPHRASE="$KEY_PASSPHRASE" \
    HGR_TEST_SSH_PASSPHRASE_URI="$SSH_PASSPHRASE_URI" HGR_TEST_SSH_PORT="$SSH_PORT" \
  HGR_TEST_SSH_KEY="$S/client_ed25519" \
  HGR_TEST_LIBVIRTD_PIDFILE="$WORK/libvirtd.pid" HGR_TEST_LIBVIRTD_START="$START_LIBVIRTD" "$@"
