/**
 * How Python (and so Jinja2 under Ansible) sees JS values: truthiness, type names, str() and
 * repr(). Templates written for Ansible rely on these: `{{ flag }}` prints True, an empty list
 * is false, a list prints as `['a', 'b']`.
 */
import { OMIT, OMIT_PLACEHOLDER } from './undef.js';

export type Dict = Record<string, unknown>;

export function isDict(value: unknown): value is Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
  if (isDict(value)) {
    for (const k in value) if (Object.prototype.hasOwnProperty.call(value, k)) return true;
    return false;
  }
  return Boolean(value);
}

/** Python's type name, as `type_debug` prints it and as error messages name it. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isDict(value)) return 'dict';
  if (typeof value === 'function') return 'function';
  return 'object';
}

export function numberStr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  return String(n);
}

/** str(): what `{{ value }}` prints (None is '' there: Ansible's finalize, see `output`). */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return numberStr(value);
  if (value === OMIT) return OMIT_PLACEHOLDER;
  if (Array.isArray(value) || isDict(value)) return pyRepr(value);
  return String(value);
}

/** The text one `{{ expr }}` contributes to the output. */
export function output(value: unknown): string {
  if (value === null || value === undefined) return '';
  return pyStr(value);
}

export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return quoteRepr(value);
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  if (isDict(value)) {
    return '{' + Object.keys(value).map((k) => `${quoteRepr(k)}: ${pyRepr(value[k])}`).join(', ') + '}';
  }
  return pyStr(value);
}

function quoteRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + q;
}
