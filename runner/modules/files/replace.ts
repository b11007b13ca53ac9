/** replace: every match of a regular expression in a file replaced (see replace-edit.ts). */
import schema from '../../../schemas/modules/replace.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { replaceAll } from './replace-edit.js';
import { planTextEdit } from './text-edit-plan.js';
import type { ReplaceArgs } from '../../types/module-args.js';

const replace: ModuleDefinition<ReplaceArgs> = {
  name: 'replace',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest ?? args.destfile ?? args.name!;
    if (args.encoding && !/^utf-?8$/i.test(args.encoding)) throw new ModuleError(`encoding ${args.encoding} is not supported (only utf-8)`);
    const plan = await planTextEdit(ctx, {
      path,
      args: { ...args, create: false },
      edit: (text) => replaceAll(text ?? '', { regexp: args.regexp, replace: args.replace ?? '', after: args.after, before: args.before }),
      missingMessage: `Path ${path} does not exist !`,
      backupKey: 'backup_file',
    });
    // Ansible's replace also answers rc 0.
    const apply = plan.apply;
    return { ...plan, result: { ...plan.result, rc: 0 }, apply: apply && (async () => ({ ...(await apply()), rc: 0 })) };
  },
};

export default replace;
