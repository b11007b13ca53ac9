/**
 * Saved plans on two fresh lab hosts, through the CLI as a user runs them: a dry run saves the
 * plan (and changes nothing), `apply` makes exactly the changes planned; a file changed by hand
 * on one host between plan and apply stops that host at that task, with the difference shown
 * and the file left as it was, while the other host finishes; a changed playbook refuses the
 * whole apply before any host is reached. No vaulted value is in the plan file in clear.
 */
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import type { SavedPlan } from '../../runner/plans/plan-file.js';
import { applyCli, runCli, showCli, type CliRun } from '../helpers/run-cli.js';
import { dropHosts, freshHosts, scratch, writeInventory } from '../integration/lab-setup.js';
import { hostOutput, onHost } from '../helpers/lab-ssh.js';
import { parseReport, recap, resultOf, type Report } from '../harness/report.js';
import { needs } from '../harness/tiers.js';

const fixture = new URL('../fixtures/plans', import.meta.url).pathname;
const SECRET = 'plan-secret-streamkey-42';
const names = ['sp1', 'sp2'];

/** Titles (handlers prefixed) of what a report says changed on a host, in run order. */
function changedOn(r: Report, host: string): string[] {
  return r.plays.flatMap((p) => p.tasks).filter((t) => t.hosts[host]?.status === 'changed').map((t) => `${t.handler ? 'handler ' : ''}${t.title}`);
}

describe('saved plans on two fresh lab hosts @lab', function () {
  this.timeout(300_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let book = '';
  let inventory = '';
  let vault: string[] = [];
  const planPath = (n: number) => join(work.dir, `plan${n}.json`);
  const plan = (n: number, ...extra: string[]) => runCli([join(book, 'site.yml'), '-i', inventory, ...vault, ...extra, '--check', '--plan-out', planPath(n), '--json']);
  const saved = (n: number) => JSON.parse(readFileSync(planPath(n), 'utf8')) as SavedPlan;
  const file = (host: string, path: string) => hostOutput(lab, host, `cat ${path} 2>/dev/null || echo '(absent)'`);
  let dry: CliRun;

  before(async function () {
    needs(this, 'lab');
    work = scratch();
    book = join(work.dir, 'book');
    cpSync(fixture, book, { recursive: true });
    vault = ['--vault-password-file', join(book, 'password')];
    lab = await freshHosts(2, 'sp');
    inventory = writeInventory(lab, join(work.dir, 'hosts.ini'));
    dry = await plan(1);
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('a dry run saves the plan of every host and task, and changes nothing', async () => {
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    for (const h of names) assert.doesNotMatch(await hostOutput(lab, h, 'ls /srv; dpkg-query -W -f "\\${Status}" nginx 2>&1; true'), /\bsp\b|install ok installed/);
    assert.equal(await file('sp1', '/srv/sp/motd.txt'), '(absent)\n');
    const p = saved(1);
    assert.deepEqual(Object.keys(p.hosts), names);
    const motd = p.hosts.sp1!.find((t) => t.title === 'write the motd')!;
    assert.equal(motd.state, 'change');
    assert.match(JSON.stringify(motd.diff), /motd: first on sp1/);
    assert.equal(p.hosts.sp1!.find((t) => t.title === 'nginx running')!.state, 'ok', "on Debian the package an earlier task installs starts it");
    assert.equal(p.hosts.sp1!.find((t) => t.title === 'a marker made once')!.state, 'run');
    assert.ok(p.inputs.files.some((f) => f.path === join(book, 'site.yml')), 'the playbook is an input');
    assert.ok(p.inputs.files.some((f) => f.path === join(book, 'templates/app.conf.j2')), 'the template is an input');
    assert.ok(p.inputs.files.some((f) => f.path === join(book, 'secrets.yml')), 'the vars file is an input');
  });

  it('the plan file holds no vaulted value in clear, and nothing of a no_log task', () => {
    const text = readFileSync(planPath(1), 'utf8');
    assert.ok(!text.includes(SECRET), 'the stream key is in the plan file');
    assert.ok(!text.includes(Buffer.from(SECRET).toString('base64')), 'the stream key is in the plan file, base64');
    const key = saved(1).hosts.sp1!.find((t) => t.title === 'the key alone, never logged')!;
    assert.equal(key.censored, true);
    assert.equal(key.diff, undefined);
    const conf = saved(1).hosts.sp1!.find((t) => t.title === 'the app config, with the stream key')!;
    assert.match(JSON.stringify(conf.diff), /publish_key \*{8};/, 'the diff shows the key hidden');
  });

  it('show lists what applying will do, host by host, with the diffs', async () => {
    const r = await showCli([planPath(1)]);
    assert.equal(r.code, 0, r.stderr);
    for (const h of names) assert.match(r.stdout, new RegExp(`HOST ${h}: \\d+ to change`));
    assert.match(r.stdout, /~ write the motd \(.*site\.yml:\d+\): create \/srv\/sp\/motd\.txt/);
    assert.match(r.stdout, /\+motd: first on sp2/);
    assert.match(r.stdout, /! a marker made once .*: run touch \/srv\/sp\/marker \(will run; its effect cannot be predicted\)/);
    assert.match(r.stdout, /~ the key alone, never logged .*\n +\(no_log: details hidden\)/);
    assert.ok(!r.stdout.includes(SECRET));
  });

  it('apply makes exactly the planned changes', async () => {
    const a = await applyCli([planPath(1), ...vault, '--json']);
    assert.equal(a.code, 0, a.stdout + a.stderr);
    assert.ok(!a.stdout.includes(SECRET));
    const report = parseReport(a.stdout);
    for (const h of names) {
      const planned = saved(1).hosts[h]!;
      const handlers = report.plays.flatMap((p) => p.tasks).filter((x) => x.handler).map((x) => x.title);
      const title = (t: (typeof planned)[number]) => `${handlers.includes(t.title) ? 'handler ' : ''}${t.title}`;
      const applied = changedOn(report, h);
      const sure = planned.filter((t) => t.state === 'change' || t.state === 'run').map(title);
      const maybe = planned.filter((t) => t.state === 'unknown').map(title);
      assert.deepEqual(applied.filter((t) => !maybe.includes(t)), sure, `${h}: applied ${applied.join(', ')}`);
      assert.equal(recap(report).get(h)!.failed, 0);
      assert.equal(await file(h, '/srv/sp/motd.txt'), `motd: first on ${h}\n`);
      assert.match(await file(h, '/srv/sp/app.conf'), new RegExp(`publish_key ${SECRET};`), 'the host has the real key');
      assert.match(await hostOutput(lab, h, 'dpkg-query -W -f "\\${Status}" nginx; echo; pgrep -x nginx >/dev/null && echo running'), /install ok installed\nrunning/);
    }
  });

  it('a file changed on one host between plan and apply stops that host there, shows the difference, and the other host finishes', async () => {
    const p = await plan(2, '-e', 'motd_text=second');
    assert.equal(p.code, 0, p.stdout + p.stderr);
    await hostOutput(lab, 'sp1', 'echo changed by hand > /srv/sp/motd.txt');
    const a = await applyCli([planPath(2), ...vault, '--json']);
    assert.equal(a.code, 6, `exit 6 says a host's plan drifted:\n${a.stdout}${a.stderr}`);
    const report = parseReport(a.stdout);
    const stopped = resultOf(report, 'write the motd', 'sp1')!;
    assert.equal(stopped.status, 'failed');
    assert.match(stopped.msg!, /differs from the saved plan .*plan2\.json at task "write the motd" \(.*site\.yml:\d+\); it stopped before that task changed anything/);
    const drift = (stopped as { drift?: string }).drift ?? '';
    assert.match(drift, /^\+ +-changed by hand$/m, `the difference shows what the host holds now:\n${drift}`);
    assert.match(drift, /^- +-motd: first on sp1$/m, `and what it held when planned:\n${drift}`);
    assert.equal(await file('sp1', '/srv/sp/motd.txt'), 'changed by hand\n', 'the task changed nothing');
    assert.equal(await file('sp1', '/srv/sp/stamp'), 'first\n', 'later tasks did not run on the stopped host');
    assert.equal(resultOf(report, 'stamp the version', 'sp1'), undefined);
    assert.equal(await file('sp2', '/srv/sp/motd.txt'), 'motd: second on sp2\n');
    assert.equal(await file('sp2', '/srv/sp/stamp'), 'second\n');
    assert.equal(resultOf(report, 'stamp the version', 'sp2')!.status, 'changed');
    const stats = recap(report);
    assert.equal(stats.get('sp1')!.failed, 1);
    assert.equal(stats.get('sp2')!.failed, 0);
  });

  it('a changed playbook refuses the whole apply before any host is reached', async () => {
    const p = await plan(3, '-e', 'motd_text=third');
    assert.equal(p.code, 0, p.stdout + p.stderr);
    appendFileSync(join(book, 'site.yml'), '# edited after the plan\n');
    // sp1 can no longer be reached: an apply that connected would say so.
    await onHost(lab, 'sp1', 'service ssh stop');
    const a = await applyCli([planPath(3), ...vault]);
    assert.equal(a.code, 7, a.stdout + a.stderr);
    assert.match(a.stderr, new RegExp(`apply refused: the inputs of .*plan3\\.json changed since it was made, so nothing was run[^\\n]*:\\n  ${join(book, 'site.yml')} changed\\n`));
    assert.doesNotMatch(a.stdout + a.stderr, /UNREACHABLE|PLAY \[/);
    assert.equal(await file('sp2', '/srv/sp/stamp'), 'second\n', 'nothing ran on the reachable host');
    const j = await applyCli([planPath(3), ...vault, '--json']);
    assert.equal(j.code, 7);
    assert.deepEqual(JSON.parse(j.stdout).changed_inputs, [`${join(book, 'site.yml')} changed`]);
  });
});
