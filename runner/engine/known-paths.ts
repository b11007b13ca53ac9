/**
 * Reading the host's paths ahead: the first file task of a play on a host probes, in the same
 * round trip, every path the play's file, copy and template tasks name (their arguments rendered
 * with that host's variables as they are then). Later plans of those tasks get their probe answered
 * from what was read, as long as nothing may have changed on the host since: any command that is
 * not a plan's read, and any file write, on the host's connection forgets all of it. So a run that
 * changes nothing reads the paths of a whole play in one round trip, and one that changes
 * something reads as before from its first change on.
 *
 * An answer is exactly what the task's own probe would have read, by construction: the same probe
 * script (files/probe.ts) for the same path, options and user, taken a little earlier, with
 * nothing of ours run on the host in between. A path rendered ahead differently from how the task
 * renders it (a registered value it depends on) is simply not asked for: the task probes it then.
 */
import { posix } from 'node:path';
import { wrapConnection, type Become, type Connection, type ExecOptions } from '../connections/connection.js';
import { answerableFrom, parseProbe, probeScript, type KnownPaths, type PathInfo, type ProbeOptions } from '../modules/files/probe.js';
import type { Task, TaskNode, Vars } from '../load/ir.js';
import { renderValue } from '../template/index.js';
import { becomeFor } from './become.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import { taskVars } from './task-vars.js';

/** The modules whose plans probe the path they name, and the argument that names it. */
const PATH_ARGS: Record<string, string[]> = { file: ['path', 'dest', 'name'], copy: ['dest'], template: ['dest'] };

const userOf = (become: Become | undefined) => become?.user ?? '';

class HostPaths implements KnownPaths {
  private readonly entries = new Map<string, PathInfo>();
  /** Counts what may have changed the host: a read that started before a change is not kept. */
  changes = 0;
  /** The play, and the count of changes, of the last read ahead: read again after a change. */
  readFor?: object;
  readAt = -1;

  private static key(path: string, follow: boolean, user: string, summed: boolean): string {
    return `${user}\0${follow ? 'L' : '-'}${summed ? 'S' : '-'}\0${path}`;
  }

  put(info: PathInfo, follow: boolean, user: string, summed: boolean): void {
    this.entries.set(HostPaths.key(info.path, follow, user, summed), info);
  }

  forget(): void {
    this.changes++;
    this.entries.clear();
  }

  answer(paths: string[], options: ProbeOptions, become: Become | undefined): PathInfo[] | undefined {
    if (!this.entries.size || !answerableFrom(options)) return undefined;
    const out: PathInfo[] = [];
    for (const path of paths) {
      const key = (summed: boolean) => HostPaths.key(path, !!options.follow, userOf(become), summed);
      const known = options.checksum ? this.entries.get(key(true)) : this.entries.get(key(false)) ?? this.entries.get(key(true));
      if (!known) return undefined;
      const copy = { ...known };
      if (!options.checksum) delete copy.checksum;
      out.push(copy);
    }
    return out;
  }
}

const known = new WeakMap<Connection, HostPaths>();

/**
 * The host's connection, noting what may change the host: every command but a plan's reads
 * (ExecOptions.planRead) and every file write forget the paths read ahead.
 */
export function trackingChanges(conn: Connection): Connection {
  const paths = new HostPaths();
  const tracked = wrapConnection(conn, {
    exec: (command: string, options?: ExecOptions) => {
      if (!options?.planRead) paths.forget();
      return conn.exec(command, options);
    },
    writeFile: (path, data, options) => {
      paths.forget();
      return conn.writeFile(path, data, options);
    },
  });
  known.set(tracked, paths);
  return tracked;
}

/** What is known of the paths of the host behind `conn` (none for a connection that does not track changes). */
export function knownPathsOf(conn: Connection): KnownPaths | undefined {
  return known.get(conn);
}

const playPathTasks = new WeakMap<object, Task[]>();

/**
 * Before the plan of `task` (a file, copy or template task of the play, on the host itself): unless
 * done since the last change on the host, read ahead every path that this task and the play's later
 * tasks of these modules name, as this task's user.
 */
export async function readAhead(ctx: PlayContext, host: HostState, conn: Connection, task: Task, become: Become | undefined): Promise<void> {
  const paths = known.get(conn);
  if (!paths || !PATH_ARGS[task.module] || (paths.readFor === ctx.play && paths.readAt === paths.changes)) return;
  let all = playPathTasks.get(ctx.play);
  if (!all) playPathTasks.set(ctx.play, (all = [...pathTasks([...ctx.play.preTasks, ...ctx.play.tasks, ...ctx.play.postTasks])]));
  const at = all.indexOf(task);
  if (at < 0) return; // a task of an include: it probes for itself
  paths.readFor = ctx.play;
  paths.readAt = paths.changes;
  const user = userOf(become);
  // As the tasks read them: file never reads content (that would move the access time it may
  // set), copy and template read their dest's. Reads of content come last, so the times the
  // others see are from before any of it.
  const own = new Set<string>();
  const followed = new Set<string>();
  const summed = new Set<string>();
  for (const t of all.slice(at)) {
    for (const ahead of pathsOf(ctx, host, t, user)) {
      if (t.module === 'file') {
        own.add(ahead);
        followed.add(ahead);
      } else {
        summed.add(ahead);
        summed.add(posix.dirname(ahead));
      }
    }
  }
  if (own.size + followed.size + summed.size < 2) return;
  const asked: [string[], ProbeOptions][] = [
    [[...own], {}], [[...followed], { follow: true }], [[...summed], { follow: true, checksum: true }],
  ];
  const script = asked.filter(([p]) => p.length).map(([p, o]) => probeScript(p, o)).join('\n');
  const before = paths.changes;
  const r = await conn.exec(script, { become, planRead: true });
  // Each task probes for itself when this read failed (and reports what went wrong), or when
  // something else used the connection to change the host meanwhile (a task delegated here).
  if (r.rc !== 0 || paths.changes !== before) return;
  const blocks = r.stdout.split(/^::end\n/m);
  let i = 0;
  for (const [p, o] of asked) {
    if (!p.length) continue;
    for (const info of parseProbe(p, `${blocks[i++] ?? ''}::end\n`)) paths.put(info, !!o.follow, user, !!o.checksum);
  }
}

/** The tasks of these modules, through blocks (includes are read when reached: not ahead). */
function* pathTasks(nodes: TaskNode[]): Generator<Task> {
  for (const n of nodes) {
    if (n.kind === 'block') {
      yield* pathTasks(n.block);
      yield* pathTasks(n.rescue);
      yield* pathTasks(n.always);
    } else if (n.kind === 'task' && PATH_ARGS[n.module] && n.delegateTo === undefined) yield n;
  }
}

/** Loops whose items are the list as written (or as a template gives it): `loop:`, `with_items:`, `with_list:`. */
const PLAIN_LOOPS = new Set([undefined, 'items', 'list']);

/**
 * The paths `t` would probe (one per item of a plain loop), rendered with the host's variables
 * now; none when that cannot be told or they are someone else's.
 */
function pathsOf(ctx: PlayContext, host: HostState, t: Task, user: string): string[] {
  const raw = PATH_ARGS[t.module]!.map((k) => t.args[k]).find((v) => v !== undefined);
  if (typeof raw !== 'string') return [];
  const where = { file: t.pos.file, line: t.pos.line };
  try {
    const vars: Vars = taskVars(ctx, host, t);
    if (userOf(becomeFor(ctx, t, vars)) !== user) return [];
    if (t.loop === undefined) return pathIn(t, renderValue(raw, vars, where));
    const loopVar = t.loopControl?.loopVar ?? 'item';
    if (!PLAIN_LOOPS.has(t.loopWith) || loopVar.includes('{')) return [];
    const items = renderValue(t.loop, vars, where);
    if (!Array.isArray(items) || items.length > 64) return [];
    return items.flatMap((item) => (Array.isArray(item) ? [] : pathIn(t, renderValue(raw, { ...vars, [loopVar]: item }, where))));
  } catch {
    return []; // a variable only a later task sets: that task probes for itself
  }
}

/** A rendered path as the task's own probe asks for it. */
function pathIn(t: Task, path: unknown): string[] {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('\0')) return [];
  if (t.module === 'file') return [path.length > 1 ? path.replace(/\/+$/, '') : path];
  return path.endsWith('/') ? [] : [path];
}
