/**
 * The attributes every file module can set (mode, owner, group): what would change on a path,
 * the shell that changes it, and the "(file attributes)" diff Ansible shows for it.
 */
import { shq } from '../../connections/connection.js';
import type { FileDiff } from '../contract.js';
import type { PathInfo } from './probe.js';
import { resolveMode } from './mode.js';
import type { FileArgs } from '../../types/module-args.js';

/** The same three arguments in every file module's schema. */
export type FileAttrArgs = Pick<FileArgs, 'mode' | 'owner' | 'group'>;

/** Attribute -> [before, after]; only the attributes that differ. */
export type AttrChanges = Partial<Record<'mode' | 'owner' | 'group', [string, string]>>;

/** Default permission bits of something about to be created (umask 022). */
export function defaultBits(isDir: boolean): number {
  return isDir ? 0o755 : 0o644;
}

/** The mode a path will have: `mode` resolved against the current (or default) bits. */
export function targetMode(args: FileAttrArgs, info: PathInfo | undefined, isDir: boolean): string | undefined {
  if (args.mode === undefined || args.mode === null) return undefined;
  const current = info?.mode !== undefined ? parseInt(info.mode, 8) : defaultBits(isDir);
  return resolveMode(args.mode, current, isDir);
}

/** What `args` would change on an existing path (for an absent path everything is new). */
export function attrChanges(info: PathInfo, args: FileAttrArgs, isDir: boolean): AttrChanges {
  const ch: AttrChanges = {};
  const mode = targetMode(args, info, isDir);
  if (mode !== undefined && mode !== info.mode) ch.mode = [info.mode ?? '', mode];
  if (args.owner !== undefined && !sameId(args.owner, info.owner, info.uid)) ch.owner = [info.owner ?? '', String(args.owner)];
  if (args.group !== undefined && !sameId(args.group, info.group, info.gid)) ch.group = [info.group ?? '', String(args.group)];
  return ch;
}

function sameId(wanted: string | number, name: string | undefined, id: number | undefined): boolean {
  const w = String(wanted);
  return /^\d+$/.test(w) ? Number(w) === id : w === name;
}

export function hasChanges(ch: AttrChanges): boolean {
  return Object.keys(ch).length > 0;
}

/** Shell that applies the changes to `path` (`-R` when recursing a directory tree). */
export function attrCommand(path: string, ch: AttrChanges, recurse = false): string {
  const r = recurse ? '-R ' : '';
  const parts: string[] = [];
  if (ch.owner || ch.group) {
    const spec = `${ch.owner ? ch.owner[1] : ''}${ch.group ? ':' + ch.group[1] : ''}`;
    parts.push(`chown -h ${r}${shq(spec)} -- ${shq(path)}`);
  }
  if (ch.mode) parts.push(`chmod ${r}${ch.mode[1]} -- ${shq(path)}`);
  return parts.join(' && ');
}

/** Ansible's "(file attributes)" diff, one `key: value` line per changed attribute. */
export function attrDiff(path: string, ch: AttrChanges): FileDiff {
  const keys = Object.keys(ch) as (keyof AttrChanges)[];
  return {
    before_header: `${path} (file attributes)`,
    after_header: `${path} (file attributes)`,
    before: keys.map((k) => `${k}: ${ch[k]![0]}\n`).join(''),
    after: keys.map((k) => `${k}: ${ch[k]![1]}\n`).join(''),
  };
}

/** Words for a summary: "mode 0644 -> 0600, owner root -> www-data". */
export function describeChanges(ch: AttrChanges): string {
  return (Object.keys(ch) as (keyof AttrChanges)[]).map((k) => `${k} ${ch[k]![0]} -> ${ch[k]![1]}`).join(', ');
}

/** Result keys Ansible reports for a path that exists. */
export function pathResult(info: PathInfo): Record<string, unknown> {
  if (info.kind === 'absent') return { state: 'absent' };
  const state = info.kind === 'directory' ? 'directory' : info.kind === 'link' ? 'link' : 'file';
  return {
    // As Ansible's file modules write it: '0' and at least three octal digits ('0644', '01444').
    mode: info.mode === undefined ? undefined : `0${parseInt(info.mode, 8).toString(8).padStart(3, '0')}`, owner: info.owner, group: info.group, uid: info.uid, gid: info.gid,
    size: info.size, state,
  };
}
