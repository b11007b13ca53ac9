/**
 * Finding `src` on the controller: a relative path is looked up in the role's and the
 * playbook's files/ (or templates/) folders, then taken as given, like Ansible's lookup order.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { ModuleError } from '../contract.js';

/** Where a relative `src` is looked for: the role's files/ (or templates/) and folder, then the playbook's. */
export function sourceSearchDirs(sub: 'files' | 'templates', playbookDir: string, roleDir?: string): string[] {
  return [...(roleDir ? [`${roleDir}/${sub}`, roleDir] : []), `${playbookDir}/${sub}`, playbookDir];
}

/** Absolute path of `src` on the controller (the search dirs, then the working directory), if it is anywhere. */
export function locateSource(src: string, searchDirs: string[]): string | undefined {
  if (isAbsolute(src)) return existsSync(src) ? src : undefined;
  for (const dir of searchDirs) {
    const candidate = join(dir, src);
    if (existsSync(candidate)) return candidate;
  }
  return existsSync(src) ? join(process.cwd(), src) : undefined;
}

/** The folders a missing `src` was looked for in, as a user reads them. */
export function searchedText(src: string, searchDirs: string[]): string {
  return isAbsolute(src) ? src : [...new Set([...searchDirs, process.cwd()].map(shown))].join(', ');
}

/** Absolute path of `src` on the controller, or a ModuleError listing where it was looked for. */
export function findSource(src: string, searchDirs: string[]): string {
  const found = locateSource(src, searchDirs);
  if (found) return found;
  if (isAbsolute(src)) throw new ModuleError(`src file '${src}' not found`);
  throw new ModuleError(`src file '${src}' not found in ${searchedText(src, searchDirs)}`);
}

/** A folder as the user would recognise it: relative to where the run started when inside it. */
function shown(dir: string): string {
  const rel = relative(process.cwd(), dir);
  const text = rel === '' ? './' : rel.startsWith('..') ? dir : rel;
  return text.endsWith('/') ? text : `${text}/`;
}

export interface SourceTree {
  /** Relative directory paths (parents first), '' excluded. */
  dirs: string[];
  /** Relative file paths. */
  files: string[];
}

/** Every directory and file under `root` (symlinks followed), sorted so parents come first. */
export function walkSource(root: string): SourceTree {
  const tree: SourceTree = { dirs: [], files: [] };
  const visit = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, r)).isDirectory()) {
        tree.dirs.push(r);
        visit(r);
      } else tree.files.push(r);
    }
  };
  visit('');
  return tree;
}

export function isDirectory(path: string): boolean {
  return statSync(path).isDirectory();
}

/** Permission bits of a controller file as a 4-digit octal string (for mode: preserve). */
export function localMode(path: string): string {
  return (statSync(path).mode & 0o7777).toString(8).padStart(4, '0');
}
