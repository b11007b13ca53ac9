/**
 * A module case run through the engine, as a user runs it: a one-task playbook (inside a role
 * when the case searches a role's files/ or templates/), on localhost, first with --check --diff,
 * then for real, then again. The engine's verdicts must agree: the dry run predicts the real
 * run's status and diff and leaves the folder as it was, the real run leaves the `after` state,
 * and the second run is ok. Cases that rely on earlier tasks of a dry run (`promised`) cannot be
 * one task, and stay with the plan-level pass.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { snapshot, snapshotChanges } from '../harness/snapshot.js';
import { checkAfter } from './files/case-files.js';
import type { ModuleCase } from './run-cases.js';

interface HostResult { status: string; msg?: string; diff?: Record<string, unknown>[] }

/** The role a case's search paths name (`roles/<r>/files`), if any. */
function roleOf(c: ModuleCase): string | undefined {
  const first = [...(c.search?.files ?? []), ...(c.search?.templates ?? [])][0];
  return /^roles\/([^/]+)\//.exec(first ?? '')?.[1];
}

function writePlaybook(controller: string, module: string, c: ModuleCase): string {
  const task = { name: 'the case', [module]: c.args };
  const role = roleOf(c);
  const play: Record<string, unknown> = { hosts: 'localhost', connection: 'local', gather_facts: false, vars: c.vars ?? {} };
  if (role) {
    mkdirSync(join(controller, 'roles', role, 'tasks'), { recursive: true });
    writeFileSync(join(controller, 'roles', role, 'tasks', 'main.yml'), JSON.stringify([task]));
    play.roles = [role];
  } else play.tasks = [task];
  const path = join(controller, 'case-playbook.yml');
  writeFileSync(path, JSON.stringify([play]));
  return path;
}

async function runOnce(playbook: string, controller: string, extra: string[]): Promise<HostResult> {
  const r = await runCli([playbook, '--json', ...extra], controller);
  // What is known before the run (a missing local src) refuses the playbook: nothing runs.
  if (r.code === 5) return { status: 'refused', msg: r.stderr.replace(/^ERROR: \S+:\d+:\d+: /, '').trim() };
  const report = JSON.parse(r.stdout) as { plays: { tasks: { title: string; hosts: Record<string, HostResult> }[] }[] };
  const task = report.plays[0]?.tasks.find((t) => t.title.endsWith('the case'));
  assert.ok(task, `the task did not run: ${r.stdout}${r.stderr}`);
  return task.hosts.localhost!;
}

/** Partial match of the dry run's diffs against the plan-level expectations. */
function diffsMatch(actual: Record<string, unknown>[] | undefined, want: Record<string, string>[]): void {
  assert.equal(actual?.length ?? 0, want.length, `number of diffs in --check --diff: ${JSON.stringify(actual)}`);
  want.forEach((d, i) => { for (const [k, v] of Object.entries(d)) assert.deepEqual(actual![i]![k], v, `--check --diff diff[${i}].${k}`); });
}

export async function runThroughEngine(module: string, c: ModuleCase, root: string, controller: string): Promise<void> {
  const playbook = writePlaybook(controller, module, c);
  const before = snapshot(root);
  const dry = await runOnce(playbook, controller, ['--check', ...(c.diff === false ? [] : ['--diff'])]);
  assert.deepEqual(snapshotChanges(before, snapshot(root)), [], 'the dry run changed the folder');
  if (c.error !== undefined) {
    // A plan that fails fails the dry run too; a failure only applying finds fails the real run.
    if (dry.status === 'refused') {
      assert.ok(dry.msg?.startsWith(sameError(c.error)), `error: ${dry.msg} (the case expects ${c.error})`);
      return;
    }
    const real = dry.status === 'failed' ? dry : await runOnce(playbook, controller, []);
    if (dry.status !== 'failed') assert.equal(dry.status, 'changed', `--check status (${dry.msg ?? ''})`);
    assert.equal(real.status, 'failed', 'the run should fail');
    assert.ok(real.msg?.startsWith(sameError(c.error)), `error: ${real.msg} (the case expects ${c.error})`);
    return;
  }
  // A plan that is ok may still answer failed (uri's status) or skipped (script's creates).
  const settled = c.plan?.result?.failed === true ? 'failed' : c.plan?.result?.skipped === true ? 'skipped' : 'ok';
  const expected = c.plan?.state === 'ok' ? settled : c.plan ? 'changed' : undefined;
  if (expected) assert.equal(dry.status, expected, `--check status (${dry.msg ?? ''})`);
  if (c.plan?.diff && c.diff !== false) diffsMatch(dry.diff, c.plan.diff);
  if (c.check_only) return;

  const real = await runOnce(playbook, controller, []);
  if (c.result?.failed === true && dry.status === 'changed') {
    // A command that will run, and fails when it does (raw's non-zero exit): only running tells.
    assert.equal(real.status, 'failed', `the real run should fail (${real.msg ?? ''})`);
    return;
  }
  assert.equal(real.status, dry.status, `the dry run said ${dry.status}, the real run ${real.status} (${real.msg ?? ''})`);
  await checkAfter(root, c.after ?? []);
  if (c.idempotent !== false) {
    const again = await runOnce(playbook, controller, []);
    assert.equal(again.status, expected === 'changed' || expected === undefined ? 'ok' : expected, `a second run is not ok: ${again.msg ?? ''}`);
  }
}

/** The error without the folders searched: the engine searches the role's and the playbook's folders too. */
const sameError = (message: string): string => message.split(' not found in ')[0]!;
