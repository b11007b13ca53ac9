/**
 * The runner over real SSH on three fresh lab hosts, through the CLI, as a user sees it: a dry
 * run that predicts the real run, modules and handlers leaving their work on the hosts, facts,
 * become through sudo, a file transfer, --limit and serial batches, and a second run that
 * changes nothing. Host key refusal, wrong passwords and a dying host are in ssh-failures.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { dropHosts, fixtures, freshHosts, scratch, writeInventory } from './lab-setup.js';
import { hostOutput, onHost } from '../helpers/lab-ssh.js';
import { changes, parseReport, recap, titles } from '../harness/report.js';
import { needs } from '../harness/tiers.js';

const book = (name: string) => join(fixtures, name);
const names = ['it1', 'it2', 'it3'];

describe('a playbook over SSH on three fresh lab hosts @lab', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';
  let dry: CliRun;
  let real: CliRun;
  let afterDry = '';

  before(async function () {
    needs(this, 'lab');
    work = scratch();
    lab = await freshHosts(3, 'it');
    inventory = writeInventory(lab, join(work.dir, 'hosts.ini'));
    dry = await runCli([book('modules.yml'), '-i', inventory, '--check', '--json']);
    afterDry = await hostOutput(lab, 'it1', 'ls /srv; dpkg-query -W -f "\\${Status}" nginx 2>&1; getent group streamers; true');
    real = await runCli([book('modules.yml'), '-i', inventory, '--json']);
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('--check changes nothing on the hosts', () => {
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.equal(parseReport(dry.stdout).check, true);
    assert.doesNotMatch(afterDry, /\bit\b|install ok installed|streamers/, afterDry);
  });

  it('converges every host: exit 0, recap with the changes and no failure', () => {
    assert.equal(real.code, 0, real.stdout + real.stderr);
    const r = recap(parseReport(real.stdout));
    assert.deepEqual([...r.keys()], names);
    for (const host of names) {
      assert.deepEqual({ ...r.get(host)!, ok: 0 }, { ok: 0, changed: 10, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 }, host);
      assert.equal(r.get(host)!.ok, 12, host);
    }
  });

  it('--check predicted exactly the changes of the real run, task by task and host by host', () => {
    assert.deepEqual(changes(parseReport(dry.stdout)), changes(parseReport(real.stdout)));
  });

  it('leaves what each module said on the hosts', async () => {
    for (const host of names) {
      const out = await hostOutput(lab, host, [
        'getent group streamers | cut -d: -f1,3',
        'id -gn streamer',
        "dpkg-query -W -f '${Status}\\n' nginx",
        'pgrep -x nginx >/dev/null && echo nginx running',
        'stat -c "%U:%G %a %n" /srv/it /srv/it/banner.txt /srv/it/facts.txt',
        'cat /srv/it/banner.txt /srv/it/settings.conf /srv/it/stamp',
      ].join('; '));
      assert.equal(out, [
        'streamers:2345', 'streamers', 'install ok installed', 'nginx running',
        'streamer:streamers 750 /srv/it', 'streamer:root 644 /srv/it/banner.txt', 'root:root 644 /srv/it/facts.txt',
        `live from ${host}`, 'max_clients=10', host, '',
      ].join('\n'));
    }
  });

  it('renders facts: Debian 12 with its service manager', async () => {
    assert.equal(await hostOutput(lab, 'it2', 'cat /srv/it/facts.txt'), 'host=it2\ndistribution=Debian\nrelease=12\nservice_mgr=sysvinit\n');
  });

  it('runs each notified handler once, after the last task; never the one not notified', async () => {
    const run = titles(parseReport(real.stdout));
    assert.deepEqual(run.slice(-3), ['a one-time stamp', 'handler record config change', 'handler restart nginx']);
    assert.equal(run.filter((t) => t.startsWith('handler ')).length, 2);
    for (const host of names) {
      assert.equal(await hostOutput(lab, host, 'cat /srv/it/handler.log; ls /srv/it/never 2>&1 || true'),
        'handled\nls: cannot access \'/srv/it/never\': No such file or directory\n');
    }
  });

  it('changes nothing on a second run and notifies no handler', async () => {
    const again = await runCli([book('modules.yml'), '-i', inventory, '--json']);
    assert.equal(again.code, 0, again.stdout);
    const report = parseReport(again.stdout);
    assert.deepEqual(changes(report), []);
    assert.deepEqual(titles(report).filter((t) => t.startsWith('handler ')), [], 'no handler ran');
    for (const [host, c] of recap(report)) assert.deepEqual([host, c.changed, c.ok, c.failed], [host, 0, 10, 0]);
    assert.equal(await hostOutput(lab, 'it3', 'cat /srv/it/handler.log'), 'handled\n');
  });

  it('starts a service that was stopped, on that host only', async () => {
    await hostOutput(lab, 'it2', 'service nginx stop >/dev/null; pgrep -x nginx || echo stopped');
    const r = await runCli([book('modules.yml'), '-i', inventory, '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(changes(parseReport(r.stdout)), ['nginx is running: it2']);
    assert.equal((await onHost(lab, 'it2', 'pgrep -x nginx')).code, 0, 'nginx runs again');
  });

  it('copies a 1 MB file intact and leaves it alone the second time', async () => {
    const blob = join(work.dir, 'blob.bin');
    const bytes = randomBytes(1024 * 1024);
    writeFileSync(blob, bytes);
    const sum = createHash('sha256').update(bytes).digest('hex');
    const first = await runCli([book('transfer.yml'), '-i', inventory, '-e', `blob=${blob}`, '--json']);
    assert.equal(first.code, 0, first.stdout);
    assert.deepEqual(changes(parseReport(first.stdout)), ['a megabyte of random bytes: it1,it2,it3']);
    for (const host of names) {
      assert.equal(await hostOutput(lab, host, 'sha256sum /var/tmp/blob.bin; stat -c %s:%a /var/tmp/blob.bin'), `${sum}  /var/tmp/blob.bin\n1048576:640\n`);
    }
    const second = await runCli([book('transfer.yml'), '-i', inventory, '-e', `blob=${blob}`, '--json']);
    assert.deepEqual(changes(parseReport(second.stdout)), []);
  });

  for (const verbose of [[], ['-v'], ['-vvv']]) {
    it(`becomes root through sudo as operator, never showing the password (${verbose.join(' ') || 'no -v'})`, async () => {
      const inv = writeInventory(lab, join(work.dir, 'become.ini'), {
        hosts: ['it1'], vars: { ansible_user: 'operator', ansible_become_password: 'operator-pass' },
      });
      await onHost(lab, 'it1', 'rm -f /root/become-proof');
      const r = await runCli([book('become.yml'), '-i', inv, ...verbose]);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /"who\.stdout": "root"/);
      assert.match(r.stdout, /"plain\.stdout": "operator"/);
      assert.ok(!(r.stdout + r.stderr).includes('operator-pass'), 'the become password is not in the output');
      assert.equal(await hostOutput(lab, 'it1', 'stat -c "%U:%G %a" /root/become-proof; cat /root/become-proof'), 'root:root 600\nwritten as root\n');
    });
  }

  it('--limit runs on the named host only', async () => {
    const r = await runCli([book('marker.yml'), '-i', inventory, '--limit', 'it2', '-e', 'marker_path=/tmp/limit-marker', '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual([...recap(parseReport(r.stdout)).keys()], ['it2']);
    assert.deepEqual(changes(parseReport(r.stdout)), ['marker file: it2']);
    const seen = await Promise.all(names.map(async (h) => (await onHost(lab, h, 'cat /tmp/limit-marker')).stdout));
    assert.deepEqual(seen, ['', 'it2\n', '']);
  });

  it('serial: 1 runs the whole play on one host after the other', async () => {
    const r = await runCli([book('serial.yml'), '-i', inventory, '--json']);
    assert.equal(r.code, 0, r.stdout);
    const report = parseReport(r.stdout);
    assert.deepEqual(report.plays.map((p) => p.name), ['rolling', 'rolling', 'rolling'], 'one play per batch');
    assert.deepEqual(report.plays.flatMap((p) => p.tasks).map((t) => `${t.title}: ${Object.keys(t.hosts).join(',')}`), [
      'first step: it1', 'second step: it1', 'first step: it2', 'second step: it2', 'first step: it3', 'second step: it3',
    ]);
    const stamps: bigint[] = [];
    for (const host of names) {
      const [first, second] = (await hostOutput(lab, host, 'cat /tmp/serial-first /tmp/serial-second')).trim().split('\n');
      stamps.push(BigInt(first!), BigInt(second!));
    }
    for (let i = 1; i < stamps.length; i++) assert.ok(stamps[i - 1]! < stamps[i]!, `host steps in order: ${stamps.join(' ')}`);
  });
});
