#!/usr/bin/env python3
# bench-rack.py — the real hangar on a rack of 20 and 100 test-driver hosts of 1 000 guests (figures, never pass/fail)
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: bench-rack.py HANGAR GEN_NODE SCHEMA_DIR STATS_FLOOR

For each rack size it writes one test-driver file per host (1 000 guests, 2/3
running or paused), starts hangar with --connect once per host (under its own
Xvfb unless DISPLAY is set) and prints: ms until the window is mapped, ms until
every host's guests are in the list, the app's CPU until then, peak RSS, the
longest main-loop stall while hosts connected (the window's hgr-perf probe),
and for the largest rack, with the live load on, the steady CPU over
HGR_BENCH_IDLE_SECONDS (30).
In the same run it prints the floors: one `virsh list --all` per host, their
CPU, their wall time if two cores shared them, and their RSS; and for the
steady CPU, STATS_FLOOR (stats-floor.c): the libvirt calls of Hangar's ticks
on the same hosts at the same interval, without Hangar.
"""
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib  # noqa: E402

list_load = importlib.import_module("bench-list-load")

RACKS = (1, 20, 100)
GUESTS = 1000
IDLE_SECONDS = float(os.environ.get("HGR_BENCH_IDLE_SECONDS", "30"))
STALL_LINE = re.compile(r"longest stall while connecting: ([\d.]+) ms")
LISTED_LINE = re.compile(r"listed: (\d+) items")


def floor(uris):
    """Every host's `virsh list --all`, one after the other."""
    cpu = 0.0
    peak = 0.0
    start = time.monotonic()
    for uri in uris:
        _, cpu_ms, rss = list_load.virsh_list(uri)
        cpu += cpu_ms / 1000
        peak = max(peak, rss)
    return time.monotonic() - start, cpu, peak


def stats_floor(program, uris):
    """The load's libvirt calls alone, at the default 3 s, over as long as Hangar's steady state."""
    result = subprocess.run([program, str(IDLE_SECONDS), "3"] + uris, check=True, capture_output=True, text=True)
    return float(result.stdout.split()[0]), result.stdout.strip()


def run_hangar(hangar, uris, env, steady):
    args = [hangar]
    for uri in uris:
        args += ["--connect", uri]
    want = len(uris) * (GUESTS + 1)
    start = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = list_load.Lines(proc)
    mapped = listed = stall = None
    listed_cpu = 0.0
    tail = ""
    deadline = start + 300
    while (listed is None or stall is None) and time.monotonic() < deadline and not output.closed:
        for line in output.read(1):
            now = time.monotonic()
            tail = (tail + line + "\n")[-2000:]
            if "window-mapped" in line and mapped is None:
                mapped = (now - start) * 1000
            match = LISTED_LINE.search(line)
            if match and int(match[1]) == want and listed is None:
                listed = (now - start) * 1000
                listed_cpu = list_load.cpu_seconds(proc.pid)
            match = STALL_LINE.search(line)
            if match:
                stall = float(match[1])
    if listed is None:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"hangar never listed {want} items; its output:\n{tail}")

    idle_cpu = None
    if steady:
        ticks = 0
        cpu_before = list_load.cpu_seconds(proc.pid)
        idle_start = time.monotonic()
        while time.monotonic() - idle_start < IDLE_SECONDS and not output.closed:
            ticks += sum("stats tick:" in line for line in output.read(0.5))
        idle_cpu = (list_load.cpu_seconds(proc.pid) - cpu_before) / (time.monotonic() - idle_start) * 100
        if ticks == 0:
            raise RuntimeError("the load was never read")
    proc.terminate()
    _, _, usage = os.wait4(proc.pid, 0)
    return mapped, listed, listed_cpu, usage.ru_maxrss / 1024, stall, idle_cpu


def main():
    hangar, gen_node, schema_dir, floor_program = sys.argv[1:5]
    with list_load.session(schema_dir, "hangar-rack-") as (work, env, off_env):
        template = os.path.join(work, "node.xml")
        subprocess.run([sys.executable, gen_node, str(GUESTS), template], check=True)
        small = os.path.join(work, "small.xml")
        subprocess.run([sys.executable, gen_node, "1", small], check=True)
        virsh_small = floor(["test://" + small])[2]
        rows = {}
        for hosts in RACKS:
            uris = []
            for i in range(hosts):
                path = os.path.join(work, f"host-{i:03d}.xml")
                if not os.path.exists(path):
                    shutil.copy(template, path)
                uris.append("test://" + path)
            # the load on: the largest rack only (the target is for it)
            on = run_hangar(hangar, uris, env, True) if hosts == RACKS[-1] else None
            if on:
                on_floor = stats_floor(floor_program, uris)
            rows[hosts] = (floor(uris), run_hangar(hangar, uris, off_env, False), on)

        print(f"rack ({GUESTS} guests per host, GSK_RENDERER={env['GSK_RENDERER']}; list with the load off, "
              f"steady CPU with it on over {IDLE_SECONDS:.0f} s)")
        print(f"{'hosts':>5} {'virsh CPU s':>11} {'virsh 2-core s':>14} {'window ms':>10} {'listed ms':>10} "
              f"{'CPU s':>6} {'peak MB':>8} {'stall ms':>9} {'steady CPU':>10}")
        for hosts, ((_, floor_cpu, _), off, on) in rows.items():
            mapped, listed, cpu, rss, stall, _ = off
            print(f"{hosts:>5} {floor_cpu:>11.1f} {floor_cpu / 2:>14.1f} {mapped or 0:>10.0f} {listed:>10.0f} "
                  f"{cpu:>6.1f} {rss:>8.1f} {stall or 0:>9.1f} "
                  f"{f'{on[5]:.2f}%' if on else '-':>10}")
        base_mapped = rows[RACKS[0]][1][0] or 0
        base_rss = rows[RACKS[0]][1][3]
        print(f"(RSS growth: from one host to N; the floor's: N - 1 times what 1 000 guests add to virsh, "
              f"{rows[RACKS[0]][0][2]:.1f} - {virsh_small:.1f} MB)")
        for hosts in RACKS[1:]:
            (_, floor_cpu, floor_peak), off, on = rows[hosts]
            mapped, listed, cpu, rss, stall, _ = off
            floor_growth = (hosts - 1) * (floor_peak - virsh_small)
            print(f"{hosts} hosts: window {mapped or 0:.0f} ms, target: as with one host ({base_mapped:.0f} ms); "
                  f"listed {listed / 1000:.1f} s, target <= 1.2 x floor on two cores = {1.2 * floor_cpu / 2:.1f} s; "
                  f"RSS growth {rss - base_rss:.0f} MB, target <= 1.5 x the floor's = {1.5 * floor_growth:.0f} MB; "
                  f"longest stall {stall or 0:.1f} ms, target <= 16 ms"
                  + (f"; steady CPU with the load on {on[5]:.2f} %, target <= 5 %" if on else ""))
        print(f"(the load's libvirt calls alone on the {RACKS[-1]} hosts, every 3 s: {on_floor[1]})")


if __name__ == "__main__":
    main()
