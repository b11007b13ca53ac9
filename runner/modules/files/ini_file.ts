/** ini_file (community.general): one option or section of an INI file, edited in place (see ini-edit.ts). */
import schema from '../../../schemas/modules/ini_file.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { editIni } from './ini-edit.js';
import { planTextEdit } from './text-edit-plan.js';
import type { IniFileArgs } from '../../types/module-args.js';

const iniFile: ModuleDefinition<IniFileArgs> = {
  name: 'ini_file',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest!;
    if (args.value !== undefined && args.values !== undefined) throw new ModuleError('parameters are mutually exclusive: value|values');
    const values = (args.values ?? (args.value !== undefined && args.value !== null ? [args.value] : [])).map(text);
    return planTextEdit(ctx, {
      path,
      args: { ...args, create: args.create !== false },
      edit: (current) => editIni(current, {
        section: args.section, option: args.option, values, present: args.state !== 'absent',
        exclusive: args.exclusive !== false, noExtraSpaces: args.no_extra_spaces === true, allowNoValue: args.allow_no_value === true,
      }),
      missingMessage: `Destination ${path} does not exist!`,
      backupKey: 'backup_file',
    });
  },
};

/** Values as Ansible's str type makes them: booleans True/False, numbers as written. */
function text(v: string | number | boolean): string {
  return typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
}

export default iniFile;
