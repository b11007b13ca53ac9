/**
 * `async` / `poll` and `async_status` on a fresh lab host over SSH, as a user sees them: a job
 * started with `poll: 0` goes on after the run that started it has ended, `async_status` with
 * `until: job.finished` waits for it and reports its output, a poll interval waits in the task,
 * and a job longer than its `async` time fails the task with Ansible's message. The result keys
 * are those ansible-playbook 2.14 registers (ansible_job_id, started, finished, results_file).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { dropHosts, pythonLab, runJson, type scratch } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { failures, recap, resultOf, type Report } from '../harness/report.js';
import { needs } from '../harness/tiers.js';
import { ansiblePlaybookJson, failures as ansibleFailures } from '../harness/ansible.js';

describe('async and poll, async_status, on a lab host @lab @ansible', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';

  const play = async (name: string, tasks: unknown[], extra: string[] = []): Promise<{ code: number; report: Report; human: string }> => {
    const file = join(work.dir, `${name}.yml`);
    writeFileSync(file, JSON.stringify([{ hosts: 'all', gather_facts: false, tasks }]));
    return { ...(await runJson(file, '-i', inventory, ...extra)), human: '' };
  };

  before(async function () {
    needs(this, 'lab', 'ansible');
    ({ lab, work, inventory } = await pythonLab(1, 'md'));
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('poll: 0 registers the job and goes on; the job outlives the run that started it', async () => {
    const started = Date.now();
    const r = await play('fire', [
      { name: 'start', shell: 'sleep 3; echo done > /tmp/async-fired; echo out; echo err >&2', async: 20, poll: 0, register: 'job' },
      { name: 'show', debug: { var: 'job' } },
    ]);
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.ok(Date.now() - started < 3000, 'the run did not wait for the job');
    assert.equal(resultOf(r.report, 'start', 'md1')!.status, 'changed');
    const job = resultOf(r.report, 'show', 'md1')!.result!.job as Record<string, unknown>;
    assert.match(String(job.ansible_job_id), /^j\d{12}\.\d+$/);
    assert.deepEqual({ started: job.started, finished: job.finished, changed: job.changed, results_file: job.results_file },
      { started: 1, finished: 0, changed: true, results_file: `/root/.ansible_async/${job.ansible_job_id}` });
    assert.equal(await hostOutput(lab, 'md1', 'cat /tmp/async-fired 2>/dev/null; true'), '', 'not finished yet');
    await new Promise((res) => setTimeout(res, 4000));
    assert.equal(await hostOutput(lab, 'md1', 'cat /tmp/async-fired'), 'done\n');

    // A later run asks for it by id.
    const later = await play('status', [
      { name: 'ask', async_status: { jid: String(job.ansible_job_id) }, register: 's' },
      { name: 'clean', async_status: { jid: String(job.ansible_job_id), mode: 'cleanup' } },
    ]);
    assert.equal(later.code, 0, failures(later.report).join('\n'));
    const s = resultOf(later.report, 'ask', 'md1')!;
    assert.equal(s.status, 'changed');
    assert.deepEqual(
      { finished: s.result!.finished, rc: s.result!.rc, stdout: s.result!.stdout, stderr: s.result!.stderr, cmd: s.result!.cmd },
      { finished: 1, rc: 0, stdout: 'out', stderr: 'err', cmd: 'sleep 3; echo done > /tmp/async-fired; echo out; echo err >&2' });
    assert.match(String(s.result!.delta), /^0:00:0[34]\.\d{6}$/);
    assert.equal(await hostOutput(lab, 'md1', `test -e /root/.ansible_async/${job.ansible_job_id} && echo left || echo gone`), 'gone\n');
  });

  it('async_status with until: job.finished waits for the job; a failing job fails it', async () => {
    const r = await play('until', [
      { name: 'start', command: 'sh -c "sleep 2; echo partial; exit 3"', async: 30, poll: 0, register: 'job' },
      { name: 'wait', async_status: { jid: '{{ job.ansible_job_id }}' }, register: 's', until: 's.finished', retries: 10, delay: 1, ignore_errors: true },
      { name: 'after', debug: { msg: '{{ s.attempts }} {{ s.rc }} {{ s.stdout }} {{ s.finished }}' } },
    ]);
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    const wait = resultOf(r.report, 'wait', 'md1')!;
    assert.equal(wait.status, 'failed');
    assert.equal(wait.msg, 'non-zero return code');
    const [attempts, ...rest] = String(resultOf(r.report, 'after', 'md1')!.result!.msg).split(' ');
    assert.ok(Number(attempts) >= 2, `attempts ${attempts}`);
    assert.deepEqual(rest, ['3', 'partial', '1']);
  });

  it('a poll interval waits for the job in the task and reports its result with the job keys', async () => {
    const r = await play('poll', [
      { name: 'wait here', shell: 'sleep 1; hostname', async: 20, poll: 1, register: 'w' },
    ]);
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    const w = resultOf(r.report, 'wait here', 'md1')!;
    assert.equal(w.status, 'changed');
    assert.deepEqual({ stdout: w.result!.stdout, rc: w.result!.rc, started: w.result!.started, finished: w.result!.finished },
      { stdout: 'md1', rc: 0, started: 1, finished: 1 });
    assert.match(String(w.result!.ansible_job_id), /^j\d{12}\.\d+$/);
  });

  it('a job longer than its async time fails the task and is stopped on the host', async () => {
    const r = await play('late', [
      { name: 'too long', shell: 'sleep 4; touch /tmp/async-late', async: 2, poll: 1 },
    ]);
    assert.equal(r.code, 2);
    const t = resultOf(r.report, 'too long', 'md1')!;
    assert.equal(t.status, 'failed');
    assert.equal(t.msg, 'async task did not complete within the requested time - 2s');
    assert.equal((t.result!.async_result as Record<string, unknown>).finished, 0);
    await new Promise((res) => setTimeout(res, 3000));
    assert.equal(await hostOutput(lab, 'md1', 'test -e /tmp/async-late && echo ran || echo stopped'), 'stopped\n');
    assert.deepEqual(recap(r.report).get('md1')!.failed, 1);
  });

  it('--check starts no job and predicts the change', async () => {
    const r = await play('check', [
      { name: 'start', shell: 'touch /tmp/async-check', async: 10, poll: 0 },
    ], ['--check']);
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.equal(resultOf(r.report, 'start', 'md1')!.status, 'changed');
    await new Promise((res) => setTimeout(res, 500));
    assert.equal(await hostOutput(lab, 'md1', 'test -e /tmp/async-check && echo ran || echo no'), 'no\n');
  });

  it('registers the keys ansible-playbook registers, for the start, the status and a poll interval', async () => {
    const tasks = [
      { name: 'start', shell: 'sleep 1; echo out', async: 20, poll: 0, register: 'job' },
      { name: 'wait', async_status: { jid: '{{ job.ansible_job_id }}' }, register: 's', until: 's.finished', retries: 10, delay: 1 },
      { name: 'polled', shell: 'echo polled', async: 20, poll: 1, register: 'p' },
      { name: 'keys', debug: { msg: "{{ [job.keys() | list | sort, s.keys() | list | sort, p.keys() | list | sort] }}" } },
    ];
    const ours = await play('keys', tasks);
    assert.equal(ours.code, 0, failures(ours.report).join('\n'));
    const a = await ansiblePlaybookJson(['-i', inventory, join(work.dir, 'keys.yml')]);
    assert.equal(a.code, 0, ansibleFailures(a.report));
    const theirs = a.report.plays[0]!.tasks.find((t) => t.task.name === 'keys')!.hosts.md1!.msg as string[][];
    // Ansible adds what its Python modules report about themselves (interpreter discovery, invocation).
    const strip = (lists: string[][]) => lists.map((l) => l.filter((k) => k !== 'ansible_facts' && k !== 'invocation'));
    assert.deepEqual(strip(resultOf(ours.report, 'keys', 'md1')!.result!.msg as string[][]), strip(theirs));
  });

  it('poll: 0 on a task with nothing to do records the job as done, so async_status reports the module\'s own result', async () => {
    const r = await play('nothing', [
      { name: 'start', command: 'touch /tmp/never', args: { creates: '/etc/hostname' }, async: 10, poll: 0, register: 'job' },
      { name: 'wait', async_status: { jid: '{{ job.ansible_job_id }}' }, register: 's', until: 's.finished', retries: 3, delay: 1 },
      { name: 'said', debug: { msg: '{{ job.finished }} {{ s.finished }} {{ s.changed }} {{ s.rc }} {{ s.msg }}' } },
    ]);
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.equal(resultOf(r.report, 'wait', 'md1')!.status, 'ok');
    assert.equal(resultOf(r.report, 'said', 'md1')!.result!.msg, "0 1 False 0 Did not run command since '/etc/hostname' exists");
    assert.equal(await hostOutput(lab, 'md1', 'test -e /tmp/never && echo ran || echo no'), 'no\n');
  });
});
