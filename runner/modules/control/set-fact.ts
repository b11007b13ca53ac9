/** set_fact: variables for the rest of the run on this host. The engine stores `ansible_facts`. */
import schema from '../../../schemas/modules/set_fact.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import type { SetFactArgs } from '../../types/module-args.js';

/** set_fact turns the words Ansible reads as booleans into booleans. */
const booleans: Record<string, boolean> = { yes: true, no: false, true: true, false: false };

const setFact: ModuleDefinition<SetFactArgs> = {
  name: 'set_fact',
  schema,
  async plan(_ctx, args) {
    const { cacheable: _c, ...facts } = args;
    for (const [k, v] of Object.entries(facts)) if (typeof v === 'string' && v.toLowerCase() in booleans) facts[k] = booleans[v.toLowerCase()];
    return { state: 'ok', result: { ansible_facts: facts } };
  },
};
export default setFact;
