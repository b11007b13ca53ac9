/**
 * `-e` values, merged in order (a later -e wins, top-level keys replace):
 *   -e 'k=v k2="a b"'    strings, as Ansible keeps them
 *   -e '{"json": 1}'     YAML/JSON flow text (starts with { or [; must be a mapping)
 *   -e @vars.yml         a YAML or JSON file
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseYaml, readYamlFile } from '../load/yaml.js';
import type { Vars } from '../load/ir.js';
import { parseKv } from './kv.js';

export class ExtraVarsError extends Error {
  override name = 'ExtraVarsError';
}

function asMapping(data: unknown, what: string): Vars {
  if (data === null || data === undefined) return {};
  if (typeof data === 'object' && !Array.isArray(data)) return data as Vars;
  throw new ExtraVarsError(`-e ${what}: expected a mapping of variables, got ${Array.isArray(data) ? 'a list' : typeof data}`);
}

export async function parseExtraVars(values: string[]): Promise<Vars> {
  const out: Vars = {};
  for (const value of values) {
    if (!value) continue;
    let data: Vars;
    if (value.startsWith('@')) {
      const file = resolve(value.slice(1));
      if (!existsSync(file)) throw new ExtraVarsError(`-e ${value}: file not found: ${file}`);
      data = asMapping(readYamlFile(file), value);
    } else if (value[0] === '/' || value[0] === '.') {
      throw new ExtraVarsError(`-e ${value}: a file name needs a leading '@' (-e @${value})`);
    } else if (value[0] === '{' || value[0] === '[') {
      data = asMapping(parseYaml(value, '-e'), `'${value}'`);
    } else {
      try {
        data = parseKv(value);
      } catch (e) {
        throw new ExtraVarsError(`-e '${value}': ${(e as Error).message}`);
      }
    }
    Object.assign(out, data);
  }
  return out;
}
