/**
 * Jinja2's operators with Python's rules. JS would quietly coerce (`'1' == 1`, `[1] + [2]` as
 * "12", `'a' + 1` as "a1"); Python compares by value and refuses mixed types, and so must we.
 */
import { TemplateError } from './errors.js';
import { isDict, typeName, pyStr } from './py-values.js';

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = num(a);
  const nb = num(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => pyEq(v, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && pyEq(a[k], b[k]));
  }
  return false;
}

function unorderable(op: string, a: unknown, b: unknown): TemplateError {
  return new TemplateError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** -1, 0 or 1 as Python orders numbers, strings and lists; a TypeError for anything else. */
export function pyOrder(a: unknown, b: unknown, op = '<'): number {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyOrder(a[i], b[i], op);
    }
    return a.length - b.length === 0 ? 0 : a.length < b.length ? -1 : 1;
  }
  throw unorderable(op, a, b);
}

export function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==': case '===': return pyEq(a, b);
    case '!=': case '!==': return !pyEq(a, b);
    case '<': return pyOrder(a, b, op) < 0;
    case '>': return pyOrder(a, b, op) > 0;
    case '<=': return pyOrder(a, b, op) <= 0;
    case '>=': return pyOrder(a, b, op) >= 0;
  }
  throw new TemplateError(`unknown comparison '${op}'`);
}

export function add(a: unknown, b: unknown): unknown {
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) return na + nb;
  if (typeof a === 'string' && typeof b === 'string') return a + b;
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeof a === 'string' || Array.isArray(a)) {
    throw new TemplateError(`can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
  }
  throw operandError('+', a, b);
}

function operandError(op: string, a: unknown, b: unknown): TemplateError {
  return new TemplateError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function repeat(seq: unknown, times: number): unknown {
  if (typeof seq === 'string') return times > 0 ? seq.repeat(times) : '';
  const out: unknown[] = [];
  for (let i = 0; i < times; i++) out.push(...(seq as unknown[]));
  return out;
}

/** `- * / // % **`; `%` on a string is printf formatting, handled by the caller. */
export function arith(op: string, a: unknown, b: unknown): unknown {
  const na = num(a);
  const nb = num(b);
  if (op === '*' && (typeof a === 'string' || Array.isArray(a)) && nb !== undefined && Number.isInteger(nb)) return repeat(a, nb);
  if (op === '*' && (typeof b === 'string' || Array.isArray(b)) && na !== undefined && Number.isInteger(na)) return repeat(b, na);
  if (na === undefined || nb === undefined) throw operandError(op, a, b);
  if ((op === '/' || op === '//' || op === '%') && nb === 0) {
    throw new TemplateError(op === '/' ? 'division by zero' : 'integer division or modulo by zero');
  }
  switch (op) {
    case '-': return na - nb;
    case '*': return na * nb;
    case '/': return na / nb;
    case '//': return Math.floor(na / nb);
    case '%': return na - nb * Math.floor(na / nb);
    case '**': return na ** nb;
  }
  throw operandError(op, a, b);
}

export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new TemplateError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((v) => pyEq(v, item));
  if (isDict(container)) return Object.prototype.hasOwnProperty.call(container, pyKey(item));
  throw new TemplateError(`argument of type '${typeName(container)}' is not iterable`);
}

/** Dict keys are strings here (YAML mapping keys); numbers and bools are looked up by their text. */
export function pyKey(key: unknown): string {
  return typeof key === 'string' ? key : pyStr(key);
}

/** seq[start:stop:step] with Python's clamping and negative indices. */
export function slice(seq: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (typeof seq !== 'string' && !Array.isArray(seq)) throw new TemplateError(`'${typeName(seq)}' object is not subscriptable`);
  const items: unknown[] = typeof seq === 'string' ? Array.from(seq) : seq;
  const len = items.length;
  const st = step === null || step === undefined ? 1 : Number(step);
  if (st === 0) throw new TemplateError('slice step cannot be zero');
  const norm = (v: unknown, dflt: number, lo: number, hi: number): number => {
    if (v === null || v === undefined) return dflt;
    let n = Number(v);
    if (n < 0) n += len;
    return Math.min(Math.max(n, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    const a = norm(start, 0, 0, len);
    const b = norm(stop, len, 0, len);
    for (let i = a; i < b; i += st) out.push(items[i]);
  } else {
    const a = norm(start, len - 1, -1, len - 1);
    const b = norm(stop, -1, -1, len - 1);
    for (let i = a; i > b; i += st) out.push(items[i]);
  }
  return typeof seq === 'string' ? out.join('') : out;
}
