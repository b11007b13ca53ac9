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
import { needs } from '../harness/tiers.js';

const dir = resolve(import.meta.dirname, '../../.lab/integration-many');
const COUNT = 20;

/**
 * What the user reads stays whole at twenty hosts: under each TASK header every line is one
 * complete result line (never two run together or cut), and each host appears once.
 */
function assertReadable(stdout: string, hosts: string[], verbose: boolean): void {
  const line = verbose ? /^(ok|changed): \[(mh\d+)\]( => \{.*\})?$/ : /^(ok|changed): \[((?:mh\d+, )*mh\d+)\]$/;
  const sections = stdout.split(/^TASK \[(.*)\] \*+$/m).slice(1);
  const tasks = [];
  for (let i = 0; i < sections.length; i += 2) {
    // With -v a result may be followed by the steps it did, indented under it.
    const lines = sections[i + 1]!.split(/^PLAY RECAP/m)[0]!.split('\n').filter((l) => l !== '');
    tasks.push({ title: sections[i]!, lines: verbose ? lines.filter((l) => !/^ {2}did:$|^ {4}\S/.test(l)) : lines });
  }
  assert.equal(tasks.length, 6, stdout);
  for (const t of tasks) {
    for (const l of t.lines) assert.match(l, line, `task ${t.title}: a whole result line`);
    const named = t.lines.flatMap((l) => line.exec(l)![2]!.split(', '));
    assert.deepEqual(named.sort(), [...hosts].sort(), `task ${t.title}: each host once`);
  }
}

/** The PLAY RECAP as read: "host ok=N changed=N unreachable=N failed=N" per host, sorted. */
function recapLines(stdout: string): string[] {
  return stdout.split('\n').map((l) => /^(\S+)\s+: (ok=\d+)\s+(changed=\d+)\s+(unreachable=\d+)\s+(failed=\d+)/.exec(l))
    .filter((m) => m !== null).map((m) => m.slice(1).join(' ')).sort();
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
    assertReadable(r.stdout, hosts, false);
    assert.deepEqual(recapLines(r.stdout), hosts.map((h) => `${h} ok=6 changed=4 unreachable=0 failed=0`).sort());
    for (const host of [hosts[0]!, hosts[COUNT - 1]!]) assert.equal(await hostOutput(lab, host, 'cat /srv/many/stamp'), `${host}\n`);
  });

  it('runs again with nothing to change, with -v printing each host\'s result on its own line', async () => {
    const r = await showrunner([join(fixtures, 'many.yml'), '-i', inventory, '-v']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assertReadable(r.stdout, hosts, true);
    assert.deepEqual(recapLines(r.stdout), hosts.map((h) => `${h} ok=6 changed=0 unreachable=0 failed=0`).sort());
    assert.match(r.stdout, new RegExp(`^${hosts[0]}: \\d+ round trips, `, 'm'));
  });
});
