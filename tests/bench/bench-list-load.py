#!/usr/bin/env python3
# bench-list-load.py — how fast the real hangar lists 1 000 and 5 000 guests, and what its live load costs (figures, never pass/fail)
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: bench-list-load.py HANGAR GEN_NODE SCHEMA_DIR

For each size it writes a test-driver host file (2/3 of the guests running or
paused), starts hangar on it (under its own Xvfb unless DISPLAY is set) twice,
with the live load off (stats-enabled false, the list only) and on (the
default: every 3 s), and prints: ms until the window is mapped, ms until every guest is in the
window's list (the hgr-perf messages), peak RSS, and CPU use over
HGR_BENCH_IDLE_SECONDS (30) of steady state afterwards; with the load on, each
tick's worker and main-thread (apply) time, from the sampler's hgr-perf lines.
In the same run it prints the floor: `virsh -c test:///FILE list --all` wall
time and peak RSS. It fails only when the load is read while off, or never
while on.
"""
import contextlib
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

SIZES = (1, 1000, 5000)
IDLE_SECONDS = float(os.environ.get("HGR_BENCH_IDLE_SECONDS", "30"))
TICK_LINE = re.compile(r"stats tick: .*: (\d+) guests, (\d+) running, worker ([\d.]+) ms, apply ([\d.]+) ms")
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                            pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    return xvfb, f":{display}"


def virsh_list(uri):
    """`virsh -c URI list --all`: its wall ms, CPU ms and peak RSS in MB (the floor the benchmarks compare with)."""
    start = time.monotonic()
    virsh = subprocess.Popen(["virsh", "-c", uri, "list", "--all"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(virsh.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        raise RuntimeError(f"virsh failed on {uri}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss / 1024


def floor(uri):
    wall_ms, _, rss = virsh_list(uri)
    return wall_ms, rss


class Lines:
    """The app's output, line by line as it comes: select() on the raw pipe,
    never on a buffered reader (it would hold lines select() cannot see)."""

    def __init__(self, proc):
        self.fd = proc.stdout.fileno()
        self.pending = b""
        self.closed = False

    def read(self, timeout):
        """Lines that arrived within @timeout s (maybe none)."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return []
        chunk = os.read(self.fd, 65536)
        if not chunk:
            self.closed = True
            return []
        *lines, self.pending = (self.pending + chunk).split(b"\n")
        return [line.decode("utf-8", "replace") for line in lines]


def run_hangar(hangar, uri, guests, env):
    start = time.monotonic()
    # GLib prints debug messages on stdout.
    proc = subprocess.Popen([hangar, "--connect", uri], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    output = Lines(proc)
    mapped = listed = None
    buffer = ""
    deadline = start + 120
    while listed is None and time.monotonic() < deadline and not output.closed:
        for line in output.read(1):
            now = time.monotonic()
            buffer += line + "\n"
            if "window-mapped" in line and mapped is None:
                mapped = (now - start) * 1000
            if f"listed: {guests + 1} items" in line:
                listed = (now - start) * 1000
    if listed is None:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"hangar never listed {guests} guests; its output:\n{buffer[-2000:]}")

    # Steady state: drain the output so the app never blocks on a full pipe,
    # and keep the sampler's ticks.
    ticks = []
    cpu_before = cpu_seconds(proc.pid)
    idle_start = time.monotonic()
    while time.monotonic() - idle_start < IDLE_SECONDS and not output.closed:
        for line in output.read(0.5):
            match = TICK_LINE.search(line)
            if match:
                ticks.append((int(match[1]), int(match[2]), float(match[3]), float(match[4])))
    idle_cpu = (cpu_seconds(proc.pid) - cpu_before) / (time.monotonic() - idle_start) * 100

    proc.terminate()
    _, _, usage = os.wait4(proc.pid, 0)
    return mapped, listed, usage.ru_maxrss / 1024, idle_cpu, ticks


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0


def settings_off(work):
    """A keyfile settings backend that has the live load off."""
    config = os.path.join(work, "config-off")
    os.makedirs(os.path.join(config, "glib-2.0", "settings"))
    with open(os.path.join(config, "glib-2.0", "settings", "keyfile"), "w", encoding="utf-8") as keyfile:
        keyfile.write("[io/github/hangarvm/Hangar]\nstats-enabled=false\n")
    return {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config}


@contextlib.contextmanager
def session(schema_dir, prefix):
    """A scratch folder, the app's environment (its own Xvfb unless DISPLAY
    is set) and that environment with the live load off; all gone after."""
    work = tempfile.mkdtemp(prefix=prefix)
    xvfb = None
    env = dict(os.environ, GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=schema_dir,
               G_MESSAGES_DEBUG="hgr-perf", GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    env.setdefault("GSK_RENDERER", "cairo")
    try:
        if "DISPLAY" not in env:
            xvfb, env["DISPLAY"] = start_xvfb()
        yield work, env, dict(env, **settings_off(work))
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)


def main():
    hangar, gen_node, schema_dir = sys.argv[1:4]
    with session(schema_dir, "hangar-bench-") as (work, env, off_env):
        rows = {}
        for n in SIZES:
            path = os.path.join(work, f"node-{n}.xml")
            subprocess.run([sys.executable, gen_node, str(n), path], check=True)
            uri = "test://" + path
            floor_ms, floor_rss = floor(uri)
            off = run_hangar(hangar, uri, n, off_env)
            on = run_hangar(hangar, uri, n, env)
            if off[4]:
                raise RuntimeError(f"{n} guests: the load was read with stats-enabled false")
            if not on[4]:
                raise RuntimeError(f"{n} guests: the load was never read in {IDLE_SECONDS:.0f} s")
            rows[n] = (floor_ms, floor_rss, off, on)

        print(f"list-load (GSK_RENDERER={env['GSK_RENDERER']}, steady state {IDLE_SECONDS:.0f} s, "
              "load off = list only, on = every 3 s)")
        print(f"{'guests':>6} {'virsh ms':>9} {'virsh MB':>9} {'load':>4} {'window ms':>10} {'listed ms':>10} "
              f"{'peak MB':>8} {'CPU':>7} {'ticks':>5} {'worker ms':>9} {'apply ms':>9}")
        for n, (floor_ms, floor_rss, off, on) in rows.items():
            for label, (mapped, listed, rss, idle, ticks) in (("off", off), ("on", on)):
                worker = median([t[2] for t in ticks])
                apply = median([t[3] for t in ticks])
                print(f"{n:>6} {floor_ms:>9.0f} {floor_rss:>9.1f} {label:>4} {mapped or 0:>10.0f} {listed:>10.0f} "
                      f"{rss:>8.1f} {idle:>6.2f}% {len(ticks):>5} {worker:>9.2f} {apply:>9.2f}")
        base_floor_rss, base_off, base_on = rows[SIZES[0]][1], rows[SIZES[0]][2], rows[SIZES[0]][3]
        cpu_targets = {1000: 2, 5000: 5}
        for n in SIZES[1:]:
            floor_ms, floor_rss, off, on = rows[n]
            list_growth = off[2] - base_off[2]
            load_growth = on[2] - base_on[2]
            print(f"{n} guests: listed {off[1]:.0f} ms, target <= 1.5 x floor + 300 = {1.5 * floor_ms + 300:.0f} ms; "
                  f"list-only RSS growth {list_growth:.1f} MB, target <= 1.5 x floor growth = "
                  f"{1.5 * (floor_rss - base_floor_rss):.1f} MB; idle CPU, load off {off[3]:.2f} %, target <= 1 %")
            print(f"{n} guests, load on: steady CPU {on[3]:.2f} %, target <= {cpu_targets.get(n, 5)} %; "
                  f"RSS growth {load_growth:.1f} MB, target <= 1.5 x list-only + 2 kB per guest = "
                  f"{1.5 * list_growth + 2 * n / 1024:.1f} MB; per tick: worker {median([t[2] for t in on[4]]):.2f} ms, "
                  f"apply (main thread) {median([t[3] for t in on[4]]):.2f} ms")


if __name__ == "__main__":
    main()
