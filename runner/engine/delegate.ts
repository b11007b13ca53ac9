/**
 * `delegate_to`: the host a task's module runs on instead of the task's host. It is reached the
 * way the inventory says (its own ansible_host, user, port, key), while the task keeps the
 * variables of the host it runs for, as in Ansible. A host of the inventory that no play
 * targets gets a state of its own here (its connection and the facts `delegate_facts` gives
 * it), kept out of the recap; a later play on it takes that state over.
 */
import { hostInventoryVars } from '../inventory/index.js';
import { HostState } from './host-state.js';
import type { RunContext } from './run-context.js';

/** The state of the host `name` is delegated to; undefined for a name the inventory does not hold. */
export async function delegateHost(ctx: RunContext, name: string): Promise<HostState | undefined> {
  const known = ctx.hosts.get(name);
  if (known) return known;
  if (!ctx.inventory.hosts.has(name)) return undefined;
  let p = ctx.delegates.pending.get(name);
  if (!p) {
    p = hostInventoryVars(ctx.inventory, name, ctx.playbook.dir).then((vars) => {
      const h = new HostState(name, vars);
      ctx.delegates.ready.set(name, h);
      return h;
    });
    ctx.delegates.pending.set(name, p);
  }
  return p;
}
