/**
 * Reading `-i` sources as Ansible does: a file (YAML or INI, told apart by extension and content),
 * a directory (every file in it, in name order, skipping group_vars/, host_vars/, hidden files and
 * Ansible's ignored extensions such as .ini and .md), or a comma list `h1,h2,`. Several sources
 * add up into one inventory. A path that does not exist is an error, not a warning.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseYaml } from '../load/yaml.js';
import { readInputText } from '../plans/controller-reads.js';
import { InventoryBuilder, type Inventory } from './model.js';
import { readIniInventory } from './ini.js';
import { readYamlInventory } from './yaml-inventory.js';
import { splitPort } from './host-pattern.js';
import { inventoryError } from './errors.js';

/** Ansible's INVENTORY_IGNORE_EXTS and the names it always skips, as regular expressions. */
const IGNORED = /^\.|^host_vars$|^group_vars$|^vars_plugins$|\.pyc$|\.pyo$|\.swp$|\.bak$|~$|\.rpm$|\.md$|\.txt$|\.rst$|\.orig$|\.ini$|\.cfg$|\.retry$/;
const YAML_EXTS = new Set(['.yml', '.yaml', '.json']);

/** The file each host was first read from (Ansible's inventory_file / inventory_dir). */
const firstSources = new WeakMap<Inventory, Map<string, string | null>>();

export function hostSourceOf(inv: Inventory, host: string): string | null | undefined {
  return firstSources.get(inv)?.get(host);
}

function isHostList(source: string): boolean {
  return source.includes(',') && !existsSync(source);
}

export async function loadInventory(sources: string[]): Promise<Inventory> {
  const resolved = sources.map((s) => (isHostList(s) ? s : resolve(s)));
  const b = new InventoryBuilder(resolved);
  const seenFrom = new Map<string, string | null>();
  const track = (from: string | null, run: () => void): void => {
    const before = new Set(b.inventory.hosts.keys());
    run();
    for (const h of b.inventory.hosts.keys()) if (!before.has(h) && !seenFrom.has(h)) seenFrom.set(h, from);
  };
  for (const source of resolved) {
    if (isHostList(source)) {
      track(source, () => readHostList(b, source));
      continue;
    }
    if (!existsSync(source)) throw inventoryError(source, 1, 1, 'inventory source does not exist');
    readPath(b, source, track);
  }
  const inv = b.finish();
  firstSources.set(inv, seenFrom);
  return inv;
}

function readHostList(b: InventoryBuilder, source: string): void {
  for (const part of source.split(',')) {
    const h = part.trim();
    if (!h) continue;
    const { name, port } = /[[\]]/.test(h) ? { name: h, port: undefined } : splitPort(h);
    b.addHost(name, 'ungrouped', port);
  }
}

function readPath(b: InventoryBuilder, path: string, track: (from: string | null, run: () => void) => void): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) {
      if (IGNORED.test(entry)) continue;
      readPath(b, join(path, entry), track);
    }
    return;
  }
  track(path, () => readFile(b, path));
}

/** .yml/.yaml/.json are YAML; a file without extension is YAML when it parses to a mapping, else INI. */
function readFile(b: InventoryBuilder, file: string): void {
  const text = readInputText(file);
  const ext = extname(file);
  if (YAML_EXTS.has(ext)) {
    const data = parseYaml(text, file);
    if (data === null || data === undefined) throw inventoryError(file, 1, 1, 'the YAML inventory is empty');
    if (typeof data !== 'object' || Array.isArray(data)) {
      throw inventoryError(file, 1, 1, 'a YAML inventory must be a mapping of groups (all: {hosts: ..., children: ...})');
    }
    readYamlInventory(b, data as Record<string, unknown>, file);
    return;
  }
  if (!ext) {
    let data: unknown;
    try {
      data = parseYaml(text, file);
    } catch {
      data = undefined;
    }
    if (data !== null && typeof data === 'object' && !Array.isArray(data)) {
      readYamlInventory(b, data as Record<string, unknown>, file);
      return;
    }
  }
  readIniInventory(b, text, file);
}
