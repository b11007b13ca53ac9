/** The files users and tests point their tools at: the INI inventory and known_hosts. */
import { promises as fs } from 'node:fs';
import { hostDir, inventoryFile, keyFile, knownHostsFile } from './paths.js';
import { knownHostsLines } from './keys.js';
import type { HostRecord } from './state.js';

/** An inventory both our runner and ansible-playbook read, with host key checking left on. */
export function inventoryText(dir: string, hosts: HostRecord[]): string {
  return [
    '# Lab hosts (throwaway; written by `showrunner lab up`).',
    '[streaming]',
    ...hosts.map((h) => `${h.name} ansible_host=${h.address}`),
    '',
    '[lab:children]',
    'streaming',
    '',
    '[all:vars]',
    'ansible_user=root',
    `ansible_ssh_private_key_file=${keyFile(dir)}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHostsFile(dir)} -o StrictHostKeyChecking=yes'`,
    'ansible_python_interpreter=/usr/bin/python3',
    '',
    '# Lab hosts reach no package mirror: packages install from the apt cache in the image.',
    '[streaming:vars]',
    'base_update_cache=false',
    'base_upgrade_packages=false',
    '',
  ].join('\n');
}

export async function writeInventory(dir: string, prefix: string, hosts: HostRecord[]): Promise<string> {
  const path = inventoryFile(dir, prefix);
  const mine = hosts.filter((h) => h.prefix === prefix);
  if (mine.length) await fs.writeFile(path, inventoryText(dir, mine));
  else await fs.rm(path, { force: true });
  return path;
}

/** known_hosts for every host of the lab dir, whatever its prefix. */
export async function writeKnownHosts(dir: string, hosts: HostRecord[]): Promise<string> {
  const lines: string[] = [];
  for (const h of hosts) lines.push(...(await knownHostsLines(hostDir(dir, h.name), h.name, h.address)));
  const path = knownHostsFile(dir);
  await fs.writeFile(path, lines.join('\n') + (lines.length ? '\n' : ''));
  return path;
}
