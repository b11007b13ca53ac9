/** Jinja2 and Ansible tests (`x is defined`, `result is changed`, `v is version('2', '>=')`...). */
import { existsSync, lstatSync, statSync } from 'node:fs';
import { TemplateError } from './errors.js';
import { arg, splitKwargs } from './kwargs.js';
import { compare, contains, pyEq } from './py-ops.js';
import { isDict, pyStr, truthy, typeName } from './py-values.js';
import { pyRegex } from './regex.js';
import { OMIT, Undef } from './undef.js';
import { versionTest } from './version.js';

type Test = (value: unknown, ...args: unknown[]) => boolean;

function result(value: unknown, test: string): Record<string, unknown> {
  if (!isDict(value)) throw new TemplateError(`The '${test}' test expects a dictionary, got ${typeName(value)}`);
  return value;
}

function regexTest(value: unknown, rest: unknown[], matchType: string): boolean {
  const p = splitKwargs(rest);
  const re = pyRegex(pyStr(arg(p, 0, 'pattern', '')), p.kwargs, matchType === 'match' ? 'y' : '');
  const s = pyStr(value);
  if (matchType === 'fullmatch') return new RegExp(`^(?:${re.source})$`, re.flags.replace('y', '')).test(s);
  return re.test(s);
}

function statKind(path: unknown, kind: 'file' | 'dir' | 'link'): boolean {
  try {
    const st = kind === 'link' ? lstatSync(pyStr(path)) : statSync(pyStr(path));
    return kind === 'file' ? st.isFile() : kind === 'dir' ? st.isDirectory() : st.isSymbolicLink();
  } catch {
    return false;
  }
}

const cmp = (op: string): Test => (a, b) => compare(op, a, b);
const isNumber = (v: unknown): boolean => typeof v === 'number';

export const TESTS: Record<string, Test> = {
  defined: (v) => !(v instanceof Undef),
  undefined: (v) => v instanceof Undef,
  none: (v) => v === null,
  string: (v) => typeof v === 'string' || v === OMIT,
  number: isNumber,
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  mapping: (v) => isDict(v),
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  iterable: (v) => typeof v === 'string' || Array.isArray(v) || isDict(v),
  callable: (v) => typeof v === 'function',
  lower: (v) => typeof v === 'string' && v === v.toLowerCase(),
  upper: (v) => typeof v === 'string' && v === v.toUpperCase(),
  equalto: cmp('=='),
  '==': cmp('=='),
  eq: cmp('=='),
  ne: cmp('!='),
  '!=': cmp('!='),
  lt: cmp('<'),
  '<': cmp('<'),
  le: cmp('<='),
  '<=': cmp('<='),
  gt: cmp('>'),
  '>': cmp('>'),
  ge: cmp('>='),
  '>=': cmp('>='),
  greaterthan: cmp('>'),
  lessthan: cmp('<'),
  in: (v, seq) => contains(seq, v),
  contains: (seq, v) => contains(seq, v),
  sameas: (a, b) => a === b,
  divisibleby: (v, n) => Number(v) % Number(n) === 0,
  even: (v) => Number(v) % 2 === 0,
  odd: (v) => Math.abs(Number(v) % 2) === 1,
  truthy: (v) => truthy(v),
  falsy: (v) => !truthy(v),
  match: (v, ...rest) => regexTest(v, rest, 'match'),
  search: (v, ...rest) => regexTest(v, rest, 'search'),
  regex: (v, ...rest) => { const p = splitKwargs(rest); return regexTest(v, rest, String(p.kwargs.match_type ?? 'search')); },
  version: versionTest,
  version_compare: versionTest,
  subset: (a, b) => (a as unknown[]).every((x) => (b as unknown[]).some((y) => pyEq(x, y))),
  issubset: (a, b) => (a as unknown[]).every((x) => (b as unknown[]).some((y) => pyEq(x, y))),
  superset: (a, b) => (b as unknown[]).every((x) => (a as unknown[]).some((y) => pyEq(x, y))),
  issuperset: (a, b) => (b as unknown[]).every((x) => (a as unknown[]).some((y) => pyEq(x, y))),
  changed(v) {
    const r = result(v, 'changed');
    if ('changed' in r) return truthy(r.changed);
    return Array.isArray(r.results) && r.results.some((x) => isDict(x) && truthy(x.changed));
  },
  failed: (v) => truthy(result(v, 'failed').failed),
  succeeded: (v) => !truthy(result(v, 'succeeded').failed),
  skipped: (v) => truthy(result(v, 'skipped').skipped),
  file: (v) => statKind(v, 'file'),
  directory: (v) => statKind(v, 'dir'),
  link: (v) => statKind(v, 'link'),
  exists: (v) => existsSync(pyStr(v)),
  abs: (v) => pyStr(v).startsWith('/'),
};
for (const [alias, name] of [['success', 'succeeded'], ['successful', 'succeeded'], ['change', 'changed'], ['failure', 'failed'], ['skip', 'skipped'], ['is_file', 'file'], ['is_dir', 'directory'], ['is_link', 'link'], ['is_abs', 'abs']]) {
  TESTS[alias] = TESTS[name];
}
