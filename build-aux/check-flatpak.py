#!/usr/bin/python3
# check-flatpak.py — lint of the Flatpak manifest, which cannot be built offline
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# usage: check-flatpak.py MANIFEST [SOURCES_DIR...]
#
# Fails on:
# - a key flatpak-builder does not know (flatpak-builder --show-manifest
#   under G_DEBUG=fatal-warnings, when flatpak-builder is installed);
# - a runtime or SDK other than GNOME's, or a version not in KNOWN_RUNTIMES;
# - a finish-arg flatpak does not know, or one Hangar needs that is missing;
# - a source without a sha256, a download that is not https, a dir source
#   outside this tree, or a source type that cannot be pinned (git, …);
# - a build option a module's build system does not know. Meson options are
#   checked against the tarball's meson_options.txt / meson.options,
#   configure options against its configure script, when the tarball is at
#   hand: in a SOURCES_DIR (any file name: matched by sha256) or where
#   flatpak-builder downloaded it (.flatpak-builder/downloads/SHA256/).
#   Otherwise the module is reported "not checked" — never passed silently.
# Prints what it checked; exits 1 on any failure.

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

# GNOME runtimes of the last releases; keep to ones that exist and are supported.
KNOWN_RUNTIMES = {'org.gnome.Platform': {'49', '50', '51'}}
KNOWN_SDKS = {'org.gnome.Sdk'}

# What Hangar needs of the sandbox (see the manifest's x-comment-finish-args).
REQUIRED_FINISH_ARGS = [
    '--share=ipc', '--share=network', '--socket=wayland', '--socket=fallback-x11', '--socket=ssh-auth',
    '--device=dri', '--filesystem=/run/libvirt', '--filesystem=xdg-run/libvirt',
]

FINISH_ARG = re.compile(
    r'^--(share=(ipc|network)'
    r'|unshare=(ipc|network)'
    r'|socket=(x11|wayland|fallback-x11|pulseaudio|session-bus|system-bus|ssh-auth|pcsc|cups|gpg-agent|inherit-wayland-socket)'
    r'|nosocket=\S+'
    r'|device=(dri|input|kvm|shm|usb|all)'
    r'|nodevice=\S+'
    r'|allow=(devel|multiarch|bluetooth|canbus|per-app-dev-shm)'
    r'|filesystem=(host|host-os|host-etc|home|xdg-[a-z-]+(/[^:]*)?|~/[^:]+|/[^:]+)(:(ro|rw|create))?'
    r'|nofilesystem=\S+'
    r'|persist=[^/]\S*'
    r'|env=[A-Za-z_][A-Za-z0-9_]*=.*'
    r'|unset-env=[A-Za-z_][A-Za-z0-9_]*'
    r'|(talk|own|system-talk|system-own|no-talk|system-no-talk)-name=[A-Za-z_][\w.-]*\*?)$')

# Options meson itself has, for every project.
MESON_BUILTINS = {
    'prefix', 'bindir', 'datadir', 'includedir', 'infodir', 'libdir', 'libexecdir', 'localedir',
    'localstatedir', 'mandir', 'sbindir', 'sharedstatedir', 'sysconfdir', 'buildtype', 'debug', 'optimization',
    'warning_level', 'werror', 'default_library', 'strip', 'b_lto', 'b_ndebug', 'b_pie', 'b_sanitize', 'wrap_mode',
    'pkg_config_path', 'auto_features', 'backend', 'unity', 'layout', 'c_args', 'c_link_args', 'cpp_args',
    'python.install_env', 'install_umask', 'force_fallback_for',
}
# Options every configure script has.
CONFIGURE_BUILTINS = {
    'prefix', 'exec-prefix', 'bindir', 'sbindir', 'libexecdir', 'sysconfdir', 'sharedstatedir', 'localstatedir',
    'runstatedir', 'libdir', 'includedir', 'datarootdir', 'datadir', 'localedir', 'mandir', 'docdir', 'host',
    'build', 'disable-static', 'enable-shared', 'disable-dependency-tracking', 'enable-silent-rules',
}

failures = []
notes = []


def fail(message):
    failures.append(message)
    print('FAIL: ' + message)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def index_sources(dirs):
    found = {}
    for d in dirs:
        for root, _, files in os.walk(d):
            for name in files:
                path = os.path.join(root, name)
                if os.path.isfile(path):
                    found.setdefault(sha256_of(path), path)
    return found


def load_modules(path, base):
    with open(path, encoding='utf-8') as f:
        manifest = json.load(f)
    modules = []

    def collect(items, here):
        for item in items or []:
            if isinstance(item, str):
                file = os.path.join(here, item)
                with open(file, encoding='utf-8') as f:
                    module = json.load(f)
                modules.append((module, os.path.dirname(file), item))
                collect(module.get('modules'), os.path.dirname(file))
            else:
                modules.append((item, here, item.get('name', '?')))
                collect(item.get('modules'), here)

    collect(manifest.get('modules'), base)
    return manifest, modules


def check_runtime(manifest):
    runtime, version, sdk = manifest.get('runtime'), str(manifest.get('runtime-version')), manifest.get('sdk')
    if runtime not in KNOWN_RUNTIMES:
        fail(f'runtime {runtime!r} is not one of {sorted(KNOWN_RUNTIMES)}')
    elif version not in KNOWN_RUNTIMES[runtime]:
        fail(f'runtime-version {version!r} of {runtime} is not one we know exists: {sorted(KNOWN_RUNTIMES[runtime])}')
    if sdk not in KNOWN_SDKS:
        fail(f'sdk {sdk!r} is not one of {sorted(KNOWN_SDKS)}')


def check_finish_args(manifest):
    args = manifest.get('finish-args', [])
    for arg in args:
        if not FINISH_ARG.match(arg):
            fail(f'finish-arg {arg!r} is not one flatpak knows')
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in args:
            fail(f'finish-arg {arg} is missing')
    if not any(a.startswith('--filesystem=~/.ssh') and not a.endswith(':ro') for a in args) and \
            not any('UserKnownHostsFile' in a for a in args):
        fail('ssh has nowhere to remember an accepted host key (~/.ssh read-only or not shared)')


def check_sources(module, here, root):
    for source in module.get('sources', []):
        kind = source.get('type')
        if kind in ('archive', 'file'):
            if 'path' in source:
                path = os.path.realpath(os.path.join(here, source['path']))
                if not path.startswith(root + os.sep):
                    fail(f'{module["name"]}: {source["path"]} is outside this tree')
            elif not str(source.get('url', '')).startswith('https://'):
                fail(f'{module["name"]}: {source.get("url")!r} is not an https download')
            if not re.fullmatch(r'[0-9a-f]{64}', str(source.get('sha256', ''))):
                fail(f'{module["name"]}: source {source.get("url") or source.get("path")} has no sha256')
        elif kind == 'dir':
            path = os.path.realpath(os.path.join(here, source.get('path', '')))
            if path != root and not path.startswith(root + os.sep):
                fail(f'{module["name"]}: dir source {source.get("path")} is outside this tree')
        elif kind in ('patch', 'shell', 'script', 'inline'):
            pass
        else:
            fail(f'{module["name"]}: a {kind} source cannot be pinned by a checksum; use a release tarball')


def member(tar, top, names):
    for name in names:
        try:
            f = tar.extractfile(f'{top}/{name}')
        except KeyError:
            continue
        if f is not None:
            return f.read().decode('utf-8', 'replace')
    return None


def check_options(module, tarballs):
    name = module['name']
    system = module.get('buildsystem', 'autotools')
    opts = module.get('config-opts', [])
    if not opts:
        return
    archive = next((s for s in module.get('sources', []) if s.get('type') == 'archive'), None)
    path = archive and tarballs.get(archive.get('sha256'))
    if path is None:
        notes.append(f'{name}: options not checked (its tarball is not here)')
        print(f'not checked: {name} ({len(opts)} options; its tarball is not here)')
        return
    with tarfile.open(path) as tar:
        top = tar.getnames()[0].split('/')[0]
        if system == 'meson':
            text = member(tar, top, ['meson_options.txt', 'meson.options'])
            known = set(re.findall(r"option\s*\(\s*'([^']+)'", text or '')) | MESON_BUILTINS
            for opt in opts:
                m = re.match(r'^-D([^=]+)=', opt)
                if m is None:
                    fail(f'{name}: {opt!r} is not a meson option (-Dname=value)')
                elif m.group(1) not in known:
                    fail(f'{name}: meson option {m.group(1)!r} is not in its meson_options.txt')
        elif system == 'autotools':
            text = member(tar, top, ['configure']) or ''
            for opt in opts:
                m = re.match(r'^--((?:enable|disable|with|without)-[A-Za-z0-9_-]+|[a-z-]+)(=.*)?$', opt)
                if m is None:
                    fail(f'{name}: {opt!r} is not a configure option')
                    continue
                word = m.group(1)
                stem = re.sub(r'^(enable|disable|with|without)-', '', word)
                if word in CONFIGURE_BUILTINS:
                    continue
                if not re.search(r'--(enable|disable|with|without)-' + re.escape(stem) + r'\b', text):
                    fail(f'{name}: configure does not know {opt!r}')
        print(f'checked: {name}: {len(opts)} options against {os.path.basename(path)}')


def main(argv):
    manifest_path = os.path.abspath(argv[1])
    base = os.path.dirname(manifest_path)
    root = os.path.realpath(os.path.join(base, '..'))
    search = [d for d in argv[2:] if os.path.isdir(d)]
    search += [d for d in (os.environ.get('HGR_FLATPAK_SOURCES', ''),) if d and os.path.isdir(d)]
    downloads = os.path.join(base, '.flatpak-builder', 'downloads')
    if os.path.isdir(downloads):
        search.append(downloads)

    builder = shutil.which('flatpak-builder')
    if builder:
        env = dict(os.environ, G_DEBUG='fatal-warnings')
        run = subprocess.run([builder, '--show-manifest', manifest_path], cwd=base, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            fail('flatpak-builder does not accept the manifest: ' + run.stderr.strip().splitlines()[-1]
                 if run.stderr.strip() else f'flatpak-builder exited with {run.returncode}')
    else:
        print('not checked: unknown keys (flatpak-builder is not installed)')

    manifest, modules = load_modules(manifest_path, base)
    check_runtime(manifest)
    check_finish_args(manifest)
    tarballs = index_sources(search)
    for module, here, _ in modules:
        check_sources(module, here, root)
        check_options(module, tarballs)
    print(f'{len(modules)} modules, {len(failures)} failures, {len(notes)} not checked')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
