/**
 * command: runs a program with its arguments and no shell: every word is quoted, so `|`, `>`,
 * `;` and `*` reach the program literally ($VAR and ~ are expanded, as Ansible does).
 */
import type { ModuleDefinition } from '../contract.js';
import { ModuleError } from '../contract.js';
import schema from '../../../schemas/modules/command.json' with { type: 'json' };
import { planRun, runOptions } from './run-command.js';
import { splitWords, quoteExpanding } from './shell-words.js';
import type { CommandArgs } from '../../types/module-args.js';

const command: ModuleDefinition<CommandArgs> = {
  name: 'command',
  schema,
  freeForm: '_raw_params',
  async plan(ctx, args) {
    const text = args._raw_params ?? args.cmd;
    if (text !== undefined && args.argv) throw new ModuleError('only command or argv can be given, not both', { rc: 256 });
    const argv = args.argv?.map(String) ?? (text !== undefined ? splitWords(String(text)) : []);
    if (argv.length === 0) throw new ModuleError('no command given', { rc: 256 });
    const plan = await planRun(ctx, {
      script: argv.map(quoteExpanding).join(' '),
      cmd: argv,
      ...runOptions(args),
    });
    if (args.executable === undefined) return plan;
    const warnings = [`As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${args.executable}'.`];
    const apply = plan.apply;
    return { ...plan, result: { ...plan.result, warnings }, apply: apply && (async () => ({ ...(await apply()), warnings })) };
  },
};

export default command;
