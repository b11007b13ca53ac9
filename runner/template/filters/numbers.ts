/** Number and boolean conversions with Python's (and Ansible's) rules: `'3.7' | int` is 3, `'abc' | int` is 0. */
import { TemplateError } from '../errors.js';
import { arg, splitKwargs } from '../kwargs.js';
import { typeName } from '../py-values.js';

type Filter = (value: unknown, ...args: unknown[]) => unknown;

function toInt(value: unknown, dflt: unknown, base: number): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : dflt;
  if (typeof value === 'string') {
    const s = value.trim().replace(/_/g, '');
    if (base !== 10) {
      const body = s.replace(/^[-+]?0[xob]/i, (m) => m.replace(/0[xob]/i, ''));
      const n = parseInt(body, base);
      return Number.isNaN(n) ? dflt : n;
    }
    if (/^[-+]?\d+$/.test(s)) return parseInt(s, 10);
    const f = Number(s);
    return s !== '' && Number.isFinite(f) && /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Math.trunc(f) : dflt;
  }
  return dflt;
}

function toFloat(value: unknown, dflt: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const s = value.trim().toLowerCase();
    if (/^[-+]?(inf|infinity)$/.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    if (s === 'nan') return NaN;
    const f = Number(s.replace(/_/g, ''));
    return s !== '' && !Number.isNaN(f) ? f : dflt;
  }
  return dflt;
}

function needNumber(v: unknown, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new TemplateError(`${what}: a number is required, not ${typeName(v)}`);
}

export const NUMBER_FILTERS: Record<string, Filter> = {
  int(v, ...rest) {
    const p = splitKwargs(rest);
    return toInt(v, arg(p, 0, 'default', 0), Number(arg(p, 1, 'base', 10)));
  },
  float(v, ...rest) {
    const p = splitKwargs(rest);
    return toFloat(v, arg(p, 0, 'default', 0));
  },
  bool(v) {
    if (v === null || v === undefined || typeof v === 'boolean') return v ?? null;
    const s = typeof v === 'string' ? v.toLowerCase() : v;
    return s === 'yes' || s === 'on' || s === '1' || s === 'true' || s === 1;
  },
  abs: (v) => Math.abs(needNumber(v, 'abs')),
  round(v, ...rest) {
    const p = splitKwargs(rest);
    const precision = Number(arg(p, 0, 'precision', 0));
    const method = String(arg(p, 1, 'method', 'common'));
    const f = 10 ** precision;
    const n = needNumber(v, 'round') * f;
    const r = method === 'ceil' ? Math.ceil(n) : method === 'floor' ? Math.floor(n) : Math.sign(n) * Math.round(Math.abs(n));
    return r / f;
  },
  log: (v, base) => (base === undefined ? Math.log(needNumber(v, 'log')) : Math.log(needNumber(v, 'log')) / Math.log(needNumber(base, 'log'))),
  pow: (v, y) => needNumber(v, 'pow') ** needNumber(y, 'pow'),
  root: (v, base = 2) => needNumber(v, 'root') ** (1 / needNumber(base, 'root')),
  filesizeformat: (v) => {
    const n = needNumber(v, 'filesizeformat');
    const units = ['Bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];
    if (n < 1000) return n === 1 ? '1 Byte' : `${n} Bytes`;
    let i = 0;
    let x = n;
    while (x >= 1000 && i < units.length - 1) { x /= 1000; i++; }
    return `${x.toFixed(1)} ${units[i]}`;
  },
  type_debug: (v) => typeName(v),
};
