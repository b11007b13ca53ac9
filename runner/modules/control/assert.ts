/** assert: fail unless every condition holds. Never touches the host. */
import schema from '../../../schemas/modules/assert.json' with { type: 'json' };
import type { ModuleDefinition } from '../contract.js';
import { pyTruthy } from './truthy.js';
import type { AssertArgs } from '../../types/module-args.js';

const assert: ModuleDefinition<AssertArgs> = {
  name: 'assert',
  schema,
  async plan(ctx, args) {
    const conditions = Array.isArray(args.that) ? args.that : [args.that];
    for (const c of conditions) {
      const ok = typeof c === 'boolean' ? c : pyTruthy(ctx.evaluate(c, true));
      if (!ok) {
        const msg = String(args.fail_msg ?? args.msg ?? 'Assertion failed');
        return { state: 'ok', result: { failed: true, msg, assertion: c, evaluated_to: false } };
      }
    }
    const msg = String(args.success_msg ?? 'All assertions passed');
    // Ansible prints a passed assert's result unless quiet (debug_msg: the output's payload, not registered).
    return { state: 'ok', result: { msg, ...(args.quiet ? {} : { debug_result: { changed: false, msg } }) } };
  },
};
export default assert;
