/**
 * Where Showrunner does better than Ansible: a run that fails after a task notified a handler
 * leaves the handler owed on the host, and the next run runs it although nothing notifies it
 * again (Ansible would forget it: the app would keep its old config).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const playbook = new URL('../fixtures/owed-handlers/site.yml', import.meta.url).pathname;

describe('handlers a failed run still owed', () => {
  let root: string;
  const run = (version: number, failNow: boolean, ...extra: string[]) =>
    runCli([playbook, '-e', `root=${root}`, '-e', `showrunner_state_dir=${root}/state`, '-e', `version=${version}`, '-e', `fail_now=${failNow}`, ...extra]);
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'sr-owed-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('runs them on the next run, once, and then forgets them', async () => {
    const first = await run(2, true);
    assert.equal(first.code, 2);
    assert.doesNotMatch(first.stdout, /RUNNING HANDLER/);
    assert.equal(existsSync(join(root, 'reloads')), false);

    const dry = await run(2, false, '--check');
    assert.match(dry.stdout, /\[WARNING\]: localhost: running handlers an earlier run notified but did not get to run: reload app/);
    assert.match(dry.stdout, /RUNNING HANDLER \[reload app\]/);
    assert.equal(existsSync(join(root, 'reloads')), false, 'a dry run runs nothing');

    const second = await run(2, false);
    assert.equal(second.code, 0, second.stdout);
    assert.match(second.stdout, /TASK \[config\] \*+\nok: \[localhost\]/);
    assert.match(second.stdout, /RUNNING HANDLER \[reload app\] \*+\nchanged: \[localhost\]/);
    assert.equal(readFileSync(join(root, 'reloads'), 'utf8'), 'reloaded\n');

    const third = await run(2, false);
    assert.doesNotMatch(third.stdout, /RUNNING HANDLER|WARNING/);
    assert.match(third.stdout, /localhost\s+: ok=1\s+changed=0/);
  });

  it('records nothing when the run succeeds', async () => {
    const ok = await run(1, false);
    assert.equal(ok.code, 0);
    assert.match(ok.stdout, /RUNNING HANDLER \[reload app\]/);
    assert.equal(existsSync(join(root, 'state')), false);
  });
});
