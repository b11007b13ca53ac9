/**
 * Lookup plugins, run on the controller: `lookup(name, terms..., wantlist=, errors=)`,
 * `query`/`q` (always a list), and the `with_<name>` loops, which are the same lookups with
 * `wantlist=True`.
 */
import { TemplateError, UndefinedVariableError, type Where } from '../errors.js';
import { splitKwargs } from '../kwargs.js';
import { isDict } from '../py-values.js';
import { current, newState, withState } from '../state.js';
import { CONTROLLER_LOOKUPS } from './controller.js';
import { FILE_LOOKUPS } from './files.js';
import { LIST_LOOKUPS } from './lists.js';
import { password } from './password.js';
import { sequence } from './sequence.js';
import type { Lookup, LookupContext } from './types.js';

export { setTemplateRenderer } from './files.js';
export type { Subdir } from './search.js';

const LOOKUPS: Record<string, Lookup> = { ...FILE_LOOKUPS, ...LIST_LOOKUPS, ...CONTROLLER_LOOKUPS, sequence, password };

/** The lookups whose `with_` form refuses a mapping. */
const LIST_ONLY = new Set(['list', 'indexed_items']);

/** The names `with_<name>` may use. */
export const LOOKUP_NAMES: ReadonlySet<string> = new Set(Object.keys(LOOKUPS));

function plugin(name: unknown): Lookup {
  const fn = Object.prototype.hasOwnProperty.call(LOOKUPS, String(name)) ? LOOKUPS[String(name)] : undefined;
  if (!fn) throw new TemplateError(`lookup plugin (${String(name)}) not found`);
  return fn;
}

/** Runs a lookup; `errors: ignore|warn` turn a failure (not an undefined variable) into nothing. */
function run(name: unknown, terms: unknown[], kwargs: Record<string, unknown>, ctx: LookupContext): unknown[] | undefined {
  const { errors = 'strict', ...options } = kwargs;
  const fn = plugin(name);
  // What a lookup returns is unsafe, as in Ansible, and so is the value the template builds from it.
  current().unsafe = true;
  try {
    return fn(terms, options, ctx);
  } catch (err) {
    if (err instanceof UndefinedVariableError || errors === 'strict' || (errors !== 'ignore' && errors !== 'warn')) throw err;
    return undefined;
  }
}

/** `lookup()`: a list of text joined with commas, a single value alone, else the list. */
function lookup(name: unknown, ...rawArgs: unknown[]): unknown {
  const { args, kwargs } = splitKwargs(rawArgs);
  const { wantlist, ...rest } = kwargs;
  const out = run(name, args, rest, {});
  if (wantlist) return out ?? [];
  if (out === undefined) return null;
  if (!out.length) return out;
  if (out.every((x) => typeof x === 'string')) return out.join(',');
  return out.length === 1 ? out[0] : out;
}

function query(name: unknown, ...rawArgs: unknown[]): unknown[] {
  const { args, kwargs } = splitKwargs(rawArgs);
  const { wantlist: _ignored, ...rest } = kwargs;
  return run(name, args, rest, {}) ?? [];
}

export const LOOKUP_GLOBALS = { lookup, query, q: query };

/**
 * `with_<name>: terms` on a task: the items of its loop. `terms` are already rendered; text is one
 * term. The lookup sees the task's variables (search path, playbook folder).
 */
export function loopLookup(name: string, terms: unknown, vars: Record<string, unknown>, where: Where | undefined, ctx: LookupContext): unknown[] {
  const list = Array.isArray(terms) ? terms : [terms];
  return withState(newState(vars, where, false), () => {
    try {
      // A mapping reaches the lookup as it is in Ansible; these two take only a list.
      if (isDict(terms) && LIST_ONLY.has(name)) throw new TemplateError(`with_${name} expects a list`);
      return plugin(name)(list, {}, ctx);
    } catch (err) {
      if (err instanceof TemplateError && !err.where) {
        throw err instanceof UndefinedVariableError ? new UndefinedVariableError(err.variable, where, err.reason) : new TemplateError(err.detail, where);
      }
      throw err;
    }
  });
}
