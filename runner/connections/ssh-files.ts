/**
 * File transfer for the SSH connection. As the login user: SFTP on the same connection into a
 * temp file beside the target, then one shell command applies mode/owner and renames it into
 * place (a reader never sees a half-written file). Through sudo: base64 through the become
 * shell, which suits the config-sized files playbooks write.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, posix } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { shq, type ExecOptions, type ExecResult, type WriteFileOptions } from './connection.js';
import { writeScript } from './local.js';

type Run = (command: string, options?: ExecOptions) => Promise<ExecResult>;

const NO_SUCH_FILE = 2;

export function tempPathFor(path: string): string {
  return posix.join(dirname(path), `.${basename(path)}.showrunner-${randomBytes(4).toString('hex')}`);
}

export function sftpRead(sftp: SFTPWrapper, path: string): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    sftp.readFile(path, (err: (Error & { code?: number }) | null | undefined, data: Buffer) => {
      if (!err) return resolve(data);
      if (err.code === NO_SUCH_FILE) return resolve(null);
      reject(new Error(`cannot read ${path}: ${err.message}`));
    });
  });
}

/** Upload into a temp file (0600), then mode/owner/rename in one shell command. */
export async function sftpWrite(sftp: SFTPWrapper, run: Run, path: string, data: Buffer, options: WriteFileOptions): Promise<void> {
  const tmp = tempPathFor(path);
  await new Promise<void>((resolve, reject) => {
    sftp.writeFile(tmp, data, { mode: 0o600 }, (err) => (err ? reject(new Error(`cannot write ${path}: ${err.message}`)) : resolve()));
  });
  const r = await run(finishScript(path, tmp, options));
  if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
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
  const r = await run(writeScript(path, tempPathFor(path), options), { stdin: data.toString('base64') });
  if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
}

/** Mode (given, else the replaced file's, else 0644), owner, then the atomic rename. */
function finishScript(path: string, tmp: string, o: WriteFileOptions): string {
  const p = shq(path), t = shq(tmp);
  const mode = o.mode
    ? `chmod ${shq(o.mode)} ${t}`
    : `if [ -e ${p} ]; then chmod "$(stat -c %a ${p})" ${t}; else chmod 0644 ${t}; fi`;
  const own = o.owner || o.group ? `chown ${shq(`${o.owner ?? ''}${o.group ? ':' + o.group : ''}`)} ${t}` : ':';
  // Temps of this same file left by an earlier transfer cut mid-way (a link that died) go too.
  const stale = `${shq(posix.join(dirname(path), `.${basename(path)}.showrunner-`))}????????`;
  return `{ ${mode} && ${own} && mv -f ${t} ${p}; } || { rm -f ${t}; exit 1; }; for s in ${stale}; do [ -f "$s" ] && rm -f -- "$s"; done; :`;
}
