/** set_fact: variables for the rest of the run on this host. The engine stores `ansible_facts`. */
import schema from '../../../schemas/modules/set_fact.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { isTemplated, pyStr } from '../../template/index.js';
import type { SetFactArgs } from '../../types/module-args.js';

/** set_fact turns the words Ansible reads as booleans into booleans. */
const booleans: Record<string, boolean> = { yes: true, no: false, true: true, false: false };

const setFact: ModuleDefinition<SetFactArgs> = {
  name: 'set_fact',
  schema,
  async plan(ctx, args) {
    const { cacheable: _c, ...given } = args;
    // A name may be a template (`"path_{{ idx }}": x`), rendered when the task runs, as in Ansible.
    const facts: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(given)) {
      const k = isTemplated(key) ? pyStr(ctx.evaluate(key)) : key;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) {
        throw new ModuleError(`The variable name '${k}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.`);
      }
      facts[k] = v;
    }
    for (const [k, v] of Object.entries(facts)) if (typeof v === 'string' && v.toLowerCase() in booleans) facts[k] = booleans[v.toLowerCase()];
    return { state: 'ok', result: { ansible_facts: facts } };
  },
};
export default setFact;
