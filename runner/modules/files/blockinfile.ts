/**
 * blockinfile: keep a block of lines between marker lines in a file, or remove it. Placement
 * rules live in blockinfile-edit.ts.
 */
import schema from '../../../schemas/modules/blockinfile.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { editBlock } from './blockinfile-edit.js';
import { planTextEdit } from './text-edit-plan.js';
import type { BlockinfileArgs } from '../../types/module-args.js';

const blockinfile: ModuleDefinition<BlockinfileArgs> = {
  name: 'blockinfile',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest ?? args.destfile ?? args.name;
    if (!path) throw new ModuleError('path is required');
    if (args.insertafter !== undefined && args.insertbefore !== undefined) {
      throw new ModuleError('parameters are mutually exclusive: insertbefore and insertafter');
    }
    const present = args.state !== 'absent';
    return planTextEdit(ctx, {
      path, args,
      edit: (text) => editBlock(text, {
        block: args.block ?? args.content ?? '',
        present,
        marker: args.marker ?? '# {mark} ANSIBLE MANAGED BLOCK',
        marker_begin: args.marker_begin ?? 'BEGIN',
        marker_end: args.marker_end ?? 'END',
        insertafter: args.insertafter,
        insertbefore: args.insertbefore,
        append_newline: args.append_newline,
        prepend_newline: args.prepend_newline,
      }),
      missingOk: present ? undefined : { msg: `File ${path} not present` },
      missingMessage: `Path ${path} does not exist ! (create: true creates it)`,
      backupKey: 'backup_file',
    });
  },
};

export default blockinfile;
