/**
 * The in-memory inventory and the rules that keep it consistent while sources are read, as
 * Ansible's inventory data does: every group hangs below `all`, a host in no group is in
 * `ungrouped`, a group's depth is its longest path from `all` (deeper groups win when merging).
 */
import type { Vars } from '../load/ir.js';

export interface InventoryHost {
  name: string;
  /** Inline host vars, in file order (later definitions of the same host merge over earlier). */
  vars: Vars;
  /** Direct groups, in the order the host was put in them. */
  groups: string[];
}

export interface InventoryGroup {
  name: string;
  vars: Vars;
  children: string[];
  hosts: string[];
  depth?: number;
  /** `ansible_group_priority` from the inventory: orders groups of equal depth (default 1). */
  priority?: number;
}

export interface Inventory {
  /** Files, directories or comma lists it came from (group_vars/host_vars are looked up beside them). */
  sources: string[];
  /** Insertion (file) order. */
  hosts: Map<string, InventoryHost>;
  /** Always holds 'all' and 'ungrouped'. */
  groups: Map<string, InventoryGroup>;
  /** Bumped by every change during a run (group_by, add_host), so what is computed from the inventory can be kept until then. */
  generation?: number;
}

/** A group cannot contain itself through its children. */
export class GroupLoopError extends Error {
  override name = 'GroupLoopError';
}

/** Mutations used by the INI and YAML readers; `finish` applies Ansible's reconciliation. */
export class InventoryBuilder {
  readonly inventory: Inventory;

  constructor(sources: string[]) {
    this.inventory = { sources, hosts: new Map(), groups: new Map() };
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  addGroup(name: string): InventoryGroup {
    let g = this.inventory.groups.get(name);
    if (!g) {
      g = { name, vars: {}, children: [], hosts: [] };
      this.inventory.groups.set(name, g);
    }
    return g;
  }

  hasGroup(name: string): boolean {
    return this.inventory.groups.has(name);
  }

  /** Adds the host (once) and puts it in `group`; `port` becomes ansible_port when the host is new. */
  addHost(name: string, group: string | undefined, port?: number): InventoryHost {
    let h = this.inventory.hosts.get(name);
    if (!h) {
      h = { name, vars: {}, groups: [] };
      if (port !== undefined) h.vars['ansible_port'] = port;
      this.inventory.hosts.set(name, h);
    }
    if (group !== undefined) {
      const g = this.addGroup(group);
      if (!g.hosts.includes(name)) g.hosts.push(name);
      if (!h.groups.includes(group)) h.groups.push(group);
    }
    return h;
  }

  addChild(parent: string, child: string): void {
    if (parent === child) throw new GroupLoopError(`group '${child}' cannot be a child of itself`);
    const p = this.addGroup(parent);
    this.addGroup(child);
    if (p.children.includes(child)) return;
    if (this.descendants(child).has(parent)) {
      throw new GroupLoopError(`adding group '${child}' as a child of '${parent}' creates a loop`);
    }
    p.children.push(child);
  }

  /** As in Ansible, `ansible_group_priority` is a setting of the group, not a variable. */
  setGroupVar(group: string, key: string, value: unknown): void {
    const g = this.addGroup(group);
    if (key === 'ansible_group_priority') {
      const p = Math.trunc(Number(value));
      if (Number.isFinite(p)) g.priority = p;
      return;
    }
    g.vars[key] = value;
  }

  setHostVar(host: string, key: string, value: unknown): void {
    const h = this.inventory.hosts.get(host);
    if (h) h.vars[key] = value;
  }

  private descendants(name: string): Set<string> {
    const out = new Set<string>();
    const walk = (n: string): void => {
      for (const c of this.inventory.groups.get(n)?.children ?? []) {
        if (!out.has(c)) {
          out.add(c);
          walk(c);
        }
      }
    };
    walk(name);
    return out;
  }

  /** Top groups under `all`; `ungrouped` holds exactly the hosts in no other group; depths set. */
  finish(): Inventory {
    const { groups, hosts } = this.inventory;
    const all = groups.get('all')!;
    const ungrouped = groups.get('ungrouped')!;
    const parents = parentMap(this.inventory);
    for (const g of groups.values()) {
      if (g.name !== 'all' && !parents.get(g.name)?.length) {
        all.children.push(g.name);
        parents.set(g.name, ['all']);
      }
    }
    for (const h of hosts.values()) {
      const others = h.groups.filter((g) => g !== 'all' && g !== 'ungrouped');
      if (others.length) {
        if (ungrouped.hosts.includes(h.name)) {
          ungrouped.hosts = ungrouped.hosts.filter((n) => n !== h.name);
          h.groups = h.groups.filter((g) => g !== 'ungrouped');
        }
      } else if (!h.groups.includes('ungrouped')) {
        ungrouped.hosts.push(h.name);
        h.groups.push('ungrouped');
      }
    }
    const depth = new Map<string, number>([['all', 0]]);
    const depthOf = (n: string): number => {
      const known = depth.get(n);
      if (known !== undefined) return known;
      const d = Math.max(0, ...(parents.get(n) ?? []).map((p) => depthOf(p) + 1));
      depth.set(n, d);
      return d;
    };
    for (const g of groups.values()) g.depth = depthOf(g.name);
    return this.inventory;
  }
}

/** Direct parents of every group, in the order the groups were declared. */
export function parentMap(inv: Inventory): Map<string, string[]> {
  const parents = new Map<string, string[]>();
  for (const g of inv.groups.values()) {
    for (const c of g.children) {
      const list = parents.get(c) ?? [];
      list.push(g.name);
      parents.set(c, list);
    }
  }
  return parents;
}
