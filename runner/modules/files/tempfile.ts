/**
 * tempfile: a new temporary file or directory with mktemp. Its name cannot be known beforehand,
 * so it always plans `run`; the result has the path and its owner and mode, as Ansible's.
 */
import schema from '../../../schemas/modules/tempfile.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { shq } from '../../connections/connection.js';
import type { TempfileArgs } from '../../types/module-args.js';
import { runStep } from '../plan-steps.js';

const tempfile: ModuleDefinition<TempfileArgs> = {
  name: 'tempfile',
  schema,
  async plan(ctx, args) {
    const state = args.state ?? 'file';
    const prefix = args.prefix ?? 'ansible.';
    const suffix = args.suffix ?? '';
    const dir = args.path;
    const where = dir === undefined ? '"${TMPDIR:-/tmp}"' : shq(dir);
    const flag = state === 'directory' ? ' -d' : '';
    const make = `mktemp${flag} -p ${where} --suffix=${shq(suffix)} ${shq(`${prefix}XXXXXXXX`)}`;
    return {
      state: 'run',
      steps: [runStep(make, `a new temporary ${state}`)],
      summary: `create a temporary ${state}${dir ? ` in ${dir}` : ''}`,
      result: { state, path: null },
      apply: async () => {
        const script = `p=$(${make}) || exit 1; `
          + `stat -c '%u %g %U %G %a %s' "$p"; printf '%s\\n' "$p"`;
        const r = await ctx.conn.exec(script, { become: ctx.become });
        if (r.rc !== 0) throw new ModuleError(`could not create the temporary ${state}: ${r.stderr.trim()}`);
        const [info = '', path = ''] = r.stdout.trim().split('\n');
        const [uid, gid, owner, group, mode, size] = info.split(' ');
        return {
          changed: true, path, state, uid: Number(uid), gid: Number(gid), owner, group,
          mode: `0${mode}`.slice(-4), size: Number(size),
        };
      },
    };
  },
};

export default tempfile;
