import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

describe('loop_control.pause waits between items', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-pause-'));
    writeFileSync(join(dir, 'site.yml'), [
      '- hosts: localhost',
      '  gather_facts: false',
      '  tasks:',
      '    - debug: msg="{{ item }}"',
      '      loop: [a, b, c]',
      '      loop_control: {pause: 0.3}',
    ].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('three items, two pauses of 0.3 s (none before the first item)', async () => {
    const start = Date.now();
    const r = await runCli(['site.yml'], dir);
    const took = Date.now() - start;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(item=c\)/);
    assert.ok(took >= 600 && took < 900 + 1500, `took ${took} ms`);
  });
});
