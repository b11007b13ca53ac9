/**
 * The JSON Schemas in `schemas/`. They are the truth for what a playbook, play, task, block,
 * handler and role file may hold; keyword lists are read from them too. Their validators are
 * compiled at build time (scripts/gen-validators.mjs), so start-up loads code instead of
 * compiling it; a schema that is not in schemas/ (a module defined elsewhere) is compiled with
 * ajv on first use.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import { fileValidators } from './validators.generated.js';

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

let raw: Map<string, Record<string, unknown>> | undefined;

/**
 * A new ajv configured as the loader uses it, for schemas not compiled at build time; ajv's
 * compiler is loaded only then. scripts/gen-validators.mjs compiles with the same options.
 */
export function newAjv(): Ajv {
  const { Ajv: AjvClass } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
  const a = new AjvClass({ allErrors: true, strict: false, allowUnionTypes: true, verbose: true });
  a.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  return a;
}

export function schemaOf(name: SchemaName): Record<string, unknown> {
  if (!raw) {
    raw = new Map();
    const dir = schemasDir();
    for (const f of readdirSync(dir)) {
      if (!f.endsWith('.schema.json') || f === 'inventory.schema.json') continue;
      raw.set(f.replace(/\.schema\.json$/, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown>);
    }
  }
  const s = raw.get(name);
  if (!s) throw new Error(`schema ${name} missing`);
  return s;
}

/** Validate `value` against one of our schemas; [] when valid. */
export function validateWith(name: SchemaName, value: unknown): ErrorObject[] {
  const fn = fileValidators[name];
  if (!fn) throw new Error(`schema ${name} missing`);
  return fn(value) ? [] : [...(fn.errors ?? [])];
}

/** Property names a schema declares: the known keywords of a play, task, block. */
export function propertyNames(name: SchemaName): string[] {
  const props = schemaOf(name)['properties'];
  return typeof props === 'object' && props ? Object.keys(props) : [];
}
