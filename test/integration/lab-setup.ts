/**
 * Lab hosts for the integration tests, in a lab directory of their own (so `labDown` there never
 * touches a user's lab or another suite's hosts), and inventories pointing at them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labDown, labUp, type LabInfo } from '../../runner/lab/index.js';
import { missing } from '../harness/tiers.js';

export const labDir = resolve(import.meta.dirname, '../../.lab/integration');
export const fixtures = resolve(import.meta.dirname, '../fixtures/integration');

export async function freshHosts(count: number, prefix: string, dir = labDir): Promise<LabInfo> {
  return labUp(count, { dir, prefix, fresh: true });
}

export async function dropHosts(dir = labDir): Promise<void> {
  if (!missing('lab')) await labDown({ dir });
}

/** A scratch folder for inventories and files of one suite. */
export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sr-it-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface InventoryOptions {
  hosts?: string[];
  /** [all:vars] lines; defaults log in as root with the lab key and known_hosts. */
  vars?: Record<string, string>;
}

/** Writes an INI inventory for some of the lab's hosts and returns its path. */
export function writeInventory(lab: LabInfo, path: string, o: InventoryOptions = {}): string {
  const names = o.hosts ?? lab.hosts.map((h) => h.name);
  const vars: Record<string, string> = {
    ansible_user: 'root',
    ansible_ssh_private_key_file: lab.keyPath,
    ansible_ssh_common_args: `'-o UserKnownHostsFile=${lab.knownHostsPath}'`,
    ...o.vars,
  };
  const lines = ['[hosts]'];
  for (const name of names) lines.push(`${name} ansible_host=${lab.hosts.find((h) => h.name === name)!.address}`);
  lines.push('', '[all:vars]', ...Object.entries(vars).filter(([, v]) => v !== '').map(([k, v]) => `${k}=${v}`), '');
  writeFileSync(path, lines.join('\n'));
  return path;
}
