/**
 * ping: proves the host answers and runs commands (one `echo` over the connection, where Ansible
 * runs its Python module). Returns `ping: pong`, or `data`; `data: crash` fails as Ansible's does.
 */
import schema from '../../../schemas/modules/ping.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { PingArgs } from '../../types/module-args.js';

const ping: ModuleDefinition<PingArgs> = {
  name: 'ping',
  schema,
  async plan(ctx, args) {
    const data = args.data ?? 'pong';
    if (data === 'crash') throw new ModuleError('boom');
    const r = await ctx.conn.exec('echo pong', { become: ctx.become });
    if (r.rc !== 0 || r.stdout.trim() !== 'pong') throw new ModuleError(`the host did not answer: ${r.stderr.trim() || `rc ${r.rc}`}`);
    return { state: 'ok', result: { ping: data } };
  },
};

export default ping;
