#!/usr/bin/python3
# test-check-flatpak.py — the manifest lint fails on each defect it is there to catch
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: test-check-flatpak.py CHECK_FLATPAK_PY FLATPAK_DIR
# Copies the manifest and its modules into a folder of its own, breaks one
# thing at a time and runs the lint on the copy. Prints TAP.

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile

LINT, FLATPAK = sys.argv[1], sys.argv[2]
APP = 'io.github.hangarvm.Hangar.json'
count = 0
failed = 0


def make_tarball(folder, name, files):
    path = os.path.join(folder, name + '.tar.gz')
    with tarfile.open(path, 'w:gz') as tar:
        for member, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f'{name}/{member}')
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def case(what, expect_fail, needle, edit):
    global count, failed
    count += 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, 'flatpak')
        shutil.copytree(FLATPAK, copy, ignore=shutil.ignore_patterns('.flatpak-builder', 'meson.build'))
        sources = os.path.join(tmp, 'sources')
        os.mkdir(sources)
        edit(copy, sources)
        run = subprocess.run([sys.executable, LINT, os.path.join(copy, APP), sources],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        ok = (run.returncode != 0) == expect_fail and (needle is None or needle in run.stdout)
    print(('ok' if ok else 'not ok') + f' {count} - {what}')
    if not ok:
        failed += 1
        for line in run.stdout.splitlines():
            print('# ' + line)


def edit_json(folder, name, change):
    path = os.path.join(folder, name)
    with open(path) as f:
        data = json.load(f)
    change(data)
    with open(path, 'w') as f:
        json.dump(data, f, indent=4)


def add_module(folder, module):
    edit_json(folder, APP, lambda m: m['modules'].insert(0, module))


def fake_meson(sources, option):
    sha = make_tarball(sources, 'fake-1.0', {'meson_options.txt': "option('known', type: 'boolean', value: true)\n",
                                            'meson.build': "project('fake')\n"})
    return {'name': 'fake', 'buildsystem': 'meson', 'config-opts': [option],
            'sources': [{'type': 'archive', 'url': 'https://example.org/fake-1.0.tar.gz', 'sha256': sha}]}


def fake_configure(sources, option):
    sha = make_tarball(sources, 'fake-1.0', {'configure': '#!/bin/sh\n# --enable-known  a known switch\n'})
    return {'name': 'fake', 'config-opts': [option],
            'sources': [{'type': 'archive', 'url': 'https://example.org/fake-1.0.tar.gz', 'sha256': sha}]}


def set_key(name, key, value):
    return lambda c, s: edit_json(c, name, lambda m: m.__setitem__(key, value))


def main():
    global count
    if not shutil.which('flatpak-builder'):
        count += 1
        print(f'ok {count} - an unknown key fails # SKIP flatpak-builder is not installed')
    case('the manifest as it is passes', False, None, lambda c, s: None)
    case('a source without sha256 fails', True, 'has no sha256',
         lambda c, s: edit_json(c, 'modules/libvirt.json', lambda m: m['sources'][0].pop('sha256')))
    case('a plain http download fails', True, 'not an https download',
         lambda c, s: edit_json(c, 'modules/gtk-vnc.json',
                                lambda m: m['sources'][0].__setitem__('url', 'http://example.org/x.tar.xz')))
    case('a git source fails', True, 'cannot be pinned',
         lambda c, s: add_module(c, {'name': 'g', 'sources': [{'type': 'git', 'url': 'https://example.org/g.git'}]}))
    case('a dir source outside the tree fails', True, 'outside this tree',
         lambda c, s: add_module(c, {'name': 'd', 'buildsystem': 'simple', 'build-commands': ['true'],
                                     'sources': [{'type': 'dir', 'path': '../..'}]}))
    case('a known meson option of a tarball at hand passes', False, 'checked: fake',
         lambda c, s: add_module(c, fake_meson(s, '-Dknown=false')))
    case('an unknown meson option fails', True, "meson option 'unknwon'",
         lambda c, s: add_module(c, fake_meson(s, '-Dunknwon=false')))
    case('an unknown configure option fails', True, "configure does not know '--enable-unknwon'",
         lambda c, s: add_module(c, fake_configure(s, '--enable-unknwon')))
    case('a known configure option passes', False, 'checked: fake',
         lambda c, s: add_module(c, fake_configure(s, '--disable-known')))
    case('options of a tarball not at hand are reported as not checked', False, 'not checked: libvirt',
         lambda c, s: None)
    case('a bogus finish-arg fails', True, "'--socket=everything'",
         lambda c, s: edit_json(c, APP, lambda m: m['finish-args'].append('--socket=everything')))
    case('a missing finish-arg fails', True, '--socket=ssh-auth is missing',
         lambda c, s: edit_json(c, APP, lambda m: m['finish-args'].remove('--socket=ssh-auth')))
    case('a read-only ~/.ssh fails', True, 'remember an accepted host key',
         lambda c, s: edit_json(c, APP, lambda m: m.__setitem__(
             'finish-args', [a if not a.startswith('--filesystem=~/.ssh') else '--filesystem=~/.ssh:ro'
                             for a in m['finish-args']])))
    case('an end-of-life runtime fails', True, "runtime-version '47'", set_key(APP, 'runtime-version', '47'))
    case('a runtime version that does not exist fails', True, "runtime-version '99'",
         set_key(APP, 'runtime-version', '99'))
    case('another SDK fails', True, "sdk 'org.kde.Sdk'", set_key(APP, 'sdk', 'org.kde.Sdk'))
    if shutil.which('flatpak-builder'):
        case('an unknown key fails', True, 'flatpak-builder does not accept', set_key(APP, 'modulez', []))
    print(f'1..{count}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
