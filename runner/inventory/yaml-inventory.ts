/**
 * Ansible's YAML inventory: `all: {hosts: {h: {vars}}, vars: {...}, children: {g: {...}}}`,
 * nested to any depth, checked against `schemas/inventory.schema.json` first so a typo such as
 * `host:` for `hosts:` is an error at its line instead of a group that silently has no hosts.
 */
import type { ErrorObject } from 'ajv';
import { inventoryValidator } from './inventory-validator.generated.js';
import { pointerPos } from '../load/source-map.js';
import { InventoryBuilder, GroupLoopError } from './model.js';
import { portProblem } from './port-check.js';
import { splitPort, expandHostRange, HostRangeError } from './host-pattern.js';
import { inventoryError, LoadError, LoadErrors } from './errors.js';

const GROUP_KEYS = ['hosts', 'vars', 'children'];

/** schemas/inventory.schema.json, compiled at build time (scripts/gen-validators.mjs). */
function validate(value: unknown): ErrorObject[] {
  return inventoryValidator(value) ? [] : [...(inventoryValidator.errors ?? [])];
}

/** One readable error per problem, at the line of the offending key. */
function schemaErrors(data: unknown, file: string, errors: ErrorObject[]): LoadErrors {
  const out: LoadError[] = [];
  const seen = new Set<string>();
  const start = { file, line: 1, col: 1 };
  for (const e of errors) {
    let pointer = e.instancePath;
    let reason: string;
    let suggestion: string | undefined;
    if (e.keyword === 'additionalProperties') {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      pointer = `${pointer}/${seg(key)}`;
      reason = `unknown key '${key}' in a group (expected hosts, vars or children)`;
      suggestion = GROUP_KEYS.find((k) => k.startsWith(key.slice(0, 3)) || key.startsWith(k.slice(0, 4)));
    } else if (e.keyword === 'type') {
      const types = String(e.params['type']);
      reason = `${describe(e.instancePath)} must be ${types.includes('string') ? 'a mapping or a single name' : 'a mapping'}`;
    } else if (e.keyword === 'not') {
      reason = "inventory plugin configuration ('plugin:') is not supported; write the hosts and groups out";
    } else continue;
    const pos = pointerPos(data, pointer, start, e.keyword === 'additionalProperties');
    const err = new LoadError(pos, reason, suggestion ? { suggestion } : {});
    if (!seen.has(err.message)) out.push(err);
    seen.add(err.message);
  }
  return new LoadErrors(out.length ? out : [new LoadError(start, 'not a valid YAML inventory')]);
}

/** A JSON pointer segment for a key (ajv's and source-map's convention). */
function seg(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function describe(pointer: string): string {
  const parts = pointer.split('/').slice(1);
  const last = parts[parts.length - 1];
  if (last === 'vars' || last === 'hosts' || last === 'children') return `'${last}' of group '${parts[parts.length - 2]}'`;
  if (parts[parts.length - 2] === 'hosts') return `the variables of host '${last}'`;
  return `group '${last ?? ''}'`;
}

/** Reads a parsed YAML inventory (a mapping) into the builder; `data` keeps its source positions. */
export function readYamlInventory(b: InventoryBuilder, data: Record<string, unknown>, file: string): void {
  const errors = validate(data);
  if (errors.length) throw schemaErrors(data, file, errors);
  for (const [name, body] of Object.entries(data)) readGroup(b, name, body, file, data, `/${seg(name)}`);
}

function readGroup(b: InventoryBuilder, name: string, body: unknown, file: string, root: unknown, pointer: string): void {
  b.addGroup(name);
  if (body === null || typeof body !== 'object') return;
  const g = body as Record<string, unknown>;
  const at = (p: string) => pointerPos(root, p, { file, line: 1, col: 1 }, true);
  const portCheck = (k: string, v: unknown, p: string): void => {
    const problem = portProblem(k, v);
    if (!problem) return;
    const pos = at(p);
    throw inventoryError(file, pos.line, pos.col, problem);
  };
  for (const key of Object.keys(g)) {
    const section = typeof g[key] === 'string' ? { [g[key] as string]: null } : g[key];
    if (section === null || typeof section !== 'object') continue;
    if (key === 'vars') {
      for (const [k, v] of Object.entries(section)) {
        portCheck(k, v, `${pointer}/${seg(key)}/${seg(k)}`);
        b.setGroupVar(name, k, v);
      }
    } else if (key === 'children') {
      for (const [child, childBody] of Object.entries(section)) {
        readGroup(b, child, childBody, file, root, `${pointer}/children/${seg(child)}`);
        try {
          b.addChild(name, child);
        } catch (e) {
          if (!(e instanceof GroupLoopError)) throw e;
          const pos = at(`${pointer}/children/${seg(child)}`);
          throw inventoryError(file, pos.line, pos.col, e.message);
        }
      }
    } else if (key === 'hosts') {
      for (const [pattern, vars] of Object.entries(section)) {
        const { name: hostName, port } = splitPort(pattern);
        let hosts: string[];
        try {
          hosts = expandHostRange(hostName);
        } catch (e) {
          if (!(e instanceof HostRangeError)) throw e;
          const pos = at(`${pointer}/hosts/${seg(pattern)}`);
          throw inventoryError(file, pos.line, pos.col, `host '${pattern}': ${e.message}`);
        }
        for (const h of hosts) {
          b.addHost(h, name, port);
          for (const [k, v] of Object.entries((vars ?? {}) as Record<string, unknown>)) {
            portCheck(k, v, `${pointer}/hosts/${seg(pattern)}/${seg(k)}`);
            b.setHostVar(h, k, v);
          }
        }
      }
    }
  }
}
