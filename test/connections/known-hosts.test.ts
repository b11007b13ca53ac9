/** known_hosts lookups as OpenSSH does them, on files written here. */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprint, keyBlobType, verifyHostKey } from '../../runner/connections/known-hosts.js';

function blob(type: string): Buffer {
  const name = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  return Buffer.concat([len, name, randomBytes(32)]);
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', function () {
  let dir: string;
  const ed = blob('ssh-ed25519');
  const ed2 = blob('ssh-ed25519');
  const rsa = blob('ssh-rsa');
  const line = (hosts: string, b: Buffer) => `${hosts} ${keyBlobType(b)} ${b.toString('base64')}`;

  before(() => (dir = mkdtempSync(join(tmpdir(), 'sr-kh-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  function file(...lines: string[]): string {
    const p = join(dir, `kh-${randomBytes(4).toString('hex')}`);
    writeFileSync(p, lines.join('\n') + '\n');
    return p;
  }

  it('matches plain, listed, wildcard and bracketed-port entries', () => {
    const f = file('# comment', '', line('web1,10.0.0.5', ed), line('*.lab', rsa), line('[10.0.0.9]:2222', ed2));
    assert.equal(verifyHostKey([f], '10.0.0.5', 22, ed).kind, 'match');
    assert.equal(verifyHostKey([f], 'a.lab', 22, rsa).kind, 'match');
    assert.equal(verifyHostKey([f], '10.0.0.9', 2222, ed2).kind, 'match');
    assert.equal(verifyHostKey([f], '10.0.0.9', 22, ed2).kind, 'unknown');
  });

  it('matches hashed entries, with and without a port', () => {
    const f = file(line(hashed('edge.example'), ed), line(hashed('[edge.example]:2200'), ed2));
    assert.equal(verifyHostKey([f], 'edge.example', 22, ed).kind, 'match');
    assert.equal(verifyHostKey([f], 'edge.example', 2200, ed2).kind, 'match');
    assert.equal(verifyHostKey([f], 'other.example', 22, ed).kind, 'unknown');
  });

  it('calls a different key of a recorded type changed, and names where it was recorded', () => {
    const f = file(line('web1', ed));
    const v = verifyHostKey([f], 'web1', 22, ed2);
    assert.equal(v.kind, 'changed');
    assert.ok(v.kind === 'changed' && v.expected.line === 1 && v.expected.file === f);
  });

  it('calls a key of an unrecorded type unknown, listing the known types', () => {
    const v = verifyHostKey([file(line('web1', rsa))], 'web1', 22, ed);
    assert.ok(v.kind === 'unknown' && v.otherTypes.length === 1);
  });

  it('honours negated patterns and @revoked', () => {
    const f = file(line('*.lab,!bad.lab', ed), `@revoked * ${keyBlobType(ed2)} ${ed2.toString('base64')}`);
    assert.equal(verifyHostKey([f], 'good.lab', 22, ed).kind, 'match');
    assert.equal(verifyHostKey([f], 'bad.lab', 22, ed).kind, 'unknown');
    assert.equal(verifyHostKey([f], 'good.lab', 22, ed2).kind, 'revoked');
  });

  it('skips missing files and prints fingerprints as ssh-keygen does', () => {
    assert.equal(verifyHostKey([join(dir, 'absent')], 'h', 22, ed).kind, 'unknown');
    assert.match(fingerprint(ed), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
