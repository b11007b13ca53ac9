/**
 * What earlier tasks of this run promised to change on a host but (in --check) did not. Plans
 * consult it before the live host, so a dry run that depends on an earlier would-be change
 * (a service whose package would be installed, a file in a directory that would be created)
 * reports "would change" instead of failing. In a real run it stays empty: apply makes it true.
 */
export type PathKind = 'file' | 'directory' | 'link' | 'absent';

export class PromisedState {
  readonly packages = new Map<string, 'present' | 'absent'>();
  readonly paths = new Map<string, PathKind>();
  readonly services = new Map<string, { running?: boolean; enabled?: boolean }>();
  readonly users = new Set<string>();
  readonly groups = new Set<string>();

  /** True when any package install was promised: a missing service may come from it. */
  get anyPackageInstalled(): boolean {
    for (const v of this.packages.values()) if (v === 'present') return true;
    return false;
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
   * True when `path` or one of its parents is promised as a directory (so it would exist), or when
   * it is a system directory (/etc/nginx, /etc/iptables...) and a package install was promised:
   * packages create those, and the real run will find them.
   */
  dirPromised(path: string): boolean {
    for (let p: string | undefined = path; p; p = parentOf(p)) {
      if (this.paths.get(p) === 'directory') return true;
      if (this.paths.get(p) === 'absent') return false;
    }
    return this.anyPackageInstalled && /^\/(etc|usr|var|opt|srv)\/./.test(path);
  }
}

function parentOf(path: string): string | undefined {
  const i = path.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? undefined : path.slice(0, i);
}
