/**
 * Where a lookup finds a file on the controller, as Ansible searches: each folder of the task's
 * search path (its role, the folder of its task file, the playbook's folder), first in its
 * `files/` (or `templates/`) subfolder, then in the folder itself; the playbook folder last.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { lookupVar } from '../lazy.js';
import { current } from '../state.js';

export type Subdir = 'files' | 'templates' | 'vars';

function strVar(name: string): unknown {
  const state = current();
  return Object.prototype.hasOwnProperty.call(state.vars, name) ? lookupVar(state, name) : undefined;
}

/** The playbook's folder: relative paths of commands and of `password` files start there. */
export function baseDir(): string {
  const pb = strVar('playbook_dir');
  return typeof pb === 'string' ? pb : process.cwd();
}

/** `ansible_search_path` when the engine set it, else the role's folder (if any) and the playbook's. */
export function searchPath(): string[] {
  const sp = strVar('ansible_search_path');
  if (Array.isArray(sp) && sp.length) return sp.map(String);
  const role = strVar('role_path');
  return typeof role === 'string' ? [role, baseDir()] : [baseDir()];
}

export function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? join(homedir(), p.slice(1)) : p;
}

/** Every place `name` is looked for, in order. */
export function candidates(sub: Subdir, name: string): string[] {
  if (isAbsolute(name) || name.startsWith('~')) return [expandHome(name)];
  const inSub = name.split('/')[0] !== sub;
  const out: string[] = [];
  for (const dir of [...searchPath(), baseDir()]) {
    if (inSub) out.push(join(dir, sub, name));
    out.push(join(dir, name));
  }
  return [...new Set(out)];
}

export function findFile(sub: Subdir, name: string): string | undefined {
  return candidates(sub, name).find((p) => existsSync(p));
}
