/**
 * A task's `environment:` and `timeout:` applied to every command a module runs, without modules
 * knowing: each command gets the task's variables and what is left of its time.
 */
import { CommandTimeoutError, wrapConnection, type Connection, type ExecOptions } from './connection.js';

export interface TaskLimits {
  env?: Record<string, string>;
  /** Epoch ms by which the task must be done. */
  deadline?: number;
  /** For the message when the time is up. */
  timeoutSec?: number;
}

export function forTask(conn: Connection, limits: TaskLimits): Connection {
  const env = limits.env ?? {};
  if (!Object.keys(env).length && limits.deadline === undefined) return conn;
  const exec = (command: string, options: ExecOptions = {}) => {
    const o: ExecOptions = { ...options, env: { ...env, ...options.env } };
    if (limits.deadline !== undefined) {
      const left = limits.deadline - Date.now();
      if (left <= 0) return Promise.reject(new CommandTimeoutError(timeUp(limits, command)));
      o.timeoutMs = Math.min(options.timeoutMs ?? Infinity, left);
      return conn.exec(command, o).catch((e: unknown) => {
        throw e instanceof Error && e.name === 'CommandTimeoutError' ? new CommandTimeoutError(timeUp(limits, command)) : e;
      });
    }
    return conn.exec(command, o);
  };
  return wrapConnection(conn, { exec });
}

function timeUp(limits: TaskLimits, command: string): string {
  const shown = command.length > 120 ? `${command.slice(0, 117)}...` : command;
  return `the task took longer than its timeout of ${limits.timeoutSec} s and was stopped (it was running: ${shown})`;
}
