/**
 * The helpers compiled templates call in place of nunjucks' JS semantics (see compiler.ts):
 * variable and attribute lookup with Ansible's undefined rules, Python truthiness, operators and
 * output. Compiled code reaches them as `env.sr`.
 */
import { TemplateError, UndefinedVariableError } from './errors.js';
import { lookupVar } from './lazy.js';
import { printf } from './py-format.js';
import { pyMethod } from './py-methods.js';
import { add, arith, compare, contains, pyKey, slice } from './py-ops.js';
import { isDict, output, pyStr, truthy, typeName } from './py-values.js';
import { current, record, whereAt } from './state.js';
import { Undef } from './undef.js';

interface Frame {
  lookup(name: string): unknown;
}
interface Context {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function undefinedError(path: string, line: number | undefined, reason?: string): Error {
  return record(new UndefinedVariableError(path, whereAt(current(), line), reason));
}

function segment(key: unknown): string {
  if (typeof key === 'number') return `[${key}]`;
  const k = String(key);
  return /^[A-Za-z_]\w*$/.test(k) ? `.${k}` : `['${k}']`;
}

function index(seq: string | unknown[], key: number): unknown {
  const i = key < 0 ? seq.length + key : key;
  return Number.isInteger(i) && i >= 0 && i < seq.length ? seq[i] : undefined;
}

function attribute(obj: unknown, key: unknown): unknown {
  if (typeof obj === 'string' || Array.isArray(obj)) {
    if (typeof key === 'number' || typeof key === 'boolean') return index(obj, Number(key));
    return typeof key === 'string' ? pyMethod(obj, key) : undefined;
  }
  if (isDict(obj)) {
    const k = pyKey(key);
    if (hasOwn(obj, k)) return obj[k];
    return typeof key === 'string' ? pyMethod(obj, key) : undefined;
  }
  if (typeof obj === 'object' && obj !== null) {
    const v = (obj as Record<string, unknown>)[String(key)];
    return typeof v === 'function' ? v.bind(obj) : v;
  }
  return undefined;
}

function fail(message: string): Error {
  return record(new TemplateError(message, whereAt(current())));
}

export const sr = {
  sym(context: Context, frame: Frame, name: string, lenient: boolean, line: number): unknown {
    const local = frame.lookup(name);
    if (local !== undefined) return local;
    if (hasOwn(context.ctx, name)) return context.ctx[name];
    const state = current();
    if (hasOwn(state.vars, name) && state.vars[name] !== undefined) return lookupVar(state, name);
    if (name in context.env.globals) return context.env.globals[name];
    if (lenient) return new Undef(name);
    throw undefinedError(name, line);
  },

  member(obj: unknown, key: unknown, base: string, lenient: boolean, line: number): unknown {
    if (obj instanceof Undef) {
      if (lenient) return new Undef(obj.path + segment(key), obj.reason);
      throw undefinedError(obj.path, line, obj.reason);
    }
    const path = base + segment(key);
    if (obj === null || obj === undefined) {
      if (lenient) return new Undef(path, `'${base}' is None`);
      throw undefinedError(path, line, `'${base}' is None`);
    }
    const value = attribute(obj, key);
    if (value !== undefined) return value;
    if (lenient) return new Undef(path);
    throw undefinedError(path, line);
  },

  /** The value of a name that an `is` test or `default()` may see undefined. */
  strict(value: unknown, line: number): unknown {
    if (value instanceof Undef) throw undefinedError(value.path, line, value.reason);
    return value;
  },

  out: output,
  truthy,

  capture(value: unknown): string {
    current().captured = value;
    return '';
  },

  dict(pairs: unknown[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < pairs.length; i += 2) out[pyKey(pairs[i])] = pairs[i + 1];
    return out;
  },

  tuple(items: unknown[]): unknown[] {
    return items;
  },

  iter(value: unknown, names: number): unknown {
    if (Array.isArray(value)) return value;
    if (typeof value === 'string') return Array.from(value);
    if (isDict(value)) return names > 1 ? value : Object.keys(value);
    if (value && typeof value === 'object' && Symbol.iterator in value) return Array.from(value as Iterable<unknown>);
    throw fail(`'${typeName(value)}' object is not iterable`);
  },

  cmp(left: unknown, ops: unknown[]): boolean {
    let a = left;
    for (let i = 0; i < ops.length; i += 2) {
      const b = ops[i + 1];
      if (!wrap(() => compare(ops[i] as string, a, b))) return false;
      a = b;
    }
    return true;
  },

  add: (a: unknown, b: unknown): unknown => wrap(() => add(a, b)),
  arith: (op: string, a: unknown, b: unknown): unknown =>
    wrap(() => (op === '%' && typeof a === 'string' ? printf(a, b) : arith(op, a, b))),
  neg: (a: unknown): unknown => wrap(() => arith('-', 0, a)),
  concat: (a: unknown, b: unknown): string => pyStr(a) + pyStr(b),
  contains: (container: unknown, item: unknown): boolean => wrap(() => contains(container, item)),
  slice: (seq: unknown, start: unknown, stop: unknown, step: unknown): unknown => wrap(() => slice(seq, start, stop, step)),
};

/** Errors from Python-semantics helpers carry no location yet: add the current one. */
function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof TemplateError && !err.where) throw fail(err.detail);
    throw err;
  }
}

export type Helpers = typeof sr;
