/** A task's `environment:` applied to every command a module runs, without modules knowing. */
import type { Connection, ExecOptions } from './connection.js';

export function withEnvironment(conn: Connection, env: Record<string, string>): Connection {
  if (!Object.keys(env).length) return conn;
  return {
    get name() { return conn.name; },
    get roundTrips() { return conn.roundTrips; },
    connect: () => conn.connect(),
    exec: (command: string, options: ExecOptions = {}) => conn.exec(command, { ...options, env: { ...env, ...options.env } }),
    readFile: (path, options) => conn.readFile(path, options),
    writeFile: (path, data, options) => conn.writeFile(path, data, options),
    close: () => conn.close(),
  };
}
