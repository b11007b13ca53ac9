/**
 * A dry run leaves the host as it was, byte for byte: `--check` of playbooks/site.yml on a fresh
 * lab host, and a `--check` that fails part-way, change no path's kind, mode, owner, size, mtime or
 * content. The host's filesystem is read from this machine through its init's /proc/PID/root (the
 * host's own mount view), so reading it logs nothing in and writes nothing there.
 *
 * Left out, and why: /proc and /sys (kernel views, not files), /dev (a tmpfs of device nodes the
 * lab makes at boot), /run (a tmpfs of runtime state: pid files, sshd's per-login utmp records,
 * which any login changes, the dry run's own SSH session included). /tmp is kept in: a dry run has
 * no business there either.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { labDown, labUp, type LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { snapshot, snapshotChanges, type Snapshot } from '../harness/snapshot.js';
import { needs } from '../harness/tiers.js';

const EXCLUDED = ['/proc', '/sys', '/dev', '/run'];
const fixtures = resolve(import.meta.dirname, '../fixtures/check-snapshot');
const prefix = 'lc';

interface Report {
  plays: { tasks: { title: string; hosts: Record<string, { status: string }> }[] }[];
  stats: Record<string, { changed: number; failed: number }>;
}

describe('--check on a fresh lab host leaves its filesystem identical @lab', function () {
  this.timeout(10 * 60_000);
  let lab: LabInfo | undefined;
  let pristine: Snapshot;
  const hostRoot = () => `/proc/${lab!.hosts[0]!.pid}/root/`;

  before(async function () {
    needs(this, 'lab');
    lab = await labUp(1, { prefix, fresh: true });
    assert.ok(lab.hosts[0]!.pid, 'the host runs');
    pristine = snapshot(hostRoot(), EXCLUDED);
  });

  after(async () => {
    if (lab) await labDown({ prefix });
  });

  it('--check of site.yml: changes predicted, none made', async () => {
    const dry = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--check', '--json']);
    assert.equal(dry.code, 0, dry.stdout.slice(-3000) + dry.stderr);
    const report = JSON.parse(dry.stdout) as Report;
    assert.ok(report.stats.lc1!.changed > 5, 'a fresh host has changes to predict');
    assert.deepEqual(snapshotChanges(pristine, snapshot(hostRoot(), EXCLUDED)), []);
  });

  it('a --check that fails part-way: the changes before the failure predicted, none made', async () => {
    const dry = await runCli([join(fixtures, 'fails-midway.yml'), '-i', lab!.inventoryPath, '--check', '--json']);
    assert.equal(dry.code, 2, dry.stdout.slice(-3000) + dry.stderr);
    const report = JSON.parse(dry.stdout) as Report;
    const statuses = new Map(report.plays.flatMap((p) => p.tasks).map((t) => [t.title, t.hosts.lc1?.status]));
    assert.equal(statuses.get('a task that fails after the planned ones'), 'failed');
    assert.equal(statuses.get('never reached'), undefined);
    assert.ok(report.stats.lc1!.changed >= 3, `changes were planned before the failure: ${report.stats.lc1!.changed}`);
    assert.deepEqual(snapshotChanges(pristine, snapshot(hostRoot(), EXCLUDED)), []);
  });
});
