/**
 * lineinfile: make sure one line is in a file (replacing the line a regexp or search string
 * finds) or that matching lines are gone. Placement rules live in lineinfile-edit.ts.
 */
import schema from '../../../schemas/modules/lineinfile.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition, type Plan } from '../contract.js';
import { lineAbsent, linePresent } from './lineinfile-edit.js';
import { planTextEdit } from './text-edit-plan.js';
import type { LineinfileArgs } from '../../types/module-args.js';

const lineinfile: ModuleDefinition<LineinfileArgs> = {
  name: 'lineinfile',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest ?? args.destfile ?? args.name;
    if (!path) throw new ModuleError('path is required');
    const regexp = args.regexp ?? args.regex;
    const line = args.line ?? args.value;
    const exclusive: [string, unknown, unknown][] = [
      ['insertbefore and insertafter', args.insertbefore, args.insertafter],
      ['regexp and search_string', regexp, args.search_string],
      ['backrefs and search_string', args.backrefs || undefined, args.search_string],
    ];
    for (const [names, a, b] of exclusive) {
      if (a !== undefined && b !== undefined) throw new ModuleError(`parameters are mutually exclusive: ${names}`);
    }
    if (args.state === 'absent') {
      if (regexp === undefined && args.search_string === undefined && line === undefined) {
        throw new ModuleError('one of line, search_string, or regexp is required with state=absent');
      }
      return planTextEdit(ctx, {
        path, args: { ...args, create: false },
        edit: (text) => lineAbsent(text ?? '', { line, regexp, search_string: args.search_string }),
        missingOk: { msg: 'file not present', found: 0 },
        missingMessage: '', backupKey: 'backup',
      });
    }
    if (args.backrefs && regexp === undefined) throw new ModuleError('regexp is required with backrefs=true');
    if (line === undefined) throw new ModuleError('line is required with state=present');
    const plan = await planTextEdit(ctx, {
      path, args,
      edit: (text) => linePresent(text ?? '', {
        line, regexp, search_string: args.search_string, insertafter: args.insertafter,
        insertbefore: args.insertbefore, backrefs: args.backrefs, firstmatch: args.firstmatch,
      }),
      missingMessage: `Destination ${path} does not exist ! (create: true creates it)`,
      backupKey: 'backup',
    });
    if (regexp === '') return withWarning(plan, EMPTY_REGEXP);
    return args.search_string === '' ? withWarning(plan, EMPTY_SEARCH) : plan;
  },
};

/** Ansible's warning for `regexp: ''` (it matches every line, so the last one is replaced). */
const EMPTY_REGEXP = "The regular expression is an empty string, which will match every line in the file. "
  + 'This may have unintended consequences, such as replacing the last line in the file rather than appending. '
  + "If this is desired, use '^' to match every line in the file and avoid this warning.";

const EMPTY_SEARCH = 'The search string is an empty string, which will match every line in the file. '
  + 'This may have unintended consequences, such as replacing the last line in the file rather than appending.';

function withWarning(plan: Plan, warning: string): Plan {
  const warnings = [warning];
  const apply = plan.apply;
  return { ...plan, result: { ...plan.result, warnings }, apply: apply && (async () => ({ ...(await apply()), warnings })) };
}

export default lineinfile;
