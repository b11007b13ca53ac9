/** Where the lab keeps its state, and the names it gives to kernel objects. */
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

/** The project root: the nearest parent of this file holding package.json (works from dist/ too). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export function labDir(dir?: string): string {
  return resolve(dir ?? process.env.SHOWRUNNER_LAB_DIR ?? join(projectRoot(), '.lab'));
}

export const BRIDGE = 'srlab0';
/** The lab's addresses are 10.77.x.y (runner/lab/addresses.ts hands them out). */
export const SUBNET_BASE = '10.77.';
export const SUBNET_PREFIX = `${SUBNET_BASE}0.`;
export const BRIDGE_ADDRESS = `${SUBNET_PREFIX}1`;
/** A /16 so that one lab can hold a few hundred hosts (`lab up 200`). */
export const PREFIX_LENGTH = 16;

/** Network namespace of a host (also under /run/netns/). */
export const netnsName = (host: string): string => `srlab-${host}`;
/** The bridge side of a host's veth pair (interface names are at most 15 characters). */
export const vethName = (host: string): string => `srl-${host}`;
/** A fixed MAC per address, so re-creating a host does not depend on ARP caches expiring. */
export const macFor = (address: string): string => {
  const [third, last] = address.split('.').slice(2).map((o) => Number(o).toString(16).padStart(2, '0'));
  return `02:5a:4c:00:${third}:${last}`;
};

export const hostsDir = (dir: string): string => join(dir, 'hosts');
export const hostDir = (dir: string, host: string): string => join(dir, 'hosts', host);
/**
 * Images are shared by every lab directory of the checkout (a second lab dir, as the tests use,
 * must not rebuild them); env SHOWRUNNER_LAB_IMAGES overrides.
 */
export const imagesDir = (_dir: string): string => resolve(process.env.SHOWRUNNER_LAB_IMAGES ?? join(projectRoot(), '.lab', 'images'));
export const inventoryFile = (dir: string, prefix: string): string =>
  join(dir, prefix === 'lab' ? 'inventory.ini' : `inventory-${prefix}.ini`);
export const keyFile = (dir: string): string => join(dir, 'id_ed25519');
export const knownHostsFile = (dir: string): string => join(dir, 'known_hosts');
/**
 * Parent cgroups for the systemd flavour's containers, one per hierarchy nspawn uses on a
 * cgroups-v1 hybrid machine (name=systemd and the unified one). nspawn puts its supervisor and
 * payload cgroups under the cgroup it starts in, so it must start in a lab-owned one.
 */
export const CGROUP_PARENTS = ['/sys/fs/cgroup/systemd/showrunner-lab', '/sys/fs/cgroup/unified/showrunner-lab'] as const;
