/**
 * raw: the line goes to the host's shell as written (no quoting, no creates/removes), as Ansible's
 * raw does. It cannot know what the line does, so it always plans `run` (Ansible: changed).
 */
import schema from '../../../schemas/modules/raw.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import type { ModuleDefinition } from '../contract.js';
import { ModuleError } from '../contract.js';
import { progressLines } from './progress.js';
import { rawResult } from './raw-result.js';
import type { RawArgs } from '../../types/module-args.js';
import { runStep } from '../plan-steps.js';

const raw: ModuleDefinition<RawArgs> = {
  name: 'raw',
  schema,
  freeForm: '_raw_params',
  async plan(ctx, args) {
    const line = args._raw_params;
    if (line === undefined || line.trim() === '') throw new ModuleError('no command given');
    const script = args.executable ? `${shq(args.executable)} -c ${shq(line)}` : line;
    return {
      state: 'run',
      steps: [runStep(script)],
      summary: `run ${line}`,
      result: { stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], rc: null },
      apply: async () => rawResult(await ctx.conn.exec(script, { become: ctx.become, onOutput: progressLines(ctx) })),
    };
  },
};

export default raw;
