/** Global functions: range, lookup/query/q (see lookups/), now, dict and omit. */
import { TemplateError } from './errors.js';
import { splitKwargs } from './kwargs.js';
import { LOOKUP_GLOBALS } from './lookups/index.js';
import { pyStr } from './py-values.js';
import { OMIT } from './undef.js';

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
    f: String(d.getMilliseconds() * 1000).padStart(6, '0'),
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
  ...LOOKUP_GLOBALS,
  now,
  omit: OMIT,
  dict: (...rawArgs: unknown[]) => splitKwargs(rawArgs).kwargs,
};
