/**
 * async_status: reads a job that an `async` task started (runner/modules/system/async-job.ts).
 * Running: ok with `finished: 0`. Finished: the job's result, changed as the command it ran
 * (failed when its rc is not 0). `mode: cleanup` removes the job's folder.
 */
import schema from '../../../schemas/modules/async_status.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { shq } from '../../connections/connection.js';
import { runStep } from '../plan-steps.js';
import { finishedResult, readJob } from './async-job.js';
import type { AsyncStatusArgs } from '../../types/module-args.js';

const asyncStatus: ModuleDefinition<AsyncStatusArgs> = {
  name: 'async_status',
  schema,
  async plan(ctx, args) {
    const jid = args.jid;
    const job = await readJob(ctx.conn, jid, ctx.become);
    if (args.mode === 'cleanup') {
      if (job.state === 'missing') return { state: 'ok', result: { ansible_job_id: jid } };
      const rm = `rm -rf -- ${shq(job.dir)}`;
      return {
        state: 'change', summary: `remove job ${jid}`, steps: [runStep(rm)], result: { ansible_job_id: jid, erased: job.dir },
        apply: async () => {
          const r = await ctx.conn.exec(rm, { become: ctx.become });
          if (r.rc !== 0) throw new ModuleError(`cannot remove ${job.dir}: ${r.stderr.trim()}`);
        },
      };
    }
    if (job.state === 'missing') throw new ModuleError('could not find job', { ansible_job_id: jid, started: 1, finished: 1 });
    if (job.state === 'running') return { state: 'ok', result: { ansible_job_id: jid, started: 1, finished: 0, results_file: job.dir } };
    const result = finishedResult(jid, job);
    // A job recorded whole by a task that had nothing to do says so itself.
    if (job.result?.changed === false) return { state: 'ok', result: { ...result, changed: false } };
    // The job ran a command: changed, as the command is (the outcome is only read here).
    return { state: 'change', summary: `job ${jid} finished (rc ${job.rc})`, result, apply: async () => result };
  },
};

export default asyncStatus;
