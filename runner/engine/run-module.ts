/**
 * One module invocation on one host: render the arguments, plan, and apply unless this is a dry
 * run. The only place where check mode exists: a module never sees it.
 */
import { knownPathsOf } from './known-paths.js';
import { knownPackagesOf } from './known-packages.js';
import { readAhead } from './read-ahead.js';
import type { Task, Vars } from '../load/ir.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult, type Plan } from '../modules/contract.js';
import { titleOf } from './title.js';
import type { PlanDrift } from './plan-hook.js';
import { isUnreachable, type Connection } from '../connections/connection.js';
import { sourceSearchDirs } from '../modules/files/source.js';
import type { Facts } from '../facts/facts.js';
import { renderValue, renderArgsTracked, render, evaluate, evaluateCondition, OMIT, templateVars } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import type { TaskResult } from './results.js';
import { validateArgs } from './validate-args.js';
import { becomeFor } from './become.js';
import { ensureConnected, controller } from './connect.js';
import { delegateHost } from './delegate.js';
import { forTask } from '../connections/task-connection.js';
import { planView, PlanWriteError } from '../connections/plan-view.js';
import { pythonModule } from '../modules/library/python-module.js';
import { asyncTask, AsyncTimeoutError, asyncTimeoutResult } from './async-task.js';

export interface ModuleRun {
  /** This task stops after planning (--check, or its own check_mode). */
  check: boolean;
  /** The whole run is a dry run (--check): only then do plans' promises count for later plans. */
  dryRun: boolean;
  diff: boolean;
  /** no_log: a saved plan keeps nothing of the task's values. */
  noLog?: boolean;
  /** The task's key in a saved plan (see plan-hook.ts). */
  planKey?: string;
}

export async function runModule(ctx: PlayContext, host: HostState, task: Task, vars: Vars, mode: ModuleRun): Promise<TaskResult> {
  if (host.drifted !== undefined) return { status: 'skipped', msg: 'the host stopped: its plan differs from the saved plan' };
  const def = task.library ? pythonModule(task.module, task.library) : ctx.modules.get(task.module);
  if (!def) return { status: 'failed', msg: `module '${task.module}' is not available` };
  const where = { file: task.pos.file, line: task.pos.line };
  let unsafeFacts: string[] | undefined;
  let rendered: unknown;
  if (task.module === 'set_fact') ({ value: rendered, unsafe: unsafeFacts } = renderArgsTracked(task.args, vars, where));
  else rendered = renderValue(task.args, vars, where);
  const args = dropOmitted(rendered) as Record<string, unknown>;
  const invalid = await validateArgs(def, args);
  if (invalid) return { status: 'failed', msg: invalid.startsWith('missing required') ? invalid : `${task.module}: ${invalid} (${task.pos.file}:${task.pos.line})` };

  const env = task.environment ?? ctx.play.environment;
  let target: Awaited<ReturnType<typeof targetOf>>;
  try {
    target = await targetOf(ctx, host, task, vars);
  } catch (e) {
    if (e instanceof ModuleError) return { status: 'failed', msg: e.message };
    throw e;
  }
  const conn = forTask(target.conn, {
    env: env ? stringValues(renderValue(env, vars, where)) : undefined,
    deadline: task.timeout ? Date.now() + task.timeout * 1000 : undefined,
    timeoutSec: task.timeout,
  });
  const role = task.role;
  const pb = ctx.playbook.dir;
  const job = asyncOf(task, vars, where);
  const jobs = job && !mode.check ? asyncTask(conn, job.limit, job.poll) : undefined;
  const view = planView(jobs?.conn ?? conn, task.module);
  const become = becomeFor(ctx, task, vars);
  if (!target.delegatedTo && target.conn === host.conn) await readAhead(ctx, host, target.conn, task, become);
  const mctx: ModuleContext = {
    conn: view.conn,
    facts: target.facts,
    promised: host.promised,
    become,
    knownPaths: knownPathsOf(target.conn),
    knownPackages: knownPackagesOf(target.conn),
    searchPaths: {
      files: sourceSearchDirs('files', pb, role?.dir),
      templates: sourceSearchDirs('templates', pb, role?.dir),
    },
    renderTemplate: (text, sourcePath) => render(text, { ...vars, ...templateVars(sourcePath, typeof args.dest === 'string' ? args.dest : undefined) }, { file: sourcePath }),
    vars,
    evaluate: (expr, condition) => (condition ? evaluateCondition(expr, vars, where) : evaluate(expr, vars, where)),
    progress: (line) => ctx.emit({ type: 'progress', host: host.name, line }),
    // A saved plan holds every diff, so that applying it compares the same plans whatever --diff says.
    diffRequested: mode.diff || !!ctx.plans,
    verbosity: ctx.options.verbosity,
    source: { file: task.pos.file, playbookDir: pb, ...(role ? { roleDir: role.dir } : {}) },
  };

  const early = mode.check && def.planOnlyWarnings ? await def.planOnlyWarnings(mctx, args) : [];
  const withEarly = (r: TaskResult): TaskResult => {
    if (!early.length) return r;
    for (const w of early) ctx.emit({ type: 'warning', host: host.name, message: w });
    return { ...r, module: { ...r.module, warnings: [...early, ...((r.module?.warnings as unknown[] | undefined) ?? [])] } };
  };
  try {
    const hits = host.promised.hits;
    const check = ctx.plans && mode.planKey ? (plan: Plan) => ctx.plans!.planned({
      host: host.name, key: mode.planKey!, title: titleOf(ctx, task), file: task.pos.file, line: task.pos.line,
      state: plan.state, summary: plan.summary, diff: plan.diff, steps: plan.steps, reads: view.reads(), noLog: !!mode.noLog,
      restsOnEarlier: host.promised.hits > hits,
    }) : undefined;
    const r = await planAndApply(def, mctx, args, host, mode, () => { view.open(); jobs?.arm(); }, check);
    if (jobs && r.module && r.status !== 'skipped') {
      r.module = await jobs.finish(r.module);
      if (r.module.finished === 0) delete r.msg;
    }
    for (const w of (r.module?.warnings as unknown[] | undefined) ?? []) ctx.emit({ type: 'warning', host: host.name, message: String(w).trim() });
    if (early.length) return withEarly(r);
    if (target.delegatedTo) r.delegatedTo = target.delegatedTo;
    if (target.delegatedAddress) r.delegatedAddress = target.delegatedAddress;
    if (unsafeFacts?.length) r.unsafeFacts = unsafeFacts;
    return r;
  } catch (e) {
    if (isUnreachable(e)) return { status: 'unreachable', msg: e.message };
    if (e instanceof AsyncTimeoutError) return { status: 'failed', msg: e.message, module: asyncTimeoutResult(e), delegatedTo: target.delegatedTo };
    if (e instanceof PlanWriteError) return { status: 'failed', msg: e.message, delegatedTo: target.delegatedTo };
    if (e instanceof Error && e.name === 'CommandTimeoutError') return { status: 'failed', msg: e.message, delegatedTo: target.delegatedTo };
    if (e instanceof ModuleError || (e instanceof Error && e.name === 'ModuleError')) {
      const result = (e as ModuleError).result ?? {};
      return withEarly({ status: 'failed', msg: e.message, module: { ...result, failed: true, msg: e.message }, delegatedTo: target.delegatedTo });
    }
    throw e;
  }
}

/**
 * The heart of the contract: plan, then apply unless this is a dry run. The verdict comes from the
 * plan's state alone: ok is ok (a settle step that fails makes it failed), anything else is
 * changed, predicted or applied; a failed apply keeps `changed` only for a 'run' that started.
 */
async function planAndApply(def: ModuleDefinition, mctx: ModuleContext, args: Record<string, unknown>, host: HostState, mode: ModuleRun, open: () => void,
  check?: (plan: Plan) => PlanDrift | undefined): Promise<TaskResult> {
  const plan = await def.plan(mctx, args);
  const drift = check?.(plan);
  if (drift !== undefined) {
    // Applying a saved plan that no longer holds: the host stops before this task writes anything.
    host.drifted = drift.msg;
    return { status: 'failed', msg: drift.msg, drift: drift.difference, plan: plan.state, summary: plan.summary };
  }
  if (!mode.check) open(); // a dry run never writes: the view stays read-only to the end
  const base: ModuleResult = { ...(plan.result ?? {}) };
  const diff = mode.diff && plan.diff?.length ? plan.diff : undefined;
  const steps = plan.steps?.length ? plan.steps : undefined;
  if (plan.state === 'ok') {
    if (plan.apply) throw new Error(`${def.name} planned 'ok' with an apply step (a bug in the module: an ok plan changes nothing)`);
    const unsettled = !!plan.settle && mode.check; // a dry run does not wait or reload either
    const settled = plan.settle && !unsettled ? { ...base, ...((await plan.settle()) ?? {}) } : base;
    const status = settled.failed ? 'failed' : settled.skipped ? 'skipped' : 'ok';
    return finish({ status, ...(unsettled ? { predicted: true } : {}), module: { ...settled, changed: false }, msg: settled.msg, summary: plan.summary, plan: 'ok', steps });
  }
  if (plan.settle) throw new Error(`${def.name} planned '${plan.state}' with a settle step (a bug in the module: settle belongs to ok plans)`);
  if (!plan.apply) throw new Error(`${def.name} planned '${plan.state}' without a way to apply it (a bug in the module)`);
  const { skipped: skipsUnderCheck, ...planned } = base;
  if (mode.check) {
    // What a dry run promises later plans; a check_mode task of a real run changes nothing they will see.
    if (mode.dryRun) plan.promise?.(host.promised);
    // A command kept from running by the task's own check_mode is skipped, as in Ansible; in a --check run it "will run".
    if (plan.state === 'run' && skipsUnderCheck && !mode.dryRun) {
      return finish({ status: 'skipped', predicted: true, plan: plan.state, module: { ...base, changed: false }, msg: base.msg as string | undefined, summary: plan.summary, steps });
    }
    return finish({ status: 'changed', predicted: true, unpredictable: plan.state === 'run', plan: plan.state, module: { ...planned, changed: true }, summary: plan.summary, diff, steps });
  }
  const applied = { ...planned, ...((await plan.apply()) ?? {}) };
  // A failed apply: a 'run' that started may have changed something (Ansible's command says so);
  // one that says it never started (a missing program), or a known change that failed, did not.
  const ran = plan.state === 'run' && applied.changed !== false;
  if (applied.failed) return finish({ status: 'failed', module: { ...applied, changed: ran }, msg: applied.msg, summary: plan.summary, diff, plan: plan.state, steps });
  return finish({ status: 'changed', module: { ...applied, changed: true }, msg: applied.msg, summary: plan.summary, diff, plan: plan.state, steps });
}

/**
 * The host itself, or the host of `delegate_to` (reached as the inventory says, its facts for the
 * module); localhost not in the inventory is the machine we run on.
 */
async function targetOf(ctx: PlayContext, host: HostState, task: Task, vars: Vars): Promise<{ conn: Connection; facts: Facts; delegatedTo?: string; delegatedAddress?: string }> {
  const to = task.delegateTo === undefined ? undefined : String(renderValue(task.delegateTo, vars, { file: task.pos.file, line: task.pos.line }));
  if (to !== undefined && to !== host.name) {
    const other = await delegateHost(ctx, to);
    if (other) {
      const conn = await ensureConnected(ctx, other);
      const address = other.inventoryVars.ansible_host;
      return { conn, facts: other.facts!, delegatedTo: to, ...(typeof address === 'string' && address !== to ? { delegatedAddress: address } : {}) };
    }
    if (to === 'localhost' || to === '127.0.0.1') return { ...(await controller(ctx)), delegatedTo: to };
    throw new ModuleError(`delegate_to '${to}': no such host in the inventory`);
  }
  const conn = await ensureConnected(ctx, host);
  return { conn, facts: host.facts!, delegatedTo: undefined };
}

/** `async` (seconds, 0: not async) and `poll` (default 10, as Ansible), rendered for this run of the task. */
function asyncOf(task: Task, vars: Vars, where: { file: string; line: number }): { limit: number; poll: number } | undefined {
  if (task.async === undefined) return undefined;
  const n = (v: number | string, what: string) => {
    const x = typeof v === 'number' ? v : Number(renderValue(v, vars, where));
    if (!Number.isFinite(x) || x < 0) throw new Error(`${where.file}:${where.line}: ${what} must be a number of seconds, got '${v}'`);
    return x;
  };
  const limit = n(task.async, 'async');
  if (limit === 0) return undefined;
  return { limit, poll: task.poll === undefined ? 10 : n(task.poll, 'poll') };
}

function finish(r: TaskResult): TaskResult {
  if (r.status === 'failed' && !r.msg) r.msg = (r.module?.msg as string | undefined) ?? 'failed';
  return r;
}

function dropOmitted(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => x !== OMIT).map(dropOmitted);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== OMIT) out[k] = dropOmitted(x);
    return out;
  }
  return v;
}

function stringValues(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (x !== OMIT && x !== null && x !== undefined) out[k] = String(x);
  return out;
}
