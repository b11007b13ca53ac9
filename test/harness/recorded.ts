/**
 * Expectations recorded from the real Ansible. A fixture holds what Ansible printed; unit tests
 * compare Showrunner with the fixture, and each fixture brings an @ansible suite that asks the
 * installed Ansible again and fails when it no longer prints what was recorded (CI requires
 * the tier, so a recording cannot drift unnoticed). SHOWRUNNER_RECORD_ANSIBLE=1 rewrites the
 * fixtures from what Ansible prints.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { needs } from './tiers.js';

export const recording = process.env.SHOWRUNNER_RECORD_ANSIBLE === '1';

/** How a recording is kept: a JSON file by default. */
export interface Store<T> {
  name: string;
  read(): T | undefined;
  write(value: T): void;
}

export function jsonFile<T>(path: string): Store<T> {
  return {
    name: `${basename(dirname(path))}/${basename(path)}`,
    read: () => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) as T : undefined),
    write: (value) => writeFileSync(path, JSON.stringify(value, null, 2) + '\n'),
  };
}

/**
 * The recorded value, for the unit tests to compare with. Call it while suites are defined
 * (not inside `it`): it defines the @ansible suite that re-checks the recording.
 */
export function recorded<T>(
  store: Store<T> | string, fromAnsible: () => T | Promise<T>,
  same: (live: T, recorded: T) => void = (live, rec) => assert.deepStrictEqual(live, rec),
): T {
  const s = typeof store === 'string' ? jsonFile<T>(store) : store;
  const value = s.read();
  if (value === undefined && !recording) throw new Error(`missing recording ${s.name} (record it with SHOWRUNNER_RECORD_ANSIBLE=1)`);
  describe(`${s.name} is still what Ansible prints @ansible`, function () {
    this.timeout(300_000);
    before(function () { needs(this, 'ansible'); });
    it(recording ? 'is recorded from Ansible' : 'real Ansible prints the recorded result', async () => {
      const live = await fromAnsible();
      if (recording) s.write(live);
      else same(live, value as T);
    });
  });
  return value as T;
}
