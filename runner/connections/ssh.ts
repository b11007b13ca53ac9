/**
 * A host over SSH: one connection for the whole run, a long-lived shell per user (login user,
 * and each become user through sudo), SFTP on the same connection. Once the connection is lost,
 * pending and later calls reject with UnreachableError: the engine marks the host unreachable.
 */
import type { Client, SFTPWrapper } from 'ssh2';
import {
  type Become, type Connection, type ExecOptions, type ExecResult, type WriteFileOptions,
  UnreachableError,
} from './connection.js';
import { openClient, type OpenClient } from './ssh-connect.js';
import { CHANNEL_OPEN_MS, openChannel, openSudoChannel } from './ssh-become.js';
import { RemoteShell } from './ssh-shell.js';
import { sftpRead, sftpWrite, shellRead, shellWrite, TransferStalledError } from './ssh-files.js';
import type { SshTarget } from './ssh-target.js';

export { sshTargetFromHostVars, type SshTarget } from './ssh-target.js';
export { BecomeError } from './ssh-become.js';

export class SshConnection implements Connection {
  readonly name: string;
  roundTrips = 0;
  private opened?: OpenClient;
  private connecting?: Promise<void>;
  private lost?: UnreachableError;
  private closed = false;
  /** Shells by the user they run as ('' = the login user, no sudo). */
  private readonly shells = new Map<string, Promise<RemoteShell>>();
  private sftpSession?: Promise<SFTPWrapper>;
  /** Operations waiting on the connection (SFTP transfers): failed at once when it is lost. */
  private readonly lostWaiters = new Set<(e: UnreachableError) => void>();

  constructor(readonly target: SshTarget) {
    this.name = target.name;
  }

  connect(): Promise<void> {
    if (this.lost) return Promise.reject(this.lost);
    this.connecting ??= this.open().catch((e) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const shell = await this.shellFor(options.become);
    this.roundTrips++;
    return shell.run(command, options);
  }

  async readFile(path: string, options: { become?: Become } = {}): Promise<Buffer | null> {
    if (this.needsSudo(options.become)) return shellRead((c, o) => this.exec(c, { ...o, become: options.become }), path);
    const sftp = await this.sftp();
    this.roundTrips++;
    return this.guard(this.dropStalled(sftp, sftpRead(sftp, path)));
  }

  async writeFile(path: string, data: string | Buffer, options: WriteFileOptions = {}): Promise<void> {
    const bytes = Buffer.from(data);
    if (this.needsSudo(options.become)) {
      return shellWrite((c, o) => this.exec(c, { ...o, become: options.become }), path, bytes, options);
    }
    const sftp = await this.sftp();
    const shell = await this.shellFor(undefined);
    this.roundTrips++;
    return this.guard(this.dropStalled(sftp, sftpWrite(sftp, (c, o) => this.exec(c, o), (tmp) => shell.remember(tmp), path, bytes, options)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const shells = [...this.shells.values()];
    this.shells.clear();
    for (const s of shells) s.then((sh) => sh.close(), () => {});
    const opened = this.opened;
    this.opened = undefined;
    if (!opened) return;
    // A lost connection has closed already: waiting for its 'close' would wait for nothing.
    if (!this.lost) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 2000);
        opened.client.once('close', () => { clearTimeout(timer); resolve(); });
        opened.client.end();
      });
    }
    for (const b of opened.bastions) b.end();
  }

  private async open(): Promise<void> {
    if (this.closed) throw new Error(`connection to ${this.name} was closed`);
    const opened = await openClient(this.target);
    this.opened = opened;
    const onLost = (why: string) => this.markLost(why);
    opened.client.on('close', () => onLost('connection closed by the remote side'));
    opened.client.on('error', (e: Error) => onLost(e.message));
    for (const b of opened.bastions) b.on('close', () => onLost(`the bastion connection closed`));
    try {
      await this.shellFor(undefined);
    } catch (e) {
      this.opened = undefined;
      opened.client.end();
      for (const b of opened.bastions) b.end();
      throw e;
    }
  }

  private markLost(why: string): void {
    if (this.closed || this.lost) return;
    const t = this.target;
    this.lost = new UnreachableError(`ssh to ${t.name} (${t.user}@${t.host} port ${t.port}): connection lost: ${why}`);
    for (const s of this.shells.values()) s.then((sh) => sh.fail(this.lost!), () => {});
    for (const w of this.lostWaiters) w(this.lost);
    this.lostWaiters.clear();
  }

  private client(): Client {
    if (this.lost) throw this.lost;
    if (!this.opened) throw new Error(`connection to ${this.name} is ${this.closed ? 'closed' : 'not open'}`);
    return this.opened.client;
  }

  /** sudo is needed unless become is absent or asks for the login user itself. */
  private needsSudo(become?: Become): become is Become {
    return !!become && become.user !== this.target.user;
  }

  private async shellFor(become: Become | undefined): Promise<RemoteShell> {
    if (!this.opened && !this.lost) await this.connect();
    const key = this.needsSudo(become) ? become.user : '';
    const existing = this.shells.get(key);
    if (existing) {
      const sh = await existing.catch(() => undefined);
      if (sh?.alive) return sh;
      if (this.lost) throw this.lost;
      if (this.shells.get(key) === existing) this.shells.delete(key);
    }
    let pending = this.shells.get(key);
    if (!pending) {
      pending = this.startShell(become && key ? become : undefined);
      this.shells.set(key, pending);
      pending.catch(() => {
        if (this.shells.get(key) === pending) this.shells.delete(key);
      });
    }
    return pending;
  }

  /** A new shell as the login user or, via sudo, as `become.user`. */
  private async startShell(become: Become | undefined): Promise<RemoteShell> {
    const client = this.client();
    const channel = await this.guard(
      become ? openSudoChannel(client, become, `${this.target.user}@${this.name}`) : openChannel(client, '/bin/sh'),
    );
    return new RemoteShell(channel, {
      lostError: (reason) => this.lost ?? new Error(`${this.name}: ${reason}`),
      runElsewhere: async (command) => {
        const helper = await this.startShell(become);
        try {
          await helper.run(command, { timeoutMs: 10_000 });
        } finally {
          helper.close();
        }
      },
    });
  }

  /** Turn a failure caused by a lost connection into the UnreachableError that explains it. */
  private async guard<T>(p: Promise<T>): Promise<T> {
    let waiter: ((e: UnreachableError) => void) | undefined;
    // An SFTP request on a connection that dies is never answered: the loss ends the wait.
    const lost = new Promise<never>((_, reject) => {
      if (this.lost) reject(this.lost);
      else this.lostWaiters.add((waiter = reject));
    });
    try {
      return await Promise.race([p, lost]);
    } catch (e) {
      await new Promise((r) => setImmediate(r));
      throw this.lost ?? e;
    } finally {
      if (waiter) this.lostWaiters.delete(waiter);
    }
  }

  /** A stalled transfer leaves its SFTP session unusable: the next transfer opens a new one. */
  private async dropStalled<T>(sftp: SFTPWrapper, p: Promise<T>): Promise<T> {
    try {
      return await p;
    } catch (e) {
      if (e instanceof TransferStalledError) {
        this.sftpSession = undefined;
        sftp.end();
      }
      throw e;
    }
  }

  private async sftp(): Promise<SFTPWrapper> {
    if (!this.opened && !this.lost) await this.connect();
    const client = this.client();
    this.sftpSession ??= new Promise<SFTPWrapper>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name}: the SFTP session did not open within ${CHANNEL_OPEN_MS / 1000} s`)), CHANNEL_OPEN_MS);
      client.sftp((err, sftp) => {
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(sftp);
      });
    }).catch((e) => {
      this.sftpSession = undefined;
      throw e;
    });
    return this.guard(this.sftpSession);
  }
}
