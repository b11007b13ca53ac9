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
    if (text !== undefined && args.argv) throw new ModuleError('parameters are mutually exclusive: cmd|_raw_params, argv');
    const argv = args.argv?.map(String) ?? (text !== undefined ? splitWords(String(text)) : []);
    if (argv.length === 0) throw new ModuleError('no command given');
    return planRun(ctx, {
      script: argv.map(quoteExpanding).join(' '),
      cmd: argv,
      ...runOptions(args),
    });
  },
};

export default command;
