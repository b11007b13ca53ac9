/**
 * The Python methods roles call on values (`name.startswith('x')`, `d.items()`, `'{}'.format(a)`).
 * They are looked up only when a template writes `value.name`, so plain renders pay nothing.
 */
import { TemplateError } from './errors.js';
import { splitKwargs } from './kwargs.js';
import { strFormat } from './py-format.js';
import { pyEq } from './py-ops.js';
import { pyStr, type Dict } from './py-values.js';

type Method<T> = (self: T, ...args: unknown[]) => unknown;

function stripChars(chars: unknown): string {
  return chars === undefined || chars === null ? ' \t\n\r\f\v' : String(chars);
}

function lstrip(s: string, chars: unknown): string {
  const set = stripChars(chars);
  let i = 0;
  while (i < s.length && set.includes(s[i])) i++;
  return s.slice(i);
}

function rstrip(s: string, chars: unknown): string {
  const set = stripChars(chars);
  let i = s.length;
  while (i > 0 && set.includes(s[i - 1])) i--;
  return s.slice(0, i);
}

/** str.split: no separator splits on runs of whitespace and drops empty ends. */
export function pySplit(s: string, sep?: unknown, maxsplit: unknown = -1): string[] {
  const max = Number(maxsplit ?? -1);
  if (sep === undefined || sep === null) {
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length) {
      if (max >= 0 && parts.length === max) { parts.push(rest.replace(/\s+$/, '')); break; }
      const m = /\s+/.exec(rest);
      if (!m) { parts.push(rest); break; }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const sepStr = String(sep);
  if (sepStr === '') throw new TemplateError('empty separator');
  const parts = s.split(sepStr);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sepStr)];
}

function anyOf(prefix: unknown, test: (p: string) => boolean): boolean {
  return Array.isArray(prefix) ? prefix.some((p) => test(String(p))) : test(String(prefix));
}

function title(s: string): string {
  return s.toLowerCase().replace(/(^|[^A-Za-z0-9])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
}

export { title, lstrip, rstrip };

const STRING: Record<string, Method<string>> = {
  startswith: (s, p) => anyOf(p, (x) => s.startsWith(x)),
  endswith: (s, p) => anyOf(p, (x) => s.endsWith(x)),
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  capitalize: (s) => capitalize(s),
  title: (s) => title(s),
  strip: (s, c) => lstrip(rstrip(s, c), c),
  lstrip: (s, c) => lstrip(s, c),
  rstrip: (s, c) => rstrip(s, c),
  split: (s, ...a) => { const { args, kwargs } = splitKwargs(a); return pySplit(s, args[0] ?? kwargs.sep, args[1] ?? kwargs.maxsplit); },
  rsplit: (s, sep, max) => {
    if (max === undefined || Number(max) < 0) return pySplit(s, sep);
    return pySplit([...s].reverse().join(''), sep === undefined ? sep : [...String(sep)].reverse().join(''), max)
      .map((p) => [...p].reverse().join('')).reverse();
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((_p, i, all) => i < all.length - 1 || all[i] !== ''),
  replace: (s, a, b, count) => {
    const n = count === undefined ? -1 : Number(count);
    const parts = s.split(String(a));
    if (n < 0 || parts.length - 1 <= n) return parts.join(pyStr(b));
    return parts.slice(0, n + 1).join(pyStr(b)) + String(a) + parts.slice(n + 1).join(String(a));
  },
  format: (s, ...a) => { const { args, kwargs } = splitKwargs(a); return strFormat(s, args, kwargs); },
  join: (s, items) => (Array.isArray(items) ? items : Object.keys(items as Dict)).map((v) => {
    if (typeof v !== 'string') throw new TemplateError(`sequence item: expected str instance, ${typeof v} found`);
    return v;
  }).join(s),
  find: (s, sub) => s.indexOf(String(sub)),
  rfind: (s, sub) => s.lastIndexOf(String(sub)),
  index: (s, sub) => { const i = s.indexOf(String(sub)); if (i < 0) throw new TemplateError('substring not found'); return i; },
  count: (s, sub) => (String(sub) === '' ? s.length + 1 : s.split(String(sub)).length - 1),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  isalnum: (s) => /^[A-Za-z0-9]+$/.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  zfill: (s, w) => (/^[-+]/.test(s) ? s[0] + s.slice(1).padStart(Number(w) - 1, '0') : s.padStart(Number(w), '0')),
  ljust: (s, w, f = ' ') => s.padEnd(Number(w), String(f)),
  rjust: (s, w, f = ' ') => s.padStart(Number(w), String(f)),
  center: (s, w, f = ' ') => { const left = Math.floor((Number(w) - s.length) / 2); return s.padStart(s.length + Math.max(left, 0), String(f)).padEnd(Number(w), String(f)); },
  partition: (s, sep) => { const i = s.indexOf(String(sep)); return i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)]; },
};

const LIST: Record<string, Method<unknown[]>> = {
  index: (l, v) => { const i = l.findIndex((x) => pyEq(x, v)); if (i < 0) throw new TemplateError(`${pyStr(v)} is not in list`); return i; },
  count: (l, v) => l.filter((x) => pyEq(x, v)).length,
  copy: (l) => [...l],
};

const DICT: Record<string, Method<Dict>> = {
  items: (d) => Object.keys(d).map((k) => [k, d[k]]),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, k, dflt = null) => (Object.prototype.hasOwnProperty.call(d, String(k)) ? d[String(k)] : dflt),
  copy: (d) => ({ ...d }),
};

/** A bound Python method for `value.name`, or undefined when there is none. */
export function pyMethod(value: unknown, name: string): ((...args: unknown[]) => unknown) | undefined {
  let table: Record<string, Method<never>> | undefined;
  if (typeof value === 'string') table = STRING;
  else if (Array.isArray(value)) table = LIST;
  else if (typeof value === 'object' && value !== null) table = DICT;
  const m = table && Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  return m ? (...args: unknown[]) => (m as Method<unknown>)(value, ...args) : undefined;
}
