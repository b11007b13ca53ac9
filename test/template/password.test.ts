/**
 * lookup('password') as Ansible 2.14 does it (seen: `creds/one length=8 chars=digits` wrote
 * "94897987\n", file 0600 in a new 0700 folder, and gave the same password on the next call).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderValue } from '../../runner/template/index.js';

describe("lookup('password') keeps a password in a file on the controller", () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-pw-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const pw = (term: string) => renderValue(`{{ lookup('password', '${term}') }}`, { playbook_dir: dir }) as string;

  it('creates the file (folder 0700, file 0600) with the password and a newline, and reads it back next time', () => {
    const first = pw('creds/one length=8 chars=digits');
    assert.match(first, /^\d{8}$/);
    const file = join(dir, 'creds/one');
    assert.equal(readFileSync(file, 'utf8'), `${first}\n`);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'creds')).mode & 0o777, 0o700);
    assert.equal(pw('creds/one'), first);
  });

  it('20 characters of letters, digits and .,:-_ by default', () => {
    assert.match(pw('creds/two'), /^[A-Za-z0-9.,:\-_]{20}$/);
  });

  it("chars: named sets or literal characters, ',,' a comma; keywords too", () => {
    assert.match(pw('a chars=ascii_lowercase,, length=40'), /^[a-z,]{40}$/);
    const viaKeywords = renderValue("{{ lookup('password', 'b', length=6, chars=['x']) }}", { playbook_dir: dir });
    assert.equal(viaKeywords, 'xxxxxx');
  });

  it('/dev/null gives a new password every time and writes nothing', () => {
    const a = pw('/dev/null length=30');
    assert.equal(a.length, 30);
    assert.notEqual(pw('/dev/null length=30'), a);
  });

  it('an existing file with a salt gives the password part', () => {
    writeFileSync(join(dir, 'salted'), 'secret salt=abcdefgh\n');
    assert.equal(pw('salted'), 'secret');
    assert.ok(!existsSync(join(dir, 'files')));
  });

  it('refuses an unknown parameter, naming it', () => {
    assert.throws(() => pw('c lenght=5'), /Unrecognized parameter\(s\) given to password lookup: lenght/);
  });
});
