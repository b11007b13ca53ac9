/**
 * Keys: one client key per lab (in every host's authorized_keys) and real host keys per host,
 * generated on the machine so all hosts' keys are made in parallel and known before they boot.
 */
import { existsSync, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { keyFile } from './paths.js';
import { run } from './run.js';

/** No RSA host key: generating one costs most of a host's start-up time, and every client we use speaks ed25519. */
export const HOST_KEY_TYPES = ['ed25519', 'ecdsa'] as const;

export async function ensureLabKey(dir: string): Promise<string> {
  const path = keyFile(dir);
  if (!existsSync(path) || !existsSync(`${path}.pub`)) {
    await fs.rm(path, { force: true });
    await fs.rm(`${path}.pub`, { force: true });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'showrunner-lab', '-f', path]);
  }
  return path;
}

/** Generates any missing host key of the host; keys survive `fresh` so known_hosts stays valid. */
export async function ensureHostKeys(stateDir: string, name: string): Promise<void> {
  const sshDir = join(stateDir, 'ssh');
  await fs.mkdir(sshDir, { recursive: true, mode: 0o700 });
  await Promise.all(HOST_KEY_TYPES.map(async (type) => {
    const path = join(sshDir, `ssh_host_${type}_key`);
    if (existsSync(path) && existsSync(`${path}.pub`)) return;
    await fs.rm(path, { force: true });
    await fs.rm(`${path}.pub`, { force: true });
    await run('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', `root@${name}`, '-f', path]);
  }));
}

/** known_hosts lines for a host: `name,address keytype key` for each of its host keys. */
export async function knownHostsLines(stateDir: string, name: string, address: string): Promise<string[]> {
  const lines: string[] = [];
  for (const type of HOST_KEY_TYPES) {
    try {
      const [kind, key] = (await fs.readFile(join(stateDir, 'ssh', `ssh_host_${type}_key.pub`), 'utf8')).trim().split(/\s+/);
      lines.push(`${name},${address} ${kind} ${key}`);
    } catch { /* key not generated yet */ }
  }
  return lines;
}
