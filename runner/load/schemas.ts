/**
 * The JSON Schemas in `schemas/` compiled once with ajv. They are the truth for what a playbook,
 * play, task, block, handler and role file may hold; keyword lists are read from them too.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction, ErrorObject } from 'ajv';

export type SchemaName =
  | 'playbook' | 'play' | 'task' | 'block' | 'handler' | 'task-list' | 'handler-list'
  | 'role-entry' | 'role-meta' | 'role-argument-specs' | 'role-vars' | 'vars-file' | 'common';

/** Found both from the sources (runner/load) and from a build under dist/. */
export function schemasDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'play.schema.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('schemas/ folder not found');
}

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();
const raw = new Map<string, Record<string, unknown>>();

/** A new ajv configured as the loader uses it (module argument schemas are compiled with it too). */
export function newAjv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
  a.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return a;
}

function instance(): Ajv {
  if (ajv) return ajv;
  ajv = newAjv();
  const dir = schemasDir();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.schema.json') || f === 'inventory.schema.json') continue;
    const schema = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>;
    raw.set(f.replace(/\.schema\.json$/, ''), schema);
    ajv.addSchema(schema);
  }
  return ajv;
}

export function schemaOf(name: SchemaName): Record<string, unknown> {
  instance();
  const s = raw.get(name);
  if (!s) throw new Error(`schema ${name} missing`);
  return s;
}

/** Validate `value` against one of our schemas; [] when valid. */
export function validateWith(name: SchemaName, value: unknown): ErrorObject[] {
  let fn = compiled.get(name);
  if (!fn) {
    fn = instance().getSchema(`${name}.schema.json`);
    if (!fn) throw new Error(`schema ${name} missing`);
    compiled.set(name, fn);
  }
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/** Property names a schema declares: the known keywords of a play, task, block. */
export function propertyNames(name: SchemaName): string[] {
  const props = schemaOf(name)['properties'];
  return typeof props === 'object' && props ? Object.keys(props) : [];
}
