/** The lab's record of its hosts: one JSON file per host under `<lab dir>/hosts/<name>/`. */
import { promises as fs, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { hostDir, hostsDir, netnsName } from './paths.js';

export type Flavour = 'sysv' | 'systemd';

export interface HostRecord {
  name: string;
  prefix: string;
  address: string;
  flavour: Flavour;
  /** The overlay lowerdir the host's upper layer was made on (golden image, plus systemd layer). */
  lower: string;
  /** The process holding the host: killing it ends every process of the host. */
  pid?: number;
}

export async function readHosts(dir: string): Promise<HostRecord[]> {
  let names: string[];
  try {
    names = await fs.readdir(hostsDir(dir));
  } catch {
    return [];
  }
  const records: HostRecord[] = [];
  for (const name of names) {
    try {
      records.push(JSON.parse(await fs.readFile(join(hostDir(dir, name), 'host.json'), 'utf8')) as HostRecord);
    } catch { /* a host dir being created or removed */ }
  }
  return records.sort((a, b) => a.address.split('.').map(Number)[3]! - b.address.split('.').map(Number)[3]!);
}

export async function writeHost(dir: string, record: HostRecord): Promise<void> {
  await fs.mkdir(hostDir(dir, record.name), { recursive: true });
  const file = join(hostDir(dir, record.name), 'host.json');
  await fs.writeFile(`${file}.tmp`, JSON.stringify(record, null, 2) + '\n');
  await fs.rename(`${file}.tmp`, file);
}

/** The overlay mount point of a host, which only the host's own process has on its command line. */
export const rootMountPoint = (dir: string, name: string): string => join(hostDir(dir, name), 'root');

/**
 * Whether the recorded pid is still this host's process (not a recycled pid): its command line
 * holds the host's root mount point (sysv) or its namespace path (systemd-nspawn).
 */
export function isRunning(dir: string, record: HostRecord): boolean {
  if (!record.pid || !existsSync(`/proc/${record.pid}`)) return false;
  try {
    if (/^State:\s+Z/m.test(readFileSync(`/proc/${record.pid}/status`, 'utf8'))) return false;
    const args = readFileSync(`/proc/${record.pid}/cmdline`, 'utf8').split('\0');
    return args.includes(rootMountPoint(dir, record.name))
      || args.includes(`--network-namespace-path=/run/netns/${netnsName(record.name)}`)
      || args.includes(join(hostDir(dir, record.name), 'tool'));
  } catch {
    return false;
  }
}
