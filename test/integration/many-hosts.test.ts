/**
 * Twenty lab hosts at once with the default forks, through the showrunner process as a user runs
 * it: every host converges, and the output stays readable (each host's result a whole line, never
 * two results run together or cut mid-line).
 */
import assert from 'node:assert/strict';
import { resolve, join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { showrunner } from './cli-process.js';
import { dropHosts, fixtures, freshHosts } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { recap, taskLines } from './transcript.js';
import { needs } from '../harness/tiers.js';

const dir = resolve(import.meta.dirname, '../../.lab/integration-many');
const COUNT = 20;

/** Every line under a task header must be one whole result line for known hosts. */
function assertReadable(stdout: string, hosts: string[], verbose: boolean): void {
  const line = verbose ? /^(ok|changed): \[(mh\d+)\]( => \{.*\})?$/ : /^(ok|changed): \[((?:mh\d+, )*mh\d+)\]$/;
  const tasks = taskLines(stdout);
  assert.equal(tasks.length, 6, stdout);
  for (const t of tasks) {
    for (const l of t.lines) assert.match(l, line, `task ${t.title}: a whole result line`);
    const named = t.lines.flatMap((l) => line.exec(l)![2]!.split(', '));
    assert.deepEqual(named.sort(), [...hosts].sort(), `task ${t.title}: each host once`);
  }
}

describe(`${COUNT} lab hosts in parallel @lab`, function () {
  this.timeout(10 * 60_000);
  let lab: LabInfo;
  let inventory = '';
  let hosts: string[] = [];

  before(async function () {
    needs(this, 'lab');
    lab = await freshHosts(COUNT, 'mh', dir);
    inventory = lab.inventoryPath;
    hosts = lab.hosts.map((h) => h.name);
  });

  after(() => dropHosts(dir));

  it('converges every host with the default forks, one whole line per result', async () => {
    const r = await showrunner([join(fixtures, 'many.yml'), '-i', inventory]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const counts = recap(r.stdout);
    assert.deepEqual([...counts.keys()].sort(), [...hosts].sort());
    for (const [host, c] of counts) assert.deepEqual([host, c.ok, c.changed, c.failed, c.unreachable], [host, 6, 4, 0, 0]);
    assertReadable(r.stdout, hosts, false);
    for (const host of [hosts[0]!, hosts[COUNT - 1]!]) assert.equal(await hostOutput(lab, host, 'cat /srv/many/stamp'), `${host}\n`);
  });

  it('runs again with nothing to change, with -v printing each host\'s result on its own line', async () => {
    const r = await showrunner([join(fixtures, 'many.yml'), '-i', inventory, '-v']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    for (const [host, c] of recap(r.stdout)) assert.deepEqual([host, c.ok, c.changed], [host, 6, 0]);
    assertReadable(r.stdout, hosts, true);
    assert.match(r.stdout, new RegExp(`^${hosts[0]}: \\d+ round trips, `, 'm'));
  });
});
