/**
 * Module arguments checked again once templates are rendered (at load, templated values could not
 * be type-checked). Ajv coerces what Ansible coerces: "8080" for an integer, "yes" for a boolean.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { ModuleDefinition } from '../modules/contract.js';

const ajv = new Ajv({ allErrors: true, coerceTypes: true, strict: false });
const cache = new WeakMap<object, ValidateFunction>();

const yesNo: Record<string, boolean> = { yes: true, no: false, on: true, off: false, true: true, false: false, '1': true, '0': false };

export function validateArgs(def: ModuleDefinition, args: Record<string, unknown>): string | undefined {
  let validate = cache.get(def.schema);
  if (!validate) {
    validate = ajv.compile(def.schema);
    cache.set(def.schema, validate);
  }
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
