/**
 * `delegate_to` another host of the inventory, on two fresh lab hosts, as ansible-playbook 2.14
 * does it (seen on the same hosts): the module runs over the other host's connection with the
 * task's host's variables, the output says `[md1 -> md2(ADDRESS)]`, `delegate_facts` gives the
 * facts to the other host (a later play on it sees them), and a name the inventory lacks fails.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHosts, freshHosts, scratch } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { changes, failures, parseReport, recap, resultOf } from '../harness/report.js';
import { needs } from '../harness/tiers.js';

describe('delegate_to another inventory host, on two lab hosts @lab', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';
  let book = '';

  const tasks = [
    { name: 'on db', command: 'hostname', delegate_to: 'md2', register: 'h' },
    { name: 'said', debug: { msg: '{{ h.stdout }} {{ inventory_hostname }} {{ who }}' } },
    { name: 'write on db', copy: { content: '{{ inventory_hostname }} {{ who }}\n', dest: '/tmp/from-web' }, delegate_to: '{{ groups.db[0] }}' },
    { name: 'fact to db', set_fact: { marker: 'set-from-web' }, delegate_to: 'md2', delegate_facts: true },
    { name: 'fact here', set_fact: { mine: 'here' }, delegate_to: 'md2' },
    { name: 'facts seen', debug: { msg: "{{ hostvars['md2'].marker | default('none') }} {{ marker | default('none') }} {{ mine }}" } },
    { name: 'nowhere', command: 'hostname', delegate_to: 'nosuchhost', ignore_errors: true },
  ];

  before(async function () {
    needs(this, 'lab');
    work = scratch();
    lab = await freshHosts(2, 'md');
    const [a, b] = lab.hosts;
    inventory = join(work.dir, 'hosts.ini');
    writeFileSync(inventory, [
      '[web]', `md1 ansible_host=${a!.address} who=first`, '[db]', `md2 ansible_host=${b!.address} who=second`, '[all:vars]',
      'ansible_user=root', `ansible_ssh_private_key_file=${lab.keyPath}`, `ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsPath}'`, '',
    ].join('\n'));
    book = join(work.dir, 'play.yml');
    writeFileSync(book, JSON.stringify([
      { hosts: 'web', gather_facts: false, tasks },
      { hosts: 'db', gather_facts: false, tasks: [{ name: 'db sees', debug: { msg: "{{ marker | default('none') }}" } }] },
    ]));
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('--check predicts the delegated changes and leaves both hosts alone', async () => {
    const r = await runCli([book, '-i', inventory, '--check', '--json']);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(changes(parseReport(r.stdout)), ['on db: md1', 'write on db: md1']);
    assert.equal(await hostOutput(lab, 'md2', 'cat /tmp/from-web 2>/dev/null; true'), '');
  });

  it('runs the module on the other host with the task host\'s variables, and says so as Ansible does', async () => {
    const human = await runCli([book, '-i', inventory]);
    assert.equal(human.code, 0, human.stdout);
    const md2 = lab.hosts[1]!.address;
    assert.match(human.stdout, new RegExp(`TASK \\[on db\\] \\*+\\nchanged: \\[md1 -> md2\\(${md2.replace(/\./g, '\\.')}\\)\\]`));
    assert.match(human.stdout, /TASK \[fact to db\] \*+\nok: \[md1 -> md2\(/);
    assert.equal(await hostOutput(lab, 'md2', 'cat /tmp/from-web'), 'md1 first\n');
    assert.equal(await hostOutput(lab, 'md1', 'test -e /tmp/from-web && echo yes || echo no'), 'no\n');
  });

  it('delegate_facts gives the facts to the other host; without it they stay on the task host', async () => {
    const r = await runCli([book, '-i', inventory, '--json']);
    const report = parseReport(r.stdout);
    assert.equal(resultOf(report, 'said', 'md1')!.result!.msg, 'md2 md1 first');
    assert.equal(resultOf(report, 'facts seen', 'md1')!.result!.msg, 'set-from-web none here');
    assert.equal(resultOf(report, 'db sees', 'md2')!.result!.msg, 'set-from-web');
    assert.equal(resultOf(report, 'write on db', 'md1')!.status, 'ok', 'the second run finds the file in place');
  });

  it('a host the inventory does not hold fails the task, naming it; the delegate stays out of the first play\'s recap', async () => {
    const r = await runCli([book, '-i', inventory, '--json']);
    const report = parseReport(r.stdout);
    assert.deepEqual(failures(report), ["nowhere [md1]: delegate_to 'nosuchhost': no such host in the inventory"]);
    assert.equal(report.plays[0]!.hosts.join(','), 'md1');
    assert.equal(recap(report).get('md1')!.ignored, 1);
  });
});
