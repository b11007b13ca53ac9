/**
 * Addresses for hosts: stable per host once given, and disjoint between prefixes so two labs
 * (say sysv `lab*` and systemd `sd*`) share the subnet. `lab` counts up from 10.77.0.11, any
 * other prefix from 10.77.0.131, each skipping what other hosts already hold. Past 10.77.0.254 a
 * lab goes on in 10.77.1.x, 10.77.2.x and so on (hosts are on a /16, so a lab of 200 fits beside
 * others); the other prefixes' half of 10.77.0.x is used last.
 */
import { SUBNET_BASE, PREFIX_LENGTH } from './paths.js';

const FIRST = 11;
const OTHER_FIRST = 131;
const LAST = 254;
/** Third octets past 0 a lab may spill into (10.77.1.x up to 10.77.15.x: about 3,800 hosts). */
const MORE_SUBNETS = 15;

export function allocateAddress(prefix: string, taken: Set<string>): string {
  const start = prefix === 'lab' ? FIRST : OTHER_FIRST;
  for (const address of candidates(start)) {
    if (!taken.has(address)) return address;
  }
  throw new Error(`no free address left in ${SUBNET_BASE}0.0/${PREFIX_LENGTH}`);
}

function* candidates(start: number): Generator<string> {
  for (let n = start; n <= LAST; n++) yield `${SUBNET_BASE}0.${n}`;
  for (let third = 1; third <= MORE_SUBNETS; third++) {
    for (let n = 1; n <= LAST; n++) yield `${SUBNET_BASE}${third}.${n}`;
  }
  for (let n = FIRST; n < start; n++) yield `${SUBNET_BASE}0.${n}`;
}
