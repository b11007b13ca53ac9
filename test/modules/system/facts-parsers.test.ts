/** package_facts and service_facts read what dpkg, rpm, service and systemctl print (no host needed). */
import { strict as assert } from 'node:assert';
import { parseDpkg, parseRpm } from '../../../runner/modules/system/package_facts.js';
import { parseSystemd, parseSysv } from '../../../runner/modules/system/service_facts.js';

describe('fact parsers', () => {
  it('dpkg: only installed packages, with the epoch in the version', () => {
    const out = 'installed\topenssh-server\t1:9.2p1-2+deb12u10\tamd64\tnet\t\nconfig-files\told\t1.0\tall\tadmin\t\n';
    assert.deepEqual(parseDpkg(out), [{ name: 'openssh-server', version: '1:9.2p1-2+deb12u10', arch: 'amd64', category: 'net', origin: '', source: 'apt' }]);
  });

  it('rpm: epoch a number or null', () => {
    assert.deepEqual(parseRpm('nginx\t1.20.1\t10.el7\t1\tx86_64\nbash\t4.2.46\t35.el7_9\t(none)\tx86_64\n'), [
      { name: 'nginx', version: '1.20.1', release: '10.el7', epoch: 1, arch: 'x86_64', source: 'rpm' },
      { name: 'bash', version: '4.2.46', release: '35.el7_9', epoch: null, arch: 'x86_64', source: 'rpm' },
    ]);
  });

  it('service --status-all: + running, - stopped, ? left out (as Ansible on a lab host)', () => {
    assert.deepEqual(parseSysv(' [ + ]  cron\n [ ? ]  hwclock.sh\n [ - ]  procps\n'), {
      cron: { name: 'cron', state: 'running', source: 'sysv' },
      procps: { name: 'procps', state: 'stopped', source: 'sysv' },
    });
  });

  it('systemctl: state from the unit, status from its unit file', () => {
    const out = 'nginx.service loaded active running A high performance web server\nssh.service loaded inactive dead OpenBSD Secure Shell server\n--files--\nnginx.service enabled enabled\nssh.service disabled enabled\napt-daily.service static -\n';
    assert.deepEqual(parseSystemd(out), {
      'nginx.service': { name: 'nginx.service', state: 'running', status: 'enabled', source: 'systemd' },
      'ssh.service': { name: 'ssh.service', state: 'stopped', status: 'disabled', source: 'systemd' },
      'apt-daily.service': { name: 'apt-daily.service', state: 'inactive', status: 'static', source: 'systemd' },
    });
  });
});
