/** Host key checking against a real sshd: known, unknown, changed, hashed entries, explicit opt-out. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SshConnection } from '../../runner/connections/ssh.js';
import { UnreachableError } from '../../runner/connections/connection.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh connection: host keys @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  let sshd: Sshd;
  let fingerprint: string;

  before(async () => {
    sshd = await startSshd();
    const blob = Buffer.from(sshd.hostPublicKey.split(' ')[1]!, 'base64');
    fingerprint = 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
  });
  after(async () => {
    await sshd?.stop();
    execFileSync('rm', ['-f', '/tmp/sr-should-not-run']);
  });

  async function attempt(files: string[], extra: object = {}): Promise<Error | undefined> {
    const conn = new SshConnection(sshd.target({ knownHostsFiles: files, ...extra }));
    try {
      await conn.connect();
      await conn.exec('touch /tmp/sr-should-not-run');
      return undefined;
    } catch (e) {
      return e as Error;
    } finally {
      await conn.close();
    }
  }

  it('connects when the key is recorded', async () => {
    assert.equal(await attempt([sshd.knownHosts]), undefined);
  });

  it('accepts the hashed entry that the suggested ssh-keyscan -H line records', async () => {
    const file = join(sshd.dir, 'hashed_known_hosts');
    const lines = execFileSync('ssh-keyscan', ['-H', '-p', String(sshd.port), '127.0.0.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    writeFileSync(file, lines);
    assert.match(lines, /^\|1\|/);
    assert.equal(await attempt([file]), undefined);
  });

  it('refuses an unknown key and says how to accept it, with the fingerprint', async () => {
    const err = await attempt([join(sshd.dir, 'empty_known_hosts')]);
    assert.ok(err instanceof UnreachableError, String(err));
    assert.match(err.message, /not known/);
    assert.ok(err.message.includes(fingerprint), err.message);
    assert.ok(err.message.includes(`ssh-keyscan -H -p ${sshd.port} 127.0.0.1 >> ~/.ssh/known_hosts`), err.message);
  });

  it('refuses a changed key loudly, naming both fingerprints, and runs nothing', async () => {
    const other = join(sshd.dir, 'other_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const otherPub = execFileSync('cat', [`${other}.pub`], { encoding: 'utf8' }).split(' ').slice(0, 2).join(' ');
    const file = join(sshd.dir, 'changed_known_hosts');
    writeFileSync(file, `# a comment\n[127.0.0.1]:${sshd.port} ${otherPub}\n`);
    execFileSync('rm', ['-f', '/tmp/sr-should-not-run']);
    const err = await attempt([file]);
    assert.ok(err instanceof UnreachableError, String(err));
    assert.match(err.message, /HOST KEY CHANGED/);
    assert.match(err.message, /man-in-the-middle/);
    assert.ok(err.message.includes(fingerprint), 'offered fingerprint');
    assert.match(err.message, new RegExp(`recorded: ED25519 SHA256:\\S+ \\(${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2\\)`));
    assert.match(err.message, /ssh-keygen -R/);
    assert.equal(execFileSync('sh', ['-c', 'test -e /tmp/sr-should-not-run && echo yes || echo no'], { encoding: 'utf8' }).trim(), 'no');
  });

  it('does not match an entry recorded for another port', async () => {
    const file = join(sshd.dir, 'port22_known_hosts');
    writeFileSync(file, `127.0.0.1 ${sshd.hostPublicKey}\n`);
    const err = await attempt([file]);
    assert.match(String(err), /not known/);
  });

  it('connects to an unknown host only when checking is turned off explicitly', async () => {
    assert.equal(await attempt([join(sshd.dir, 'empty_known_hosts')], { hostKeyChecking: false }), undefined);
  });
});
