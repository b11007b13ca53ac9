/** The system OpenSSH client, pointed at a lab the way a user would (host key checking on). */
import { labSsh } from '../helpers/lab-ssh.js';
import type { LabInfo } from '../../runner/lab/index.js';

export interface SshResult { code: number; stdout: string; stderr: string }

export function ssh(lab: LabInfo, target: string, command: string, stdin = ''): Promise<SshResult> {
  return labSsh(lab, target, command, stdin);
}
