/**
 * The paths of a play's file, copy and template tasks are read in one round trip, and never
 * trusted past a command that may have changed them.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { onHost } from '../helpers/lab-ssh.js';
import { dropHosts, freshHosts, runJson, scratch, writeInventory } from './lab-setup.js';
import { needs } from '../harness/tiers.js';
import type { Report } from '../harness/report.js';

const labDir = join(import.meta.dirname, '../../.lab/integration-read-ahead');

describe('file tasks read the host ahead @lab', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  let inventory: string;
  const work = scratch();
  before(async function () {
    needs(this, 'lab');
    lab = await freshHosts(1, 'rk', labDir);
    inventory = writeInventory(lab, join(work.dir, 'hosts.ini'));
  });
  after(async () => {
    await dropHosts(labDir);
    work.remove();
  });

  const play = (tasks: string) => {
    const file = join(work.dir, `play-${Math.random().toString(36).slice(2)}.yml`);
    writeFileSync(file, `- hosts: all\n  gather_facts: false\n  vars:\n    where: /srv/ra\n  tasks:\n${tasks}`);
    return file;
  };
  const statuses = (report: Report) => report.plays[0]!.tasks.map((t) => t.hosts.rk1?.status);
  const setUp = () => onHost(lab, 'rk1', "rm -rf /srv/ra && mkdir -p /srv/ra/dir && printf 'a\\n' > /srv/ra/a.txt && printf 'same\\n' > /srv/ra/b.txt");

  it('a play that changes nothing reads all its paths in one round trip, a loop\'s items too', async () => {
    await setUp();
    const file = play([
      '    - copy: { dest: "{{ where }}/a.txt", content: "a\\n" }',
      '    - file: { path: "{{ where }}/dir", state: directory }',
      '    - copy: { dest: "{{ where }}/b.txt", content: "same\\n" }',
      '    - file: { path: /srv/ra/a.txt, state: file }',
      '    - file: { path: "{{ item }}", state: directory }',
      '      loop: ["{{ where }}/dir", /srv/ra]',
      '',
    ].join('\n'));
    const r = await runCli([file, '-i', inventory, '-v']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /rk1 +: ok=5 +changed=0 /);
    // One command reads what the host is at connect (facts), one the six paths.
    assert.match(r.stdout, /rk1: 2 round trips/, `the probes as one command:\n${r.stdout}`);
  });

  it('a command between two tasks makes the later one read the host again', async () => {
    await setUp();
    const file = play([
      '    - copy: { dest: "{{ where }}/a.txt", content: "a\\n" }',
      "    - shell: printf 'other\\n' > /srv/ra/b.txt",
      '      changed_when: false',
      '    - copy: { dest: "{{ where }}/b.txt", content: "same\\n" }',
      '',
    ].join('\n'));
    const { code, report } = await runJson(file, '-i', inventory);
    assert.equal(code, 0);
    assert.deepEqual(statuses(report), ['ok', 'ok', 'changed'], 'b.txt as the shell left it, not as read before it ran');
    assert.equal((await onHost(lab, 'rk1', 'cat /srv/ra/b.txt')).stdout, 'same\n');
  });

  it('a change made by a task is seen by the next one', async () => {
    await setUp();
    const file = play([
      '    - copy: { dest: "{{ where }}/b.txt", content: "new\\n" }',
      '    - copy: { dest: "{{ where }}/c.txt", src: "{{ where }}/b.txt", remote_src: true }',
      '',
    ].join('\n'));
    const first = await runJson(file, '-i', inventory);
    assert.deepEqual(statuses(first.report), ['changed', 'changed']);
    assert.equal((await onHost(lab, 'rk1', 'cat /srv/ra/c.txt')).stdout, 'new\n');
    const again = await runJson(file, '-i', inventory);
    assert.deepEqual(statuses(again.report), ['ok', 'ok']);
  });

  it('a command\'s creates and removes are answered from the same read', async () => {
    await setUp();
    const file = play([
      '    - file: { path: "{{ where }}/dir", state: directory }',
      '    - command: echo not run',
      '      args: { creates: "{{ where }}/a.txt" }',
      '    - shell: echo not run either',
      '      args: { removes: /srv/ra/none }',
      '',
    ].join('\n'));
    const r = await runCli([file, '-i', inventory, '-v']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /Did not run command since '\/srv\/ra\/a.txt' exists/);
    assert.match(r.stdout, /Did not run command since '\/srv\/ra\/none' does not exist/);
    assert.match(r.stdout, /rk1 +: ok=3 +changed=0 /);
    assert.match(r.stdout, /rk1: 2 round trips/, `facts, then one read for the three tasks:\n${r.stdout}`);
  });

  it('a path a command made after the read is seen by a later creates', async () => {
    await setUp();
    const file = play([
      '    - file: { path: "{{ where }}/dir", state: directory }',
      '    - shell: touch /srv/ra/made',
      '      changed_when: false',
      '    - command: echo not run',
      '      args: { creates: /srv/ra/made }',
      '',
    ].join('\n'));
    const { code, report } = await runJson(file, '-i', inventory);
    assert.equal(code, 0);
    assert.deepEqual(statuses(report), ['ok', 'ok', 'ok'], 'the command is not run: /srv/ra/made exists by then');
    assert.equal(report.plays[0]!.tasks[2]!.hosts.rk1?.msg, "Did not run command since '/srv/ra/made' exists");
  });
});
