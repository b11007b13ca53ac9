/**
 * A real OpenSSH server for tests: `sshd -D` on 127.0.0.1 and an unused port, with its own host
 * key, a generated client key in its authorized_keys, all in a temp folder. The machine's own
 * sshd configuration and services are not touched (sshd needs /run/sshd, created if missing).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SshTarget } from '../../runner/connections/ssh.js';

export interface Sshd {
  host: string;
  port: number;
  dir: string;
  /** Private key accepted for every user (authorized_keys is shared). */
  clientKey: string;
  /** `ssh-ed25519 AAAA...` of the server. */
  hostPublicKey: string;
  /** A known_hosts file holding the server's key for [127.0.0.1]:port. */
  knownHosts: string;
  /** A root target with key auth and host key checking against `knownHosts`. */
  target(overrides?: Partial<SshTarget>): SshTarget;
  /** Kill the server and every session process under it, as a crash would. */
  kill(): void;
  stop(): Promise<void>;
}

export const sshdAvailable = existsSync('/usr/sbin/sshd');

export async function startSshd(extraConfig: string[] = []): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-sshd-'));
  chmodSync(dir, 0o755); // other test users read authorized_keys here
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o644 });
  const hostPublicKey = readFileSync(join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const port = await freePort();
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostPublicKey}\n`);
  writeFileSync(join(dir, 'sshd_config'), [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_key')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'StrictModes no',
    'UsePAM no',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    'AllowTcpForwarding yes',
    'MaxSessions 50',
    'Subsystem sftp internal-sftp',
    ...extraConfig,
    '',
  ].join('\n'));
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });

  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  await waitForPort(port, child, () => log);

  const sshd: Sshd = {
    host: '127.0.0.1',
    port,
    dir,
    clientKey: join(dir, 'client_key'),
    hostPublicKey,
    knownHosts: join(dir, 'known_hosts'),
    target: (o = {}) => ({
      name: 'testhost',
      host: '127.0.0.1',
      port,
      user: 'root',
      privateKeyFile: join(dir, 'client_key'),
      knownHostsFiles: [join(dir, 'known_hosts')],
      hostKeyChecking: true,
      connectTimeoutMs: 5000,
      ...o,
    }),
    kill: () => killTree(child),
    stop: async () => {
      killTree(child);
      if (child.exitCode === null && child.signalCode === null) await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sshd;
}

function keygen(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'showrunner-test', '-f', path]);
}

/** SIGKILL a process and all its descendants (found through /proc, by pid only). */
function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  const pids: number[] = [];
  const walk = (pid: number) => {
    pids.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      return;
    }
    for (const t of tasks) {
      let kids = '';
      try {
        kids = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8');
      } catch {
        continue;
      }
      for (const k of kids.trim().split(/\s+/).filter(Boolean)) walk(Number(k));
    }
  };
  walk(child.pid);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`sshd did not listen on ${port}: ${log()}`);
}
