/** Jinja2's attribute getter for `map(attribute=)`, `selectattr`, `sort(attribute=)`: dotted paths, numeric parts. */
import { pyKey } from './py-ops.js';
import { isDict } from './py-values.js';
import { Undef } from './undef.js';
import { UndefinedVariableError } from './errors.js';

export function getAttr(item: unknown, path: unknown): unknown {
  if (typeof path === 'number') return Array.isArray(item) ? item[path] ?? new Undef(`[${path}]`) : new Undef(`[${path}]`);
  let value = item;
  let walked = '';
  for (const part of String(path).split('.')) {
    walked = walked ? `${walked}.${part}` : part;
    if (Array.isArray(value) && /^-?\d+$/.test(part)) value = value[Number(part) < 0 ? value.length + Number(part) : Number(part)];
    else if (isDict(value) && Object.prototype.hasOwnProperty.call(value, pyKey(part))) value = value[pyKey(part)];
    else return new Undef(walked, `the item has no attribute '${part}'`);
    if (value === undefined) return new Undef(walked);
  }
  return value;
}

/** The value, or the undefined-variable error a missing attribute stands for. */
export function must(value: unknown): unknown {
  if (value instanceof Undef) throw new UndefinedVariableError(value.path, undefined, value.reason);
  return value;
}
