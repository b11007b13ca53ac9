/**
 * One host's walk through a play: sections, blocks with rescue/always, handler flushes, meta.
 * Each step waits at the linear gate (when the strategy is linear), then runs within --forks.
 */
import type { TaskNode, Task, Handler, Block, Include, Vars } from '../load/ir.js';
import { isUnreachable } from '../connections/connection.js';
import { countResult, type TaskResult } from './results.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import type { LinearGate } from './linear-gate.js';
import { Layout, type Program } from './program.js';
import { register, runTask } from './run-task.js';
import { titleOf, includeTitle } from './title.js';
import { resolveInclude, IncludeTable, type IncludeEntry } from './include-step.js';
import { stepId, type Step } from './steps.js';
import { failureVars } from './failure-vars.js';
import { ensureConnected } from './connect.js';
import { selectFacts } from '../facts/subsets.js';
import { takeOwedHandlers, recordOwedHandlers } from './owed-handlers.js';

type Outcome = 'ok' | 'failed' | 'stop';

/** Where a host is walking: the steps of the list it is in, and the include params of the includes it came through. */
interface Frame {
  layout: Layout;
  params: Vars;
}

export class HostWalker {
  constructor(
    private readonly ctx: PlayContext,
    private readonly host: HostState,
    private readonly program: Program,
    private readonly gate: LinearGate | undefined,
  ) {}

  async walk(): Promise<void> {
    let owed: string[] = [];
    try {
      owed = await takeOwedHandlers(this.ctx, this.host);
      if (this.ctx.play.gatherFacts) await this.gather();
      for (const section of this.program.sections) {
        if (this.stopped) break;
        const outcome = await this.nodes(section.nodes, false, { layout: section.layout, params: {} });
        if (outcome === 'ok') await this.flush(section.flushAt);
        else if (this.forcesHandlers()) await this.forcedFlush(section.flushAt);
      }
    } finally {
      this.gate?.leave(this.host.name);
      await recordOwedHandlers(this.ctx, this.host, owed);
    }
  }

  private get stopped(): boolean {
    if (this.forcing) return this.host.unreachable || this.host.drifted !== undefined || !!this.ctx.aborted;
    return this.host.out || this.ended || !!this.ctx.aborted;
  }
  /** force_handlers: the handlers of a failed host are running (it stays failed). */
  private forcing = false;

  /** `force_handlers`: a host that failed still runs what it was notified of, where the section flushes (as Ansible). */
  private forcesHandlers(): boolean {
    return !!this.ctx.play.forceHandlers && this.host.failed && !this.host.unreachable && this.host.drifted === undefined && this.host.notified.size > 0;
  }

  private async forcedFlush(at: Step): Promise<void> {
    this.forcing = true;
    try {
      await this.flush(at);
    } finally {
      this.forcing = false;
    }
  }
  private ended = false;

  private async gather(): Promise<void> {
    await this.step(this.program.gatherAt, 'Gathering Facts', undefined, false, async () => {
      await ensureConnected(this.ctx, this.host);
      const subset = this.ctx.play.gatherSubset;
      if (subset) this.host.gatheredFacts = { ...(this.host.factsGathered ? this.host.visibleFacts : {}), ...selectFacts(this.host.facts as Vars, subset) };
      else this.host.gatheredFacts = undefined;
      this.host.factsGathered = true;
      return { status: 'ok' };
    });
  }

  /** Runs nodes in order; 'failed' means a task failed here (and was not rescued below). */
  private async nodes(nodes: TaskNode[], rescuable: boolean, frame: Frame): Promise<Outcome> {
    for (const node of nodes) {
      if (this.stopped) return 'stop';
      const outcome = node.kind === 'block' ? await this.block(node, rescuable, frame)
        : node.kind === 'include' ? await this.include(node, rescuable, frame)
        : await this.task(node, rescuable, frame);
      if (outcome !== 'ok') return outcome;
    }
    return 'ok';
  }

  private async block(b: Block, rescuable: boolean, frame: Frame): Promise<Outcome> {
    let outcome = await this.nodes(b.block, b.rescue.length > 0 || rescuable, frame);
    if (outcome === 'failed' && b.rescue.length) {
      this.host.failed = false;
      this.host.rescueVars = failureVars(this.host.lastFailure);
      outcome = await this.nodes(b.rescue, rescuable, frame);
    }
    if (outcome !== 'stop' || this.host.failed) {
      const failedBefore = this.host.failed;
      this.host.failed = false;
      const always = this.host.unreachable ? 'stop' : await this.nodes(b.always, rescuable, frame);
      this.host.failed = failedBefore || always === 'failed';
      if (always !== 'ok') outcome = always;
    }
    return outcome;
  }

  /**
   * An include, resolved when reached (its condition, its name, its file loaded and checked), then
   * the tasks it brought, laid out below its step. Under the linear gate every host first resolves
   * it, so all agree on the order of what was included.
   */
  private async include(inc: Include, rescuable: boolean, frame: Frame): Promise<Outcome> {
    const pos = frame.layout.positions.get(inc);
    if (pos === undefined) return 'ok'; // left out by --tags: what it would bring is never seen
    let entries: IncludeEntry[] = [];
    const r = await this.step(pos, includeTitle(this.ctx, inc), undefined, false, async () => {
      const got = resolveInclude(this.ctx, this.host, inc, frame.params);
      entries = got.entries;
      if (this.gate) this.tableAt(pos).add(this.host.name, this.ctx.batchHosts.indexOf(this.host.name), entries);
      return got.result;
    }, rescuable);
    if (r.status === 'unreachable') return 'stop';
    if (r.status === 'failed' && !r.ignored) {
      if (!rescuable && (inc.anyErrorsFatal ?? this.ctx.play.anyErrorsFatal)) this.ctx.aborted = `any_errors_fatal: ${this.host.name} failed`;
      return 'failed';
    }
    if (!entries.length) return 'ok';
    let order = entries.map((entry, index) => ({ entry, index }));
    if (this.gate) {
      await this.gate.arrive(this.host.name, [...pos, 0]); // every host has resolved this include
      order = this.tableAt(pos).orderFor(this.host.name);
    }
    for (const { entry, index } of order) {
      if (this.stopped) return 'stop';
      const { load } = entry;
      if (load.handlers.length) this.program.addHandlers(load.handlers[0]!.pos.file, load.handlers); // once per handlers file
      const layout = new Layout(this.program, load.tasks, [...pos, index + 1]);
      const outcome = await this.nodes(load.tasks, rescuable, { layout, params: entry.params });
      if (load.role && !load.role.private) {
        this.host.assignVars(this.host.roleDefaultsSeen, load.role.defaults);
        this.host.assignVars(this.host.roleVarsSeen, load.role.vars);
      }
      if (outcome !== 'ok') return outcome;
    }
    return 'ok';
  }

  private tableAt(pos: Step): IncludeTable {
    const id = stepId(pos);
    const steps = this.ctx.includeSteps;
    return steps.get(id) ?? steps.set(id, new IncludeTable()).get(id)!;
  }

  private async task(t: Task, rescuable: boolean, frame: Frame): Promise<Outcome> {
    const pos = frame.layout.positions.get(t);
    if (pos === undefined) return 'ok'; // not selected by tags / before --start-at-task
    if (t.module === 'meta') return this.meta(t, pos, frame);
    // add_host runs once for the batch, on its first host, as Ansible's does; only that host shows and counts it.
    // Keyed by step: each entry of a looping include runs it once more.
    const once = t.runOnce || t.module === 'add_host';
    const key = stepId(pos);
    if (once && !this.runsOnce(key)) return this.takeOnce(t, pos, key);
    const run = this.step(pos, titleOf(this.ctx, t), t, false, () => runTask(this.ctx, this.host, t, frame.params), rescuable);
    if (once) this.ctx.runOnce.set(key, run);
    const result = await run;
    if (result.status === 'unreachable' && !result.ignored) return 'stop';
    if (result.status === 'failed' && !result.ignored) {
      if (!rescuable && (t.anyErrorsFatal ?? this.ctx.play.anyErrorsFatal)) this.ctx.aborted = `any_errors_fatal: ${this.host.name} failed`;
      return 'failed';
    }
    if (result.status === 'changed') this.notify(t);
    if (t.role && !t.role.private) this.host.assignVars(this.host.roleVarsSeen, t.role.vars);
    return 'ok';
  }

  /** `run_once`: the first host of the batch still in the play runs it, for all. */
  private runsOnce(key: string): boolean {
    if (this.ctx.runOnce.has(key)) return false;
    return this.ctx.batchHosts.find((h) => !this.ctx.hosts.get(h)!.out) === this.host.name;
  }

  /** Another host ran it: take its result silently (registered and notified here too), as Ansible. */
  private async takeOnce(t: Task, pos: Step, key: string): Promise<Outcome> {
    if (this.gate) await this.gate.arrive(this.host.name, pos);
    while (!this.ctx.runOnce.has(key)) await new Promise((r) => setTimeout(r, 5));
    const r = await this.ctx.runOnce.get(key)!;
    if (!t.runOnce) return 'ok';
    if (t.register) register(this.host, t.register, r);
    if (r.status === 'changed') this.notify(t);
    return 'ok';
  }

  private async meta(t: Task, pos: Step, frame: Frame): Promise<Outcome> {
    const action = String(t.args._raw_params ?? t.args.free_form ?? '');
    if (this.gate) {
      await this.gate.arrive(this.host.name, pos);
      if (!this.stopped && this.gate.markStarted(pos)) this.ctx.emit({ type: 'task-start', id: stepId(pos), title: titleOf(this.ctx, t), task: t, handler: false, pos: t.pos });
    }
    switch (action) {
      case 'flush_handlers': await this.flush(frame.layout.flushes.get(t)!); break;
      case 'end_play': this.ctx.aborted = this.ctx.aborted ?? 'end_play'; break;
      case 'end_host': this.ended = true; break;
      case 'clear_facts': this.host.factsGathered = false; this.host.gatheredFacts = undefined; break;
      default: break; // noop, refresh_inventory, reset_connection, clear_host_errors
    }
    return this.stopped && !this.ctx.aborted && !this.ended ? 'stop' : 'ok';
  }

  private notify(t: Task): void {
    for (const n of t.notify) this.host.notified.add(n);
  }

  /** Runs every notified handler once, in the order they are defined. */
  private async flush(at: Step): Promise<void> {
    const handlers = this.program.handlers;
    for (const [i, h] of handlers.entries()) {
      if (this.stopped) return;
      if (!this.isNotified(h)) continue;
      const r = await this.step([...at, i], titleOf(this.ctx, h), h, true, () => runTask(this.ctx, this.host, h));
      if (r.status === 'changed') this.notify(h);
      if (r.status === 'failed' && !r.ignored) return;
    }
    this.host.notified.clear();
  }

  private isNotified(h: Handler): boolean {
    const n = this.host.notified;
    return (h.name !== undefined && n.has(h.name)) || h.listen.some((l) => n.has(l)) ||
      (h.role !== undefined && h.name !== undefined && n.has(`${h.role.name} : ${h.name}`));
  }

  /** Wait for our turn, run within --forks, count and report the result. */
  private async step(pos: Step, title: string, task: Task | undefined, handler: boolean,
    fn: () => Promise<TaskResult>, rescuable = false): Promise<TaskResult> {
    const { ctx, host } = this;
    if (this.gate) await this.gate.arrive(host.name, pos);
    if (this.stopped) return { status: 'skipped' };
    const id = stepId(pos);
    if (!this.gate || this.gate.markStarted(pos)) ctx.emit({ type: 'task-start', id, title, task, handler, pos: task?.pos });
    ctx.emit({ type: 'host-start', id, host: host.name });
    let result = await ctx.forks.run(() => guard(fn));
    if (result.status === 'unreachable' && task && (task.ignoreUnreachable ?? ctx.play.ignoreUnreachable)) result = { ...result, ignored: true };
    if (result.status === 'unreachable' && !result.ignored) host.unreachable = true;
    else if (result.status === 'failed' && !result.ignored) {
      host.failed = true;
      if (task) host.lastFailure = { task, result };
    }
    if (result.status === 'failed' && !result.ignored && rescuable && host.drifted === undefined) host.stats.rescued++;
    else if (!result.silent) countResult(host.stats, result);
    ctx.emit({ type: 'host-result', id, host: host.name, title, result, handler });
    if (!this.gate) ctx.emit({ type: 'task-end', id });
    return result;
  }
}

async function guard(fn: () => Promise<TaskResult>): Promise<TaskResult> {
  try {
    return await fn();
  } catch (e) {
    if (isUnreachable(e)) return { status: 'unreachable', msg: e.message };
    return { status: 'failed', msg: e instanceof Error ? e.message : String(e) };
  }
}
