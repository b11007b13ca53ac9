/**
 * Differential tests: each case under test/fixtures/differential/ was run by the real
 * ansible-playbook (scripts/record-ansible.mjs keeps ansible.out and ansible.exit beside it).
 * Showrunner must print the same plays, tasks, per-host statuses, debug values and PLAY RECAP,
 * and exit with the same code.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
      // Handlers a failed run still owes are kept on the host between runs (a Showrunner feature):
      // a fresh state folder per run keeps each run's output comparable with Ansible's.
      const state = mkdtempSync(join(tmpdir(), 'sr-state-'));
      const ours = await runCli(['-i', 'inventory', 'site.yml', ...args, '-e', `showrunner_state_dir=${state}`], dir);
      rmSync(state, { recursive: true, force: true });
      const theirs = readFileSync(join(dir, 'ansible.out'), 'utf8');
      assert.equal(ours.stderr, '', 'no errors on stderr');
      assert.equal(transcript(ours.stdout), transcript(theirs));
      assert.equal(ours.code, Number(readFileSync(join(dir, 'ansible.exit'), 'utf8')));
    });
  }
});
