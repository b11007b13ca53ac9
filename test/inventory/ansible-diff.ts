/**
 * Differential testing against real Ansible. Expected results live in fixtures, recorded from
 * ansible-core; every run checks Showrunner against them. With SHOWRUNNER_DIFF_ANSIBLE=1 the
 * fixtures are re-checked under real Ansible too (it must print the same), and with
 * SHOWRUNNER_RECORD_ANSIBLE=1 they are rewritten from what Ansible prints.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const FIXTURES = fileURLToPath(new URL('../fixtures/inventory/', import.meta.url));
export const fixture = (...p: string[]): string => join(FIXTURES, ...p);

const record = process.env['SHOWRUNNER_RECORD_ANSIBLE'] === '1';
export const diffWithAnsible = record || process.env['SHOWRUNNER_DIFF_ANSIBLE'] === '1';

/** Runs an Ansible command from an empty directory (so no stray group_vars/ or ansible.cfg count). */
export function runAnsible(cmd: string, args: string[]): string {
  const cwd = mkdtempSync(join(tmpdir(), 'sr-ansible-'));
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_HOST_KEY_CHECKING: '0', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' },
  });
}

/**
 * The recorded expectation `expected/<name>.json`; in diff mode `fromAnsible` is run and must
 * agree with it (or, when recording, replaces it).
 */
export function expected<T>(name: string, fromAnsible: () => T): T {
  const file = fixture('expected', `${name}.json`);
  if (record) {
    writeFileSync(file, JSON.stringify(fromAnsible(), null, 2) + '\n');
  }
  assert.ok(existsSync(file), `missing recorded expectation ${file} (run with SHOWRUNNER_RECORD_ANSIBLE=1)`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as T;
  if (diffWithAnsible && !record) {
    assert.deepStrictEqual(fromAnsible(), recorded, `real Ansible no longer prints what ${name}.json recorded`);
  }
  return recorded;
}

/** `ansible-inventory -i <source> --list` as parsed JSON. */
export function ansibleInventoryList(sources: string[]): unknown {
  return JSON.parse(runAnsible('ansible-inventory', [...sources.flatMap((s) => ['-i', s]), '--list']));
}

/** `ansible -i <source> <pattern> --list-hosts` as a list of names ([] when nothing matched). */
export function ansibleListHosts(source: string, pattern: string): string[] {
  const out = runAnsible('ansible', ['-i', source, pattern, '--list-hosts']);
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim())
    .filter(Boolean);
}
