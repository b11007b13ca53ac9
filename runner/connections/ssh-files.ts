/**
 * File transfer for the SSH connection. As the login user: SFTP on the same connection into a
 * temp file beside the target, then one shell command checks the size, applies mode/owner and
 * renames it into place (a reader never sees a half-written file). Through sudo: base64 through
 * the become shell, which suits the config-sized files playbooks write.
 *
 * Every SFTP transfer has a progress deadline: when no request of it is answered for
 * TRANSFER_STALL_MS, it fails instead of waiting for ever. A link that dies is noticed sooner by
 * the connection's keepalives (the host becomes unreachable); the temp a cut upload leaves is
 * removed by the login shell when the host sees the connection end, or by the next write.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { shq, type ExecOptions, type ExecResult, type WriteFileOptions } from './connection.js';
import { writeScript } from './local.js';

type Run = (command: string, options?: ExecOptions) => Promise<ExecResult>;

const NO_SUCH_FILE = 2;
/** How long a transfer may have no request answered before it is given up. */
export const TRANSFER_STALL_MS = 30_000;
/** Bytes per SFTP read or write call (ssh2 splits a write into the server's packet size). */
const CHUNK = 256 * 1024;

export function tempPathFor(path: string): string {
  return posix.join(dirname(path), `.${basename(path)}.showrunner-${randomBytes(4).toString('hex')}`);
}

/** A transfer gave up for lack of progress: its SFTP session is in an unknown state. */
export class TransferStalledError extends Error {
  override name = 'TransferStalledError';
}

type Callback<T> = (err: (Error & { code?: number }) | null | undefined, value: T) => void;

/** One SFTP request with the transfer's deadline: rejects when it is not answered in time. */
function request<T>(what: string, stallMs: number, call: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new TransferStalledError(`${what}: the transfer made no progress for ${stallMs / 1000} s`)), stallMs);
    call((err, value) => {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value);
    });
  });
}

/** The error to report: a stall as it is, anything else prefixed with what failed. */
function rethrown(e: unknown, what: string): Error {
  if (e instanceof TransferStalledError) return e;
  return new Error(`${what}: ${(e as Error).message}`);
}

export async function sftpRead(sftp: SFTPWrapper, path: string, stallMs = TRANSFER_STALL_MS): Promise<Buffer | null> {
  const what = `cannot read ${path}`;
  let handle: Buffer;
  try {
    handle = await request<Buffer>(what, stallMs, (cb) => sftp.open(path, 'r', cb));
  } catch (e) {
    if ((e as { code?: number }).code === NO_SUCH_FILE) return null;
    throw rethrown(e, what);
  }
  const parts: Buffer[] = [];
  try {
    for (let position = 0; ;) {
      const buf = Buffer.allocUnsafe(CHUNK);
      const n = await request<number>(what, stallMs, (cb) => sftp.read(handle, buf, 0, CHUNK, position, cb));
      if (!n) break;
      parts.push(buf.subarray(0, n));
      position += n;
    }
  } catch (e) {
    // ssh2 reports the end of the file as an EOF status on a read.
    if ((e as { code?: number }).code !== 1) throw rethrown(e, what);
  } finally {
    sftp.close(handle, () => {});
  }
  return Buffer.concat(parts);
}

/**
 * Upload into a temp file (0600), then size/mode/owner/rename in one shell command. `remember`
 * tells the login shell the temp's name first, so that the shell removes it if the connection
 * ends before the rename.
 */
export async function sftpWrite(sftp: SFTPWrapper, run: Run, remember: (tmp: string) => void, path: string, data: Buffer,
  options: WriteFileOptions, stallMs = TRANSFER_STALL_MS): Promise<void> {
  const what = `cannot write ${path}`;
  const tmp = tempPathFor(path);
  remember(tmp);
  try {
    const handle = await request<Buffer>(what, stallMs, (cb) => sftp.open(tmp, 'w', { mode: 0o600 }, cb));
    try {
      for (let offset = 0; offset < data.length; offset += CHUNK) {
        const len = Math.min(CHUNK, data.length - offset);
        await request<void>(what, stallMs, (cb) => sftp.write(handle, data, offset, len, offset, (err) => cb(err, undefined)));
      }
    } catch (e) {
      sftp.close(handle, () => {}); // not waited for: after a stall it may never be answered
      throw e;
    }
    await request<void>(what, stallMs, (cb) => sftp.close(handle, (err) => cb(err, undefined)));
  } catch (e) {
    await run(`rm -f ${shq(tmp)}`).catch(() => {});
    throw rethrown(e, what);
  }
  const r = await run(finishScript(path, tmp, data.length, options));
  if (r.rc !== 0) throw new Error(`${what}: ${r.stderr.trim()}`);
}

/** Read through a shell (the become shell): null when the file does not exist. */
export async function shellRead(run: Run, path: string): Promise<Buffer | null> {
  const r = await run(`[ -e ${shq(path)} ] || exit 3; base64 < ${shq(path)}`);
  if (r.rc === 3) return null;
  if (r.rc !== 0) throw new Error(`cannot read ${path}: ${r.stderr.trim()}`);
  return Buffer.from(r.stdout, 'base64');
}

/** Write through a shell (the become shell): base64 on stdin, decoded into a temp file, renamed. */
export async function shellWrite(run: Run, path: string, data: Buffer, options: WriteFileOptions): Promise<void> {
  const r = await run(writeScript(path, tempPathFor(path), options, data.length), { stdin: data.toString('base64') });
  if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
}

/** Size check, mode (given, else the replaced file's, else 0644), owner, then the atomic rename. */
function finishScript(path: string, tmp: string, size: number, o: WriteFileOptions): string {
  const p = shq(path), t = shq(tmp);
  const whole = `[ "$(wc -c < ${t})" -eq ${size} ] || { echo "transfer cut short" >&2; false; }`;
  const mode = o.mode
    ? `chmod ${shq(o.mode)} ${t}`
    : `if [ -e ${p} ]; then chmod "$(stat -c %a ${p})" ${t}; else chmod 0644 ${t}; fi`;
  const own = o.owner || o.group ? `chown ${shq(`${o.owner ?? ''}${o.group ? ':' + o.group : ''}`)} ${t}` : ':';
  // Temps of this same file left by an earlier transfer cut mid-way (a link that died) go too.
  const stale = `${shq(posix.join(dirname(path), `.${basename(path)}.showrunner-`))}????????`;
  return `{ ${whole} && ${mode} && ${own} && mv -f ${t} ${p}; } || { rm -f ${t}; exit 1; }; for s in ${stale}; do [ -f "$s" ] && rm -f -- "$s"; done; :`;
}
