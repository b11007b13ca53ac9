/**
 * validate_argument_spec: the check a role's meta/argument_specs.yml makes before the role's
 * tasks run (the loader puts this task first in the role), or one a task asks for. Fails with
 * Ansible's "Validation of arguments failed" and each problem, where the option is written.
 */
import schema from '../../../schemas/modules/validate_argument_spec.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { checkOptions, type OptionSpec } from './argument-spec.js';
import type { ValidateArgumentSpecArgs } from '../../types/module-args.js';

const validateArgumentSpec: ModuleDefinition<ValidateArgumentSpecArgs> = {
  name: 'validate_argument_spec',
  schema,
  async plan(ctx, args) {
    const spec = args.argument_spec as Record<string, OptionSpec>;
    const { positions, ...context } = (args.validate_args_context ?? {}) as { positions?: Record<string, string> } & Record<string, unknown>;
    let values = args.provided_arguments as Record<string, unknown> | undefined;
    if (!values) {
      values = {};
      for (const name of Object.keys(spec)) if (name in ctx.vars) values[name] = ctx.evaluate(name);
    }
    const errors = checkOptions(spec, values);
    if (!errors.length) return { state: 'ok', result: { argument_errors: [], argument_spec_data: spec, validate_args_context: context, msg: 'The arg spec validation passed' } };
    const where = (path: string[]) => {
      for (let n = path.length; n > 0; n--) {
        const at = positions?.[path.slice(0, n).join('.')];
        if (at) return `${at}: `;
      }
      return '';
    };
    const lines = errors.map((e) => `${where(e.path)}${e.message}`);
    throw new ModuleError(`Validation of arguments failed:\n${lines.join('\n')}`, {
      argument_errors: errors.map((e) => e.message), argument_spec_data: spec, validate_args_context: context,
    });
  },
};

export default validateArgumentSpec;
