/**
 * The inventory in the shape `ansible-inventory --list` prints: groups with their hosts and
 * children below `all`, and `_meta.hostvars` with each host's merged inventory variables (magic
 * variables left out). Lets a user compare what Showrunner read with what Ansible reads.
 */
import type { Vars } from '../load/ir.js';
import type { Inventory } from './model.js';
import { hostInventoryVars } from './host-vars.js';
import { hostsOfGroup } from './relations.js';

const MAGIC = ['ansible_host', 'inventory_hostname', 'inventory_hostname_short', 'group_names', 'groups', 'inventory_file', 'inventory_dir'];

export interface AnsibleListGroup {
  hosts?: string[];
  children?: string[];
}

/** `ansible-inventory --list` without --playbook-dir; with `playbookDir`, its group_vars count too. */
export async function inventoryListJson(inv: Inventory, playbookDir?: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const g = inv.groups.get(name)!;
    const entry: AnsibleListGroup = {};
    if (name !== 'all' && g.hosts.length) entry.hosts = [...g.hosts];
    if (g.children.length) entry.children = [...g.children];
    if (entry.hosts || entry.children) out[name] = entry;
    for (const c of g.children) {
      if (!seen.has(c)) {
        seen.add(c);
        visit(c);
      }
    }
  };
  visit('all');
  const hostvars: Record<string, Vars> = {};
  for (const h of hostsOfGroup(inv, 'all')) {
    const vars = await hostInventoryVars(inv, h, playbookDir);
    for (const k of MAGIC) if (!(k in (inv.hosts.get(h)?.vars ?? {}))) delete vars[k];
    if (Object.keys(vars).length) hostvars[h] = vars;
  }
  out['_meta'] = { hostvars };
  return out;
}
