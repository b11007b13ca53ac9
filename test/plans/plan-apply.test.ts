/**
 * Saved plans on this machine (ansible_connection=local, a temp folder), through the CLI: apply
 * makes what the plan says; a plan applied twice stops at its first task (the host changed
 * since: by the first apply); a changed template or a new group_vars file refuses the apply and
 * names the file; a host whose plan drifted stops for good (no rescue, no ignore_errors).
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SavedPlan } from '../../runner/plans/plan-file.js';
import { applyCli, runCli, showCli } from '../helpers/run-cli.js';
import { parseReport, recap, resultOf, type Report } from '../harness/report.js';

const fixture = new URL('../fixtures/converge', import.meta.url).pathname;

function changedOn(r: Report, host: string): string[] {
  return r.plays.flatMap((p) => p.tasks).filter((t) => t.hosts[host]?.status === 'changed').map((t) => t.title);
}

describe('saved plans (run --check --plan-out, apply, show)', () => {
  let dir = '';
  let book = '';
  let vars: string[] = [];
  const planFile = () => join(dir, 'plan.json');
  const plan = (...extra: string[]) => runCli([join(book, 'site.yml'), ...vars, ...extra, '--check', '--plan-out', planFile()]);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-plan-'));
    book = join(dir, 'book');
    cpSync(fixture, book, { recursive: true });
    vars = ['-e', `root=${join(dir, 'root')}`, '-e', `showrunner_state_dir=${join(dir, 'state')}`];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--plan-out needs --check', async () => {
    await assert.rejects(runCli([join(book, 'site.yml'), '--plan-out', planFile()]), /--plan-out needs --check/);
  });

  it('apply makes the planned changes; applied again, the plan no longer holds and the host stops at its first task', async () => {
    const p = await plan();
    assert.equal(p.code, 0, p.stdout + p.stderr);
    assert.match(p.stdout, /The plan is saved in .*plan\.json/);
    assert.equal(existsSync(join(dir, 'root')), false, 'the dry run made nothing');
    const saved = JSON.parse(readFileSync(planFile(), 'utf8')) as SavedPlan;
    const planned = saved.hosts.localhost!.filter((t) => t.state !== 'ok').map((t) => t.title);

    const a = await applyCli([planFile(), '--json']);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    assert.deepEqual(changedOn(parseReport(a.stdout), 'localhost'), planned);
    assert.equal(readFileSync(join(dir, 'root/srv/live/hello.txt'), 'utf8'), 'hello\n');

    const again = await applyCli([planFile()]);
    assert.equal(again.code, 6, again.stdout + again.stderr);
    assert.match(again.stdout, /^Applying .*plan\.json \(made .*\): each task is checked against its saved plan first\.$/m);
    assert.match(again.stdout, /fatal: \[localhost\]: PLAN DRIFT! => .*at task \\"app directory\\" \(.*site\.yml:9\); it stopped before that task changed anything/);
    assert.match(again.stdout, /^ +--- saved plan \(.*plan\.json\)\n +\+\+\+ the host now$/m, again.stdout);
    assert.match(again.stdout, /^ +-state: change$/m);
    assert.match(again.stdout, /^ +\+state: ok$/m);
    assert.match(again.stdout, /localhost +: ok=0 +changed=0 +unreachable=0 +failed=1 /);
  });

  it('refuses the apply, naming the file, when a template changed since the plan', async () => {
    assert.equal((await plan()).code, 0);
    appendFileSync(join(book, 'templates/app.conf.j2'), '# more\n');
    const a = await applyCli([planFile()]);
    assert.equal(a.code, 7);
    assert.match(a.stderr, new RegExp(`^  ${join(book, 'templates/app.conf.j2')} changed$`, 'm'));
    assert.equal(a.stdout, '');
    assert.equal(existsSync(join(dir, 'root')), false);
  });

  it('refuses the apply when a vars file the plan never read appears (group_vars beside the playbook)', async () => {
    assert.equal((await plan()).code, 0);
    mkdirSync(join(book, 'group_vars'));
    writeFileSync(join(book, 'group_vars/all.yml'), 'app: other\n');
    const a = await applyCli([planFile(), '--json']);
    assert.equal(a.code, 7);
    assert.deepEqual(JSON.parse(a.stdout).changed_inputs, [`${join(book, 'group_vars/all.yml')} is new (the plan never read it)`]);
    assert.equal(existsSync(join(dir, 'root')), false);
  });

  it('a drifted host stops for good: no rescue, no ignore_errors, no later task', async () => {
    const pb = join(book, 'rescue.yml');
    writeFileSync(pb, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [
      { block: [{ name: 'the file', copy: { content: 'planned\n', dest: '{{ root }}/a' } }],
        rescue: [{ name: 'rescue', copy: { content: 'x\n', dest: '{{ root }}/rescued' } }] },
      { name: 'ignored', copy: { content: 'planned\n', dest: '{{ root }}/b' }, ignore_errors: true },
      { name: 'later', copy: { content: 'x\n', dest: '{{ root }}/later' } },
    ] }]));
    mkdirSync(join(dir, 'root'));
    assert.equal((await runCli([pb, ...vars, '--check', '--plan-out', planFile()])).code, 0);
    writeFileSync(join(dir, 'root/a'), 'by hand\n');
    const a = await applyCli([planFile(), '--json']);
    assert.equal(a.code, 6, a.stdout);
    const r = parseReport(a.stdout);
    assert.equal(resultOf(r, 'the file', 'localhost')!.status, 'failed');
    assert.equal(resultOf(r, 'rescue', 'localhost'), undefined);
    assert.equal(readFileSync(join(dir, 'root/a'), 'utf8'), 'by hand\n');
    for (const f of ['rescued', 'b', 'later']) assert.equal(existsSync(join(dir, 'root', f)), false, f);
    assert.deepEqual({ ...recap(r).get('localhost')! }, { ok: 0, changed: 0, unreachable: 0, failed: 1, skipped: 0, rescued: 0, ignored: 0 });
  });

  it('show lists the plan; a file that is not a plan is a clear error', async () => {
    assert.equal((await plan()).code, 0);
    const s = await showCli([planFile()]);
    assert.match(s.stdout, /^HOST localhost: 8 to change, 2 ok$/m);
    assert.match(s.stdout, /^ +\+hello$/m);
    assert.match(s.stdout, /^ +! marker made once .*will run/m);
    const failing = join(book, 'failing.yml');
    writeFileSync(failing, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ name: 'stop here', fail: { msg: 'not yet' } }] }]));
    assert.equal((await runCli([failing, '--check', '--plan-out', join(dir, 'failing.json')])).code, 2);
    assert.match((await showCli([join(dir, 'failing.json')])).stdout, /^ +✗ stop here: not yet \(the dry run stopped here on localhost: so will the apply\)$/m);
    writeFileSync(join(dir, 'other.json'), '{"plays": []}');
    await assert.rejects(applyCli([join(dir, 'other.json')]), /other\.json is not a plan written by this version of showrunner/);
  });
});
