/**
 * Looks at lab hosts the way a user would check a run's work by hand: the system OpenSSH client
 * with the lab's key and known_hosts, host key checking on.
 */
import { labSsh } from '../helpers/lab-ssh.js';
import type { LabInfo } from '../../runner/lab/index.js';

export interface Shell { code: number; stdout: string; stderr: string }

export function onHost(lab: LabInfo, host: string, command: string, user = 'root'): Promise<Shell> {
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
