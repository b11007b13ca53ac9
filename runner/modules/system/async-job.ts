/**
 * A background job on the host, as `async` tasks run them: the command's script is saved in a
 * folder of its own under ~/.ansible_async/<jid> and started in a session of its own (setsid), so
 * it outlives the SSH channel and the run; a watchdog stops it after its time. When it ends it
 * leaves `rc`, `stdout`, `stderr`, `start` and `end` there, which `async_status` reads.
 */
import { randomInt } from 'node:crypto';
import type { Become, Connection } from '../../connections/connection.js';
import { shq } from '../../connections/connection.js';

/** A job id in Ansible's shape: j, 12 digits, a dot, a number. */
export function newJobId(): string {
  return `j${String(randomInt(1e6)).padStart(6, '0')}${String(randomInt(1e6)).padStart(6, '0')}.${process.pid}`;
}

export function jobDirScript(jid: string): string {
  return `"\${HOME:-/root}/.ansible_async/"${shq(jid)}`;
}

const STAMP = `date '+%Y-%m-%d %H:%M:%S.%6N'`;

/** The command that starts `script` as a job stopped after `limitSec`; it prints the job's folder. */
export function launchScript(jid: string, script: string, limitSec: number, stdin?: string | Buffer): string {
  const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
  const job = [
    'd=$1; n=$2',
    `${STAMP} > "$d/start"`,
    'setsid sh "$d/script" < "$d/stdin" > "$d/stdout" 2> "$d/stderr" &',
    'p=$!',
    '( sleep "$n"; : > "$d/timedout"; kill -TERM -"$p" 2>/dev/null ) & w=$!',
    'wait "$p"; rc=$?',
    'kill "$w" 2>/dev/null',
    `${STAMP} > "$d/end"`,
    'echo "$rc" > "$d/rc.tmp" && mv "$d/rc.tmp" "$d/rc"',
  ].join('\n');
  return [
    `d=${jobDirScript(jid)}`,
    'umask 077; mkdir -p "$d" || exit 1',
    `printf %s ${shq(b64(script))} | base64 -d > "$d/script" || exit 1`,
    stdin === undefined ? ': > "$d/stdin"' : `printf %s ${shq(b64(stdin))} | base64 -d > "$d/stdin"`,
    `setsid sh -c ${shq(job)} sh "$d" ${Math.max(1, Math.ceil(limitSec))} < /dev/null > /dev/null 2>&1 &`,
    'echo "$d"',
  ].join('\n');
}

export type JobState =
  | { state: 'missing' }
  | { state: 'running'; dir: string }
  | { state: 'finished'; dir: string; rc: number; stdout: string; stderr: string; start: string; end: string; timedOut: boolean; result?: Record<string, unknown> };

/** Where the job stands, in one command. */
export async function readJob(conn: Connection, jid: string, become?: Become): Promise<JobState> {
  const script = [
    `d=${jobDirScript(jid)}`,
    '[ -d "$d" ] || { echo missing; exit 0; }',
    '[ -f "$d/rc" ] || { echo running; echo "$d"; exit 0; }',
    'echo finished; echo "$d"; cat "$d/rc"; cat "$d/start"; cat "$d/end"',
    '[ -f "$d/timedout" ] && echo timedout || echo done',
    'for f in stdout stderr result.json; do [ -f "$d/$f" ] && base64 -w0 "$d/$f"; echo; done',
  ].join('\n');
  const r = await conn.exec(script, { become });
  if (r.rc !== 0) throw new Error(`cannot read job ${jid}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  const lines = r.stdout.split('\n');
  if (lines[0] === 'missing') return { state: 'missing' };
  if (lines[0] === 'running') return { state: 'running', dir: lines[1]! };
  const text = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');
  const result = lines[8] ? (JSON.parse(text(lines[8])) as Record<string, unknown>) : undefined;
  return {
    state: 'finished', dir: lines[1]!, rc: Number(lines[2]), start: lines[3]!, end: lines[4]!, timedOut: lines[5] === 'timedout',
    stdout: text(lines[6]), stderr: text(lines[7]), ...(result ? { result } : {}),
  };
}

/** The command that records a job already finished (rc 0, no output): a task with nothing to do under `poll: 0`. */
export function recordDoneScript(jid: string): string {
  return [
    `d=${jobDirScript(jid)}`,
    'umask 077; mkdir -p "$d" || exit 1',
    `${STAMP} > "$d/start"; cp "$d/start" "$d/end"; : > "$d/stdout"; : > "$d/stderr"`,
    'echo 0 > "$d/rc"',
    'echo "$d"',
  ].join('\n');
}

/** Saves what the module said when it started the job (cmd...), for async_status to report with the outcome. */
export async function saveStartResult(conn: Connection, dir: string, result: Record<string, unknown>, become?: Become): Promise<void> {
  await conn.writeFile(`${dir}/result.json`, JSON.stringify(result), { become, mode: '0600' });
}

/** The job's outcome as a module result: what the module said at the start, then rc and output as command reports them. */
export function finishedResult(jid: string, job: Extract<JobState, { state: 'finished' }>): Record<string, unknown> {
  const strip = (s: string) => s.replace(/[\r\n]+$/, '');
  const lines = (s: string) => (s === '' ? [] : s.split(/\r?\n/));
  const stdout = strip(job.stdout);
  const stderr = strip(job.stderr);
  const out: Record<string, unknown> = {
    rc: job.rc, stdout, stderr, stdout_lines: lines(stdout), stderr_lines: lines(stderr),
    start: job.start, end: job.end, delta: delta(job.start, job.end), msg: '',
    // A job recorded whole (a task that had nothing to do) keeps the module's own result.
    ...job.result,
    ansible_job_id: jid, started: 1, finished: 1, results_file: job.dir,
  };
  if (job.rc !== 0) {
    out.failed = true;
    out.msg = job.timedOut ? 'the job was stopped: it ran longer than its async time' : 'non-zero return code';
  }
  return out;
}

/** "0:00:02.011251" from two of the job's stamps. */
function delta(start: string, end: string): string | null {
  const t = (s: string) => Date.parse(s.replace(' ', 'T').slice(0, 23));
  const a = t(start);
  const b = t(end);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const micro = (s: string) => Number(s.slice(20, 26).padEnd(6, '0').slice(3));
  const us = Math.max(0, (b - a) * 1000 + micro(end) - micro(start));
  const sec = Math.floor(us / 1e6);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${Math.floor(sec / 3600)}:${p(Math.floor(sec / 60) % 60)}:${p(sec % 60)}.${p(us % 1e6, 6)}`;
}

