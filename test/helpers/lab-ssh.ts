/**
 * The system OpenSSH client pointed at a lab host the way a user would check a run's work by
 * hand: the lab's key and known_hosts, host key checking on, never a prompt.
 */
import { spawn } from 'node:child_process';
import type { LabInfo } from '../../runner/lab/index.js';

export interface SshRun { code: number; stdout: string; stderr: string }

export function labSsh(lab: Pick<LabInfo, 'keyPath' | 'knownHostsPath'>, target: string, command: string,
  stdin: string | NodeJS.ReadableStream = ''): Promise<SshRun> {
  const args = ['-i', lab.keyPath, '-o', `UserKnownHostsFile=${lab.knownHostsPath}`, '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', target, command];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 255, stdout, stderr }));
    child.stdin.on('error', () => { /* ssh may exit before reading its input (a dead host) */ });
    if (typeof stdin === 'string') child.stdin.end(stdin);
    else stdin.pipe(child.stdin);
  });
}

/** A command on a lab host named as in the lab (`lab1`), as `user`. */
export function onHost(lab: LabInfo, host: string, command: string, user = 'root'): Promise<SshRun> {
  const address = lab.hosts.find((h) => h.name === host)?.address;
  if (!address) throw new Error(`no lab host ${host}`);
  return labSsh(lab, `${user}@${address}`, command);
}

/** stdout of a command that must succeed on the host. */
export async function hostOutput(lab: LabInfo, host: string, command: string): Promise<string> {
  const r = await onHost(lab, host, command);
  if (r.code !== 0) throw new Error(`${host}: ${command} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
