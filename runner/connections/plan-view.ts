/**
 * The connection a plan sees: reads pass, a file write throws while the module is planning (a
 * plan only reads the host). The engine opens it for writing only when it applies the plan. A
 * command cannot be told to be a read, so a shell write in a plan is caught by the tests that
 * snapshot the host around every --check (test/modules/plan-guard.test.ts), not here.
 */
import { createHash } from 'node:crypto';
import { wrapConnection, type Connection } from './connection.js';

export class PlanWriteError extends Error {
  override name = 'PlanWriteError';
}

export interface PlanView {
  conn: Connection;
  /** Planning is over: apply (or settle) may write from now on. */
  open(): void;
  /** A sha256 of what the plan read on the host (each command and its output, each file read). */
  reads(): string;
}

export function planView(conn: Connection, module: string): PlanView {
  let planning = true;
  const seen = createHash('sha256');
  const note = (...parts: (string | Buffer)[]) => { if (planning) for (const p of parts) seen.update(p).update('\0'); };
  const view = wrapConnection(conn, {
    exec: async (command, options) => {
      const r = await conn.exec(command, planning ? { ...options, planRead: true } : options);
      note('exec', command, String(r.rc), r.stdout, r.stderr);
      return r;
    },
    readFile: async (path, options) => {
      const data = await conn.readFile(path, options);
      note('read', path, data ?? '\0absent');
      return data;
    },
    writeFile: (path, data, options) => {
      if (planning) {
        return Promise.reject(new PlanWriteError(`${module} tried to write ${path} while planning (a bug in the module: a plan only reads the host)`));
      }
      return conn.writeFile(path, data, options);
    },
  });
  return { conn: view, open: () => { planning = false; }, reads: () => seen.copy().digest('hex') };
}
