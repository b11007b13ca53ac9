/**
 * Addresses for hosts: stable per host once given, and disjoint between prefixes so two labs
 * (say sysv `lab*` and systemd `sd*`) share the subnet. `lab` counts up from .11, any other
 * prefix from .131, each skipping what other hosts already hold.
 */
import { SUBNET_PREFIX } from './paths.js';

const FIRST = 11;
const OTHER_FIRST = 131;
const LAST = 254;

export function allocateAddress(prefix: string, taken: Set<string>): string {
  const start = prefix === 'lab' ? FIRST : OTHER_FIRST;
  const order = [...range(start, LAST), ...range(FIRST, start - 1)];
  for (const n of order) {
    const address = `${SUBNET_PREFIX}${n}`;
    if (!taken.has(address)) return address;
  }
  throw new Error(`no free address left in ${SUBNET_PREFIX}0/24`);
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}
