/**
 * The modules that change a host's own state (hostname, timezone, sysctl, cron, ini_file,
 * replace, apt_repository) and fetch, on a fresh lab host, under the collection names users write: the dry run
 * changes nothing and predicts the real run, the real run makes it so (checked over ssh), and a
 * second run is all ok.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labDown, labUp, type LabInfo } from '../../../runner/lab/index.js';
import { runCli } from '../../helpers/run-cli.js';
import { labSsh } from '../../helpers/lab-ssh.js';
import { needs } from '../../harness/tiers.js';

const fixture = new URL('../../fixtures/host-modules/', import.meta.url).pathname;
const PREFIX = 'mod';

interface Report { stats: Record<string, { ok: number; changed: number; failed: number }>; plays: { tasks: { title: string; hosts: Record<string, { status: string }> }[] }[] }

describe('host-state modules on a fresh lab host @lab', function () {
  this.timeout(5 * 60_000);
  let lab: LabInfo | undefined;
  let fetched = '';
  const host = () => lab!.hosts[0]!;
  const ssh = async (command: string) => (await labSsh(lab!, `root@${host().address}`, command)).stdout;
  const run = async (...extra: string[]) => {
    const r = await runCli(['site.yml', '-i', lab!.inventoryPath, '-e', `fetch_dir=${fetched}`, '--json', ...extra], fixture);
    return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
  };
  const state = () => ssh('hostname; cat /etc/hostname; cat /etc/timezone; readlink /etc/localtime; cat /proc/sys/net/ipv4/ip_forward; cat /etc/sysctl.d/60-forward.conf /etc/cron.d/recordings /etc/showrunner-test.ini /etc/apt/sources.list.d/example.list 2>&1; grep ^127.0.0.1 /etc/hosts');

  before(async function () {
    needs(this, 'lab');
    lab = await labUp(1, { prefix: PREFIX, fresh: true });
    fetched = mkdtempSync(join(tmpdir(), 'sr-fetched-'));
  });
  after(async () => {
    if (lab) await labDown({ prefix: PREFIX });
    if (fetched) rmSync(fetched, { recursive: true, force: true });
  });

  it('--check changes nothing and predicts a change for every task but ping', async () => {
    const before = await state();
    const dry = await run('--check');
    assert.equal(dry.code, 0, dry.stderr);
    const statuses = dry.report.plays[0]!.tasks.filter((t) => t.title !== 'Gathering Facts').map((t) => Object.values(t.hosts)[0]!.status);
    assert.deepEqual(statuses, ['changed', 'changed', 'changed', 'changed', 'changed', 'changed', 'changed', 'changed', 'ok']);
    assert.equal(await state(), before);
    assert.equal(existsSync(join(fetched, host().name)), false);
  });

  it('the real run changes what the dry run said, and the host shows it', async () => {
    const real = await run();
    assert.equal(real.code, 0, real.stderr);
    assert.equal(real.report.stats[host().name]!.changed, 8);
    assert.equal(await state(), [
      'stream01', 'stream01', 'Europe/Paris', '/usr/share/zoneinfo/Europe/Paris', '1', 'net.ipv4.ip_forward=1',
      '#Ansible: rotate recordings', '30 3 * * * root /usr/local/bin/rotate', '', '[stream]', 'bitrate = 4500k', 'deb [arch=amd64] http://apt.example.org/debian bookworm main',
      '127.0.0.1\tlocalhost stream01', '',
    ].join('\n'));
    assert.ok(existsSync(join(fetched, host().name, 'etc/os-release')));
  });

  it('a second run is all ok', async () => {
    const again = await run();
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.report.stats[host().name]!.changed, 0);
  });
});
