#!/usr/bin/env python3
# gen-node.py — writes a libvirt test-driver host file with N guests (stdlib only)
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Usage: gen-node.py N OUTPUT.xml

Guest i is named guest-NNNNN; states cycle running, shut off, paused
(test:runstate 1, 5, 3); every fifth guest has a title.
"""
import sys

NS = "http://libvirt.org/schemas/domain/test/1.0"
STATES = (1, 5, 3)


def guest(i):
    title = f"<title>Guest number {i}</title>" if i % 5 == 0 else ""
    return (
        f"<domain type='test' xmlns:test='{NS}'><name>guest-{i:05d}</name>"
        f"<uuid>20000000-0000-0000-0000-{i:012d}</uuid>{title}"
        f"<memory unit='MiB'>{256 * (1 + i % 4)}</memory><vcpu>{1 + i % 4}</vcpu>"
        "<os><type arch='x86_64'>hvm</type></os>"
        f"<test:runstate>{STATES[i % 3]}</test:runstate></domain>\n"
    )


def main():
    count, output = int(sys.argv[1]), sys.argv[2]
    with open(output, "w", encoding="utf-8") as out:
        out.write("<node>\n<cpu><mhz>3000</mhz><model>x86_64</model><active>4</active>"
                  "<nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>2</threads></cpu>\n"
                  "<memory>8388608</memory>\n")
        for i in range(count):
            out.write(guest(i))
        out.write("</node>\n")


if __name__ == "__main__":
    main()
