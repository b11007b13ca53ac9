/** no_log: a secret never reaches the output: not in results, diffs, failures, loop labels or --json. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const playbook = new URL('../fixtures/no-log/site.yml', import.meta.url).pathname;

describe('no_log', () => {
  let root: string;
  before(() => { root = mkdtempSync(join(tmpdir(), 'sr-nolog-')); });
  after(() => rmSync(root, { recursive: true, force: true }));

  for (const extra of [['--diff'], ['--check', '--diff'], ['--diff', '-vv'], ['--json', '--diff']]) {
    it(`hides the secret with ${extra.join(' ')}`, async () => {
      const r = await runCli([playbook, '-e', `root=${root}`, ...extra]);
      assert.equal(r.code, 0, r.stdout);
      assert.doesNotMatch(r.stdout + r.stderr, /s3cr3t/);
      if (!extra.includes('--json') && !extra.includes('--check')) assert.match(r.stdout, /'no_log: true' was specified/);
    });
  }

  it('still does the work', () => {
    assert.equal(readFileSync(join(root, 'key.conf'), 'utf8'), 'key=s3cr3t-stream-key\n');
  });
});
