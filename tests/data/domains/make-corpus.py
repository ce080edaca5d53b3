#!/usr/bin/env python3
# make-corpus.py — writes the fidelity corpus: rich domain XMLs the configuration layer must keep intact
#
# SPDX-FileCopyrightText: The Hangar authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run once to (re)write the files beside it; the files are what the tests
# read, and they are in git. Each file combines the pieces below differently
# (CPU modes, boot styles, units, disk and NIC kinds), and every one carries
# what other managers lose: foreign metadata with comments, qemu:commandline,
# tuning, seclabels, an <address> and a user alias on every device, odd
# attribute orders and non-ASCII text.
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

DESCRIPTIONS = [
    "Grüße aus Köln – ein Gast für Tests",
    "日本語の説明 · テスト用",
    "Ελληνικά & <escaped> \"quotes\"",
    "Ünïcödé — déjà vu ☃",
    "Русский текст для проверки",
]
CPUS = [
    "<cpu mode='host-passthrough' check='none' migratable='on'/>",
    "<cpu mode='host-model' check='partial'>\n    <topology sockets='1' dies='1' cores='{half}' threads='2'/>\n  </cpu>",
    "<cpu match='exact' mode='custom' check='partial'>\n    <model fallback='allow'>Skylake-Client-IBRS</model>\n    <vendor>Intel</vendor>\n    <topology sockets='{vcpus}' dies='1' cores='1' threads='1'/>\n    <feature policy='require' name='vmx'/>\n    <feature policy='disable' name='hle'/>\n  </cpu>",
    "<cpu mode='custom' match='exact'>\n    <model fallback='forbid'>qemu64</model>\n    <topology sockets='2' dies='1' cores='{quarter}' threads='2'/>\n    <numa>\n      <cell id='0' cpus='0-{halfm1}' memory='{halfmem}' unit='KiB' memAccess='shared'/>\n      <cell id='1' cpus='{half}-{vcpusm1}' memory='{halfmem}' unit='KiB'/>\n    </numa>\n  </cpu>",
    None,
]
UNITS = [("KiB", 1), ("MiB", 1024), ("GiB", 1024 * 1024), ("k", 1), ("b", None)]


def memory(i, kib):
    unit, per = UNITS[i % len(UNITS)]
    if per is None:
        return f"<memory unit='{unit}'>{kib * 1024}</memory>", f"<currentMemory unit='{unit}'>{kib * 1024 // 2}</currentMemory>"
    return (f"<memory unit='{unit}'>{kib // per}</memory>",
            f"<currentMemory unit='{unit}'>{kib // per}</currentMemory>")


def pci(bus, slot):
    return f"<address type='pci' domain='0x0000' bus='0x{bus:02x}' slot='0x{slot:02x}' function='0x0'/>"


def drive(unit, controller=0):
    return f"<address type='drive' controller='{controller}' bus='0' target='0' unit='{unit}'/>"


def disks(i, boot_per_device):
    out = []
    boot = lambda n: f"\n      <boot order='{n}'/>" if boot_per_device else ""
    out.append(f"""<disk type='file' device='disk'>
      <driver name='qemu' type='qcow2' cache='writeback' discard='unmap' io='threads'/>
      <source file='/var/lib/libvirt/images/guest{i:02d}.qcow2'/>
      <target dev='vda' bus='virtio'/>{boot(2)}
      <serial>HGR-{i:04d}</serial>
      <alias name='ua-system-disk'/>
      {pci(4, 0)}
    </disk>""")
    if i % 3 == 0:
        out.append(f"""<disk device='disk' type='block'>
      <driver type='raw' name='qemu' cache='none'/>
      <source dev='/dev/vg0/guest{i:02d}-data'/>
      <target bus='sata' dev='sdb'/>
      <iotune>
        <total_bytes_sec>104857600</total_bytes_sec>
      </iotune>
      <shareable/>
      <alias name='ua-data'/>
      {drive(1)}
    </disk>""")
    if i % 3 == 1:
        out.append(f"""<disk type='volume' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source pool='default' volume='extra{i:02d}.qcow2'/>
      <target dev='vdb' bus='virtio'/>
      <alias name='ua-extra'/>
      {pci(5, 0)}
    </disk>""")
    if i % 4 == 2:
        out.append(f"""<disk type='network' device='disk'>
      <driver name='qemu' type='raw'/>
      <source protocol='nbd' name='export{i}'>
        <host name='127.0.0.1' port='10809'/>
      </source>
      <target dev='vdc' bus='virtio'/>
      <alias name='ua-nbd'/>
      {pci(6, 0)}
    </disk>""")
    media = f"\n      <source file='/var/lib/libvirt/images/install-{i:02d}.iso' startupPolicy='optional'/>" if i % 2 == 0 else ""
    out.append(f"""<disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>{media}
      <target dev='sda' bus='sata'/>{boot(1)}
      <readonly/>
      <alias name='ua-cd'/>
      {drive(0)}
    </disk>""")
    if i % 5 == 3:
        out.append(f"""<disk type='file' device='cdrom'>
      <driver name='qemu' type='raw'/>
      <target dev='sdc' bus='scsi'/>
      <readonly/>
      <alias name='ua-cd2'/>
      <address type='drive' controller='0' bus='0' target='0' unit='2'/>
    </disk>""")
    return out


def nics(i, boot_per_device):
    out = []
    kinds = [
        ("network", "<source network='default' portgroup='lan'/>"),
        ("bridge", "<source bridge='br0'/>"),
        ("direct", "<source dev='eth0' mode='vepa'/>"),
    ]
    kind, source = kinds[i % 3]
    boot = f"\n      <boot order='3'/>" if boot_per_device else ""
    out.append(f"""<interface type='{kind}'>
      <mac address='52:54:00:{i:02x}:00:01'/>
      {source}
      <model type='virtio'/>
      <driver name='vhost' queues='2'/>
      <bandwidth>
        <inbound average='1000' peak='5000' burst='1024'/>
      </bandwidth>{boot}
      <alias name='ua-net0'/>
      {pci(1, 0)}
    </interface>""")
    if i % 2 == 1:
        out.append(f"""<interface type='network'>
      <source network='isolated'/>
      <mac address='52:54:00:{i:02x}:00:02'/>
      <model type='e1000e'/>
      <link state='down'/>
      <alias name='ua-net1'/>
      {pci(2, 0)}
    </interface>""")
    if i % 7 == 5:
        out.append(f"""<interface type='user'>
      <mac address='52:54:00:{i:02x}:00:03'/>
      <model type='rtl8139'/>
      <alias name='ua-slirp'/>
      {pci(3, 0)}
    </interface>""")
    return out


def others(i):
    graphics = [
        "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' passwd='s3cret-{i}' keymap='de'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>",
        "<graphics type='spice' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n      <image compression='off'/>\n    </graphics>\n    <graphics type='vnc' port='-1' autoport='yes'>\n      <listen type='address' address='127.0.0.1'/>\n    </graphics>",
    ]
    out = [
        f"<controller type='usb' index='0' model='qemu-xhci' ports='15'>\n      <alias name='ua-usb'/>\n      {pci(7, 0)}\n    </controller>",
        f"<controller type='sata' index='0'>\n      <alias name='ua-sata'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>\n    </controller>",
        f"<controller type='scsi' index='0' model='virtio-scsi'>\n      <alias name='ua-scsi'/>\n      {pci(8, 0)}\n    </controller>",
        f"<filesystem type='mount' accessmode='passthrough'>\n      <driver type='virtiofs' queue='1024'/>\n      <source dir='/srv/share{i}'/>\n      <target dir='share'/>\n      <alias name='ua-fs'/>\n      {pci(9, 0)}\n    </filesystem>",
        "<input type='tablet' bus='usb'>\n      <alias name='ua-tablet'/>\n      <address type='usb' bus='0' port='1'/>\n    </input>",
        graphics[i % 2].format(i=i),
        f"<sound model='ich9'>\n      <alias name='ua-sound'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x1b' function='0x0'/>\n    </sound>",
        f"<video>\n      <model type='{['virtio', 'qxl', 'vga'][i % 3]}' heads='1' primary='yes'/>\n      <alias name='ua-video'/>\n      <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>\n    </video>",
        f"<watchdog model='i6300esb' action='reset'>\n      <alias name='ua-watchdog'/>\n      {pci(10, 0)}\n    </watchdog>",
        f"<rng model='virtio'>\n      <backend model='random'>/dev/urandom</backend>\n      <alias name='ua-rng'/>\n      {pci(11, 0)}\n    </rng>",
        "<tpm model='tpm-crb'>\n      <backend type='emulator' version='2.0'/>\n      <alias name='ua-tpm'/>\n    </tpm>",
        f"<memballoon model='virtio'>\n      <stats period='5'/>\n      <alias name='ua-balloon'/>\n      {pci(12, 0)}\n    </memballoon>",
    ]
    if i % 4 == 1:
        out.append("<hostdev mode='subsystem' type='usb' managed='yes'>\n      <source>\n        <vendor id='0x046d'/>\n        <product id='0xc52b'/>\n      </source>\n      <alias name='ua-usbdev'/>\n      <address type='usb' bus='0' port='2'/>\n    </hostdev>")
    if i % 4 == 3:
        out.append(f"<hostdev mode='subsystem' type='pci' managed='yes'>\n      <source>\n        <address domain='0x0000' bus='0x03' slot='0x00' function='0x0'/>\n      </source>\n      <alias name='ua-gpu'/>\n      {pci(13, 0)}\n    </hostdev>")
    if i % 6 == 0:
        out.append("<serial type='pty'>\n      <target type='isa-serial' port='0'>\n        <model name='isa-serial'/>\n      </target>\n      <alias name='ua-serial'/>\n    </serial>")
    return out


def domain(i):
    vcpus = 4 if i % 2 == 0 else 8
    kib = (2 + i % 4) * 1024 * 1024
    boot_per_device = i % 2 == 1
    cpu = CPUS[i % len(CPUS)]
    if cpu is not None:
        cpu = cpu.format(vcpus=vcpus, vcpusm1=vcpus - 1, half=vcpus // 2, halfm1=vcpus // 2 - 1,
                         quarter=vcpus // 4, halfmem=kib // 2)
    mem, cur = memory(i, kib)
    vcpu = [
        f"<vcpu placement='static' cpuset='0-3,^2' current='{vcpus // 2}'>{vcpus}</vcpu>",
        f"<vcpu current='{vcpus // 2}' placement='static'>{vcpus}</vcpu>",
        f"<vcpu>{vcpus}</vcpu>",
    ][i % 3]
    os_boot = "" if boot_per_device else "\n    <boot dev='cdrom'/>\n    <boot dev='hd'/>\n    <boot dev='network'/>"
    firmware = " firmware='efi'" if i % 5 == 4 else ""
    machine = "pc-q35-7.2" if i % 3 != 2 else "pc-i440fx-7.2"
    kernel = "\n    <kernel>/var/lib/libvirt/boot/vmlinuz</kernel>\n    <initrd>/var/lib/libvirt/boot/initrd.img</initrd>\n    <cmdline>console=ttyS0 quiet</cmdline>" if i % 8 == 6 else ""
    devices = "\n    ".join(disks(i, boot_per_device) + nics(i, boot_per_device) + others(i))
    tuning = ""
    if i % 2 == 0:
        tuning += "\n  <memoryBacking>\n    <hugepages>\n      <page size='2048' unit='KiB'/>\n    </hugepages>\n  </memoryBacking>"
    if i % 3 == 0:
        tuning += "\n  <cputune>\n    <vcpupin vcpu='0' cpuset='0'/>\n    <vcpupin vcpu='1' cpuset='1'/>\n    <emulatorpin cpuset='3'/>\n    <shares>2048</shares>\n  </cputune>"
    if i % 4 == 0:
        tuning += "\n  <numatune>\n    <memory mode='strict' nodeset='0'/>\n  </numatune>"
    title = f"\n  <title>Corpus guest {i}</title>" if i % 3 != 1 else ""
    description = DESCRIPTIONS[i % len(DESCRIPTIONS)].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    cpu_block = f"\n  {cpu}" if cpu else ""
    xml = f"""<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>
  <name>corpus-{i:02d}</name>
  <uuid>6f1c0b2e-3a4d-4e5f-8a9b-{i:012x}</uuid>{title}
  <description>{description}</description>
  <metadata>
    <hangar-test:origin xmlns:hangar-test="https://example.org/hangar-test/1">
      <!-- a comment inside foreign metadata: libvirt keeps it -->
      <hangar-test:made-by tool="make-corpus.py" index="{i}"/>
    </hangar-test:origin>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://fedoraproject.org/fedora/{36 + i % 3}"/>
    </libosinfo:libosinfo>
  </metadata>
  {mem}
  {cur}{tuning}
  {vcpu}
  <os{firmware}>
    <type arch='x86_64' machine='{machine}'>hvm</type>{os_boot}{kernel}
    <bootmenu enable='{"yes" if i % 2 else "no"}' timeout='3000'/>
  </os>
  <features>
    <acpi/>
    <apic/>
    <vmport state='off'/>
  </features>{cpu_block}
  <clock offset='utc'>
    <timer name='rtc' tickpolicy='catchup'/>
  </clock>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>{"coredump-restart" if i % 2 else "destroy"}</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    {devices}
  </devices>
  <seclabel type='dynamic' model='dac' relabel='yes'/>
  <qemu:commandline>
    <qemu:arg value='-set'/>
    <qemu:arg value='device.ua-net0.x-txburst=1024'/>
    <qemu:env name='HANGAR_CORPUS' value='{i}'/>
  </qemu:commandline>
</domain>
"""
    return xml


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    for i in range(count):
        with open(os.path.join(HERE, f"domain-{i:02d}.xml"), "w", encoding="utf-8") as f:
            f.write(domain(i))


if __name__ == "__main__":
    main()
