/** The `timeout` keyword: a hung command is stopped, the task fails saying so, and the run goes on to report. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const playbook = new URL('../fixtures/timeout/site.yml', import.meta.url).pathname;

describe('task timeout', () => {
  it('stops a hung command and fails the task with a clear message', async function () {
    this.timeout(60_000);
    const root = mkdtempSync(join(tmpdir(), 'sr-timeout-'));
    try {
      const nonce = String(Math.floor(Math.random() * 1e6)).padStart(6, '0');
      const r = await runCli([playbook, '-e', `root=${root}`, '-e', `nonce=${nonce}`]);
      assert.equal(r.code, 2, r.stdout);
      assert.match(r.stdout, /TASK \[a hung command\] \*+\nfatal: \[localhost\]: FAILED! => .*took longer than its timeout of 1 s and was stopped.*sleep 300\.\d+.*\n\.\.\.ignoring/);
      assert.match(r.stdout, /TASK \[quick enough\] \*+\nchanged: \[localhost\]/);
      assert.match(r.stdout, /TASK \[too slow\] \*+\nfatal: \[localhost\]: FAILED! => .*timeout of 2 s/);
      assert.doesNotMatch(r.stdout, /not reached/);
      assert.match(r.stdout, /localhost\s+: ok=2\s+changed=1\s+unreachable=0\s+failed=1\s+skipped=0\s+rescued=0\s+ignored=1/);
      assert.equal(existsSync(join(root, 'too-late')), false);
      const left = execFileSync('sh', ['-c', `pgrep -f "[s]leep (300|120)\\.${nonce}" || true`], { encoding: 'utf8' });
      assert.equal(left.trim(), '', 'the stopped commands are gone');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
