/**
 * Differential tests: each case under test/fixtures/differential/ was run by the real
 * ansible-playbook (its output and exit code kept beside it as ansible.out and ansible.exit;
 * SHOWRUNNER_RECORD_ANSIBLE=1 records them again). Showrunner must print the same plays, tasks,
 * per-host statuses, debug values and PLAY RECAP, and exit with the same code; the @ansible
 * suites check that the installed Ansible still prints what was recorded. A case that works on
 * files keeps them under /tmp/showrunner-differential-<case>, which is removed before each run of
 * either tool, so every run starts from the same host state whatever ran before.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transcript } from '../helpers/transcript.js';
import { runCli } from '../helpers/run-cli.js';
import { runAnsible } from '../harness/ansible.js';
import { recorded, type Store } from '../harness/recorded.js';

const root = new URL('../fixtures/differential/', import.meta.url).pathname;

interface Recording { out: string; exit: number }

function store(name: string, dir: string): Store<Recording> {
  const out = join(dir, 'ansible.out');
  const exit = join(dir, 'ansible.exit');
  return {
    name: `differential/${name}`,
    read: () => (existsSync(out) ? { out: readFileSync(out, 'utf8'), exit: Number(readFileSync(exit, 'utf8')) } : undefined),
    write: (r) => { writeFileSync(out, r.out); writeFileSync(exit, `${r.exit}\n`); },
  };
}

/** The case's work folder, removed so that each run starts from a host without it. */
const fresh = (name: string): void => rmSync(`/tmp/showrunner-differential-${name}`, { recursive: true, force: true });

const argsOf = (dir: string): string[] =>
  existsSync(join(dir, 'args')) ? readFileSync(join(dir, 'args'), 'utf8').trim().split(/\s+/).filter(Boolean) : [];

describe('same results as ansible-playbook (recorded)', () => {
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const theirs = recorded(store(name, dir), async () => {
      fresh(name);
      const r = await runAnsible('ansible-playbook', ['-i', 'inventory', 'site.yml', ...argsOf(dir)], { cwd: dir });
      return { out: r.stdout, exit: r.code };
    }, (live, rec) => {
      assert.equal(transcript(live.out), transcript(rec.out));
      assert.equal(live.exit, rec.exit);
    });
    it(name, async () => {
      // Handlers a failed run still owes are kept on the host between runs (a Showrunner feature):
      // a fresh state folder per run keeps each run's output comparable with Ansible's.
      const state = mkdtempSync(join(tmpdir(), 'sr-state-'));
      fresh(name);
      const ours = await runCli(['-i', 'inventory', 'site.yml', ...argsOf(dir), '-e', `showrunner_state_dir=${state}`], dir);
      rmSync(state, { recursive: true, force: true });
      assert.equal(ours.stderr, '', 'no errors on stderr');
      assert.equal(transcript(ours.stdout), transcript(theirs.out));
      assert.equal(ours.code, theirs.exit);
    });
  }
});
