/** File transfer over SFTP on a real sshd: atomic replace, mode and owner, missing files. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection } from '../../runner/connections/ssh.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh connection: files @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  let sshd: Sshd;
  let conn: SshConnection;
  let dir: string;

  before(async () => {
    sshd = await startSshd();
    conn = new SshConnection(sshd.target());
    await conn.connect();
    dir = mkdtempSync(join(tmpdir(), 'sr-ssh-files-'));
  });
  after(async () => {
    await conn?.close();
    await sshd?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a new file with mode 0644 by default and reads it back', async () => {
    const path = join(dir, 'new.conf');
    const data = randomBytes(100_000);
    await conn.writeFile(path, data);
    assert.ok(readFileSync(path).equals(data));
    assert.equal(statSync(path).mode & 0o7777, 0o644);
    const back = await conn.readFile(path);
    assert.ok(back?.equals(data));
  });

  it('applies the given mode and owner before the file appears', async () => {
    const path = join(dir, 'secret.conf');
    await conn.writeFile(path, 'token=1\n', { mode: '0600', owner: 'nobody', group: 'nogroup' });
    const st = statSync(path);
    assert.equal(st.mode & 0o7777, 0o600);
    const ids = await conn.exec(`stat -c '%U:%G' ${path}`);
    assert.equal(ids.stdout.trim(), 'nobody:nogroup');
  });

  it('keeps the mode of a file it replaces and leaves no temp file behind', async () => {
    const path = join(dir, 'keep.sh');
    writeFileSync(path, 'old');
    chmodSync(path, 0o750);
    const inodeBefore = statSync(path).ino;
    await conn.writeFile(path, 'new contents');
    assert.equal(readFileSync(path, 'utf8'), 'new contents');
    assert.equal(statSync(path).mode & 0o7777, 0o750);
    assert.notEqual(statSync(path).ino, inodeBefore, 'replaced by rename, not rewritten in place');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('showrunner')), []);
  });

  it('fails clearly when the owner does not exist, leaving the old file alone', async () => {
    const path = join(dir, 'owned.conf');
    writeFileSync(path, 'original');
    await assert.rejects(conn.writeFile(path, 'changed', { owner: 'no-such-user-sr' }), /cannot write .*owned\.conf/);
    assert.equal(readFileSync(path, 'utf8'), 'original');
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('showrunner')), []);
  });

  it('fails clearly when the directory does not exist', async () => {
    await assert.rejects(conn.writeFile(join(dir, 'nope', 'x.conf'), 'x'), /cannot write .*nope\/x\.conf/);
  });

  it('returns null for a missing file', async () => {
    assert.equal(await conn.readFile(join(dir, 'missing.txt')), null);
  });

  it('reads and writes through the become shell when become asks for another user', async () => {
    const path = join(dir, 'by-nobody');
    chmodSync(dir, 0o777);
    try {
      await conn.writeFile(path, 'hello', { become: { user: 'nobody' } });
      const ids = await conn.exec(`stat -c '%U' ${path}`);
      assert.equal(ids.stdout.trim(), 'nobody');
      assert.equal((await conn.readFile(path, { become: { user: 'nobody' } }))?.toString(), 'hello');
      assert.equal(await conn.readFile(join(dir, 'absent'), { become: { user: 'nobody' } }), null);
    } finally {
      chmodSync(dir, 0o700);
    }
  });

  it('counts each transfer as a round trip', async () => {
    const before = conn.roundTrips;
    await conn.readFile(join(dir, 'missing.txt'));
    assert.equal(conn.roundTrips, before + 1);
  });
});
