/**
 * The promise of the tool on a real folder: a dry run changes nothing and predicts exactly the
 * tasks (and handlers) that the real run then changes; a second real run changes nothing.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { snapshot, snapshotChanges } from '../harness/snapshot.js';

const playbook = new URL('../fixtures/converge/site.yml', import.meta.url).pathname;

interface Report { plays: { tasks: { title: string; hosts: Record<string, { status: string }> }[] }[]; stats: Record<string, { changed: number; failed: number }> }

function changedTasks(r: Report): string[] {
  return r.plays.flatMap((p) => p.tasks.filter((t) => t.hosts.localhost?.status === 'changed').map((t) => t.title));
}

describe('converging a folder: check, run, run again', () => {
  let root: string;
  before(() => { root = mkdtempSync(join(tmpdir(), 'sr-converge-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('predicts in --check exactly what the real run changes, and changes nothing itself', async () => {
    const before = snapshot(root);
    const dry = await runCli([playbook, '--check', '--json', '-e', `root=${root}`]);
    assert.equal(dry.code, 0, dry.stderr || dry.stdout);
    assert.deepEqual(snapshotChanges(before, snapshot(root)), [], 'the dry run left the folder as it was');
    const predicted = changedTasks(JSON.parse(dry.stdout));

    const real = await runCli([playbook, '--json', '-e', `root=${root}`]);
    assert.equal(real.code, 0, real.stderr || real.stdout);
    const changed = changedTasks(JSON.parse(real.stdout));
    assert.deepEqual(predicted, changed);
    assert.ok(changed.includes('reload app'), 'the handler ran');
    assert.equal(changed.length, 8);

    const again = await runCli([playbook, '--json', '-e', `root=${root}`]);
    const report = JSON.parse(again.stdout) as Report;
    assert.equal(again.code, 0);
    assert.deepEqual(changedTasks(report), []);
    assert.equal(report.stats.localhost!.changed, 0);
  });

  it('shows the would-be changes as unified diffs with --check --diff', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'sr-converge-'));
    try {
      const r = await runCli([playbook, '--check', '--diff', '-e', `root=${fresh}`]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^\+    listen 1935;$/m);
      assert.match(r.stdout, /^\+port=1935$/m);
      assert.match(r.stdout, /changed: \[localhost\]/);
      assert.match(r.stdout, /localhost\s+: ok=10\s+changed=8\s+unreachable=0\s+failed=0/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
