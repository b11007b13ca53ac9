/**
 * `--limit` that selects no host at all is refused before the run, in Ansible's words, with the
 * host or group name closest to each part that matched nothing.
 */
import { matchHosts, splitHostPattern, type Inventory } from '../inventory/index.js';
import { closest } from '../load/suggest.js';

export function limitProblem(inventory: Inventory, limit: string): string | undefined {
  if (matchHosts(inventory, limit).length) return undefined;
  const names = [...inventory.hosts.keys(), ...inventory.groups.keys()];
  const hints = splitHostPattern(limit).map((p) => p.replace(/^[!&]/, ''))
    .filter((p) => !matchHosts(inventory, p).length)
    .map((p) => closest(p, names)).filter((n): n is string => n !== undefined);
  const hint = hints.length ? ` (did you mean '${[...new Set(hints)].join("', '")}'?)` : '';
  return `Specified inventory, host pattern and/or --limit leaves us with no hosts to target: --limit '${limit}' matches no host${hint}`;
}
