/** `--check -v` prints what each plan would do on the host, as data: commands and file writes. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, resultOf } from '../harness/report.js';

describe('plan steps', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-steps-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const playbook = (d: string) => JSON.stringify([{
    hosts: 'localhost', gather_facts: false, tasks: [
      { name: 'write', copy: { content: 'hello\n', dest: `${d}/out.txt`, mode: '0640' } },
      { name: 'folder', file: { path: `${d}/sub`, state: 'directory' } },
      { name: 'run', command: `touch ${d}/ran` },
    ],
  }]);

  it('--check -v lists each plan\'s writes and commands; nothing is done', async () => {
    writeFileSync(join(dir, 'play.yml'), playbook(dir));
    const r = await runCli([join(dir, 'play.yml'), '--check', '-v'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, new RegExp(`TASK \\[write\\] \\*+\\nchanged: \\[localhost\\] => .*\\n  would do:\\n    write ${dir}/out.txt \\(6 bytes, mode 0640\\)\\n`));
    assert.match(r.stdout, new RegExp(`TASK \\[folder\\] \\*+\\nchanged: .*\\n  would do:\\n    run: .*mkdir -- ${dir}/sub`, 's'));
    assert.match(r.stdout, new RegExp(`TASK \\[run\\] \\*+\\nchanged: .*\\n  would do:\\n    run: touch ${dir}/ran\\n`));
    assert.equal(existsSync(join(dir, 'out.txt')) || existsSync(join(dir, 'ran')) || existsSync(join(dir, 'sub')), false);
  });

  it('without -v no step is printed; --json carries them for every plan that acts', async () => {
    writeFileSync(join(dir, 'play.yml'), playbook(dir));
    const plain = await runCli([join(dir, 'play.yml'), '--check'], dir);
    assert.doesNotMatch(plain.stdout, /would do:/);
    const report = parseReport((await runCli([join(dir, 'play.yml'), '--check', '--json'], dir)).stdout);
    assert.deepEqual(resultOf(report, 'write', 'localhost')!.steps, [{ write: `${dir}/out.txt`, bytes: 6, sha1: 'f572d396fae9206628714fb2ce00f72e94f2258f', mode: '0640' }]);
    assert.deepEqual(resultOf(report, 'run', 'localhost')!.steps, [{ run: `touch ${dir}/ran` }]);
  });
});
