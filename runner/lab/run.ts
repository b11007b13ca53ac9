/** Running the machine's tools (ip, debootstrap, chroot...) with their output kept for errors. */
import { spawn } from 'node:child_process';

export interface RunOptions {
  /** Called with each output line (stdout and stderr), for progress display. */
  onLine?: (line: string) => void;
  /** Resolve with the exit code instead of throwing on failure. */
  allowFail?: boolean;
  input?: string;
  env?: Record<string, string>;
}

export interface RunResult { code: number; stdout: string; stderr: string }

export const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function run(cmd: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PATH, LC_ALL: 'C', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    const lines = (chunk: string, carry: { rest: string }) => {
      if (!options.onLine) return;
      const parts = (carry.rest + chunk).split(/\r?\n|\r/);
      carry.rest = parts.pop() ?? '';
      for (const p of parts) if (p.trim()) options.onLine(p);
    };
    const outCarry = { rest: '' };
    const errCarry = { rest: '' };
    child.stdout.on('data', (d: Buffer) => { stdout += d; lines(d.toString(), outCarry); });
    child.stderr.on('data', (d: Buffer) => { stderr += d; lines(d.toString(), errCarry); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const rc = code ?? (signal ? 128 : 1);
      if (rc !== 0 && !options.allowFail) {
        const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-15).join('\n');
        reject(new Error(`${cmd} ${args.map((a) => (a.length > 60 || a.includes('\n') ? '<script>' : a)).join(' ')} failed (${signal ?? rc}):\n${tail}`));
      } else resolve({ code: rc, stdout, stderr });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/** Run a POSIX shell script with positional arguments ($1...). */
export function sh(script: string, args: string[] = [], options: RunOptions = {}): Promise<RunResult> {
  return run('/bin/sh', ['-ec', script, 'sh', ...args], options);
}
