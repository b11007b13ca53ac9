/**
 * `setup` with `gather_subset` and `filter`, and a play's `gather_subset`, on two fresh lab
 * hosts: the same playbook under Showrunner and under ansible-playbook 2.14 shows the same
 * facts defined and undefined; setup gathers again (a hostname changed during the run shows),
 * and with `delegate_to` + `delegate_facts` the other host's facts land on that host.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHosts, freshHosts, scratch, writeInventory } from './lab-setup.js';
import { failures, parseReport, type Report } from '../harness/report.js';
import { ansiblePlaybookJson, failures as ansibleFailures } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

const probe = (tag: string) => ({
  name: `show ${tag}`,
  debug: { msg: `${tag}: {{ [ansible_distribution is defined, ansible_hostname is defined, ansible_env is defined, ansible_default_ipv4 is defined, ansible_memtotal_mb is defined, ansible_virtualization_type is defined, ansible_facts.distribution is defined] }}` },
});

const book = [
  {
    hosts: 'hosts', gather_subset: ['!all', '!min', 'distribution'],
    tasks: [
      probe('play'),
      { name: 'network only', setup: { gather_subset: ['!all', 'network'] } },
      probe('network'),
      { name: 'filtered', setup: { gather_subset: 'hardware', filter: ['ansible_mem*', 'ansible_hostname'] } },
      probe('filter'),
      { name: 'rename', command: 'hostname renamed-{{ inventory_hostname }}', changed_when: false },
      { name: 'again', setup: { gather_subset: ['!all'] } },
      { name: 'show name', debug: { msg: 'name: {{ ansible_hostname }}' } },
      { name: 'put back', command: 'hostname {{ inventory_hostname }}', changed_when: false },
      { name: 'bad subset', setup: { gather_subset: 'bogus' }, ignore_errors: true },
    ],
  },
  {
    hosts: 'md1', gather_facts: false,
    tasks: [
      { name: 'other host facts', setup: { gather_subset: ['!all'] }, delegate_to: 'md2', delegate_facts: true },
      { name: 'show other', debug: { msg: "other: {{ hostvars['md2'].ansible_hostname }} {{ ansible_hostname | default('none') }}" } },
    ],
  },
];

describe('setup with gather_subset and filter, play gather_subset, on two lab hosts @lab @ansible', function () {
  this.timeout(180_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let ours: Report;
  let theirs: string[];

  const messages = (r: Report) => r.plays.flatMap((p) => p.tasks).flatMap((t) => Object.entries(t.hosts))
    .filter(([, h]) => typeof h.result?.msg === 'string' && h.status === 'ok').map(([host, h]) => `${host} ${String(h.result!.msg)}`);

  before(async function () {
    needs(this, 'lab', 'ansible');
    work = scratch();
    lab = await freshHosts(2, 'md');
    const inventory = writeInventory(lab, join(work.dir, 'hosts.ini'), { vars: { ansible_python_interpreter: '/usr/bin/python3' } });
    const file = join(work.dir, 'play.yml');
    writeFileSync(file, JSON.stringify(book));
    const r = await runCli([file, '-i', inventory, '--json']);
    ours = parseReport(r.stdout);
    assert.equal(r.code, 0, failures(ours).join('\n'));
    const a = await ansiblePlaybookJson(['-i', inventory, file]);
    assert.equal(a.code, 0, ansibleFailures(a.report));
    theirs = a.report.plays.flatMap((p) => p.tasks).flatMap((t) => Object.entries(t.hosts)
      .filter(([, h]) => typeof h.msg === 'string' && !h.failed).map(([host, h]) => `${host} ${String(h.msg)}`));
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('shows the facts of the subsets and filters asked for, as ansible-playbook does', () => {
    const picked = (all: string[]) => all.filter((m) => /^md\d (play|network|filter|name|other):/.test(m)).sort();
    assert.deepEqual(picked(messages(ours)), picked(theirs));
    assert.ok(picked(messages(ours)).includes('md1 play: [True, False, False, False, False, False, True]'), messages(ours).join('\n'));
    assert.ok(picked(messages(ours)).includes('md1 name: renamed-md1'));
    assert.ok(picked(messages(ours)).includes('md1 other: md2 renamed-md1'));
  });

  it('refuses a subset Ansible does not know, naming the ones it takes', () => {
    const bad = ours.plays[0]!.tasks.find((t) => t.title === 'bad subset')!.hosts.md1!;
    assert.equal(bad.status, 'failed');
    assert.match(bad.msg!, /^Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, .*network/);
  });
});
