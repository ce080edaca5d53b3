#!/usr/bin/env python3
# bench-startup.py — Hangar's start-up against a hello window and virsh, with both GTK renderers (figures, never pass/fail)
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: bench-startup.py HANGAR HELLO GEN_NODE SCHEMA_DIR

For 1, 1 000 and 5 000 test-driver guests and each of GTK's renderers (cairo,
gl, and auto: GSK_RENDERER unset, Hangar's own choice, against a hello window
set up the same way), three runs each, medians printed:
- the floors: HELLO (hello-window.c, a GTK 4 + libadwaita window with a header
  bar and a button) until its first frame is painted, and
  `virsh -c test:///FILE list --all`: wall time and CPU;
- Hangar with the live load off until the frame that shows every guest (its
  hgr-perf "listed" line): wall time and CPU at that moment, and its own cost:
  its CPU less the two floors' (target <= 100 ms at every size).
CPU is the run time of the process's threads (/proc/PID/task/*/schedstat,
in nanoseconds: /proc/PID/stat counts in 10 ms ticks), read when the line
comes.
"""
import os
import subprocess
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib  # noqa: E402

list_load = importlib.import_module("bench-list-load")

SIZES = (1, 1000, 5000)
# "auto": GSK_RENDERER unset, as a user starts Hangar (main.c picks cairo,
# and no GL at all, on a machine without a GPU); its hello window is given
# the same (GSK_RENDERER=cairo GDK_DEBUG=gl-disable).
RENDERERS = ("cairo", "gl", "auto")
RUNS = 3


def cpu_ms(pid):
    """The run time of every thread @pid has now, in ms."""
    total = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as schedstat:
                total += int(schedstat.read().split()[0])
        except FileNotFoundError:
            pass  # the thread ended meanwhile
    return total / 1e6


def until_line(args, env, marker, timeout=120):
    """Starts @args; returns wall ms and CPU ms when a line holding @marker comes."""
    start = time.monotonic()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = list_load.Lines(proc)
    tail = ""
    try:
        while time.monotonic() < start + timeout and not output.closed:
            for line in output.read(1):
                tail = (tail + line + "\n")[-2000:]
                if marker in line:
                    return (time.monotonic() - start) * 1000, cpu_ms(proc.pid)
        raise RuntimeError(f"{args[0]} never printed {marker!r}; its output:\n{tail}")
    finally:
        proc.terminate()
        proc.wait()


def medians(runs):
    return tuple(list_load.median([run[i] for run in runs]) for i in range(2))


def main():
    hangar, hello, gen_node, schema_dir = sys.argv[1:5]
    with list_load.session(schema_dir, "hangar-startup-") as (work, _, off_env):
        uris = {}
        for n in SIZES:
            path = os.path.join(work, f"node-{n}.xml")
            subprocess.run([sys.executable, gen_node, str(n), path], check=True)
            uris[n] = "test://" + path
        rows = []
        for renderer in RENDERERS:
            env = dict(off_env, GSK_RENDERER=renderer)
            if renderer == "auto":
                del env["GSK_RENDERER"]
            # the hello window as Hangar sets itself up without a GPU (main.c)
            hello_env = dict(env, GSK_RENDERER="cairo", GDK_DEBUG="gl-disable") if renderer == "auto" else env
            hello_run = medians([until_line([hello], hello_env, "hello: first frame") for _ in range(RUNS)])
            for n in SIZES:
                virsh_run = medians([list_load.virsh_list(uris[n])[:2] for _ in range(RUNS)])
                hangar_run = medians([until_line([hangar, "--connect", uris[n]], env, f"listed: {n + 1} items")
                                      for _ in range(RUNS)])
                rows.append((renderer, n, hello_run, virsh_run, hangar_run))

        print(f"start-up (medians of {RUNS}; Hangar with the load off, until the frame with every guest)")
        print(f"{'renderer':>8} {'guests':>6} {'hello ms':>8} {'CPU':>6} {'virsh ms':>8} {'CPU':>6} "
              f"{'hangar ms':>9} {'CPU':>6} {'own CPU':>7}")
        for renderer, n, (hello_ms, hello_cpu), (virsh_ms, virsh_cpu), (hangar_ms, hangar_cpu) in rows:
            own = hangar_cpu - hello_cpu - virsh_cpu
            print(f"{renderer:>8} {n:>6} {hello_ms:>8.0f} {hello_cpu:>6.0f} {virsh_ms:>8.0f} {virsh_cpu:>6.0f} "
                  f"{hangar_ms:>9.0f} {hangar_cpu:>6.0f} {own:>7.0f}")
        for renderer, n, (hello_ms, hello_cpu), (virsh_ms, virsh_cpu), (hangar_ms, hangar_cpu) in rows:
            print(f"{renderer}, {n} guests: Hangar's own CPU {hangar_cpu - hello_cpu - virsh_cpu:.0f} ms above the "
                  f"hello window ({hello_cpu:.0f} ms) and virsh ({virsh_cpu:.0f} ms), target <= 100 ms; "
                  f"settled after {hangar_ms:.0f} ms, the floors' sum {hello_ms + virsh_ms:.0f} ms")


if __name__ == "__main__":
    main()
