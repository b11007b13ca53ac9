/** shell: the text runs through a shell (`/bin/sh` unless `executable` names another). */
import type { ModuleDefinition } from '../contract.js';
import { ModuleError } from '../contract.js';
import { shq } from '../../connections/connection.js';
import schema from '../../../schemas/modules/shell.json' with { type: 'json' };
import { planRun, runOptions } from './run-command.js';
import type { ShellArgs } from '../../types/module-args.js';

const shell: ModuleDefinition<ShellArgs> = {
  name: 'shell',
  schema,
  freeForm: '_raw_params',
  async plan(ctx, args) {
    const text = args._raw_params ?? args.cmd;
    if (text === undefined || String(text).trim() === '') throw new ModuleError('no command given', { rc: 256 });
    const script = String(text);
    return planRun(ctx, {
      script: args.executable ? `${shq(args.executable)} -c ${shq(script)}` : script,
      cmd: script,
      ...runOptions(args),
    });
  },
};

export default shell;
