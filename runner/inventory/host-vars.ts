/**
 * The variables a host gets from the inventory, merged in Ansible's order (later wins, top-level
 * keys replace):
 *   [all:vars] < [group:vars] (groups by depth, then ansible_group_priority, then name)
 *   < inventory group_vars/all < playbook group_vars/all
 *   < inventory group_vars/<group> (every group, same order) < playbook group_vars/<group>
 *   < inline host vars < inventory host_vars/<host> < playbook host_vars/<host>
 * plus inventory_hostname, inventory_hostname_short, group_names, inventory_file, inventory_dir at
 * the host level, `groups` and ansible_host (the name, unless set).
 */
import { dirname, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Vars } from '../load/ir.js';
import type { Inventory } from './model.js';
import { hostGroupSet, sortGroups, hostsOfGroup } from './relations.js';
import { mergeVarsDir } from './vars-dirs.js';
import { hostSourceOf } from './sources.js';

/** group_names: every group of the host, parents included, sorted, without 'all'. */
export function groupNamesOf(inventory: Inventory, host: string): string[] {
  const kept = cached(inventory);
  let names = kept.groupNames.get(host);
  if (!names) kept.groupNames.set(host, (names = [...hostGroupSet(inventory, host)].filter((g) => g !== 'all').sort()));
  return names;
}

interface Derived { generation: number; groups?: Record<string, string[]>; groupNames: Map<string, string[]> }
const derived = new WeakMap<Inventory, Derived>();

/** What `groups` and `group_names` give, kept until the inventory changes (every task asks, on every host). */
function cached(inventory: Inventory): Derived {
  const generation = inventory.generation ?? 0;
  let d = derived.get(inventory);
  if (!d || d.generation !== generation) derived.set(inventory, (d = { generation, groupNames: new Map() }));
  return d;
}

/** Directories whose group_vars/ and host_vars/ belong to the inventory (a file's own directory). */
export function inventoryVarsDirs(inventory: Inventory): string[] {
  const dirs: string[] = [];
  for (const s of inventory.sources) {
    if (s.includes(',') && !existsSync(s)) continue;
    dirs.push(existsSync(s) && statSync(s).isDirectory() ? s : dirname(s));
  }
  return dirs;
}

/** `groups`: every group with its hosts (children's included), in inventory order. */
export function groupsMagicVar(inventory: Inventory): Record<string, string[]> {
  const kept = cached(inventory);
  if (kept.groups) return kept.groups;
  const out: Record<string, string[]> = {};
  for (const name of inventory.groups.keys()) out[name] = hostsOfGroup(inventory, name);
  return (kept.groups = out);
}

/** IPv4 and IPv6 names keep their dots as the short name. */
function shortName(name: string): string {
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(name) || name.includes(':')) return name;
  return name.split('.')[0]!;
}

export async function hostInventoryVars(inventory: Inventory, host: string, playbookDir?: string): Promise<Vars> {
  const h = inventory.hosts.get(host);
  const invDirs = inventoryVarsDirs(inventory);
  const pbDirs = playbookDir ? [resolve(playbookDir)] : [];
  const all = inventory.groups.get('all')!;
  const vars: Vars = { ansible_host: host };
  if (!h) {
    // Ansible's implicit localhost: not in any group, `all`'s variables, a local connection.
    Object.assign(vars, all.vars);
    for (const d of [...invDirs, ...pbDirs]) mergeVarsDir(vars, d, 'group_vars', 'all');
    Object.assign(vars, { inventory_hostname: host, inventory_hostname_short: shortName(host), group_names: [], ansible_connection: 'local' });
    for (const d of [...invDirs, ...pbDirs]) mergeVarsDir(vars, d, 'host_vars', host);
    vars['groups'] = groupsMagicVar(inventory);
    return vars;
  }
  const groups = sortGroups(inventory, [...hostGroupSet(inventory, host)].filter((g) => g !== 'all'));
  Object.assign(vars, all.vars);
  for (const g of groups) Object.assign(vars, g.vars);
  for (const d of invDirs) mergeVarsDir(vars, d, 'group_vars', 'all');
  for (const d of pbDirs) mergeVarsDir(vars, d, 'group_vars', 'all');
  for (const d of invDirs) for (const g of groups) mergeVarsDir(vars, d, 'group_vars', g.name);
  for (const d of pbDirs) for (const g of groups) mergeVarsDir(vars, d, 'group_vars', g.name);
  const source = hostSourceOf(inventory, host);
  const fileSource = source && existsSync(source) ? source : undefined;
  Object.assign(vars, {
    inventory_file: source ?? null,
    inventory_dir: fileSource ? dirname(fileSource) : null,
  });
  Object.assign(vars, h.vars, {
    inventory_hostname: host,
    inventory_hostname_short: shortName(host),
    group_names: groupNamesOf(inventory, host),
  });
  for (const d of invDirs) mergeVarsDir(vars, d, 'host_vars', host);
  for (const d of pbDirs) mergeVarsDir(vars, d, 'host_vars', host);
  vars['groups'] = groupsMagicVar(inventory);
  return vars;
}
