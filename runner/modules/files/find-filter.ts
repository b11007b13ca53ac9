/**
 * What find keeps of a listing, as Ansible's find decides (pure, tested without a host): base
 * names against globs (fnmatch) or regular expressions (anchored at the start, as re.match), the
 * kind, hidden names, age and size thresholds (negative: at most), and Ansible's stat fields.
 */
import { ModuleError } from '../contract.js';
import { pythonRegex } from './python-regex.js';
import { globToRegExp } from '../../inventory/patterns.js';

export interface FoundEntry {
  path: string;
  /** find's %y: f d l b c p s */
  type: string;
  mode: number;
  uid: number; gid: number; owner: string; group: string;
  size: number; mtime: number; atime: number; ctime: number;
  inode: number; dev: number; nlink: number;
}

export function nameMatcher(patterns: string[], useRegex: boolean, what: string): (name: string) => boolean {
  const res = patterns.map((p) => (useRegex ? new RegExp(`^(?:${pythonRegex(p, what).source})`, pythonRegex(p, what).flags) : globToRegExp(p)));
  return (name) => res.some((r) => r.test(name));
}

const SIZE_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const AGE_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

function threshold(v: string, units: Record<string, number>, what: string): number {
  const m = /^(-?\d+)([a-z]?)$/i.exec(v.trim());
  if (!m || (m[2] && !(m[2].toLowerCase() in units))) throw new ModuleError(`failed to process ${what} ${v}`);
  return Number(m[1]) * (m[2] ? units[m[2].toLowerCase()]! : 1);
}

export function sizeFilter(size: string | undefined): (bytes: number) => boolean {
  if (size === undefined) return () => true;
  const n = threshold(size, SIZE_UNITS, 'size');
  return (bytes) => (n >= 0 ? bytes >= n : bytes <= -n);
}

export function ageFilter(age: string | undefined, now: number): (time: number) => boolean {
  if (age === undefined) return () => true;
  const n = threshold(age, AGE_UNITS, 'age');
  return (time) => (n >= 0 ? now - time >= n : now - time <= -n);
}

export function kindMatches(fileType: string, type: string): boolean {
  if (fileType === 'any') return true;
  if (fileType === 'file') return type === 'f';
  if (fileType === 'directory') return type === 'd';
  return type === 'l';
}

/** Ansible's stat fields for one entry (what find returns in `files`). */
export function statFields(e: FoundEntry): Record<string, unknown> {
  const m = e.mode;
  const bit = (b: number) => (m & b) !== 0;
  return {
    path: e.path, mode: (m & 0o7777).toString(8).padStart(4, '0'),
    isdir: e.type === 'd', isreg: e.type === 'f', islnk: e.type === 'l', ischr: e.type === 'c',
    isblk: e.type === 'b', isfifo: e.type === 'p', issock: e.type === 's',
    uid: e.uid, gid: e.gid, pw_name: e.owner, gr_name: e.group, size: e.size,
    inode: e.inode, dev: e.dev, nlink: e.nlink, atime: e.atime, mtime: e.mtime, ctime: e.ctime,
    isuid: bit(0o4000), isgid: bit(0o2000),
    rusr: bit(0o400), wusr: bit(0o200), xusr: bit(0o100), rgrp: bit(0o40), wgrp: bit(0o20), xgrp: bit(0o10),
    roth: bit(0o4), woth: bit(0o2), xoth: bit(0o1),
  };
}

/** GNU find -printf format of one entry, NUL-terminated, parsed by parseListing. */
export const LISTING_FORMAT = '%y|%m|%U|%G|%u|%g|%s|%T@|%A@|%C@|%i|%D|%n|%p\\0';

export function parseListing(stdout: string): FoundEntry[] {
  return stdout.split('\0').filter(Boolean).map((rec) => {
    const f = rec.split('|');
    const path = f.slice(13).join('|');
    return {
      path, type: f[0]!, mode: parseInt(f[1]!, 8), uid: Number(f[2]), gid: Number(f[3]), owner: f[4]!, group: f[5]!,
      size: Number(f[6]), mtime: Number(f[7]), atime: Number(f[8]), ctime: Number(f[9]),
      inode: Number(f[10]), dev: Number(f[11]), nlink: Number(f[12]),
    };
  });
}
