/**
 * Every file a lab host has changed, read from the machine: the upper layer of its overlay root
 * (paths, kinds, modes, owners, contents; overlay whiteouts stand for deleted files).
 */
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join, relative } from 'node:path';

export function upperSnapshot(upper: string, ignore: string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const onHost = `/${relative(upper, path)}`;
      if (ignore.includes(onHost)) continue;
      const st = lstatSync(path);
      const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}`;
      if (st.isSymbolicLink()) out.set(onHost, `link ${readlinkSync(path)}`);
      else if (st.isDirectory()) { out.set(onHost, `dir ${meta}`); walk(path); }
      else if (st.isCharacterDevice() && st.rdev === 0) out.set(onHost, 'deleted');
      else if (st.isFile()) out.set(onHost, `file ${meta} ${readFileSync(path).toString('base64')}`);
      else out.set(onHost, `special ${meta}`);
    }
  };
  walk(upper);
  return out;
}

/** Paths added, removed or changed between two snapshots, one line each. */
export function snapshotChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [path, was] of before) {
    const now = after.get(path);
    if (now === undefined) changes.push(`removed ${path}`);
    else if (now !== was) changes.push(`changed ${path}`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`added ${path}`);
  return changes;
}
