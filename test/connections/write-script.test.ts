/**
 * The remote half of a write through a shell (sudo, or a local become): stdin into a temp file,
 * renamed into place only when every byte arrived. A shell whose input ends early (a link that
 * died mid-transfer: the shell reads end-of-file and runs what it has) leaves neither the file
 * nor its temp; a whole transfer replaces the file and sweeps temps an earlier cut left.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeScript } from '../../runner/connections/local.js';

function sh(script: string, stdin: string) {
  return spawnSync('/bin/sh', ['-c', script], { input: stdin, encoding: 'utf8' });
}

describe('writing a file through a shell', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-write-script-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const data = Buffer.from('x'.repeat(200) + '\n');
  // Cut at a line boundary of the base64 text: what is left still decodes without an error.
  const cut = data.toString('base64').slice(0, 76) + '\n';

  it('input cut short: exit 1, "transfer cut short", no file and no temp left', () => {
    const path = join(dir, 'site.conf');
    const r = sh(writeScript(path, join(dir, '.site.conf.showrunner-0000abcd'), {}, data.length), cut);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /transfer cut short/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('input cut short leaves the file it would replace alone', () => {
    const path = join(dir, 'site.conf');
    writeFileSync(path, 'old\n');
    const r = sh(writeScript(path, join(dir, '.site.conf.showrunner-0000abcd'), {}, data.length), cut);
    assert.equal(r.status, 1);
    assert.equal(readFileSync(path, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir), ['site.conf']);
  });

  it('a whole transfer replaces the file and removes a temp an earlier cut left', () => {
    const path = join(dir, 'site.conf');
    writeFileSync(join(dir, '.site.conf.showrunner-deadbeef'), 'partial');
    const r = sh(writeScript(path, join(dir, '.site.conf.showrunner-0000abcd'), { mode: '0640' }, data.length), data.toString('base64'));
    assert.equal(r.status, 0, r.stderr);
    assert.ok(readFileSync(path).equals(data));
    assert.deepEqual(readdirSync(dir), ['site.conf']);
  });
});
