/** slurp: read a file on the host and return it base64-encoded, as Ansible's slurp. Changes nothing. */
import schema from '../../../schemas/modules/slurp.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { probePath } from './probe.js';
import type { SlurpArgs } from '../../types/module-args.js';

const slurp: ModuleDefinition<SlurpArgs> = {
  name: 'slurp',
  schema,
  async plan(ctx, args) {
    const src = args.src ?? args.path!;
    const info = await probePath(ctx, src, { follow: true });
    if (info.kind === 'directory') throw new ModuleError(`source is a directory and must be a file: ${src}`);
    const data = info.kind === 'absent' ? null : await ctx.conn.readFile(src, { become: ctx.become });
    if (data === null) throw new ModuleError(`file not found: ${src}`);
    return { state: 'ok', result: { content: data.toString('base64'), encoding: 'base64', source: src } };
  },
};

export default slurp;
