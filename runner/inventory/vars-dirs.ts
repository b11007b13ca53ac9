/**
 * group_vars/ and host_vars/ beside an inventory or a playbook. For a name, the first of
 * `name`, `name.yml`, `name.yaml`, `name.json` that exists is used; when it is a directory, all of
 * its files (recursively, in name order, hidden files and `~` backups skipped) merge, later
 * files winning. Empty files add nothing. Files are read once per run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { readYamlFile } from '../load/yaml.js';
import type { Vars } from '../load/ir.js';
import { inventoryError } from './errors.js';

const EXTS = ['', '.yml', '.yaml', '.json'];

const cache = new Map<string, Vars>();

/** The files that hold `name`'s variables under `dir` (e.g. <inventory dir>/group_vars). */
export function varsFilesFor(dir: string, name: string): string[] {
  if (name.startsWith('/')) return [];
  for (const ext of EXTS) {
    const p = join(dir, name + ext);
    if (!existsSync(p)) continue;
    return statSync(p).isDirectory() ? (ext ? [] : filesIn(p)) : [p];
  }
  return [];
}

function filesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry.endsWith('~')) continue;
    const full = join(dir, entry);
    const ext = extname(entry);
    const st = statSync(full);
    if (st.isDirectory() && !ext) out.push(...filesIn(full));
    else if (st.isFile() && (!ext || EXTS.includes(ext))) out.push(full);
  }
  return out;
}

/** One vars file as a mapping ({} when empty); anything else is an error naming the file. */
export function readVarsFile(file: string): Vars {
  const hit = cache.get(file);
  if (hit) return hit;
  const data = readYamlFile(file);
  let vars: Vars;
  if (data === null || data === undefined) vars = {};
  else if (typeof data === 'object' && !Array.isArray(data)) vars = data as Vars;
  else throw inventoryError(file, 1, 1, 'a variables file must be a mapping of names to values');
  cache.set(file, vars);
  return vars;
}

/** Forget files read so far (tests that rewrite fixtures, a long-lived process). */
export function clearVarsFileCache(): void {
  cache.clear();
}

/** Variables of `name` from `<base>/<subdir>/`, merged over `into` (top-level keys replace). */
export function mergeVarsDir(into: Vars, base: string, subdir: 'group_vars' | 'host_vars', name: string): Vars {
  const dir = join(base, subdir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return into;
  for (const f of varsFilesFor(dir, name)) Object.assign(into, readVarsFile(f));
  return into;
}
