/**
 * The paths kind of read-ahead (read-ahead.ts): every path the play's file, copy and template
 * tasks name, read with the same probe (files/probe.ts) each of those tasks would make for it,
 * with the same options and as the same user. file never has content read (that would move the
 * access time it may set); copy and template read their dest's checksum and its directory;
 * command and shell ask only whether something is at their `creates` and `removes`.
 */
import { posix } from 'node:path';
import type { Become, Connection } from '../connections/connection.js';
import { answerableFrom, isPlainAbsolute, parseProbe, probeScript, type KnownPaths, type PathInfo, type ProbeOptions } from '../modules/files/probe.js';
import type { Task } from '../load/ir.js';
import { aheadKind, storeOf, userOf, type AheadQuery, type AheadRead, type KnownStore } from './read-ahead.js';

/** The modules whose plans probe the path they name, and the arguments that name it. */
const PATH_ARGS: Record<string, string[]> = { file: ['path', 'dest', 'name'], copy: ['dest'], template: ['dest'] };
/** The modules whose plans ask whether something is at a path (creates, removes): answered from an lstat. */
const EXISTS_ARGS: Record<string, string[][]> = { command: [['creates'], ['removes']], shell: [['creates'], ['removes']] };

class HostPaths implements KnownPaths, KnownStore {
  private readonly entries = new Map<string, PathInfo>();

  private static key(path: string, follow: boolean, user: string, summed: boolean): string {
    return `${user}\0${follow ? 'L' : '-'}${summed ? 'S' : '-'}\0${path}`;
  }

  put(info: PathInfo, follow: boolean, user: string, summed: boolean): void {
    this.entries.set(HostPaths.key(info.path, follow, user, summed), info);
  }

  forget(): void {
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

const pathsAhead = aheadKind({
  modules: new Set([...Object.keys(PATH_ARGS), ...Object.keys(EXISTS_ARGS)]),
  asks: (t: Task) => !!PATH_ARGS[t.module] || (EXISTS_ARGS[t.module] ?? []).some((keys) => keys.some((k) => t.args[k] !== undefined)),
  newStore: () => new HostPaths(),
  read(store: HostPaths, tasks: Task[], q: AheadQuery): AheadRead | undefined {
    // As the tasks read them. Reads of content come last, so the times the others see are from
    // before any of it.
    const own = new Set<string>();
    const followed = new Set<string>();
    const summed = new Set<string>();
    let probes = 0;
    for (const t of tasks) {
      for (const keys of EXISTS_ARGS[t.module] ?? []) {
        for (const path of q.args(t, keys)) {
          if (!isPlainAbsolute(path)) continue;
          probes++;
          own.add(path);
        }
      }
      if (!PATH_ARGS[t.module]) continue;
      for (const path of q.args(t, PATH_ARGS[t.module]!).flatMap((p) => pathIn(t, p))) {
        probes++;
        if (t.module === 'file') {
          own.add(path);
          followed.add(path);
        } else {
          summed.add(path);
          summed.add(posix.dirname(path));
        }
      }
    }
    const asked = ([[[...own], {}], [[...followed], { follow: true }], [[...summed], { follow: true, checksum: true }]] as [string[], ProbeOptions][])
      .filter(([p]) => p.length);
    if (!asked.length) return undefined;
    return {
      script: asked.map(([p, o]) => probeScript(p, o)).join('\n'),
      count: probes,
      take(output: string) {
        const blocks = output.split(/^::end\n/m);
        asked.forEach(([p, o], i) => {
          for (const info of parseProbe(p, `${blocks[i] ?? ''}::end\n`)) store.put(info, !!o.follow, q.user, !!o.checksum);
        });
      },
    };
  },
});

/** What is known of the paths of the host behind `conn` (none for a connection that does not track changes). */
export function knownPathsOf(conn: Connection): KnownPaths | undefined {
  return storeOf(conn, pathsAhead);
}

/** A rendered path as the task's own probe asks for it. */
function pathIn(t: Task, path: unknown): string[] {
  if (typeof path !== 'string' || !path.startsWith('/') || path.includes('\0')) return [];
  if (t.module === 'file') return [path.length > 1 ? path.replace(/\/+$/, '') : path];
  return path.endsWith('/') ? [] : [path];
}
