/**
 * The packages kind of read-ahead (read-ahead.ts): the installed states of every package the
 * play's apt tasks (and package tasks on apt hosts) name, read with the dpkg-query each of those
 * plans would run, with the apt cache's age. A plan that would ask apt-get nothing (all there, or
 * all gone, as asked) is answered from it; any other reads the host itself (apt/apt-probe.ts).
 */
import type { Become, Connection } from '../connections/connection.js';
import type { Task } from '../load/ir.js';
import { APT_ENV, CACHE_AGE, statusQuery, type KnownPackages, type PackageStates } from '../modules/system/apt-probe.js';
import { toList } from '../modules/system/coerce.js';
import { aheadKind, storeOf, userOf, type AheadQuery, type AheadRead, type KnownStore } from './read-ahead.js';

const NAME_ARGS = ['name', 'pkg', 'package'];

class HostPackages implements KnownPackages, KnownStore {
  private known?: PackageStates & { user: string };

  put(states: PackageStates, user: string): void {
    this.known = { ...states, user };
  }

  forget(): void {
    this.known = undefined;
  }

  states(become: Become | undefined): PackageStates | undefined {
    return this.known?.user === userOf(become) ? this.known : undefined;
  }
}

/** Whether task `t` plans with apt on this host: apt itself, or package where apt is the manager. */
function usesApt(t: Task, q: AheadQuery): boolean {
  if (t.module === 'apt') return true;
  const use = q.args(t, ['use'])[0];
  return (use === undefined || use === 'auto' ? q.fact('ansible_pkg_mgr') : use) === 'apt';
}

const packagesAhead = aheadKind({
  modules: new Set(['apt', 'package']),
  newStore: () => new HostPackages(),
  read(store: HostPackages, tasks: Task[], q: AheadQuery): AheadRead | undefined {
    const names = new Set<string>();
    let plans = 0;
    for (const t of tasks) {
      if (!usesApt(t, q)) continue;
      const asked = toList(q.args(t, NAME_ARGS)).map((n) => n.split('=')[0]!).filter((n) => n && n !== '*' && !/[*?[\s'"\\]/.test(n));
      for (const name of asked) names.add(name);
      if (asked.length) plans++;
    }
    if (!names.size) return undefined;
    return {
      script: [APT_ENV, statusQuery([...names]), 'echo ::states; printf \'%s\\n\' "$st"', CACHE_AGE].join('\n'),
      count: plans,
      take(output: string) {
        const m = /^::states\n([\s\S]*?)^::now (\d+)\n::cache (\d+)\n?$/m.exec(output);
        if (!m) return;
        store.put({ names, st: m[1]!.replace(/\n$/, ''), now: Number(m[2]), cacheTime: Number(m[3]), readAtMs: Date.now() }, q.user);
      },
    };
  },
});

/** What is known of the package states of the host behind `conn` (none for a connection that does not track changes). */
export function knownPackagesOf(conn: Connection): KnownPackages | undefined {
  return storeOf(conn, packagesAhead);
}
