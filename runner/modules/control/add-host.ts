/**
 * add_host: describes the host to add (name, `:port`, groups, variables). The engine adds it to
 * the run's inventory (runner/engine/inventory-change.ts) and reports changed when the inventory
 * changed, as Ansible does.
 */
import schema from '../../../schemas/modules/add_host.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { AddHostArgs } from '../../types/module-args.js';
import { splitPort } from '../../inventory/host-pattern.js';

const NAMES = ['name', 'hostname', 'host'] as const;
const GROUPS = ['groupname', 'groups', 'group'] as const;
/** Arguments that are not variables of the new host. */
const SPECIAL = new Set(['name', 'hostname', 'groupname', 'groups']);

const addHost: ModuleDefinition<AddHostArgs> = {
  name: 'add_host',
  schema,
  async plan(_ctx, args) {
    const given = NAMES.map((k) => args[k]).find((v) => v !== undefined && v !== null);
    if (given === undefined) throw new ModuleError('name, host or hostname needs to be provided');
    const { name, port } = splitPort(String(given));
    const hostVars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(args)) if (!SPECIAL.has(k)) hostVars[k] = v;
    if (port !== undefined) hostVars['ansible_ssh_port'] = port;
    const raw = GROUPS.map((k) => args[k]).find((v) => v !== undefined && v !== null && v !== '');
    const groups: string[] = [];
    for (const g of raw === undefined ? [] : Array.isArray(raw) ? raw : String(raw).split(',')) {
      const n = String(g).trim();
      if (!groups.includes(n)) groups.push(n);
    }
    return { state: 'ok', result: { add_host: { host_name: name, groups, host_vars: hostVars } } };
  },
};
export default addHost;
