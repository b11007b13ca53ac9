/**
 * A fleet run in shards (`--limit` per CI job) and merged with scripts/merge-json.ts gives the
 * report one run over every host gives.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const PLAYBOOK = `
- hosts: fleet
  gather_facts: false
  tasks:
    - name: say where
      debug: { msg: "on {{ inventory_hostname }}" }
    - name: only on b
      include_tasks: only-b.yml
      when: inventory_hostname == 'b'
    - name: a change
      debug: { msg: changed }
      changed_when: true
    - name: c fails
      fail: { msg: "c is broken" }
      when: inventory_hostname == 'c'
    - name: after
      debug: { msg: done }
`;

const ONLY_B = `
- name: inside the include
  debug: { msg: "b only" }
`;

/** Times differ from run to run; everything else must be the same. */
function withoutTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutTimes);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'elapsed_ms').map(([k, x]) => [k, withoutTimes(x)]));
}

describe('sharded runs merged into one --json report', () => {
  let dir: string;
  const run = async (...extra: string[]) => {
    const r = await runCli([join(dir, 'site.yml'), '-i', join(dir, 'hosts.ini'), '--json', ...extra]);
    return { code: r.code, report: JSON.parse(r.stdout) as Record<string, unknown> };
  };
  const merge = (...files: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/merge-json.ts', ...files], { encoding: 'utf8' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-shards-'));
    writeFileSync(join(dir, 'site.yml'), PLAYBOOK);
    writeFileSync(join(dir, 'only-b.yml'), ONLY_B);
    writeFileSync(join(dir, 'hosts.ini'), '[fleet]\na ansible_connection=local\nb ansible_connection=local\nc ansible_connection=local\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is the report of one run over all the hosts, with its recap and the worst exit code', async () => {
    const whole = await run();
    assert.equal(whole.code, 2);
    const shards = [await run('--limit', 'a'), await run('--limit', 'b:c')];
    assert.deepEqual(shards.map((s) => s.code), [0, 2]);
    shards.forEach((s, i) => writeFileSync(join(dir, `shard-${i}.json`), JSON.stringify(s.report)));

    const r = merge(join(dir, 'shard-0.json'), join(dir, 'shard-1.json'));
    assert.equal(r.status, 2, r.stderr);
    const merged = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(withoutTimes(merged), withoutTimes(whole.report));
    assert.match(r.stderr, /^PLAY RECAP \*+\na\s+: ok=3\s+changed=1\s+unreachable=0\s+failed=0\s+skipped=2 /m);
    assert.match(r.stderr, /^c\s+: ok=2\s+changed=1\s+unreachable=0\s+failed=1 /m);
    assert.equal(merged['elapsed_ms'], Math.max(...shards.map((s) => s.report['elapsed_ms'] as number)));
  });

  it('refuses shards whose --limit patterns overlap', async () => {
    writeFileSync(join(dir, 'x.json'), JSON.stringify((await run('--limit', 'a:b')).report));
    writeFileSync(join(dir, 'y.json'), JSON.stringify((await run('--limit', 'b:c')).report));
    const r = merge(join(dir, 'x.json'), join(dir, 'y.json'));
    assert.equal(r.status, 5);
    assert.match(r.stderr, /host b is in report 1 and report 2: the --limit patterns of the shards overlap/);
  });
});
