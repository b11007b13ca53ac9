/**
 * group_by: names the group the host joins. The engine puts the host there (runner/engine/
 * inventory-change.ts) and reports changed when the inventory changed, as Ansible does.
 */
import schema from '../../../schemas/modules/group_by.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import type { GroupByArgs } from '../../types/module-args.js';

const dashed = (name: string): string => name.replace(/ /g, '-');

const groupBy: ModuleDefinition<GroupByArgs> = {
  name: 'group_by',
  schema,
  async plan(_ctx, args) {
    const parents = args.parents === undefined ? ['all'] : typeof args.parents === 'string' ? [args.parents] : args.parents;
    return { state: 'ok', result: { add_group: dashed(String(args.key)), parent_groups: parents.map((p) => dashed(String(p))) } };
  },
};
export default groupBy;
