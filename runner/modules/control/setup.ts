/**
 * setup: gathers the host's facts again (one command, as at the start of a play) and returns
 * those `gather_subset` and `filter` select; the engine makes them the host's facts. Changes
 * nothing, so it plans ok.
 */
import schema from '../../../schemas/modules/setup.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { gatherFacts } from '../../facts/gather.js';
import { selectFacts, subsetList } from '../../facts/subsets.js';
import type { SetupArgs } from '../../types/module-args.js';

const setup: ModuleDefinition<SetupArgs> = {
  name: 'setup',
  schema,
  async plan(ctx, args) {
    const subset = subsetList(args.gather_subset);
    const filter = args.filter === undefined ? [] : typeof args.filter === 'string' ? [args.filter] : args.filter;
    let selected;
    try {
      selected = selectFacts({}, subset, filter); // a bad subset name fails before the host is asked
    } catch (e) {
      throw new ModuleError((e as Error).message);
    }
    const facts = await gatherFacts(ctx.conn);
    selected = selectFacts(facts, subset, filter);
    return { state: 'ok', result: { ansible_facts: selected } };
  },
};

export default setup;
