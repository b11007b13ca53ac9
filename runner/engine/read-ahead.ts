/**
 * Reading the host ahead: the first task of a play whose plan a kind of read-ahead can answer
 * (files, packages) reads, in one round trip, what this task and the play's later such tasks will
 * ask for, their arguments rendered with the host's variables as they are then. Their plans are
 * answered from that read as long as nothing may have changed on the host since: any command
 * that is not a plan's read, and any file write, on the host's connection forgets all of it. So a
 * run that changes nothing reads a whole play's paths and packages in one round trip, and one that
 * changes something reads as before from its first change on (then ahead again, once).
 *
 * An answer is exactly what the task's own probe would have read, by construction: the same
 * command for the same things, taken a little earlier, with nothing of ours run on the host in
 * between. Something rendered ahead differently from how the task renders it (a registered value
 * it depends on) is simply not asked for: the task reads it itself then.
 */
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { wrapConnection, type Become, type Connection, type ExecOptions } from '../connections/connection.js';
import type { Task, TaskNode, Vars } from '../load/ir.js';
import { evaluateCondition, renderValue } from '../template/index.js';
import { becomeFor } from './become.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import { taskVars } from './task-vars.js';

export const userOf = (become: Become | undefined) => become?.user ?? '';

/** What is kept of one kind of read; it is dropped whenever the host may have changed. */
export interface KnownStore { forget(): void }

/**
 * The read of one kind for some tasks: a shell script printing its answer, what to do with that
 * answer, and how many of the tasks' reads it may answer (one alone saves no round trip).
 */
export interface AheadRead { script: string; take(output: string): void; count: number }

/** What a kind may ask of the tasks it reads for, on this host. */
export interface AheadQuery {
  /** The user the read runs as ('' for the login user). */
  user: string;
  /**
   * The first of `keys` that task `t` sets, rendered with the host's variables now (once per
   * item of a plain loop); nothing when that cannot be told, or the task runs as someone else.
   */
  args(t: Task, keys: string[]): unknown[];
  /** A fact of the host, as gathered. */
  fact(name: string): unknown;
}

/** A kind of read-ahead: the modules it answers for, and the read of what the tasks given will ask. */
export interface AheadKind<S extends KnownStore> {
  modules: ReadonlySet<string>;
  /** Whether a task of these modules asks this kind anything (all do, unless said here): only such a task starts a read. */
  asks?(t: Task): boolean;
  newStore(): S;
  /** Nothing when there is nothing to ask. */
  read(store: S, tasks: Task[], q: AheadQuery): AheadRead | undefined;
}

class HostReads {
  /** Counts what may have changed the host: a read that started before a change is not kept. */
  changes = 0;
  /**
   * The play, the count of changes and the end (a task index) of the last read ahead: read again
   * after a change, or from a task past that end.
   */
  readFor?: object;
  readAt = -1;
  readTo = 0;
  readonly stores = new Map<AheadKind<KnownStore>, KnownStore>();

  forget(): void {
    this.changes++;
    for (const s of this.stores.values()) s.forget();
  }
}

const reads = new WeakMap<Connection, HostReads>();

/**
 * The host's connection, noting what may change the host: every command but a plan's reads
 * (ExecOptions.planRead) and every file write forget what was read ahead.
 */
export function trackingChanges(conn: Connection): Connection {
  const host = new HostReads();
  const tracked = wrapConnection(conn, {
    exec: (command: string, options?: ExecOptions) => {
      if (!options?.planRead) host.forget();
      return conn.exec(command, options);
    },
    writeFile: (path, data, options) => {
      host.forget();
      return conn.writeFile(path, data, options);
    },
  });
  reads.set(tracked, host);
  return tracked;
}

/** What is known of one kind for the host behind `conn` (none for a connection that does not track changes). */
export function storeOf<S extends KnownStore>(conn: Connection, kind: AheadKind<S>): S | undefined {
  const host = reads.get(conn);
  if (!host) return undefined;
  let store = host.stores.get(kind) as S | undefined;
  if (!store) host.stores.set(kind, (store = kind.newStore()));
  return store;
}

const kinds: AheadKind<KnownStore>[] = [];

/** Registers a kind of read-ahead (known-paths.ts, known-packages.ts). */
export function aheadKind<S extends KnownStore>(kind: AheadKind<S>): AheadKind<S> {
  kinds.push(kind as unknown as AheadKind<KnownStore>);
  return kind;
}

const playTasks = new WeakMap<object, Task[]>();

/** Modules that run something on the host whenever they run: what is read past one is read again after it. */
const COMMANDS = new Set(['command', 'shell', 'raw', 'script']);

/**
 * Before the plan of `task` (on the host itself): unless done since the last change on the host,
 * read ahead, in one command, what this task and the play's later tasks of every kind will ask,
 * as this task's user, up to the next command that will run (its `when` holds, as far as can be
 * told now, and no creates or removes may skip it): it forgets what was read, so a read past it
 * would be made for nothing in a run that changes nothing. The task after it reads again.
 */
export async function readAhead(ctx: PlayContext, host: HostState, conn: Connection, task: Task, become: Become | undefined): Promise<void> {
  const state = reads.get(conn);
  if (!state || !kinds.some((k) => k.modules.has(task.module) && (k.asks?.(task) ?? true))) return;
  let all = playTasks.get(ctx.play);
  if (!all) playTasks.set(ctx.play, (all = [...aheadTasks([...ctx.play.preTasks, ...ctx.play.tasks, ...ctx.play.postTasks])]));
  const at = all.indexOf(task);
  if (at < 0) return; // a task of an include: it reads for itself
  if (state.readFor === ctx.play && state.readAt === state.changes && at < state.readTo) return;
  shared = undefined;
  const to = nextCommand(ctx, host, all, at);
  state.readFor = ctx.play;
  state.readAt = state.changes;
  state.readTo = to;
  const user = userOf(become);
  const later = all.slice(at, to);
  const query: AheadQuery = {
    user,
    args: (t, keys) => argsAhead(ctx, host, t, keys, user),
    fact: (name) => (host.facts as Record<string, unknown> | undefined)?.[name],
  };
  const asked: [AheadRead, KnownStore][] = [];
  for (const kind of kinds) {
    const store = storeOf(conn, kind)!;
    const read = kind.read(store, later.filter((t) => kind.modules.has(t.module)), query);
    if (read) asked.push([read, store]);
  }
  shared = undefined;
  if (asked.reduce((n, [r]) => n + r.count, 0) < 2) return;
  const mark = `::ahead-${randomBytes(6).toString('hex')}`;
  const script = asked.map(([r]) => r.script).join(`\necho ${mark}\n`);
  const before = state.changes;
  const r = await conn.exec(script, { become, planRead: true });
  // Each task reads for itself when this read failed (and reports what went wrong), or when
  // something else used the connection to change the host meanwhile (a task delegated here).
  if (r.rc !== 0 || state.changes !== before) return;
  const outputs = r.stdout.split(`${mark}\n`);
  if (outputs.length !== asked.length) return;
  asked.forEach(([read], i) => read.take(outputs[i]!));
}

/** The tasks some kind answers for, and the commands, through blocks (includes are read when reached: not ahead). */
function* aheadTasks(nodes: TaskNode[]): Generator<Task> {
  for (const n of nodes) {
    if (n.kind === 'block') {
      yield* aheadTasks(n.block);
      yield* aheadTasks(n.rescue);
      yield* aheadTasks(n.always);
    } else if (n.kind === 'task' && n.delegateTo === undefined && (COMMANDS.has(n.module) || kinds.some((k) => k.modules.has(n.module)))) yield n;
  }
}

/**
 * A task's variables for a read ahead: the same for every task of a role in one directory that
 * has no vars of its own, so those are merged once per read (reads are synchronous: nothing
 * changes the host's variables during one).
 */
let shared: { host: HostState; ctx: PlayContext; byPlace: Map<unknown, Map<string, Vars>> } | undefined;

function varsAhead(ctx: PlayContext, host: HostState, t: Task): Vars {
  if (t.vars && Object.keys(t.vars).length) return taskVars(ctx, host, t);
  if (shared?.host !== host || shared.ctx !== ctx) shared = { host, ctx, byPlace: new Map() };
  let byDir = shared.byPlace.get(t.role);
  if (!byDir) shared.byPlace.set(t.role, (byDir = new Map()));
  const dir = posix.dirname(t.pos.file);
  let vars = byDir.get(dir);
  if (!vars) byDir.set(dir, (vars = taskVars(ctx, host, t)));
  return vars;
}

/** What mayRun found, per host and task (kept: one stale by now only makes a read end early or late). */
const runs = new WeakMap<HostState, WeakMap<Task, boolean>>();

/** The index of the first command after `at` that will run, as far as can be told now; the end of the list if none. */
function nextCommand(ctx: PlayContext, host: HostState, all: Task[], at: number): number {
  let byTask = runs.get(host);
  if (!byTask) runs.set(host, (byTask = new WeakMap()));
  for (let i = at + 1; i < all.length; i++) {
    const t = all[i]!;
    if (!COMMANDS.has(t.module) || t.args.creates !== undefined || t.args.removes !== undefined) continue;
    let will = byTask.get(t);
    if (will === undefined) byTask.set(t, (will = mayRun(ctx, host, t)));
    if (will) return i;
  }
  return all.length;
}

/** Whether every `when` of `t` holds with the host's variables now (or cannot be told yet). */
function mayRun(ctx: PlayContext, host: HostState, t: Task): boolean {
  if (!t.when.length) return true;
  try {
    const vars = varsAhead(ctx, host, t);
    return t.when.every((c) => evaluateCondition(c, vars, { file: t.pos.file, line: t.pos.line }));
  } catch {
    return true;
  }
}

/** Loops whose items are the list as written (or as a template gives it): `loop:`, `with_items:`, `with_list:`. */
const PLAIN_LOOPS = new Set([undefined, 'items', 'list']);

/**
 * What argsAhead rendered, per host and task, kept for the host's later reads: after a change on
 * the host the next read asks for the same things without rendering them again. One that would
 * render differently by then (a variable set since) only misses: its task reads for itself.
 */
const rendered = new WeakMap<HostState, WeakMap<Task, Map<string, unknown[]>>>();

/** AheadQuery.args. */
function argsAhead(ctx: PlayContext, host: HostState, t: Task, keys: string[], user: string): unknown[] {
  if (!keys.some((k) => t.args[k] !== undefined)) return [];
  let byTask = rendered.get(host);
  if (!byTask) rendered.set(host, (byTask = new WeakMap()));
  let byKeys = byTask.get(t);
  if (!byKeys) byTask.set(t, (byKeys = new Map()));
  const key = `${user}\0${keys.join('\0')}`;
  const kept = byKeys.get(key);
  if (kept) return kept;
  const out = renderAhead(ctx, host, t, keys, user);
  if (out) byKeys.set(key, out);
  return out ?? [];
}

/** The rendering for argsAhead; undefined when it failed (a variable only a later task sets: tried again next read). */
function renderAhead(ctx: PlayContext, host: HostState, t: Task, keys: string[], user: string): unknown[] | undefined {
  const raw = keys.map((k) => t.args[k]).find((v) => v !== undefined);
  const where = { file: t.pos.file, line: t.pos.line };
  try {
    const vars: Vars = varsAhead(ctx, host, t);
    if (userOf(becomeFor(ctx, t, vars)) !== user) return [];
    if (t.loop === undefined) return [renderValue(raw, vars, where)];
    const loopVar = t.loopControl?.loopVar ?? 'item';
    if (!PLAIN_LOOPS.has(t.loopWith) || loopVar.includes('{')) return [];
    const items = renderValue(t.loop, vars, where);
    if (!Array.isArray(items) || items.length > 64) return [];
    return items.flatMap((item) => (Array.isArray(item) ? [] : [renderValue(raw, { ...vars, [loopVar]: item }, where)]));
  } catch {
    return undefined;
  }
}
