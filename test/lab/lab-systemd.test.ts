/**
 * The systemd flavour (systemd-nspawn --boot) beside a sysv host of a second prefix: both up at
 * once on disjoint addresses, real systemctl inside, and nothing left after a kill or down.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { labUp, labDown, labKill, labStatus, type LabInfo } from '../../runner/lab/index.js';
import { labSsh as ssh } from '../helpers/lab-ssh.js';
import { netnsList, mountsUnder, pidAlive } from './machine.js';
import { execFileSync } from 'node:child_process';
import { missing, needs } from '../harness/tiers.js';

const dir = resolve(import.meta.dirname, '../../.lab/tests');
const nsPids = (ns: string): string => execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).trim();

describe('lab hosts (systemd flavour) @lab', function () {
  this.timeout(15 * 60_000);
  let sd: LabInfo;
  let sysv: LabInfo;

  before(async function () {
    needs(this, 'lab');
    await labDown({ dir });
    sd = await labUp(1, { dir, prefix: 'lts', flavour: 'systemd' });
    sysv = await labUp(1, { dir, prefix: 'lt' });
  });

  after(async function () {
    if (!missing('lab')) await labDown({ dir });
  });

  it('runs a systemd host and a sysv host at once, on different addresses', async () => {
    assert.deepEqual(sd.hosts.map((h) => [h.name, h.flavour]), [['lts1', 'systemd']]);
    assert.deepEqual(sysv.hosts.map((h) => [h.name, h.flavour]), [['lt1', 'sysv']]);
    assert.notEqual(sd.hosts[0]!.address, sysv.hosts[0]!.address);
    assert.notEqual(sd.inventoryPath, sysv.inventoryPath);
    const status = await labStatus({ dir });
    assert.deepEqual(status.up.sort(), ['lt1', 'lts1']);
    for (const lab of [sd, sysv]) {
      const r = await ssh(lab, `root@${lab.hosts[0]!.address}`, 'hostname');
      assert.equal(r.stdout, `${lab.hosts[0]!.name}\n`, r.stderr);
    }
  });

  it('boots systemd as PID 1, with no route out', async () => {
    const r = await ssh(sd, `root@${sd.hosts[0]!.address}`,
      'cat /proc/1/comm; systemctl is-system-running --wait; systemctl is-active ssh; echo routes: $(ip route | wc -l)');
    const [comm, state, sshState, routes] = r.stdout.trim().split('\n');
    assert.equal(comm, 'systemd');
    assert.match(state!, /^(running|degraded)$/);
    assert.equal(sshState, 'active');
    assert.equal(routes, 'routes: 1');
  });

  it('installs nginx offline and manages it with systemctl', async () => {
    const address = sd.hosts[0]!.address;
    const r = await ssh(sd, `root@${address}`,
      'apt-get install -y nginx libnginx-mod-rtmp >/dev/null 2>&1; echo rc=$?; systemctl is-active nginx; systemctl reload nginx && echo reloaded; systemctl is-enabled nginx');
    assert.equal(r.stdout, 'rc=0\nactive\nreloaded\nenabled\n', r.stderr);
    const page = execFileSync('curl', ['-sS', '-m', '10', `http://${address}/`], { encoding: 'utf8' });
    assert.match(page, /Welcome to nginx!/);
  });

  it('iptables inside the host leaves the machine alone', async () => {
    const address = sd.hosts[0]!.address;
    const before = execFileSync('iptables-save', { encoding: 'utf8' }).replace(/^#.*\n/gm, '');
    const r = await ssh(sd, `root@${address}`,
      'apt-get install -y iptables >/dev/null 2>&1 && iptables -A INPUT -p tcp --dport 8080 -j REJECT && iptables -S INPUT');
    assert.match(r.stdout, /--dport 8080 -j REJECT/, r.stderr);
    assert.equal(execFileSync('iptables-save', { encoding: 'utf8' }).replace(/^#.*\n/gm, ''), before);
  });

  it('labKill stops every process of the container', async () => {
    const pid = sd.hosts[0]!.pid!;
    assert.notEqual(nsPids('srlab-lts1'), '');
    await labKill('lts1', { dir });
    assert.equal(nsPids('srlab-lts1'), '');
    assert.ok(!pidAlive(pid));
    const r = await ssh(sd, `root@${sd.hosts[0]!.address}`, 'true');
    assert.equal(r.code, 255);
    assert.deepEqual((await labStatus({ dir })).up, ['lt1']);
  });

  it('comes back on up, and labDown removes hosts, namespaces, mounts and cgroups', async () => {
    const again = await labUp(1, { dir, prefix: 'lts', flavour: 'systemd' });
    assert.equal((await ssh(again, `root@${again.hosts[0]!.address}`, 'systemctl is-active nginx')).stdout, 'active\n');
    await labDown({ dir });
    assert.deepEqual(netnsList().filter((n) => n === 'srlab-lts1' || n === 'srlab-lt1'), []);
    assert.deepEqual(mountsUnder(dir), []);
    assert.equal(existsSync('/sys/fs/cgroup/systemd/showrunner-lab/lts1'), false);
    assert.equal(existsSync('/sys/fs/cgroup/unified/showrunner-lab/lts1'), false);
  });
});
