/**
 * Inventory fixtures and the Ansible commands that read them, recorded through the one harness
 * (test/harness/recorded.ts): unit tests compare with the recording, @ansible suites re-check it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAnsibleSync } from '../harness/ansible.js';
import { recorded } from '../harness/recorded.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/inventory/', import.meta.url));
export const fixture = (...p: string[]): string => join(FIXTURES, ...p);

/** The recorded expectation `expected/<name>.json`. Call while suites are defined. */
export function expected<T>(name: string, fromAnsible: () => T): T {
  return recorded<T>(fixture('expected', `${name}.json`), fromAnsible);
}

/** `ansible-inventory -i <source> --list` as parsed JSON. */
export function ansibleInventoryList(sources: string[]): unknown {
  return JSON.parse(runAnsibleSync('ansible-inventory', [...sources.flatMap((s) => ['-i', s]), '--list']));
}

/** `ansible -i <source> <pattern> --list-hosts` as a list of names ([] when nothing matched). */
export function ansibleListHosts(source: string, pattern: string): string[] {
  const out = runAnsibleSync('ansible', ['-i', source, pattern, '--list-hosts']);
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
}
