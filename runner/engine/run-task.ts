/**
 * A task on one host: when, loop, the module, then changed_when / failed_when / ignore_errors,
 * register, set_fact and notify. Returns what the output shows and the recap counts.
 */
import { relative } from 'node:path';
import type { Task, Vars } from '../load/ir.js';
import { evaluateCondition, markUnsafe, renderValue, unsafeNames } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import { registeredValue, type ItemResult, type TaskResult } from './results.js';
import { runLoop } from './run-loop.js';
import { runModule, type ModuleRun } from './run-module.js';
import { applyInventoryChange } from './inventory-change.js';
import { taskVars } from './task-vars.js';
import { isUnreachable } from '../connections/connection.js';
import { titleOf } from './title.js';
import { delegateHost } from './delegate.js';

/** `params`: what the includes a task came from pass it (their vars, the loop item). */
export async function runTask(ctx: PlayContext, host: HostState, task: Task, params?: Vars): Promise<TaskResult> {
  const vars = taskVars(ctx, host, task, params);
  const where = { file: task.pos.file, line: task.pos.line };
  const noLog = task.noLog !== undefined ? evaluateCondition(task.noLog, vars, where) : !!ctx.play.noLog;
  const mode: ModuleRun = {
    check: checkModeFor(ctx, task, vars),
    dryRun: ctx.options.check,
    diff: task.diff ?? ctx.play.diff ?? ctx.options.diff,
    noLog,
    planKey: planKey(ctx, host, task),
  };
  let result: TaskResult;
  try {
    result = await runBody();
  } catch (e) {
    // A template that cannot be rendered fails the task; ignore_errors still applies, as in Ansible.
    if (isUnreachable(e) || !(e instanceof Error)) throw e;
    let ignored = false;
    try {
      ignored = task.ignoreErrors !== undefined && evaluateCondition(task.ignoreErrors, vars, where);
    } catch { /* an ignore_errors that cannot be evaluated ignores nothing */ }
    if (!ignored) throw e;
    result = { status: 'failed', msg: e.message, ignored: true };
  }
  if (noLog) result = censor(result);
  if (task.register) register(host, task.register, result);
  return result;

  async function runBody(): Promise<TaskResult> {
    if (task.loop === undefined) {
      return runOnce(ctx, host, task, vars, mode);
    } else {
      // set_fact in a loop: each item sees the facts the items before it set, as in Ansible.
      const fresh = (itemVars: Vars): Vars => {
        if (task.module !== 'set_fact') return itemVars;
        const loopOnly = Object.fromEntries(Object.entries(itemVars).filter(([k, v]) => vars[k] !== v || !(k in vars)));
        const out = { ...taskVars(ctx, host, task, params), ...loopOnly };
        const marked = unsafeNames(itemVars);
        if (marked || unsafeNames(out)) markUnsafe(out, [...(marked ?? [])].filter((k) => k in loopOnly));
        return out;
      };
      let item = 0;
      return runLoop(task, vars, (itemVars) => runOnce(ctx, host, task, fresh(itemVars), { ...mode, planKey: `${mode.planKey}[${item++}]` }));
    }
  }
}

async function runOnce(ctx: PlayContext, host: HostState, task: Task, vars: Vars, mode: ModuleRun): Promise<TaskResult> {
  const where = { file: task.pos.file, line: task.pos.line };
  for (const cond of task.when) {
    if (!evaluateCondition(cond, vars, where)) return { status: 'skipped', msg: `Conditional result was False: ${cond}` };
  }
  // Each attempt's changed_when / failed_when come before until looks at it, as in Ansible.
  // `attempts` is visible to them too.
  const attempt = async (n: number) => {
    const one = await applyInventoryChange(ctx, host, task, await runModule(ctx, host, task, vars, mode));
    if (one.predicted || one.status === 'unreachable' || host.drifted !== undefined) return one;
    return applyConditions(task, task.until ? withAttempts(one, n) : one, vars);
  };
  let r = await attempt(1);
  if (task.until && !r.predicted && host.drifted === undefined) r = await retryUntil(ctx, host, task, vars, attempt, r);
  if (r.status === 'unreachable') return r;
  const facts = r.module?.ansible_facts;
  // include_vars has its own place in the precedence (below set_fact), as in Ansible; facts other
  // modules return (getent, package_facts...) are also under ansible_facts.
  if (facts && r.status !== 'failed') {
    // delegate_facts: they belong to the host the task ran on.
    const owner = task.delegateFacts && r.delegatedTo ? (await delegateHost(ctx, r.delegatedTo)) ?? host : host;
    if (task.module === 'include_vars') Object.assign(owner.includedVars, facts);
    else if (task.module === 'setup') {
      // What setup gathered becomes the host's facts (fresh values over the earlier ones).
      owner.gatheredFacts = { ...(owner.visibleFacts ?? {}), ...facts };
      owner.factsGathered = true;
    } else {
      Object.assign(owner.hostFacts, facts);
      owner.assignVars(owner.moduleFacts, facts);
      // A fact set again from safe values is templated again when read, as in Ansible.
      const names = Object.keys(facts);
      const unsafe = new Set(r.unsafeFacts);
      if (unsafe.size || unsafeNames(owner.hostFacts)) {
        markUnsafe(owner.hostFacts, names.filter((n) => !unsafe.has(n)), false);
        markUnsafe(owner.hostFacts, names.filter((n) => unsafe.has(n)));
      }
    }
  }
  // changed_when / failed_when need the command's real output: not known in a dry run.
  if (r.predicted && task.changedWhen === false) r = { ...r, status: 'ok' };
  if (r.status === 'failed' && host.drifted === undefined && task.ignoreErrors !== undefined && evaluateCondition(task.ignoreErrors, vars, where)) r = { ...r, ignored: true };
  return r;
}

/** A registered result is unsafe, as in Ansible: what the module returned is never templated again. */
export function register(host: HostState, name: string, r: TaskResult): void {
  host.hostFacts[name] = registeredValue(r);
  markUnsafe(host.hostFacts, [name]);
}

/** `until` / `retries` / `delay`: run again while the condition is false (Ansible's defaults: 3 retries, 5 s apart). */
async function retryUntil(ctx: PlayContext, host: HostState, task: Task, vars: Vars, again: (attempt: number) => Promise<TaskResult>, first: TaskResult): Promise<TaskResult> {
  const where = { file: task.pos.file, line: task.pos.line };
  const retries = numberOf(task.retries, vars, where) ?? 3;
  const delay = numberOf(task.delay, vars, where) ?? 5;
  let r = first;
  for (let attempt = 1; ; attempt++) {
    if (r.status === 'unreachable') return r;
    const scope = task.register ? { ...vars, [task.register]: registeredValue(r) } : { ...vars, ...registeredValue(r) };
    if (task.until!.every((c) => evaluateCondition(c, scope, where))) return withAttempts(r, attempt);
    if (attempt > retries) {
      // With failed_when, its result decides (Ansible's failed_when_result), even when the retries ran out.
      // (Ansible then reports `attempts` as the number of retries.)
      if (task.failedWhen !== undefined) return withAttempts(r, retries);
      return { ...withAttempts(r, attempt), status: 'failed', msg: r.msg ?? `retries exhausted (${retries}) and the until condition is still false` };
    }
    ctx.emit({ type: 'retry', host: host.name, title: titleOf(ctx, task), retriesLeft: retries - attempt + 1 });
    await new Promise((res) => setTimeout(res, delay * 1000));
    r = await again(attempt + 1);
  }
}

/** retries / delay: a number, or a template rendered now. */
function numberOf(v: number | string | undefined, vars: Vars, where: { file: string; line: number }): number | undefined {
  if (v === undefined || typeof v === 'number') return v;
  const n = Number(renderValue(v, vars, where));
  if (!Number.isFinite(n)) throw new Error(`${where.file}:${where.line}: retries and delay must render to a number, got '${v}'`);
  return n;
}

function withAttempts(r: TaskResult, attempts: number): TaskResult {
  return { ...r, module: { ...r.module, attempts } };
}

function applyConditions(task: Task, r: TaskResult, vars: Vars): TaskResult {
  const where = { file: task.pos.file, line: task.pos.line };
  if (task.changedWhen === undefined && task.failedWhen === undefined) return r;
  const scope = task.register ? { ...vars, [task.register]: registeredValue(r) } : { ...vars, ...registeredValue(r) };
  // As Ansible: changed_when decides `changed` even for a failed result, failed_when decides `failed`.
  let changed = r.status === 'changed' || !!r.module?.changed;
  let failed = r.status === 'failed';
  let changedWhenResult: string | undefined;
  if (task.changedWhen !== undefined) {
    // One that cannot be evaluated fails the task and says why in changed_when_result, as Ansible.
    try {
      changed = conditionList(task.changedWhen, scope, where);
    } catch (e) {
      failed = true;
      changedWhenResult = `The conditional check '${String(task.changedWhen)}' failed. The error was: ${(e as Error).message}`;
    }
  }
  let failedWhenResult: boolean | string | undefined;
  if (task.failedWhen !== undefined) {
    // A failed_when that cannot be evaluated fails the task and says why in failed_when_result, as Ansible.
    try {
      failed = conditionList(task.failedWhen, scope, where);
      failedWhenResult = failed;
    } catch (e) {
      failed = true;
      failedWhenResult = `The conditional check '${String(task.failedWhen)}' failed. The error was: ${(e as Error).message}`;
    }
  }
  const module = {
    ...r.module, changed, failed,
    ...(changedWhenResult !== undefined ? { changed_when_result: changedWhenResult } : {}),
    ...(failedWhenResult !== undefined ? { failed_when_result: failedWhenResult } : {}),
  };
  const out: TaskResult = { ...r, module, status: failed ? 'failed' : changed ? 'changed' : 'ok' };
  if (failed && !out.msg) out.msg = changedWhenResult ?? 'failed_when condition was true';
  if (!failed && r.status === 'failed') delete out.msg;
  return out;
}

function conditionList(c: string[] | boolean, vars: Vars, where: { file: string; line: number }): boolean {
  if (typeof c === 'boolean') return c;
  return c.every((x) => evaluateCondition(x, vars, where));
}

/** Where the task is (relative to the playbook's folder) and how often this host has run it: the same in every run of the same files. */
function planKey(ctx: PlayContext, host: HostState, task: Task): string {
  const at = `${relative(ctx.playbook.dir, task.pos.file)}:${task.pos.line}:${task.pos.col}`;
  const n = (host.planCounts.get(at) ?? 0) + 1;
  host.planCounts.set(at, n);
  return `${at}#${n}`;
}

function checkModeFor(ctx: PlayContext, task: Task, vars: Vars): boolean {
  const v = task.checkMode ?? ctx.play.checkMode;
  if (v === undefined) return ctx.options.check;
  return evaluateCondition(v, vars, { file: task.pos.file, line: task.pos.line });
}

function censor(r: TaskResult): TaskResult {
  const hidden = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
  return {
    status: r.status, ignored: r.ignored, predicted: r.predicted, censored: true,
    msg: r.status === 'failed' ? hidden : undefined,
    module: { censored: hidden, changed: r.module?.changed, failed: r.module?.failed },
    items: r.items?.map((i) => ({ ...(censor(i) as ItemResult), item: undefined, label: 'None' })),
  };
}
