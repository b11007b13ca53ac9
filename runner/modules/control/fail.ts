/** fail: stop the host with a message. */
import schema from '../../../schemas/modules/fail.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import type { FailArgs } from '../../types/module-args.js';

const fail: ModuleDefinition<FailArgs> = {
  name: 'fail',
  schema,
  async plan(_ctx, args) {
    return { state: 'ok', result: { failed: true, msg: String(args.msg ?? 'Failed as requested from task') } };
  },
};
export default fail;
