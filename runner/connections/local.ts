/** The local machine as a host (`connection: local`): commands via /bin/sh, files via fs. */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { dirname, basename, join, posix } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  type Connection, type ExecOptions, type ExecResult, type WriteFileOptions, type Become,
  CommandTimeoutError, shq,
} from './connection.js';

const isRoot = process.getuid?.() === 0;

export class LocalConnection implements Connection {
  roundTrips = 0;
  constructor(readonly name = 'localhost') {}

  async connect(): Promise<void> {}

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.roundTrips++;
    let script = command;
    if (options.cwd) script = `cd ${shq(options.cwd)} && ${script}`;
    const argv = needsSudo(options.become)
      ? ['sudo', '-S', '-p', '', '-u', options.become!.user, '/bin/sh', '-c', script]
      : ['/bin/sh', '-c', script];
    let stdin = options.stdin;
    if (needsSudo(options.become) && options.become!.password !== undefined) {
      stdin = `${options.become!.password}\n${stdin ?? ''}`;
    }
    return new Promise((resolve, reject) => {
      const child = spawn(argv[0]!, argv.slice(1), {
        env: { ...process.env, LC_ALL: 'C', ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
        // its own process group, so a timeout stops the command's children too
        detached: true,
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => { out.push(d); options.onOutput?.(d.toString('utf8')); });
      child.stderr.on('data', (d: Buffer) => { err.push(d); options.onOutput?.(d.toString('utf8')); });
      let timer: NodeJS.Timeout | undefined;
      if (options.timeoutMs) {
        timer = setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
          reject(new CommandTimeoutError(`command timed out after ${options.timeoutMs} ms: ${command}`));
        }, options.timeoutMs);
      }
      child.on('error', reject);
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({
          rc: code ?? (signal ? 128 + 9 : 1),
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(stdin ?? '');
    });
  }

  async readFile(path: string, options: { become?: Become } = {}): Promise<Buffer | null> {
    if (needsSudo(options.become)) {
      const r = await this.exec(`[ -e ${shq(path)} ] || exit 3; base64 < ${shq(path)}`, options);
      if (r.rc === 3) return null;
      if (r.rc !== 0) throw new Error(`cannot read ${path}: ${r.stderr.trim()}`);
      return Buffer.from(r.stdout, 'base64');
    }
    this.roundTrips++;
    try {
      return await fs.readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async writeFile(path: string, data: string | Buffer, options: WriteFileOptions = {}): Promise<void> {
    const tmp = join(dirname(path), `.${basename(path)}.showrunner-${randomBytes(4).toString('hex')}`);
    if (needsSudo(options.become)) {
      const bytes = Buffer.from(data);
      const r = await this.exec(writeScript(path, tmp, options, bytes.length), { ...options, stdin: bytes.toString('base64') });
      if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
      return;
    }
    this.roundTrips++;
    await fs.writeFile(tmp, data, { mode: 0o600 });
    try {
      if (options.mode) await fs.chmod(tmp, parseInt(options.mode, 8));
      else {
        const old = await fs.stat(path).catch(() => null);
        await fs.chmod(tmp, old ? old.mode & 0o7777 : 0o644);
      }
      if (options.owner || options.group) {
        const r = await this.exec(`chown ${shq(`${options.owner ?? ''}${options.group ? ':' + options.group : ''}`)} ${shq(tmp)}`);
        if (r.rc !== 0) throw new Error(r.stderr.trim());
      }
      await fs.rename(tmp, path);
    } catch (e) {
      await fs.rm(tmp, { force: true });
      throw e;
    }
  }

  async close(): Promise<void> {}
}

function needsSudo(become?: Become): boolean {
  if (!become) return false;
  return !(isRoot && become.user === 'root');
}

/**
 * Shell that reads stdin (base64 by default) into a temp file beside `path`, checks that all
 * `size` bytes arrived, sets mode/owner and renames it into place. Input cut short (a link that
 * died mid-transfer: the shell reads end-of-file and runs on) removes the temp, never renames it;
 * temps of the same file that an earlier cut transfer left behind go too.
 */
export function writeScript(path: string, tmp: string, o: WriteFileOptions, size: number, reader = 'base64 -d'): string {
  const p = shq(path), t = shq(tmp);
  const mode = o.mode ? `chmod ${shq(o.mode)} ${t}` : `if [ -e ${p} ]; then chmod "$(stat -c %a ${p})" ${t}; else chmod 0644 ${t}; fi`;
  const own = o.owner || o.group ? `chown ${shq(`${o.owner ?? ''}${o.group ? ':' + o.group : ''}`)} ${t}` : ':';
  const whole = `[ "$(wc -c < ${t})" -eq ${size} ] || { echo "transfer cut short" >&2; false; }`;
  const stale = `${shq(posix.join(posix.dirname(path), `.${posix.basename(path)}.showrunner-`))}????????`;
  const sweep = `for s in ${stale}; do [ -f "$s" ] && rm -f -- "$s"; done; :`;
  return `umask 077; ${reader} > ${t} && ${whole} && ${mode} && ${own} && mv -f ${t} ${p} || { rm -f ${t}; exit 1; }; ${sweep}`;
}
