/**
 * Lab hosts for the integration tests, in a lab directory of their own (so `labDown` there never
 * touches a user's lab or another suite's hosts), and inventories pointing at them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { labDown, labUp, type LabInfo } from '../../runner/lab/index.js';
import { missing } from '../harness/tiers.js';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, type Report } from '../harness/report.js';

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

/** One suite's fresh lab hosts, its scratch folder, and an inventory of the hosts naming python3. */
export async function pythonLab(count: number, prefix: string): Promise<{ lab: LabInfo; work: ReturnType<typeof scratch>; inventory: string }> {
  const work = scratch();
  const lab = await freshHosts(count, prefix);
  const inventory = writeInventory(lab, join(work.dir, 'hosts.ini'), { vars: { ansible_python_interpreter: '/usr/bin/python3' } });
  return { lab, work, inventory };
}

/** `showrunner run ARGS --json`: its exit code and report; a run that printed none fails, showing its stderr. */
export async function runJson(...args: string[]): Promise<{ code: number; report: Report }> {
  const r = await runCli([...args, '--json']);
  if (!r.stdout.trim()) throw new Error(`no report (exit ${r.code}): ${r.stderr}`);
  return { code: r.code, report: parseReport(r.stdout) };
}
