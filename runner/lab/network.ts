/**
 * The lab network: one bridge in the machine's namespace holding the lab's .1 address, and per
 * host a network namespace whose eth0 is one end of a veth pair plugged into that bridge. Hosts
 * get no default route, so they reach nothing but the lab subnet.
 */
import { BRIDGE, BRIDGE_ADDRESS, PREFIX_LENGTH, SUBNET_BASE, netnsName, vethName, macFor } from './paths.js';
import { sh, run } from './run.js';

/**
 * The bridge with the lab's .1 address on the lab's /16. A bridge made by an older Showrunner
 * holds a /24: the route to the whole /16 is added beside it, so its hosts keep working.
 */
export async function ensureBridge(): Promise<void> {
  await sh(`
    ip link show "$1" >/dev/null 2>&1 || ip link add "$1" type bridge
    ip -4 addr show dev "$1" | grep -q " $2/" || ip addr add "$2/$3" dev "$1"
    ip link set "$1" up
    ip route replace "$4" dev "$1" src "$2"`, [BRIDGE, BRIDGE_ADDRESS, String(PREFIX_LENGTH), `${SUBNET_BASE}0.0/${PREFIX_LENGTH}`]);
}

/** (Re)creates the host's namespace and link; any earlier one of the same name is removed first. */
export async function createHostNetwork(host: string, address: string): Promise<void> {
  await removeHostNetwork(host);
  await sh(`
    ip netns add "$1"
    ip link add "$2" type veth peer name eth0 netns "$1"
    ip -n "$1" link set eth0 address "$3"
    ip link set "$2" master "$6" up
    ip -n "$1" link set lo up
    ip -n "$1" addr add "$4/$5" dev eth0
    ip -n "$1" link set eth0 up
    # A stale ARP entry for this address would blackhole the new host for half a minute.
    ip neigh flush to "$4" dev "$6" 2>/dev/null || true`,
  [netnsName(host), vethName(host), macFor(address), address, String(PREFIX_LENGTH), BRIDGE]);
}

export async function removeHostNetwork(host: string): Promise<void> {
  await sh(`
    ip netns delete "$1" 2>/dev/null || true
    ip link delete "$2" 2>/dev/null || true`, [netnsName(host), vethName(host)]);
}

export async function removeBridge(): Promise<void> {
  await run('ip', ['link', 'delete', BRIDGE], { allowFail: true });
}

/** Namespaces of this lab left on the machine (including ones whose host records are gone). */
export async function labNamespaces(): Promise<string[]> {
  const r = await run('ip', ['netns', 'list'], { allowFail: true });
  return r.stdout.split('\n').map((l) => l.split(' ')[0]!).filter((n) => n.startsWith('srlab-'));
}

export async function bridgeExists(): Promise<boolean> {
  return (await run('ip', ['link', 'show', BRIDGE], { allowFail: true })).code === 0;
}

/** Processes in the namespace (empty when it does not exist). */
export async function namespacePids(ns: string): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', ns], { allowFail: true });
  return r.code === 0 ? r.stdout.split(/\s+/).filter(Boolean).map(Number) : [];
}

/** Whether any process runs in the namespace (a live host, possibly of another lab directory). */
export async function namespaceInUse(ns: string): Promise<boolean> {
  return (await namespacePids(ns)).length > 0;
}

/** Addresses held by live lab namespaces (hosts of any lab directory), by namespace name. */
export async function liveAddresses(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const ns of await labNamespaces()) {
    if (!(await namespaceInUse(ns))) continue;
    const r = await run('ip', ['-n', ns, '-4', '-o', 'addr', 'show', 'dev', 'eth0'], { allowFail: true });
    const m = /inet (\d+\.\d+\.\d+\.\d+)\//.exec(r.stdout);
    if (m) found.set(ns, m[1]!);
  }
  return found;
}
