/** set_fact: variables for the rest of the run on this host. The engine stores `ansible_facts`. */
import schema from '../../../schemas/modules/set_fact.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';

const setFact: ModuleDefinition<Record<string, unknown>> = {
  name: 'set_fact',
  schema,
  touchesHost: false,
  async plan(_ctx, args) {
    const { cacheable: _c, ...facts } = args;
    return { state: 'ok', result: { ansible_facts: facts } };
  },
};
export default setFact;
