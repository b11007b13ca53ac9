/**
 * What earlier tasks of this run promised to change on a host but (in --check) did not. Plans
 * consult it before the live host, so a dry run that depends on an earlier would-be change
 * (a service whose package would be installed, a file in a directory that would be created)
 * reports "would change" instead of failing. Only a --check run records promises: in a real run
 * it stays empty (apply makes things true), a check_mode task of a real run included.
 */
export type PathKind = 'file' | 'directory' | 'link' | 'absent';

export class PromisedState {
  /**
   * How many times a plan found a promise: a plan made while this grew rests on what earlier
   * tasks would do (a saved plan compares such a task by its state and diff only).
   */
  hits = 0;
  private readonly hit = () => { this.hits++; };
  readonly packages = new CountingMap<string, 'present' | 'absent'>(this.hit);
  readonly paths = new CountingMap<string, PathKind>(this.hit);
  readonly services = new CountingMap<string, { running?: boolean; enabled?: boolean }>(this.hit);
  readonly users = new CountingSet<string>(this.hit);
  readonly groups = new CountingSet<string>(this.hit);
  /** apt keys (fingerprints, or the ids a task named) an earlier apt_key task would add. */
  readonly aptKeys = new CountingSet<string>(this.hit);

  /** True when any package install was promised: a missing service or system folder may come from it. */
  get anyPackageInstalled(): boolean {
    const any = [...this.packages.values()].includes('present');
    if (any) this.hit();
    return any;
  }

  /** Kind of `path` as promised, looking at parents too (a promised-absent parent makes it absent). */
  pathKind(path: string): PathKind | undefined {
    const direct = this.paths.get(path);
    if (direct) return direct;
    for (let p = parentOf(path); p; p = parentOf(p)) {
      if (this.paths.get(p) === 'absent') return 'absent';
    }
    return undefined;
  }

  /**
   * True when an earlier task promised `path` as a directory, or promised something inside it
   * (making /a/b/c makes /a/b), and nothing promised it or a parent gone since.
   */
  dirPromised(path: string): boolean {
    const dir = path.replace(/\/+$/, '') || '/';
    if (this.pathKind(dir) === 'absent' || this.paths.get(dir) === 'file' || this.paths.get(dir) === 'link') return false;
    if (this.paths.get(dir) === 'directory') return true;
    for (const [p, kind] of this.paths) {
      if (kind !== 'absent' && p.startsWith(`${dir}/`) && this.pathKind(p) !== 'absent') {
        this.hit();
        return true;
      }
    }
    return false;
  }

  /**
   * Not promised, but a package an earlier task would install may create it (/etc/nginx): a plan
   * that needs it can only say 'unknown', never that it is there.
   */
  dirMayCome(path: string): boolean {
    return !this.dirPromised(path) && this.pathKind(path) !== 'absent' && this.anyPackageInstalled && /^\/(etc|usr|var|opt|srv)\/./.test(path);
  }
}

function parentOf(path: string): string | undefined {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? undefined : path.slice(0, i);
}

/** A Map that counts the lookups that found something. */
class CountingMap<K, V> extends Map<K, V> {
  constructor(private readonly onHit: () => void) { super(); }
  override get(key: K): V | undefined {
    const v = super.get(key);
    if (v !== undefined) this.onHit();
    return v;
  }
  override has(key: K): boolean {
    const found = super.has(key);
    if (found) this.onHit();
    return found;
  }
}

class CountingSet<T> extends Set<T> {
  constructor(private readonly onHit: () => void) { super(); }
  override has(value: T): boolean {
    const found = super.has(value);
    if (found) this.onHit();
    return found;
  }
}
