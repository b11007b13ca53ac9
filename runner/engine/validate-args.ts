/**
 * Module arguments checked again once templates are rendered (at load, templated values could not
 * be type-checked). Ajv coerces what Ansible coerces: "8080" for an integer, "yes" for a boolean.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import type { ModuleDefinition } from '../modules/contract.js';

let ajv: Ajv | undefined;
const cache = new WeakMap<object, ValidateFunction>();
/** Compiled at build time from schemas/modules (scripts/gen-validators.mjs); loaded when the first task runs. */
let generated: Promise<Record<string, ValidateFunction>> | undefined;

/** A schema from schemas/modules has its validator made at build time; any other is compiled on first use. */
async function validatorFor(def: ModuleDefinition): Promise<ValidateFunction> {
  let validate = cache.get(def.schema);
  if (validate) return validate;
  const id = (def.schema as { $id?: unknown }).$id;
  generated ??= import('./arg-validators.generated.js').then((m) => m.renderedArgValidators);
  validate = typeof id === 'string' ? (await generated)[id] : undefined;
  if (!validate) {
    const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
    validate = (ajv ??= new AjvClass({ allErrors: true, coerceTypes: true, strict: false })).compile(def.schema);
  }
  cache.set(def.schema, validate);
  return validate;
}

const yesNo: Record<string, boolean> = { yes: true, no: false, on: true, off: false, true: true, false: false, '1': true, '0': false };

export async function validateArgs(def: ModuleDefinition, args: Record<string, unknown>): Promise<string | undefined> {
  const validate = await validatorFor(def);
  coerceBooleans(def.schema as Schema, args);
  if (validate(args)) return undefined;
  const errors = validate.errors ?? [];
  // Only required arguments missing: Ansible's message, naming the first of the alternatives (path, not its aliases).
  if (errors.every((e) => e.keyword === 'required' || e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const first = errors.find((e) => e.keyword === 'required');
    if (first) return `missing required arguments: ${(first.params as { missingProperty: string }).missingProperty}`;
  }
  return errors
    .map((e) => {
      const where = e.instancePath ? `'${e.instancePath.slice(1).replace(/\//g, '.')}'` : 'arguments';
      if (e.keyword === 'additionalProperties') return `unsupported argument '${(e.params as { additionalProperty: string }).additionalProperty}'`;
      if (e.keyword === 'required') return `missing required argument '${(e.params as { missingProperty: string }).missingProperty}'`;
      if (e.keyword === 'enum') return `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
      return `${where} ${e.message}`;
    })
    .filter((m, i, all) => all.indexOf(m) === i)
    .join('; ');
}

interface Schema { properties?: Record<string, { type?: string | string[] }> }

/** Ansible's booleans: yes/no/on/off (any case) count as true/false for boolean arguments. */
function coerceBooleans(schema: Schema, args: Record<string, unknown>): void {
  for (const [k, prop] of Object.entries(schema.properties ?? {})) {
    const v = args[k];
    if (typeof v !== 'string') continue;
    const types = Array.isArray(prop.type) ? prop.type : [prop.type];
    if (types.includes('boolean') && !types.includes('string') && v.toLowerCase() in yesNo) args[k] = yesNo[v.toLowerCase()];
  }
}
