/**
 * Global functions: range, lookup/query (env, file, template, vars, pipe, first_found, items,
 * lines), now, dict and omit. Files are looked up on the controller the way Ansible does:
 * role folder first (files/ or templates/), then the playbook's.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { TemplateError, UndefinedVariableError } from './errors.js';
import { splitKwargs } from './kwargs.js';
import { lookupVar } from './lazy.js';
import { pyStr } from './py-values.js';
import { current } from './state.js';
import { OMIT } from './undef.js';

type TemplateRenderer = (text: string, path: string) => string;
let renderFile: TemplateRenderer | undefined;

/** render.ts supplies how lookup('template') renders a file with the current variables. */
export function setTemplateRenderer(fn: TemplateRenderer): void {
  renderFile = fn;
}

function varOr(name: string): string | undefined {
  const state = current();
  if (!Object.prototype.hasOwnProperty.call(state.vars, name)) return undefined;
  const v = lookupVar(state, name);
  return typeof v === 'string' ? v : undefined;
}

function findFile(term: string, sub: 'files' | 'templates'): string | undefined {
  if (isAbsolute(term)) return existsSync(term) ? term : undefined;
  const dirs: string[] = [];
  for (const base of [varOr('role_path'), varOr('playbook_dir')]) if (base) dirs.push(join(base, sub), base);
  if (!dirs.length) dirs.push(process.cwd());
  return dirs.map((d) => join(d, term)).find((p) => existsSync(p));
}

function need(term: string, sub: 'files' | 'templates'): string {
  const path = findFile(term, sub);
  if (!path) throw new TemplateError(`could not locate file in lookup: ${term}`);
  return path;
}

type Plugin = (terms: string[], kwargs: Record<string, unknown>) => unknown[];

const PLUGINS: Record<string, Plugin> = {
  env: (terms, kw) => terms.map((t) => process.env[t] ?? kw.default ?? ''),
  file: (terms, kw) => terms.map((t) => {
    const text = readFileSync(need(t, 'files'), 'utf8');
    return kw.rstrip === false ? text : text.replace(/\s+$/, '');
  }),
  template: (terms) => terms.map((t) => {
    const path = need(t, 'templates');
    return renderFile!(readFileSync(path, 'utf8'), path);
  }),
  vars: (terms, kw) => terms.map((t) => {
    const state = current();
    if (Object.prototype.hasOwnProperty.call(state.vars, t)) return lookupVar(state, t);
    if ('default' in kw) return kw.default;
    throw new UndefinedVariableError(t);
  }),
  pipe: (terms) => terms.map((t) => execFileSync('/bin/sh', ['-c', t], { encoding: 'utf8' }).replace(/\s+$/, '')),
  lines: (terms) => terms.flatMap((t) => execFileSync('/bin/sh', ['-c', t], { encoding: 'utf8' }).split('\n').filter((l, i, all) => l !== '' || i < all.length - 1)),
  items: (terms) => terms.flat(),
  list: (terms) => terms,
  first_found: (terms, kw) => {
    const names = [...terms.flat(), ...((kw.files as string[] | undefined) ?? [])].map(String);
    for (const n of names) {
      const found = findFile(n, 'files');
      if (found) return [found];
    }
    if (kw.skip) return [];
    throw new TemplateError(`No file was found when using first_found: ${names.join(', ')}`);
  },
};

function runLookup(name: unknown, rawArgs: unknown[]): unknown[] {
  const plugin = PLUGINS[String(name)];
  if (!plugin) throw new TemplateError(`lookup plugin '${String(name)}' not found`);
  const { args, kwargs } = splitKwargs(rawArgs);
  return plugin(args as string[], kwargs);
}

function lookup(name: unknown, ...rawArgs: unknown[]): unknown {
  const { kwargs } = splitKwargs(rawArgs);
  const out = runLookup(name, rawArgs);
  if (kwargs.wantlist) return out;
  if (out.length === 1) return out[0];
  return out.map(pyStr).join(',');
}

function query(name: unknown, ...rawArgs: unknown[]): unknown[] {
  return runLookup(name, rawArgs);
}

function range(start: unknown, stop?: unknown, step: unknown = 1): number[] {
  let a: number;
  let b: number;
  [a, b] = stop === undefined ? [0, Number(start)] : [Number(start), Number(stop)];
  const s = Number(step);
  if (s === 0) throw new TemplateError('range() arg 3 must not be zero');
  const out: number[] = [];
  for (; s > 0 ? a < b : a > b; a += s) out.push(a);
  return out;
}

function strftime(d: Date, fmt: string, utc: boolean): string {
  const get = (m: 'FullYear' | 'Month' | 'Date' | 'Hours' | 'Minutes' | 'Seconds' | 'Day'): number => (d as unknown as Record<string, () => number>)[`get${utc ? 'UTC' : ''}${m}`]();
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const map: Record<string, string> = {
    Y: String(get('FullYear')), m: p2(get('Month') + 1), d: p2(get('Date')), H: p2(get('Hours')),
    M: p2(get('Minutes')), S: p2(get('Seconds')), s: String(Math.floor(d.getTime() / 1000)), '%': '%',
    y: p2(get('FullYear') % 100), j: String(Math.floor((Date.UTC(get('FullYear'), get('Month'), get('Date')) - Date.UTC(get('FullYear'), 0, 0)) / 864e5)).padStart(3, '0'),
  };
  return fmt.replace(/%([a-zA-Z%])/g, (m, c: string) => map[c] ?? m);
}

/** A datetime with Python's str() and strftime(). */
class DateTime {
  constructor(private readonly d: Date, private readonly utc: boolean) {}
  strftime(fmt: unknown): string {
    return strftime(this.d, pyStr(fmt), this.utc);
  }
  get year(): number { return this.utc ? this.d.getUTCFullYear() : this.d.getFullYear(); }
  toString(): string {
    return strftime(this.d, '%Y-%m-%d %H:%M:%S', this.utc) + '.' + String(this.d.getMilliseconds() * 1000).padStart(6, '0');
  }
}

function now(...rawArgs: unknown[]): unknown {
  const { args, kwargs } = splitKwargs(rawArgs);
  const utc = Boolean(args[0] ?? kwargs.utc ?? false);
  const fmt = args[1] ?? kwargs.fmt;
  const dt = new DateTime(new Date(), utc);
  return fmt === undefined ? dt : dt.strftime(fmt);
}

export const GLOBALS: Record<string, unknown> = {
  range,
  lookup,
  query,
  q: query,
  now,
  omit: OMIT,
  dict: (...rawArgs: unknown[]) => splitKwargs(rawArgs).kwargs,
};
