#!/usr/bin/env python3
# bench-list-load.py — how fast the real hangar lists 1 000 and 5 000 guests (figures, never pass/fail)
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: bench-list-load.py HANGAR GEN_NODE SCHEMA_DIR

For each size it writes a test-driver host file, starts hangar on it (under its
own Xvfb unless DISPLAY is set) and prints: ms until the window is mapped, ms
until every guest is in the window's list (the hgr-perf messages), peak RSS, and
CPU use over HGR_BENCH_IDLE_SECONDS (20) of idling afterwards. In the same run it
prints the floor: `virsh -c test:///FILE list --all` wall time and peak RSS.
"""
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

SIZES = (1, 1000, 5000)
IDLE_SECONDS = float(os.environ.get("HGR_BENCH_IDLE_SECONDS", "20"))
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


def floor(uri):
    start = time.monotonic()
    virsh = subprocess.Popen(["virsh", "-c", uri, "list", "--all"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(virsh.pid, 0)
    wall = time.monotonic() - start
    if status != 0:
        raise RuntimeError(f"virsh failed on {uri}")
    return wall * 1000, usage.ru_maxrss / 1024


def run_hangar(hangar, uri, guests, env):
    start = time.monotonic()
    # GLib prints debug messages on stdout.
    proc = subprocess.Popen([hangar, "--connect", uri], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    mapped = listed = None
    buffer = ""
    deadline = start + 120
    while listed is None and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 1)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        line = proc.stdout.readline()
        if not line:
            break
        now = time.monotonic()
        buffer += line
        if "window-mapped" in line and mapped is None:
            mapped = (now - start) * 1000
        if f"listed: {guests + 1} items" in line:
            listed = (now - start) * 1000
    if listed is None:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"hangar never listed {guests} guests; its output:\n{buffer[-2000:]}")

    # Idle: drain the output so the app never blocks on a full pipe.
    cpu_before = cpu_seconds(proc.pid)
    idle_start = time.monotonic()
    while time.monotonic() - idle_start < IDLE_SECONDS:
        ready, _, _ = select.select([proc.stdout], [], [], 0.5)
        if ready:
            proc.stdout.readline()
    idle_cpu = (cpu_seconds(proc.pid) - cpu_before) / (time.monotonic() - idle_start) * 100

    proc.terminate()
    _, _, usage = os.wait4(proc.pid, 0)
    return mapped, listed, usage.ru_maxrss / 1024, idle_cpu


def main():
    hangar, gen_node, schema_dir = sys.argv[1:4]
    work = tempfile.mkdtemp(prefix="hangar-bench-")
    xvfb = None
    env = dict(os.environ, GSETTINGS_BACKEND="memory", GSETTINGS_SCHEMA_DIR=schema_dir,
               G_MESSAGES_DEBUG="hgr-perf", GDK_BACKEND="x11", NO_AT_BRIDGE="1")
    env.setdefault("GSK_RENDERER", "cairo")
    try:
        if "DISPLAY" not in env:
            xvfb, env["DISPLAY"] = start_xvfb()
        rows = {}
        for n in SIZES:
            path = os.path.join(work, f"node-{n}.xml")
            subprocess.run([sys.executable, gen_node, str(n), path], check=True)
            uri = "test://" + path
            floor_ms, floor_rss = floor(uri)
            mapped, listed, rss, idle = run_hangar(hangar, uri, n, env)
            rows[n] = (floor_ms, floor_rss, mapped, listed, rss, idle)

        print(f"list-load (GSK_RENDERER={env['GSK_RENDERER']}, idle window {IDLE_SECONDS:.0f} s)")
        print(f"{'guests':>6} {'virsh ms':>9} {'virsh MB':>9} {'window ms':>10} {'listed ms':>10} "
              f"{'peak MB':>8} {'idle CPU':>9}")
        for n, (floor_ms, floor_rss, mapped, listed, rss, idle) in rows.items():
            print(f"{n:>6} {floor_ms:>9.0f} {floor_rss:>9.1f} {mapped or 0:>10.0f} {listed:>10.0f} "
                  f"{rss:>8.1f} {idle:>8.2f}%")
        base = rows[SIZES[0]]
        for n in SIZES[1:]:
            floor_ms, floor_rss, _, listed, rss, idle = rows[n]
            print(f"{n} guests: listed {listed:.0f} ms, target <= 1.5 x floor + 300 = {1.5 * floor_ms + 300:.0f} ms; "
                  f"RSS growth {rss - base[4]:.1f} MB, target <= 1.5 x floor growth = "
                  f"{1.5 * (floor_rss - base[1]):.1f} MB; idle CPU {idle:.2f} %, target <= 1 %")
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
