/** debug: print a message or a variable. Never touches the host. */
import schema from '../../../schemas/modules/debug.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import type { DebugArgs } from '../../types/module-args.js';

const debug: ModuleDefinition<DebugArgs> = {
  name: 'debug',
  schema,
  async plan(ctx, args) {
    if ((args.verbosity ?? 0) > (ctx.verbosity ?? 0)) {
      return { state: 'ok', result: { skipped: true, skipped_reason: 'Verbosity threshold not met.' } };
    }
    if (args.var !== undefined) {
      let value: unknown;
      try {
        value = ctx.evaluate(args.var);
      } catch (e) {
        if ((e as Error).name !== 'UndefinedVariableError') throw e;
        value = 'VARIABLE IS NOT DEFINED!';
      }
      return { state: 'ok', result: { [args.var]: value, debug_var: args.var, debug_value: value } };
    }
    const msg = args.msg ?? 'Hello world!';
    return { state: 'ok', result: { msg: msg as string, debug_msg: msg } };
  },
};
export default debug;
