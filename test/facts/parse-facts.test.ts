import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { parseFacts } from '../../runner/facts/gather.js';

const recorded = (name: string) => parseFacts(readFileSync(new URL(`./recorded/${name}.txt`, import.meta.url), 'utf8'));

describe('parseFacts (recorded outputs of real hosts)', () => {
  it('Debian 12 with systemd', () => {
    const f = recorded('debian12-systemd');
    assert.equal(f.ansible_distribution, 'Debian');
    assert.equal(f.ansible_os_family, 'Debian');
    assert.equal(f.ansible_distribution_version, '12.7');
    assert.equal(f.ansible_distribution_major_version, '12');
    assert.equal(f.ansible_distribution_release, 'bookworm');
    assert.equal(f.ansible_pkg_mgr, 'apt');
    assert.equal(f.ansible_service_mgr, 'systemd');
    assert.equal(f.ansible_hostname, 'stream1');
    assert.equal(f.ansible_fqdn, 'stream1.example.net');
    assert.equal(f.ansible_domain, 'example.net');
    assert.deepEqual(f.ansible_selinux, { status: 'disabled' });
    assert.equal(f.ansible_user_id, 'admin');
    assert.equal(f.ansible_processor_vcpus, 4);
    assert.equal(f.ansible_memtotal_mb, 7946);
    assert.deepEqual(f.ansible_default_ipv4, {
      address: '203.0.113.10', alias: 'ens3', broadcast: '203.0.113.255', gateway: '203.0.113.1', interface: 'ens3',
      netmask: '255.255.255.0', network: '203.0.113.0', prefix: '24',
    });
    assert.deepEqual(f.ansible_python, { executable: '/usr/bin/python3' });
  });

  it('Debian 12 without systemd (a minimal root: no ip, no python)', () => {
    const f = recorded('debian12-sysvinit');
    assert.equal(f.ansible_distribution_version, '12.15');
    assert.equal(f.ansible_service_mgr, 'sysvinit');
    assert.equal(f.ansible_pkg_mgr, 'apt');
    assert.equal(f.ansible_architecture, 'x86_64');
    assert.equal(f.ansible_kernel, '6.18.44-fc-v782');
    assert.equal(f.ansible_system, 'Linux');
    assert.equal(f.ansible_user_id, 'root');
    assert.equal((f.ansible_default_ipv4 as { address: string }).address, '192.0.2.2');
    assert.equal(f.ansible_python, undefined);
  });

  it('CentOS 7 with SELinux enforcing', () => {
    const f = recorded('centos7');
    assert.equal(f.ansible_distribution, 'CentOS');
    assert.equal(f.ansible_os_family, 'RedHat');
    assert.equal(f.ansible_distribution_version, '7.9');
    assert.equal(f.ansible_distribution_major_version, '7');
    assert.equal(f.ansible_distribution_release, 'Core');
    assert.equal(f.ansible_pkg_mgr, 'yum');
    assert.equal(f.ansible_service_mgr, 'systemd');
    assert.deepEqual(f.ansible_selinux, { status: 'enabled', mode: 'enforcing', config_mode: 'enforcing', type: 'targeted', policyvers: 31 });
    assert.equal(f.ansible_hostname, 'edge2');
    assert.deepEqual(f.ansible_python, { executable: '/usr/bin/python2' });
  });

  it('Ubuntu 22.04', () => {
    const f = recorded('ubuntu2204');
    assert.equal(f.ansible_distribution, 'Ubuntu');
    assert.equal(f.ansible_os_family, 'Debian');
    assert.equal(f.ansible_distribution_version, '22.04');
    assert.equal(f.ansible_distribution_major_version, '22');
    assert.equal(f.ansible_distribution_release, 'jammy');
    assert.equal(f.ansible_pkg_mgr, 'apt');
    assert.equal(f.ansible_service_mgr, 'systemd');
    assert.deepEqual(f.ansible_all_ipv4_addresses, ['172.31.5.20']);
  });

  it('the interpreter version from its -V line, as ansible_python_version and ansible_python.version', () => {
    const f = parseFacts('::commands\n/usr/bin/python3\n::python-version\nPython 3.11.2\n::end\n');
    assert.equal(f.ansible_python_version, '3.11.2');
    assert.deepEqual(f.ansible_python, {
      executable: '/usr/bin/python3', type: 'cpython',
      version: { major: 3, minor: 11, micro: 2, releaselevel: 'final', serial: 0 },
      version_info: [3, 11, 2, 'final', 0],
    });
  });
});
