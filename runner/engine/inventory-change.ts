/**
 * group_by and add_host results put into the run's inventory, which later plays, `groups`,
 * `group_names` and `hostvars` read. The task is changed when the inventory changed (before its
 * changed_when), as in Ansible. A host that add_host names is known to `hostvars` at once.
 */
import type { Task, Vars } from '../load/ir.js';
import { addDynamicGroup, addDynamicHost, hostInventoryVars } from '../inventory/index.js';
import { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import type { TaskResult } from './results.js';

export const INVENTORY_MODULES = new Set(['group_by', 'add_host']);

export async function applyInventoryChange(ctx: PlayContext, host: HostState, task: Task, r: TaskResult): Promise<TaskResult> {
  if (!INVENTORY_MODULES.has(task.module) || r.status === 'failed' || r.status === 'unreachable' || r.status === 'skipped' || !r.module) return r;
  const m = r.module;
  let changed: boolean;
  let touched: string;
  if (task.module === 'group_by') {
    changed = addDynamicGroup(ctx.inventory, host.name, String(m.add_group), (m.parent_groups as string[] | undefined) ?? []);
    touched = host.name;
  } else {
    const info = m.add_host as { host_name: string; groups: string[]; host_vars: Vars };
    changed = addDynamicHost(ctx.inventory, info.host_name, info.groups, info.host_vars);
    touched = info.host_name;
  }
  await refreshInventoryVars(ctx, touched);
  return changed ? { ...r, status: 'changed', module: { ...m, changed: true } } : { ...r, module: { ...m, changed: false } };
}

/** The host's inventory variables again (new variables, or group_vars of a group it joined). */
async function refreshInventoryVars(ctx: PlayContext, name: string): Promise<void> {
  const vars = await hostInventoryVars(ctx.inventory, name, ctx.playbook.dir);
  const known = ctx.hosts.get(name);
  if (!known) {
    ctx.hosts.set(name, new HostState(name, vars));
    return;
  }
  for (const k of Object.keys(known.inventoryVars)) delete known.inventoryVars[k];
  Object.assign(known.inventoryVars, vars);
  known.varsVersion++;
}
