/** The system OpenSSH client, pointed at a lab the way a user would (host key checking on). */
import { spawn } from 'node:child_process';
import type { LabInfo } from '../../runner/lab/index.js';

export interface SshResult { code: number; stdout: string; stderr: string }

export function ssh(lab: LabInfo, target: string, command: string, stdin = ''): Promise<SshResult> {
  const args = ['-i', lab.keyPath, '-o', `UserKnownHostsFile=${lab.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes',
    '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-o', 'GlobalKnownHostsFile=/dev/null', target, command];
  return new Promise((resolve, reject) => {
    const child = spawn('ssh', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 255, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
