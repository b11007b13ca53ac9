/**
 * Differential tests: each case under test/fixtures/differential/ was run by the real
 * ansible-playbook (scripts/record-ansible.mjs keeps ansible.out and ansible.exit beside it).
 * Showrunner must print the same plays, tasks, per-host statuses, debug values and PLAY RECAP,
 * and exit with the same code.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { transcript } from '../helpers/transcript.js';
import { runCli } from '../helpers/run-cli.js';

const root = new URL('../fixtures/differential/', import.meta.url).pathname;

describe('same results as ansible-playbook (recorded)', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    if (!existsSync(join(dir, 'ansible.out'))) continue;
    it(name, async () => {
      const args = existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim().split(/\s+/).filter(Boolean) : [];
      const ours = await runCli(['-i', 'inventory', 'site.yml', ...args], dir);
      const theirs = readFileSync(join(dir, 'ansible.out'), 'utf8');
      assert.equal(ours.stderr, '', 'no errors on stderr');
      assert.equal(transcript(ours.stdout), transcript(theirs));
      assert.equal(ours.code, Number(readFileSync(join(dir, 'ansible.exit'), 'utf8')));
    });
  }
});
