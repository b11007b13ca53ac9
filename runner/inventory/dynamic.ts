/**
 * Changes a run makes to its inventory (group_by, add_host), with Ansible's rules: every group
 * hangs below `all`, a host in no other group is in `ungrouped`, depths follow the parents.
 * Each returns whether the inventory changed, which is the task's `changed`.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Vars } from '../load/ir.js';
import { parentMap, type Inventory, type InventoryGroup } from './model.js';

function ensureGroup(inv: Inventory, name: string): { group: InventoryGroup; created: boolean } {
  const known = inv.groups.get(name);
  if (known) return { group: known, created: false };
  const group: InventoryGroup = { name, vars: {}, children: [], hosts: [] };
  inv.groups.set(name, group);
  return { group, created: true };
}

/** `ungrouped` membership and group depths, after a change. */
function reconcile(inv: Inventory): void {
  const parents = parentMap(inv);
  const all = inv.groups.get('all')!;
  for (const g of inv.groups.values()) {
    if (g.name !== 'all' && !parents.get(g.name)?.length) {
      all.children.push(g.name);
      parents.set(g.name, ['all']);
    }
  }
  const ungrouped = inv.groups.get('ungrouped')!;
  for (const h of inv.hosts.values()) {
    const others = h.groups.some((g) => g !== 'all' && g !== 'ungrouped');
    if (others && h.groups.includes('ungrouped')) {
      h.groups = h.groups.filter((g) => g !== 'ungrouped');
      ungrouped.hosts = ungrouped.hosts.filter((n) => n !== h.name);
    } else if (!others && !h.groups.includes('ungrouped')) {
      h.groups.push('ungrouped');
      ungrouped.hosts.push(h.name);
    }
  }
  const depth = new Map<string, number>([['all', 0]]);
  const depthOf = (n: string, seen: Set<string>): number => {
    const known = depth.get(n);
    if (known !== undefined) return known;
    if (seen.has(n)) return 0;
    seen.add(n);
    const d = Math.max(0, ...(parents.get(n) ?? []).map((p) => depthOf(p, seen) + 1));
    depth.set(n, d);
    return d;
  };
  for (const g of inv.groups.values()) g.depth = depthOf(g.name, new Set());
}

/** The host in the group, placed in inventory order (hosts of a batch answer in any order). */
function join(inv: Inventory, host: string, group: InventoryGroup): boolean {
  const h = inv.hosts.get(host)!;
  let changed = false;
  if (!group.hosts.includes(host)) {
    const order = [...inv.hosts.keys()];
    const at = group.hosts.findIndex((n) => order.indexOf(n) > order.indexOf(host));
    if (at < 0) group.hosts.push(host);
    else group.hosts.splice(at, 0, host);
    changed = true;
  }
  if (!h.groups.includes(group.name)) { h.groups.push(group.name); changed = true; }
  return changed;
}

/** group_by: `host` joins `name`, which goes under each of `parents` (all created when new). */
export function addDynamicGroup(inv: Inventory, host: string, name: string, parents: string[]): boolean {
  let changed = false;
  const { group } = ensureGroup(inv, name);
  for (const p of parents) if (ensureGroup(inv, p).created) changed = true;
  for (const p of parents) {
    const parent = inv.groups.get(p)!;
    if (p !== name && !parent.children.includes(name)) {
      parent.children.push(name);
      changed = true;
    }
  }
  // The implicit localhost is in no group: it joins only the new one.
  if (!inv.hosts.has(host)) inv.hosts.set(host, { name: host, vars: {}, groups: [] });
  if (join(inv, host, group)) changed = true;
  if (changed) { reconcile(inv); inv.generation = (inv.generation ?? 0) + 1; }
  return changed;
}

/** add_host: the host (new or known), its variables merged over what it had, and its groups. */
export function addDynamicHost(inv: Inventory, name: string, groups: string[], vars: Vars): boolean {
  let changed = false;
  let h = inv.hosts.get(name);
  if (!h) {
    h = { name, vars: {}, groups: [] };
    inv.hosts.set(name, h);
    changed = true;
  }
  const merged = { ...h.vars, ...vars };
  if (!isDeepStrictEqual(merged, h.vars)) {
    h.vars = merged;
    changed = true;
  }
  for (const g of groups) {
    const { group, created } = ensureGroup(inv, g);
    if (created) changed = true;
    if (join(inv, name, group)) changed = true;
  }
  if (changed) { reconcile(inv); inv.generation = (inv.generation ?? 0) + 1; }
  return changed;
}
