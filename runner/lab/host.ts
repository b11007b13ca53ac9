/**
 * Starting and stopping one host. A host is a detached process tree that outlives the command
 * that started it (`showrunner lab up` exits, the hosts stay); its pid is kept in the host record.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, existsSync, promises as fs } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { CGROUP_PARENTS, hostDir, netnsName } from './paths.js';
import { SYSV_BOOT, SYSTEMD_BOOT } from './host-scripts.js';
import { isRunning, rootMountPoint, type HostRecord } from './state.js';
import { PATH } from './run.js';
import { namespacePids } from './network.js';

const cgroupsOf = (name: string): string[] => CGROUP_PARENTS.map((p) => join(p, name));

/** Spawns the host's process tree and returns its pid; the caller waits for sshd. */
export function spawnHost(dir: string, record: HostRecord, publicKeyPath: string): number {
  const state = hostDir(dir, record.name);
  const args = [rootMountPoint(dir, record.name), join(state, 'upper'), join(state, 'work'), record.lower,
    record.name, state, record.address, publicKeyPath];
  const [cmd, cmdArgs] = record.flavour === 'sysv'
    ? ['ip', ['netns', 'exec', netnsName(record.name), 'unshare', '--mount', '--pid', '--uts', '--ipc', '--fork', '--kill-child',
      '/bin/sh', '-ec', SYSV_BOOT, 'sh', ...args]] as const
    : ['unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-ec', SYSTEMD_BOOT, 'sh', ...args,
      join(state, 'tool'), record.name, netnsName(record.name), ...CGROUP_PARENTS]] as const;
  const log = openSync(join(state, 'console.log'), 'w');
  try {
    const child = spawn(cmd, cmdArgs, {
      detached: true,
      stdio: ['ignore', log, log],
      env: { PATH, LC_ALL: 'C' },
    });
    child.unref();
    if (!child.pid) throw new Error(`could not start ${record.name}`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/** True once something at address:22 answers with an SSH banner. */
function sshAnswers(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port: 22 });
    let data = '';
    const done = (ok: boolean) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(2000, () => done(false));
    socket.on('data', (d) => { data += d; if (data.includes('\n')) done(data.startsWith('SSH-2.0-')); });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the host's sshd; fails early, with the host's console output, if the host died. */
export async function waitForSsh(dir: string, record: HostRecord, limitMs = 90_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await sshAnswers(record.address)) return;
    // Liveness only: right after spawn the process may not have exec'd yet, so its command line
    // is not the host's one.
    if (!record.pid || !alive(record.pid)) break;
    await sleep(100);
  }
  const log = join(hostDir(dir, record.name), 'console.log');
  const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-20).join('\n') : '';
  throw new Error(`lab host ${record.name} (${record.address}) did not start sshd${record.pid && alive(record.pid) ? ' in time' : ''}:\n${tail}`);
}

/** Pids in a cgroup (v1, name=systemd hierarchy) and all its children. */
async function cgroupPids(path: string): Promise<number[]> {
  const pids: number[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(path, { withFileTypes: true });
    pids.push(...readFileSync(join(path, 'cgroup.procs'), 'utf8').split('\n').filter(Boolean).map(Number));
  } catch {
    return pids;
  }
  for (const e of entries) if (e.isDirectory()) pids.push(...(await cgroupPids(join(path, e.name))));
  return pids;
}

async function removeCgroup(path: string): Promise<void> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(path, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) if (e.isDirectory()) await removeCgroup(join(path, e.name));
  await fs.rmdir(path).catch(() => {});
}

export const alive = (pid: number): boolean => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readProcStatus(pid));
function readProcStatus(pid: number): string {
  try { return readFileSync(`/proc/${pid}/status`, 'utf8'); } catch { return ''; }
}

/**
 * Kills every process of the host at once (as a power cut would). The sysv flavour dies with its
 * pid namespace; the systemd flavour's processes are found through the host's cgroup.
 */
export async function killHost(dir: string, record: HostRecord): Promise<void> {
  const pids: number[] = [];
  if (isRunning(dir, record)) pids.push(record.pid!);
  // Everything in the host's network namespace is the host's (a killed systemd-nspawn leaves its
  // container running), and so is everything in its cgroups.
  const more = async () => [
    ...(await namespacePids(netnsName(record.name))),
    ...(record.flavour === 'systemd' ? (await Promise.all(cgroupsOf(record.name).map(cgroupPids))).flat() : []),
  ];
  pids.push(...(await more()));
  // A loaded machine can take seconds to tear down a dying host's mounts and sockets.
  for (let round = 0; ; round++) {
    for (const pid of pids) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    pids.push(...(await more()));
    if (!pids.some(alive)) break;
    if (round === 300) throw new Error(`lab host ${record.name}: processes ${pids.filter(alive).join(' ')} still alive 30 s after SIGKILL`);
    await sleep(100);
  }
  if (record.flavour === 'systemd') for (const cg of cgroupsOf(record.name)) await removeCgroup(cg);
}

export async function removeCgroupParent(): Promise<void> {
  for (const parent of CGROUP_PARENTS) await removeCgroup(parent);
}
