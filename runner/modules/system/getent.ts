/**
 * getent: one `getent DATABASE [KEY]` on the host, answered as the fact `getent_DATABASE`: each
 * key maps to its other fields (split at `:` for passwd/group/shadow/gshadow, at blanks otherwise).
 */
import schema from '../../../schemas/modules/getent.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { GetentArgs } from '../../types/module-args.js';

const COLON_DATABASES = ['passwd', 'shadow', 'group', 'gshadow'];
const NOT_FOUND = 'One or more supplied key could not be found in the database.';

const getent: ModuleDefinition<GetentArgs> = {
  name: 'getent',
  schema,
  async plan(ctx, args) {
    const db = args.database;
    const key = args.key === undefined || args.key === null ? undefined : String(args.key);
    const command = ['getent', ...(args.service ? ['-s', args.service] : []), db, ...(key !== undefined ? [key] : [])];
    const r = await ctx.conn.exec(command.map(shq).join(' '), { become: ctx.become });
    const fact = `getent_${db}`;
    if (r.rc === 2) {
      if (args.fail_key === false) return { state: 'ok', result: { ansible_facts: { [fact]: { [key ?? '']: null } }, msg: NOT_FOUND } };
      throw new ModuleError(NOT_FOUND);
    }
    if (r.rc === 1) throw new ModuleError('Missing arguments, or database unknown.');
    if (r.rc === 3) throw new ModuleError('Enumeration not supported on this database.');
    if (r.rc !== 0) throw new ModuleError(`Unexpected failure! ${r.stderr.trim()}`);
    const split = args.split ?? (COLON_DATABASES.includes(db) ? ':' : undefined);
    return { state: 'ok', result: { ansible_facts: { [fact]: parseGetent(r.stdout, split) } } };
  },
};

/** Each line: its first field is the key, the others its value; a key seen again keeps its first fields. */
export function parseGetent(stdout: string, split: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    const fields = split === undefined ? line.trim().split(/\s+/) : line.split(split);
    const k = fields[0]!;
    if (!(k in out)) out[k] = fields.slice(1);
  }
  return out;
}

export default getent;
