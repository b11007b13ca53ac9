/**
 * Address facts from `ip -4 route show default`, `ip -4 -o addr show` (or `hostname -I`),
 * `ip -o link show` and `ip -6 -o addr show`: default_ipv4 with Ansible's keys, every IPv4 and
 * IPv6 address but loopback's, the interface names.
 */

export interface DefaultIpv4 {
  address?: string; alias?: string; broadcast?: string; gateway?: string; interface?: string;
  macaddress?: string; mtu?: number; netmask?: string; network?: string; prefix?: string; type?: string;
}

export interface NetworkFacts {
  ansible_default_ipv4: DefaultIpv4;
  ansible_all_ipv4_addresses: string[];
  ansible_all_ipv6_addresses: string[];
  ansible_interfaces: string[];
}

interface Address { address: string; prefix: string; broadcast?: string }
interface Link { mtu?: number; macaddress?: string; type?: string }

function toInt(ip: string): number {
  return ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function fromInt(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function netmask(prefix: number): string {
  return fromInt(prefix === 0 ? 0 : (2 ** 32 - 2 ** (32 - prefix)));
}

function parseLinks(lines: string[]): Map<string, Link> {
  const links = new Map<string, Link>();
  for (const line of lines) {
    const m = /^\d+:\s+([^:@\s]+)(?:@\S+)?:.*?\bmtu (\d+)/.exec(line);
    if (!m) continue;
    const l = /link\/(\w+)\s+([0-9a-f:]+)/.exec(line);
    const type = l?.[1] === 'ether' ? 'ether' : l?.[1] === 'loopback' ? 'loopback' : l?.[1];
    links.set(m[1]!, { mtu: Number(m[2]), ...(l ? { macaddress: l[2], type } : {}) });
  }
  return links;
}

export function networkFacts(defaultRoute: string, addressLines: string[], linkLines: string[] = [], address6Lines: string[] = []): NetworkFacts {
  const byInterface = new Map<string, Address[]>();
  const all: string[] = [];
  for (const line of addressLines) {
    const m = /^\d+:\s+(\S+)\s+inet\s+([\d.]+)\/(\d+)(?:\s+brd\s+([\d.]+))?/.exec(line);
    if (m) {
      const name = m[1]!.replace(/@.*/, '');
      const list = byInterface.get(name) ?? [];
      list.push({ address: m[2]!, prefix: m[3]!, ...(m[4] ? { broadcast: m[4] } : {}) });
      byInterface.set(name, list);
      if (!m[2]!.startsWith('127.')) all.push(m[2]!);
    } else {
      // `hostname -I`: addresses only, space separated
      for (const a of line.trim().split(/\s+/)) if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) all.push(a);
    }
  }
  const all6: string[] = [];
  for (const line of address6Lines) {
    const m = /^\d+:\s+\S+\s+inet6\s+([0-9a-f:]+)\/\d+/.exec(line);
    if (m && m[1] !== '::1') all6.push(m[1]!);
  }
  const links = parseLinks(linkLines);
  const dflt: DefaultIpv4 = {};
  const route = /^default(?:\s+via\s+([\d.]+))?.*?\sdev\s+(\S+)/.exec(defaultRoute.trim());
  if (route) {
    const dev = route[2]!;
    const addr = byInterface.get(dev)?.[0];
    if (addr) {
      const mask = netmask(Number(addr.prefix));
      Object.assign(dflt, { address: addr.address, alias: dev });
      if (addr.broadcast) dflt.broadcast = addr.broadcast;
      if (route[1]) dflt.gateway = route[1];
      dflt.interface = dev;
      Object.assign(dflt, links.get(dev) ?? {});
      Object.assign(dflt, { netmask: mask, network: fromInt((toInt(addr.address) & toInt(mask)) >>> 0), prefix: addr.prefix });
    } else {
      if (route[1]) dflt.gateway = route[1];
      dflt.interface = dev;
    }
  } else if (all.length) {
    dflt.address = all[0];
  }
  const names = links.size ? [...links.keys()] : [...byInterface.keys()];
  return { ansible_default_ipv4: dflt, ansible_all_ipv4_addresses: all, ansible_all_ipv6_addresses: all6, ansible_interfaces: names };
}
