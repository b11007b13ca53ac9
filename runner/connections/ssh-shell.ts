/**
 * One long-lived remote /bin/sh that commands are written to, one at a time, on a single SSH
 * channel: a command costs a write and a read instead of a new channel. Callers may call `run`
 * concurrently; commands queue. A command that outlives its timeout is rejected at once, killed
 * through a separate short-lived shell, and the session carries on with the next command.
 */
import type { ClientChannel } from 'ssh2';
import { CommandTimeoutError, type ExecOptions, type ExecResult } from './connection.js';
import { frameCommand, killCommand, rememberTempLine, SHELL_PRELUDE, type FramedCommand } from './ssh-framing.js';
import { StreamBuffer } from './ssh-stream-buffer.js';

export interface ShellHooks {
  /** The error pending and later commands get when the channel goes away (connection lost?). */
  lostError(reason: string): Error;
  /** Run `command` elsewhere with this shell's rights (used to kill a timed-out command). */
  runElsewhere(command: string): Promise<void>;
}

interface Job {
  command: string;
  framed: FramedCommand;
  options: ExecOptions;
  resolve(r: ExecResult): void;
  reject(e: Error): void;
  timedOut: boolean;
  timer?: NodeJS.Timeout;
  pid?: number;
  stdout?: Buffer;
  rc?: number;
  stderr?: Buffer;
}

/** How long a killed command may take to report its end before the shell is given up. */
const RECOVERY_MS = 10_000;

export class RemoteShell {
  private readonly queue: Job[] = [];
  private current?: Job;
  private readonly out = new StreamBuffer();
  private readonly err = new StreamBuffer();
  private scanOut = 0;
  private scanErr = 0;
  private deadError?: Error;

  constructor(private readonly channel: ClientChannel, private readonly hooks: ShellHooks) {
    channel.on('data', (d: Buffer) => { this.out.push(d); this.tell(d); this.parse(); });
    channel.stderr.on('data', (d: Buffer) => { this.err.push(d); this.tell(d); this.parse(); });
    // Deferred so that a lost connection, reported on the client just after, names the cause.
    // 'exit' comes first when a background process still holds the shell's output open.
    channel.on('exit', () => setImmediate(() => this.fail(hooks.lostError('the remote shell exited'))));
    channel.on('close', () => setImmediate(() => this.fail(hooks.lostError('the remote shell ended'))));
    channel.on('error', (e: Error) => setImmediate(() => this.fail(hooks.lostError(e.message))));
    channel.write(SHELL_PRELUDE);
  }

  get alive(): boolean {
    return this.deadError === undefined;
  }

  run(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    if (this.deadError) return Promise.reject(this.deadError);
    let framed: FramedCommand;
    try {
      framed = frameCommand(command, options);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ command, framed, options, resolve, reject, timedOut: false });
      this.next();
    });
  }

  /**
   * Have the shell remove `tmp` when it ends (an upload's temp file). Written between commands:
   * the shell reads it after the command running now, and it prints nothing.
   */
  remember(tmp: string): void {
    if (!this.deadError) this.channel.write(rememberTempLine(tmp));
  }

  /** End the shell (EOF on its stdin); queued commands are rejected. */
  close(): void {
    this.fail(new Error('connection closed'));
    this.channel.end();
  }

  /** Reject everything pending and stop using the channel. */
  fail(error: Error): void {
    if (this.deadError) return;
    this.deadError = error;
    const jobs = this.current ? [this.current, ...this.queue] : [...this.queue];
    this.current = undefined;
    this.queue.length = 0;
    for (const j of jobs) {
      if (j.timer) clearTimeout(j.timer);
      if (!j.timedOut) j.reject(error);
    }
  }

  private next(): void {
    if (this.current || this.deadError) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    this.scanOut = 0;
    this.scanErr = 0;
    if (job.options.timeoutMs) job.timer = setTimeout(() => this.timeout(job), job.options.timeoutMs);
    this.channel.write(job.framed.script);
    this.parse();
  }

  private timeout(job: Job): void {
    job.timedOut = true;
    job.reject(new CommandTimeoutError(`command timed out after ${job.options.timeoutMs} ms: ${job.command}`));
    if (job.pid !== undefined) this.kill(job);
    job.timer = setTimeout(() => {
      if (this.current === job) {
        this.fail(new Error(`the remote shell did not recover after a command timed out: ${job.command}`));
        this.channel.close();
      }
    }, RECOVERY_MS);
  }

  private kill(job: Job): void {
    this.hooks.runElsewhere(killCommand(job.pid!)).catch(() => {
      // The recovery timer gives the shell up if the kill did not happen.
    });
  }

  /** Live output for progress lines; our own framing lines are not the command's output. */
  private tell(d: Buffer): void {
    const listener = this.current?.options.onOutput;
    if (!listener) return;
    const text = d.toString('utf8').split('\n').filter((l) => !l.startsWith('__sr_')).join('\n');
    if (text.trim()) listener(text);
  }

  private parse(): void {
    const job = this.current;
    if (!job) return;
    const m = job.framed.marker;
    if (job.stdout === undefined) {
      const i = this.out.indexOf(`${m}:`, this.scanOut);
      if (i < 0) this.scanOut = this.out.length - m.length;
      else {
        const end = this.out.indexOf('\n', i);
        if (end < 0) this.scanOut = i;
        else {
          job.stdout = this.out.slice(0, i);
          job.rc = Number(this.out.slice(i + m.length + 1, end).toString('latin1').replace(/:$/, ''));
          this.out.cut(0, end + 1);
        }
      }
    }
    while (job.stderr === undefined) {
      const i = this.err.indexOf(m, this.scanErr);
      if (i < 0) {
        this.scanErr = this.err.length - m.length;
        break;
      }
      const end = this.err.indexOf('\n', i);
      if (end < 0) {
        this.scanErr = i;
        break;
      }
      const tag = this.err.slice(i + m.length, end).toString('latin1');
      if (tag.startsWith('p')) {
        job.pid = Number(tag.slice(1));
        this.err.cut(i, end + 1);
        this.scanErr = i;
        if (job.timedOut) this.kill(job);
      } else {
        job.stderr = this.err.slice(0, i);
        this.err.cut(0, end + 1);
      }
    }
    if (job.stdout !== undefined && job.stderr !== undefined) this.finish(job);
  }

  private finish(job: Job): void {
    if (job.timer) clearTimeout(job.timer);
    this.current = undefined;
    if (!job.timedOut) {
      job.resolve({ rc: job.rc!, stdout: job.stdout!.toString('utf8'), stderr: job.stderr!.toString('utf8') });
    }
    this.next();
  }
}
