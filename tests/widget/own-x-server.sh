#!/bin/sh
# own-x-server.sh — runs a test on an X server of its own
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The console's tests type and click through the X server (XTEST). On a
# server of their own, the X focus, pointer and keyboard state they change
# cannot touch the tests running beside them, nor theirs.
exec xvfb-run -a -s '-screen 0 1280x800x24 -nolisten tcp' "$@"
