/**
 * A folder's whole state, to prove that something (a dry run, a plan) changed nothing: for every
 * path its kind, mode, owner, group, size, mtime and content hash (or link target). Read from
 * an overlay upper layer, a whiteout reads as `deleted`.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

export type Snapshot = Map<string, string>;

/** Paths are relative to `root` with a leading `/` (as on a host whose root it is). */
export function snapshot(root: string, ignore: string[] = []): Snapshot {
  const out: Snapshot = new Map();
  const walk = (rel: string): void => {
    const path = join(root, rel);
    const st = lstatSync(path);
    const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid} ${st.size} ${st.mtimeMs}`;
    const key = rel || '/';
    if (st.isSymbolicLink()) out.set(key, `link ${meta} -> ${readlinkSync(path)}`);
    else if (st.isDirectory()) {
      out.set(key, `dir ${meta}`);
      for (const name of readdirSync(path).sort()) {
        const child = `${rel}/${name}`;
        if (!ignore.includes(child)) walk(child);
      }
    } else if (st.isCharacterDevice() && st.rdev === 0) out.set(key, 'deleted');
    else if (st.isFile()) out.set(key, `file ${meta} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    else out.set(key, `special ${meta}`);
  };
  walk('');
  return out;
}

/** Paths added, removed or changed between two snapshots, one line each (what changed, too). */
export function snapshotChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push(`removed ${path}`);
    else if (now !== was) changes.push(`changed ${path}: ${was} -> ${now}`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`added ${path}`);
  return changes;
}
