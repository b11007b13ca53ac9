/**
 * Questions about the group graph that patterns and variables ask: which groups a host is in
 * (ancestors included), the order groups merge in, and the hosts of a group as Ansible lists them.
 */
import { parentMap, type Inventory, type InventoryGroup } from './model.js';

/** Every group the host belongs to, directly or through a parent group ('all' included). */
export function hostGroupSet(inv: Inventory, host: string): Set<string> {
  const h = inv.hosts.get(host);
  const out = new Set<string>();
  if (!h) return out;
  const parents = parentMap(inv);
  const walk = (g: string): void => {
    if (out.has(g)) return;
    out.add(g);
    for (const p of parents.get(g) ?? []) walk(p);
  };
  for (const g of h.groups) walk(g);
  return out;
}

function priorityOf(g: InventoryGroup): number {
  return g.priority ?? 1;
}

/** Groups in merge order: by depth, then priority, then name (later ones win). */
export function sortGroups(inv: Inventory, names: Iterable<string>): InventoryGroup[] {
  const groups = [...names].map((n) => inv.groups.get(n)).filter((g): g is InventoryGroup => !!g);
  return groups.sort(
    (a, b) =>
      (a.depth ?? 0) - (b.depth ?? 0) ||
      priorityOf(a) - priorityOf(b) ||
      (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * Hosts of a group and its descendants: the group's own hosts, then its children's level by
 * level (breadth first, parents in declaration order), each host once. Ansible walks the deeper
 * levels in set order, which varies between runs; declaration order is the stable reading of it.
 */
export function hostsOfGroup(inv: Inventory, name: string): string[] {
  const start = inv.groups.get(name);
  if (!start) return [];
  const order: InventoryGroup[] = [start];
  const seen = new Set<string>([name]);
  let level = [start];
  while (level.length) {
    const next: InventoryGroup[] = [];
    for (const g of level) {
      for (const c of g.children) {
        if (seen.has(c)) continue;
        seen.add(c);
        const child = inv.groups.get(c);
        if (child) next.push(child);
      }
    }
    order.push(...next);
    level = next;
  }
  const hosts = new Set<string>();
  for (const g of order) for (const h of g.hosts) hosts.add(h);
  return [...hosts];
}
