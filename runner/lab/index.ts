/**
 * Throwaway Debian 12 hosts on this machine, each with its own overlay root filesystem, network
 * namespace, hostname and real sshd: `lab up`, `down`, `status`, and `kill` for tests of a host
 * dying mid-run. Needs root. Not a security boundary: the hosts share the machine's kernel.
 */
import { promises as fs, existsSync } from 'node:fs';
import { join } from 'node:path';
import { allocateAddress } from './addresses.js';
import { buildImage as buildGoldenImage, buildSystemdLayer } from './image.js';
import { writeInventory, writeKnownHosts } from './inventory.js';
import { ensureHostKeys, ensureLabKey } from './keys.js';
import { ensureBridge, createHostNetwork, removeHostNetwork, removeBridge, labNamespaces, namespaceInUse, liveAddresses } from './network.js';
import { hostDir, inventoryFile, keyFile, knownHostsFile, labDir, netnsName } from './paths.js';
import { isRunning, readHosts, writeHost, type HostRecord, type Flavour } from './state.js';
import { killHost, removeCgroupParent, spawnHost, waitForSsh } from './host.js';
import { Semaphore } from '../engine/semaphore.js';

/** Hosts one prefix may have (addresses go far beyond; memory is the limit: about 4 MB idle each). */
export const MAX_HOSTS = 250;
/** Hosts started at the same time. */
const STARTING_AT_ONCE = 16;

export interface LabHost { name: string; address: string; flavour: 'sysv' | 'systemd'; pid?: number }
export interface LabInfo {
  /** Lab state dir; default <project root>/.lab, env SHOWRUNNER_LAB_DIR overrides. */
  dir: string;
  hosts: LabHost[];
  /** INI inventory written for these hosts. */
  inventoryPath: string;
  /** Generated private key (ed25519); its public key is in each host's /root/.ssh/authorized_keys. */
  keyPath: string;
  /** The hosts' real host keys, so host key checking stays on. */
  knownHostsPath: string;
}
export interface LabOptions { dir?: string; flavour?: Flavour; fresh?: boolean; prefix?: string; onProgress?: (line: string) => void }

const publicHost = (r: HostRecord, running: boolean): LabHost =>
  ({ name: r.name, address: r.address, flavour: r.flavour, ...(running && r.pid ? { pid: r.pid } : {}) });

function info(dir: string, prefix: string, hosts: HostRecord[]): LabInfo {
  return {
    dir,
    hosts: hosts.map((h) => publicHost(h, isRunning(dir, h))),
    inventoryPath: inventoryFile(dir, prefix),
    keyPath: keyFile(dir),
    knownHostsPath: knownHostsFile(dir),
  };
}

/** Removes a host entirely: processes, namespace and link, files (upper layer included). */
async function destroyHost(dir: string, record: HostRecord): Promise<void> {
  await killHost(dir, record);
  await removeHostNetwork(record.name);
  await fs.rm(hostDir(dir, record.name), { recursive: true, force: true });
}

/** Brings one host up from its record: fresh network, keys, process, then waits for sshd. */
async function startHost(dir: string, record: HostRecord, fresh: boolean): Promise<void> {
  const state = hostDir(dir, record.name);
  if (fresh) {
    await fs.rm(join(state, 'upper'), { recursive: true, force: true });
    await fs.rm(join(state, 'work'), { recursive: true, force: true });
  }
  await writeHost(dir, { ...record, pid: undefined });
  await Promise.all([createHostNetwork(record.name, record.address), ensureHostKeys(state, record.name)]);
  record.pid = spawnHost(dir, record, `${keyFile(dir)}.pub`);
  await writeHost(dir, record);
  await waitForSsh(dir, record);
}

/**
 * Makes exactly `count` hosts of the prefix run (idempotent: running hosts are kept, missing or
 * dead ones started, extra ones removed). `fresh` restarts every host on an empty upper layer.
 * A host whose flavour or image changed is recreated fresh.
 */
export async function labUp(count: number, options: LabOptions = {}): Promise<LabInfo> {
  const dir = labDir(options.dir);
  const prefix = options.prefix ?? 'lab';
  const flavour: Flavour = options.flavour ?? 'sysv';
  if (!/^[a-z][a-z0-9]{0,7}$/.test(prefix)) throw new Error(`lab prefix must be 1-8 lowercase letters or digits, starting with a letter: ${prefix}`);
  if (!Number.isInteger(count) || count < 0 || count > MAX_HOSTS) throw new Error(`lab host count must be 0-${MAX_HOSTS}, not ${count}`);
  if (process.getuid?.() !== 0) throw new Error('lab hosts need root (network namespaces, overlay mounts)');
  await fs.mkdir(dir, { recursive: true });
  const progress = options.onProgress ?? (() => {});

  const golden = await buildGoldenImage({ dir, onProgress: progress });
  const lower = flavour === 'systemd' ? `${await buildSystemdLayer({ dir, onProgress: progress })}:${golden}` : golden;
  await ensureLabKey(dir);
  await ensureBridge();

  const all = await readHosts(dir);
  const mine = all.filter((h) => h.prefix === prefix);
  const wanted = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  for (const extra of mine.filter((h) => !wanted.includes(h.name))) await destroyHost(dir, extra);

  const taken = new Set(all.filter((h) => h.prefix !== prefix || wanted.includes(h.name)).map((h) => h.address));
  // Hosts of other lab directories share the bridge: their names and addresses are off limits.
  const ours = new Set(all.map((h) => netnsName(h.name)));
  for (const [ns, address] of await liveAddresses()) {
    if (ours.has(ns)) continue;
    if (wanted.some((n) => netnsName(n) === ns)) throw new Error(`lab host name ${ns.slice('srlab-'.length)} is in use by another lab directory; choose another prefix`);
    taken.add(address);
  }
  const started = Date.now();
  const starting: Promise<void>[] = [];
  const records: HostRecord[] = [];
  // A few at a time: 200 hosts making their ssh host keys at once on two cores would each take
  // longer than the wait for their sshd.
  const slots = new Semaphore(STARTING_AT_ONCE);
  for (const name of wanted) {
    const old = mine.find((h) => h.name === name);
    const record: HostRecord = old ?? { name, prefix, address: allocateAddress(prefix, taken), flavour, lower };
    taken.add(record.address);
    records.push(record);
    const changed = record.flavour !== flavour || record.lower !== lower;
    if (old && isRunning(dir, old) && !options.fresh && !changed) continue;
    if (old) await killHost(dir, old);
    Object.assign(record, { flavour, lower });
    starting.push(slots.run(() => startHost(dir, record, Boolean(options.fresh || changed))));
  }
  if (starting.length) progress(`starting ${starting.length} host(s)`);
  const results = await Promise.allSettled(starting);
  if (starting.length) progress(`${starting.length} host(s) up in ${((Date.now() - started) / 1000).toFixed(1)}s`);

  const now = await readHosts(dir);
  await writeInventory(dir, prefix, now);
  await writeKnownHosts(dir, now);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((f) => String(f.reason instanceof Error ? f.reason.message : f.reason)).join('\n'));
  return info(dir, prefix, records);
}

/**
 * Removes every host, namespace, veth, the bridge and the inventories; keeps images and the key.
 * With `prefix`, only that prefix's hosts go (other labs in the same dir keep running).
 */
export async function labDown(options: { dir?: string; prefix?: string } = {}): Promise<void> {
  if (options.prefix) {
    await labUp(0, { dir: options.dir, prefix: options.prefix });
    return;
  }
  const dir = labDir(options.dir);
  const hosts = await readHosts(dir);
  await Promise.all(hosts.map((h) => destroyHost(dir, h)));
  // Leftovers of hosts whose records were lost (an interrupted `up`); a namespace that still has
  // processes belongs to a lab kept in another directory and stays, and so does the bridge.
  const others: string[] = [];
  for (const ns of await labNamespaces()) {
    if (await namespaceInUse(ns)) others.push(ns);
    else await removeHostNetwork(ns.slice('srlab-'.length));
  }
  if (!others.length) {
    await removeBridge();
    await removeCgroupParent();
  }
  if (existsSync(dir)) {
    for (const f of await fs.readdir(dir)) {
      if (/^inventory(-[a-z0-9]+)?\.ini$/.test(f) || f === 'known_hosts') await fs.rm(join(dir, f), { force: true });
    }
  }
}

/** Every host of the lab dir (all prefixes) and which of them are running. */
export async function labStatus(options: { dir?: string } = {}): Promise<LabInfo & { up: string[] }> {
  const dir = labDir(options.dir);
  const hosts = await readHosts(dir);
  const prefix = hosts.some((h) => h.prefix === 'lab') || !hosts.length ? 'lab' : hosts[0]!.prefix;
  return { ...info(dir, prefix, hosts), up: hosts.filter((h) => isRunning(dir, h)).map((h) => h.name) };
}

/**
 * Kills a host abruptly: all its processes die at once, its open TCP connections are reset and
 * new ones refused, while its address and files stay (like a crashed machine that still answers ARP).
 */
export async function labKill(name: string, options: { dir?: string } = {}): Promise<void> {
  const dir = labDir(options.dir);
  const record = (await readHosts(dir)).find((h) => h.name === name);
  if (!record) throw new Error(`no lab host named ${name}`);
  await killHost(dir, record);
}

/** The golden image's path, built only when missing (its name carries a hash of the package lists). */
export async function buildImage(options: { dir?: string; onProgress?: (line: string) => void } = {}): Promise<string> {
  return buildGoldenImage({ dir: labDir(options.dir), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
}
