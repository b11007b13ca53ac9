/**
 * The lab on this machine, end to end: hosts answer over SSH with their real host keys, are cut
 * off from everything but the lab subnet, install the streaming packages from the image's cache,
 * die when killed, and leave nothing behind when the lab goes down.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { labUp, labDown, labKill, labStatus, type LabInfo } from '../../runner/lab/index.js';
import { runLabCommand } from '../../runner/lab/command.js';
import { labSsh as ssh } from '../helpers/lab-ssh.js';
import { netnsList, linkExists, mountsUnder, pidAlive } from './machine.js';
import { missing, needs } from '../harness/tiers.js';

/** A lab directory of the tests' own, so a user's lab (and other suites' hosts) stay untouched. */
const dir = resolve(import.meta.dirname, '../../.lab/tests');
const opts = { dir, prefix: 'lt' };

describe('lab hosts (sysv flavour) @lab @ansible', function () {
  this.timeout(15 * 60_000);
  let lab: LabInfo;
  let a = '';
  let b = '';

  before(async function () {
    needs(this, 'lab', 'ansible');
    await labDown({ dir });
    lab = await labUp(2, opts);
    [a, b] = lab.hosts.map((h) => h.address) as [string, string];
  });

  after(async function () {
    if (!missing('lab')) await labDown({ dir });
  });

  it('starts two hosts with their own names and addresses', () => {
    assert.deepEqual(lab.hosts.map((h) => [h.name, h.flavour]), [['lt1', 'sysv'], ['lt2', 'sysv']]);
    assert.match(a, /^10\.77\.0\.\d+$/);
    assert.match(b, /^10\.77\.0\.\d+$/);
    assert.notEqual(a, b);
    assert.ok(lab.hosts.every((h) => typeof h.pid === 'number' && pidAlive(h.pid)));
  });

  it('writes an inventory for our runner and ansible-playbook', () => {
    const text = readFileSync(lab.inventoryPath, 'utf8');
    assert.ok(text.includes(`[streaming]\nlt1 ansible_host=${a}\nlt2 ansible_host=${b}\n`), text);
    assert.match(text, /^\[lab:children\]\nstreaming$/m);
    assert.ok(text.includes(`ansible_ssh_private_key_file=${lab.keyPath}\n`));
    assert.ok(text.includes(`ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsPath} -o StrictHostKeyChecking=yes'`));
    assert.match(text, /^ansible_python_interpreter=\/usr\/bin\/python3$/m);
  });

  it('is driven by the real ansible with the written inventory', () => {
    const out = execFileSync('ansible', ['-i', lab.inventoryPath, 'lab', '-m', 'ping', '-o'], {
      encoding: 'utf8', env: { ...process.env, ANSIBLE_HOST_KEY_CHECKING: 'True', ANSIBLE_NOCOLOR: '1' },
    });
    assert.match(out, /^lt1 \| SUCCESS => .*"ping": "pong"/m, out);
    assert.match(out, /^lt2 \| SUCCESS => .*"ping": "pong"/m, out);
  });

  it('answers over SSH with host key checking on, each host under its own hostname', async () => {
    for (const h of lab.hosts) {
      const r = await ssh(lab, `root@${h.address}`, 'hostname; cat /etc/hostname');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${h.name}\n${h.name}\n`);
    }
  });

  it('refuses a host whose key is not in known_hosts', async () => {
    const other = { ...lab, knownHostsPath: '/dev/null' };
    const r = await ssh(other, `root@${a}`, 'true');
    assert.equal(r.code, 255);
    assert.match(r.stderr, /Host key verification failed/);
  });

  it('lets the operator user become root with its sudo password', async () => {
    const r = await ssh(lab, `operator@${b}`, "id -un; sudo -S -p '' id -u", 'operator-pass\n');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'operator\n0\n');
    const wrong = await ssh(lab, `operator@${b}`, "sudo -S -p '' id -u", 'wrong\n');
    assert.notEqual(wrong.code, 0);
  });

  it('reaches nothing beyond the lab subnet', async () => {
    const r = await ssh(lab, `root@${a}`,
      `ip route show default; echo routes: $(ip route | wc -l); curl -sS -m 5 http://192.0.2.1/ 2>&1; echo curl=$?; curl -sS -m 5 -o /dev/null http://${b}:22/ 2>&1; echo peer=$?`);
    assert.match(r.stdout, /^routes: 1$/m, r.stdout);
    assert.match(r.stdout, /curl=7/, 'no route out, so the connection fails at once');
    assert.doesNotMatch(r.stdout, /peer=7/, 'the other lab host is reachable');
  });

  it('keeps the machine out of reach: own /dev, read-only /proc/sys, no machine filesystem', async () => {
    const r = await ssh(lab, `root@${a}`,
      'ls /dev | tr "\\n" " "; echo; touch /proc/sys/kernel/hostname 2>&1 | grep -c Read-only; ls /mnt | wc -l; ps -e --no-headers | wc -l; cat /proc/1/cmdline | tr "\\0" " "');
    const [devs, roCount, mntEntries, , init] = r.stdout.split('\n');
    assert.deepEqual(devs!.trim().split(' ').filter((d) => !['fd', 'stdin', 'stdout', 'stderr', 'pts', 'shm', 'ptmx'].includes(d)).sort(),
      ['full', 'null', 'random', 'tty', 'urandom', 'zero']);
    assert.equal(roCount, '1');
    assert.equal(mntEntries, '0');
    assert.equal(init!.trim(), '/bin/sh /sbin/init');
  });

  it('installs nginx from the image cache with no network, and serves it to the machine', async () => {
    const r = await ssh(lab, `root@${a}`, 'apt-get install -y nginx libnginx-mod-rtmp iptables-persistent 2>&1; echo rc=$?');
    assert.match(r.stdout, /rc=0$/m, r.stdout.slice(-2000));
    assert.match(r.stdout, /Setting up nginx /);
    // The package's postinst started nginx through invoke-rc.d, as on a real Debian host.
    const page = execFileSync('curl', ['-sS', '-m', '10', `http://${a}/`], { encoding: 'utf8' });
    assert.match(page, /Welcome to nginx!/);
    const svc = await ssh(lab, `root@${a}`, 'service nginx reload && service nginx status');
    assert.equal(svc.code, 0, svc.stdout + svc.stderr);
  });

  it('is idempotent: a second up keeps the running hosts', async () => {
    const again = await labUp(2, opts);
    assert.deepEqual(again.hosts.map((h) => h.pid), lab.hosts.map((h) => h.pid));
    const r = await ssh(lab, `root@${a}`, 'test -x /usr/sbin/nginx && echo kept');
    assert.equal(r.stdout, 'kept\n');
  });

  it('labKill makes a host unreachable while the other carries on', async () => {
    await labKill('lt2', { dir });
    const dead = await ssh(lab, `root@${b}`, 'true');
    assert.equal(dead.code, 255);
    assert.match(dead.stderr, /Connection refused|timed out|No route/);
    assert.ok(!pidAlive(lab.hosts[1]!.pid!));
    const alive = await ssh(lab, `root@${a}`, 'hostname');
    assert.equal(alive.stdout, 'lt1\n');
    const status = await labStatus({ dir });
    assert.deepEqual(status.up, ['lt1']);
    const lines: string[] = [];
    process.env.SHOWRUNNER_LAB_DIR = dir;
    try {
      assert.equal(await runLabCommand(['status'], (l) => lines.push(l)), 0);
    } finally {
      delete process.env.SHOWRUNNER_LAB_DIR;
    }
    assert.match(lines.join('\n'), /^1 of 2 lab host\(s\) up$/m);
    assert.match(lines.join('\n'), new RegExp(`^  lt2 +${b.replace(/\./g, '\\.')} +sysv +down$`, 'm'));
  });

  it('brings a killed host back with the same host keys, and fresh empties the upper layer', async () => {
    const back = await labUp(2, opts);
    assert.equal(back.hosts[0]!.pid, lab.hosts[0]!.pid, 'lt1 kept running');
    assert.equal((await ssh(back, `root@${b}`, 'hostname')).stdout, 'lt2\n');
    const fresh = await labUp(2, { ...opts, fresh: true });
    const r = await ssh(fresh, `root@${a}`, 'test -e /usr/sbin/nginx && echo installed || echo clean');
    assert.equal(r.stdout, 'clean\n');
  });

  it('labDown leaves no namespace, link, mount or process behind', async () => {
    const status = await labStatus({ dir });
    const pids = status.hosts.map((h) => h.pid!).filter(Boolean);
    assert.equal(pids.length, 2);
    await labDown({ dir });
    assert.deepEqual(netnsList().filter((n) => n.startsWith('srlab-lt')), []);
    assert.ok(!linkExists('srl-lt1') && !linkExists('srl-lt2'), 'veth pairs removed');
    // The bridge goes with the last lab host on the machine (another lab may still be up).
    if (!netnsList().some((n) => n.startsWith('srlab-'))) assert.equal(linkExists('srlab0'), false);
    assert.deepEqual(mountsUnder(status.dir), []);
    assert.deepEqual(pids.filter(pidAlive), []);
    assert.deepEqual((await labStatus({ dir })).hosts, []);
  });
});
