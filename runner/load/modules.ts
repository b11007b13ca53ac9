/**
 * Finding the module a task names and checking its arguments against the module's own schema.
 * Values holding templates cannot be type-checked before run time: their errors are dropped,
 * but their presence still satisfies `required`.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { ModuleDefinition } from '../modules/contract.js';
import type { SourcePos } from './ir.js';
import type { LoadError } from './errors.js';
import type { Ajv } from 'ajv';
import { newAjv } from './schemas.js';
import { moduleArgValidators } from './validators.generated.js';
import { ajvErrorsToLoadErrors } from './ajv-messages.js';
import { coerceArgs, isTemplated } from './coerce.js';
import { shortModuleName } from '../modules/collections.js';

export interface ModuleLookup {
  get(name: string): ModuleDefinition | undefined;
  names(): string[];
}

export function resolveModule(key: string, modules: ModuleLookup): { name: string; def: ModuleDefinition } | undefined {
  const name = shortModuleName(key, (n) => modules.get(n) !== undefined);
  return name === undefined ? undefined : { name, def: modules.get(name)! };
}

/** Module names to suggest from, with and without the prefixes users write. */
export function moduleNames(modules: ModuleLookup): string[] {
  return modules.names();
}

let ajv: Ajv | undefined;
const validators = new WeakMap<object, ValidateFunction>();

/** The build-time validator of a schema from schemas/modules (by its $id), else one compiled now. */
function validatorFor(def: ModuleDefinition): ValidateFunction {
  let v = validators.get(def.schema);
  if (!v) {
    const schema = { ...(def.schema as Record<string, unknown>) };
    const id = schema['$id'];
    v = typeof id === 'string' ? moduleArgValidators[id] : undefined;
    if (!v) {
      delete schema['$id']; // the same schema may be registered under several names
      delete schema['$schema'];
      v = (ajv ??= newAjv()).compile(schema);
    }
    validators.set(def.schema, v);
  }
  return v;
}

function templatedPaths(v: unknown, path: string, out: string[]): string[] {
  if (isTemplated(v)) out.push(path);
  else if (Array.isArray(v)) v.forEach((x, i) => templatedPaths(x, `${path}/${i}`, out));
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) templatedPaths(x, `${path}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

function dropTemplated(errors: ErrorObject[], args: unknown): ErrorObject[] {
  const paths = templatedPaths(args, '', []);
  if (!paths.length) return errors;
  const under = (p: string) => paths.some((t) => p === t || p.startsWith(`${t}/`));
  const dropped = errors.filter((e) => under(e.instancePath));
  return errors.filter((e) => {
    if (dropped.includes(e)) return false;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      return !dropped.some((d) => d.schemaPath.startsWith(`${e.schemaPath}/`));
    }
    return true;
  });
}

/**
 * Coerce and check `args` (positions recorded on `positioned`, the mapping as written, when any);
 * returns the arguments the module will get and the problems found.
 */
export function checkModuleArgs(
  name: string, def: ModuleDefinition, args: Record<string, unknown>, positioned: unknown, at: SourcePos,
): { args: Record<string, unknown>; errors: LoadError[] } {
  const coerced = coerceArgs(args, def.schema);
  const validate = validatorFor(def);
  if (validate(coerced)) return { args: coerced, errors: [] };
  const errors = dropTemplated([...(validate.errors ?? [])], coerced);
  const root = positioned ?? coerced;
  return {
    args: coerced,
    errors: ajvErrorsToLoadErrors(errors, root, at, (segs) => ({ noun: name, path: segs, args: true }), { notSupported: new Set(def.notSupported ?? []) }),
  };
}
