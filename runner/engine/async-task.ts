/**
 * `async` / `poll` on a task: once planning is over, each command the module runs becomes a job
 * on the host (runner/modules/system/async-job.ts). With a poll interval the engine checks on
 * the job every `poll` seconds until it ends or its `async` seconds are up (the task fails then);
 * with `poll: 0` the job is started and the task goes on, its id registered for `async_status`.
 */
import { wrapConnection, type Connection, type ExecOptions, type ExecResult } from '../connections/connection.js';
import { launchScript, newJobId, readJob, recordDoneScript, saveStartResult } from '../modules/system/async-job.js';
import type { ModuleResult } from '../modules/contract.js';

export class AsyncTimeoutError extends Error {
  override name = 'AsyncTimeoutError';
  constructor(readonly limitSec: number, readonly job: { jid: string; dir: string }) {
    super(`async task did not complete within the requested time - ${limitSec}s`);
  }
}

export interface AsyncTask {
  /** The connection apply runs on: commands become jobs once `arm` was called. */
  conn: Connection;
  arm(): void;
  /** What the task reports: the job's keys added to the module's result (poll 0: the start, the rest saved for async_status). */
  finish(result: ModuleResult): Promise<ModuleResult>;
}

export function asyncTask(conn: Connection, limitSec: number, pollSec: number): AsyncTask {
  let armed = false;
  const deadline = () => started + limitSec * 1000;
  let started = 0;
  const jobs: { jid: string; dir: string; options: ExecOptions }[] = [];

  const exec = async (command: string, options: ExecOptions = {}): Promise<ExecResult> => {
    if (!armed) return conn.exec(command, options);
    if (pollSec === 0 && jobs.length) throw new Error('a task with poll: 0 runs one command only');
    const jid = newJobId();
    const { stdin, onOutput: _o, timeoutMs: _t, ...rest } = options;
    const launch = await conn.exec(launchScript(jid, command, limitSec, stdin), rest);
    if (launch.rc !== 0) throw new Error(`could not start the async job: ${launch.stderr.trim() || `rc ${launch.rc}`}`);
    const job = { jid, dir: launch.stdout.trim(), options: rest };
    jobs.push(job);
    if (pollSec === 0) return { rc: 0, stdout: '', stderr: '' };
    for (;;) {
      const state = await readJob(conn, jid, rest.become);
      if (state.state === 'finished' && !state.timedOut) return { rc: state.rc, stdout: state.stdout, stderr: state.stderr };
      const left = deadline() - Date.now();
      if (left <= 0 || (state.state === 'finished' && state.timedOut)) throw new AsyncTimeoutError(limitSec, job);
      await new Promise((res) => setTimeout(res, Math.min(pollSec * 1000, left)));
    }
  };

  const wrapped = wrapConnection(conn, { exec });

  return {
    conn: wrapped,
    arm() { armed = true; started = Date.now(); },
    async finish(result) {
      const job = jobs.at(-1);
      if (!job && pollSec > 0) return { ...result, started: 1, finished: 1 };
      if (!job) {
        // Nothing to do (an ok plan): the job is recorded as done, with the module's result, for async_status.
        const jid = newJobId();
        const r = await conn.exec(recordDoneScript(jid));
        if (r.rc !== 0) throw new Error(`could not record the async job: ${r.stderr.trim() || `rc ${r.rc}`}`);
        await saveStartResult(conn, r.stdout.trim(), result);
        return { ansible_job_id: jid, results_file: r.stdout.trim(), started: 1, finished: 0, changed: result.changed ?? false };
      }
      const keys = { ansible_job_id: job.jid, results_file: job.dir, started: 1 };
      if (pollSec > 0) return { ...result, ...keys, finished: 1 };
      // What the module knows without the outcome (cmd...): async_status reports it with rc and output.
      const { rc: _rc, stdout: _so, stderr: _se, stdout_lines: _sol, stderr_lines: _sel, start: _s, end: _e, delta: _d, msg: _m, failed: _f, changed: _c, ...known } = result;
      await saveStartResult(conn, job.dir, known, job.options.become);
      return { ...keys, finished: 0, changed: true };
    },
  };
}

/** An AsyncTimeoutError as the task's failed result, in Ansible's words and keys. */
export function asyncTimeoutResult(e: AsyncTimeoutError): ModuleResult {
  return {
    failed: true, changed: false, msg: e.message,
    async_result: { ansible_job_id: e.job.jid, started: 1, finished: 0, results_file: e.job.dir, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] },
  };
}
