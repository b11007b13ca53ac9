/**
 * The one interface every transport implements (local, ssh). The engine and the modules speak
 * only this; a transport decides how to make it cheap (one SSH connection per host, a long-lived
 * remote shell that commands are written to, SFTP on the same connection).
 */

/** What running one command produced. stdout/stderr are never mixed; rc is the shell's exit code. */
export interface ExecResult {
  rc: number;
  stdout: string;
  stderr: string;
}

/** How to run with elevated rights (sudo), as Ansible's become/become_user/become_password. */
export interface Become {
  user: string; // usually 'root'
  password?: string; // never put on a command line
}

export interface ExecOptions {
  /** Data written to the command's stdin (then closed). */
  stdin?: string | Buffer;
  become?: Become;
  /** Kill the command and reject with CommandTimeoutError after this long. */
  timeoutMs?: number;
  /** Directory to run in. */
  cwd?: string;
  env?: Record<string, string>;
  /** Output as it arrives (stdout and stderr), for progress lines on long commands. */
  onOutput?: (chunk: string) => void;
  /**
   * The command only reads the host (a plan's probe): what is known of the host's paths stays
   * valid (engine/known-paths.ts). Any other command, and every file write, may have changed it.
   */
  planRead?: boolean;
}

export interface WriteFileOptions {
  become?: Become;
  /** Octal string such as '0644'; applied to the temp file before the rename. */
  mode?: string;
  owner?: string;
  group?: string;
}

/**
 * A session with one host. `exec` runs a POSIX shell command (`/bin/sh -c` semantics).
 * `readFile` returns null when the file does not exist. `writeFile` writes to a temp file in the
 * same directory and renames it into place, so a reader never sees a half-written file.
 */
export interface Connection {
  readonly name: string;
  /** Open the session. Throws UnreachableError (host down, auth refused, host key refused). */
  connect(): Promise<void>;
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  readFile(path: string, options?: { become?: Become }): Promise<Buffer | null>;
  writeFile(path: string, data: string | Buffer, options?: WriteFileOptions): Promise<void>;
  close(): Promise<void>;
  /** Round trips made so far (commands + file transfers); for the benchmark and -v output. */
  readonly roundTrips: number;
}

/** `conn` with some of its operations replaced; the others, its name and its round trips pass through. */
export function wrapConnection(conn: Connection, over: Partial<Pick<Connection, 'connect' | 'exec' | 'readFile' | 'writeFile' | 'close'>>): Connection {
  return {
    get name() { return conn.name; },
    get roundTrips() { return conn.roundTrips; },
    connect: over.connect ?? (() => conn.connect()),
    exec: over.exec ?? ((command, options) => conn.exec(command, options)),
    readFile: over.readFile ?? ((path, options) => conn.readFile(path, options)),
    writeFile: over.writeFile ?? ((path, data, options) => conn.writeFile(path, data, options)),
    close: over.close ?? (() => conn.close()),
  };
}

/** The host cannot be used at all: connect failed, auth refused, host key refused, connection lost. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

/** A command ran longer than its timeout and was stopped. */
export class CommandTimeoutError extends Error {
  override name = 'CommandTimeoutError';
}

/** Quote a string for POSIX sh: the only quoting helper modules should use. */
export function shq(s: string): string {
  if (s !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** By name too: a module loaded twice (test loaders) must not turn UNREACHABLE into FAILED. */
export function isUnreachable(e: unknown): e is UnreachableError {
  return e instanceof UnreachableError || (e instanceof Error && e.name === 'UnreachableError');
}
