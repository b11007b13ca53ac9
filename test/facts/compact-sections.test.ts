/** The files and addresses read in compact form come back as the sections of their own. */
import { strict as assert } from 'node:assert';
import { cpuCount, expandCompact } from '../../runner/facts/compact-sections.js';
import { splitSections } from '../../runner/facts/parse-facts.js';

const expanded = (output: string) => {
  const s = splitSections(output);
  expandCompact(s);
  return Object.fromEntries(s);
};

describe('facts: compact sections', () => {
  it('gives each file its section, the first of two alternatives that has lines, and prefixes where sections mix files', () => {
    const s = expanded([
      '::virt', 'dockerenv',
      '::files',
      '/usr/lib/os-release:ID=debian',
      '/etc/debian_version:12.8',
      '/etc/debian_version:',
      '/var/lib/dbus/machine-id:abc',
      '/proc/1/cgroup:0::/init.scope',
      '/sys/class/dmi/id/sys_vendor:QEMU',
      '/proc/cpuinfo:processor\t: 0',
      '/proc/cpuinfo:flags\t\t: fpu vme',
      '/proc/cpuinfo:processor\t: 1',
      '/proc/self/status:Name:\tgrep',
      '/proc/self/status:Cpus_allowed_list:\t0-2,5',
      '::end', '',
    ].join('\n'));
    assert.deepEqual(s['os-release'], ['ID=debian'], '/usr/lib/os-release when /etc/os-release says nothing');
    assert.deepEqual(s.debian_version, ['12.8'], 'trailing empty lines dropped, as for any section');
    assert.deepEqual(s['machine-id'], ['abc']);
    assert.deepEqual(s.virt, ['dockerenv', 'cgroup:0::/init.scope', 'vendor=QEMU']);
    assert.deepEqual(s.cpuinfo, ['processor\t: 0', 'processor\t: 1'], 'only the keys the facts use');
    assert.deepEqual(s.nproc, ['4'], 'the CPUs this process may run on');
    for (const gone of ['files', 'status', 'cpuinfo-all', 'os-release-usr', 'machine-id-dbus']) assert.equal(s[gone], undefined, gone);
  });

  it('sorts ip -batch output into the route, the addresses of each family and the links', () => {
    const s = expanded([
      '::ip',
      'default via 10.0.0.1 dev eth0 proto dhcp src 10.0.0.5 metric 100 ',
      '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet 10.0.0.5/24 brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever',
      '2: eth0    inet6 fe80::1/64 scope link \\       valid_lft forever preferred_lft forever',
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
      '2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default qlen 1000\\    link/ether 02:00:00:00:00:05 brd ff:ff:ff:ff:ff:ff',
      '::end', '',
    ].join('\n'));
    assert.equal(s['default-route']!.length, 1);
    assert.deepEqual(s.addresses!.map((l) => l.split(/\s+/)[3]), ['127.0.0.1/8', '10.0.0.5/24']);
    assert.deepEqual(s.addresses6!.map((l) => l.split(/\s+/)[3]), ['fe80::1/64']);
    assert.deepEqual(s.links!.map((l) => l.split(':')[1]!.trim()), ['lo', 'eth0@if9']);
  });

  it('keeps the sections an ip without -batch answered one by one', () => {
    const s = expanded(['::ip', '::default-route', '::addresses', '10.0.0.5', '::links', '::addresses6', '::end', ''].join('\n'));
    assert.deepEqual(s.addresses, ['10.0.0.5']);
    assert.equal(s.ip, undefined);
  });

  it('counts CPU lists as nproc does', () => {
    assert.equal(cpuCount('0'), 1);
    assert.equal(cpuCount('0-3'), 4);
    assert.equal(cpuCount(' 0-1,4,6-7\t'), 5);
  });
});
