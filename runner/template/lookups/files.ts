/** Lookups that read the controller's files: file, template, fileglob, first_found. */
import { readdirSync, statSync } from 'node:fs';
import { readInputText } from '../../plans/controller-reads.js';
import { basename, dirname, join } from 'node:path';
import { globToRegExp } from '../../inventory/patterns.js';
import { TemplateError } from '../errors.js';
import { isDict, pyStr, truthy, typeName } from '../py-values.js';
import { findFile, searchPath, type Subdir } from './search.js';
import type { Lookup } from './types.js';

type TemplateRenderer = (text: string, path: string, extraVars: Record<string, unknown>) => string;
let renderFile: TemplateRenderer | undefined;

/** render.ts supplies how lookup('template') renders a file with the current variables. */
export function setTemplateRenderer(fn: TemplateRenderer): void {
  renderFile = fn;
}

function need(sub: Subdir, term: unknown): string {
  const path = findFile(sub, String(term));
  if (!path) throw new TemplateError(`could not locate file in lookup: ${String(term)}`);
  return path;
}

const file: Lookup = (terms, kw) => terms.map((t) => {
  let text = readInputText(need('files', t));
  if (kw.rstrip !== false) text = text.replace(/\s+$/, '');
  if (kw.lstrip === true) text = text.replace(/^\s+/, '');
  return text;
});

const template: Lookup = (terms, kw) => terms.map((t) => {
  const path = findFile('templates', String(t));
  if (!path) throw new TemplateError(`the template file ${String(t)} could not be found for the lookup`);
  const extra = (kw.template_vars ?? {}) as Record<string, unknown>;
  return renderFile!(readInputText(path), path, extra);
});

function globFiles(dir: string, pattern: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const re = globToRegExp(pattern);
  const hidden = pattern.startsWith('.');
  return names
    .filter((n) => re.test(n) && (hidden || !n.startsWith('.')))
    .map((n) => join(dir, n))
    .filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile())
    .sort();
}

/** The files (never folders) matching a pattern, in the first search folder that has any. */
const fileglob: Lookup = (terms) => terms.flatMap((t) => {
  const term = String(t);
  const name = basename(term);
  const dirs = name === term
    ? searchPath().flatMap((p) => [join(p, 'files'), p])
    : [findFile('files', dirname(term))].filter((d): d is string => d !== undefined);
  for (const d of dirs) {
    const found = globFiles(d, name);
    if (found.length) return found;
  }
  return [];
});

function splitOn(v: unknown, seps: RegExp): string[] {
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.flatMap((x) => (typeof x === 'string' ? x.split(seps) : [String(x)])).filter((x) => x !== '');
}

interface Options { files?: unknown; paths?: unknown; skip?: unknown }

/**
 * Names to try, in order, with Ansible's quirks kept: a mapping term carries its own options, a
 * text term takes the keyword options; `paths` x `files` when paths are given (a text term then
 * adds nothing of its own), `files` alone replaces what came before, else the term itself.
 */
function searchList(terms: unknown[], kw: Options): { names: string[]; skip: boolean } {
  let names: string[] = [];
  let skip = false;
  for (const term of terms) {
    if (Array.isArray(term)) {
      const inner = searchList(term, kw);
      names.push(...inner.names);
      skip = inner.skip;
      continue;
    }
    if (typeof term !== 'string' && !isDict(term)) throw new TemplateError(`Invalid term supplied, can handle string, mapping or list of strings but got: ${typeName(term)} for ${pyStr(term)}`);
    const opts: Options = typeof term === 'string' ? kw : term;
    skip = truthy(opts.skip);
    const files = splitOn(opts.files, /[,;]/);
    const paths = splitOn(opts.paths, /[,:;]/);
    if (paths.length) for (const p of paths) for (const f of files) names.push(join(p, f));
    else if (files.length) names = files;
    else names.push(String(term));
  }
  return { names, skip };
}

const firstFound: Lookup = (terms, kw, ctx) => {
  const { names, skip } = searchList(terms, kw as Options);
  for (const n of names) {
    const found = findFile(ctx.subdir ?? 'files', n);
    if (found) return [found];
  }
  if (skip) return [];
  throw new TemplateError('No file was found when using first_found.');
};

export const FILE_LOOKUPS: Record<string, Lookup> = { file, template, fileglob, first_found: firstFound };
