/** Address facts from `ip -4 route show default` and `ip -4 -o addr show` (or `hostname -I`). */

export interface NetworkFacts {
  ansible_default_ipv4: { address?: string; interface?: string; gateway?: string; prefix?: string };
  ansible_all_ipv4_addresses: string[];
  ansible_interfaces: string[];
}

export function networkFacts(defaultRoute: string, addressLines: string[]): NetworkFacts {
  const byInterface = new Map<string, { address: string; prefix: string }[]>();
  const all: string[] = [];
  for (const line of addressLines) {
    const m = /^\d+:\s+(\S+)\s+inet\s+([\d.]+)\/(\d+)/.exec(line);
    if (m) {
      const name = m[1]!.replace(/@.*/, '');
      const list = byInterface.get(name) ?? [];
      list.push({ address: m[2]!, prefix: m[3]! });
      byInterface.set(name, list);
      if (!m[2]!.startsWith('127.')) all.push(m[2]!);
    } else {
      // `hostname -I`: addresses only, space separated
      for (const a of line.trim().split(/\s+/)) if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) all.push(a);
    }
  }
  const dflt: NetworkFacts['ansible_default_ipv4'] = {};
  const route = /^default(?:\s+via\s+([\d.]+))?.*?\sdev\s+(\S+)/.exec(defaultRoute.trim());
  if (route) {
    if (route[1]) dflt.gateway = route[1];
    dflt.interface = route[2]!;
    const addr = byInterface.get(route[2]!)?.[0];
    if (addr) Object.assign(dflt, addr);
  } else if (all.length) {
    dflt.address = all[0];
  }
  return { ansible_default_ipv4: dflt, ansible_all_ipv4_addresses: all, ansible_interfaces: [...byInterface.keys()] };
}
