/**
 * become over a real sshd, with throwaway users that exist only during this file: one that needs
 * its password for sudo, one with NOPASSWD. Users, homes and sudoers files are removed after.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { BecomeError, SshConnection } from '../../runner/connections/ssh.js';
import { UnreachableError } from '../../runner/connections/connection.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh connection: become (sudo) @root @sshd', function () {
  before(function () { needs(this, 'root', 'sshd'); });
  const id = randomBytes(3).toString('hex');
  const withPassword = `sr-op-${id}`;
  const noPassword = `sr-np-${id}`;
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const sudoers = [`/etc/sudoers.d/sr-test-${id}`];
  let sshd: Sshd;
  const conns: SshConnection[] = [];

  function login(user: string, pass = password) {
    const c = new SshConnection(sshd.target({ user, privateKeyFile: undefined, password: pass, useAgent: false }));
    conns.push(c);
    return c;
  }

  before(async () => {
    for (const u of [withPassword, noPassword]) {
      execFileSync('useradd', ['-m', '-s', '/bin/sh', u]);
      execFileSync('chpasswd', { input: `${u}:${password}\n` });
    }
    writeFileSync(sudoers[0]!, [
      `Defaults:${withPassword} timestamp_timeout=0`,
      `${withPassword} ALL=(ALL) ALL`,
      `${noPassword} ALL=(ALL) NOPASSWD: ALL`,
      '',
    ].join('\n'), { mode: 0o440 });
    sshd = await startSshd();
  });

  after(async () => {
    for (const c of conns) await c.close();
    await sshd?.stop();
    for (const f of sudoers) rmSync(f, { force: true });
    for (const u of [withPassword, noPassword]) {
      try {
        execFileSync('userdel', ['-r', '-f', u], { stdio: 'ignore' });
      } catch {
        // already gone
      }
      rmSync(`/run/sudo/ts/${u}`, { force: true });
    }
  });

  it('logs in with a password and runs as that user', async () => {
    const r = await login(withPassword).exec('id -un');
    assert.equal(r.stdout, `${withPassword}\n`);
  });

  it('refuses a wrong login password as unreachable', async () => {
    const c = login(withPassword, 'wrong-login');
    await assert.rejects(c.connect(), (e: Error) => e instanceof UnreachableError && /permission denied for user/.test(e.message) && !e.message.includes('wrong-login'));
  });

  it('becomes root with the sudo password, in a long-lived shell', async () => {
    const c = login(withPassword);
    const become = { user: 'root', password };
    const r = await c.exec('id -u; echo "$SUDO_USER"', { become });
    assert.deepEqual(r, { rc: 0, stdout: `0\n${withPassword}\n`, stderr: '' });
    const again = await Promise.all([c.exec('id -u', { become }), c.exec('id -u', { become }), c.exec('id -un')]);
    assert.deepEqual(again.map((x) => x.stdout), ['0\n', '0\n', `${withPassword}\n`]);
  });

  it('says the sudo password is wrong without showing it', async () => {
    const c = login(withPassword);
    const wrong = 'not-the-password-123';
    await assert.rejects(c.exec('id -u', { become: { user: 'root', password: wrong } }), (e: Error) => {
      assert.ok(e instanceof BecomeError, String(e));
      assert.equal(e.message, `sudo: incorrect password for ${withPassword}@testhost (to become root)`);
      assert.ok(!e.message.includes(wrong));
      return true;
    });
    const plain = await c.exec('echo ok');
    assert.equal(plain.stdout, 'ok\n', 'the connection stays usable');
  });

  it('says a password is required when none is given', async () => {
    await assert.rejects(login(withPassword).exec('id -u', { become: { user: 'root' } }), /a password is required/);
  });

  it('works with NOPASSWD', async () => {
    const r = await login(noPassword).exec('id -u', { become: { user: 'root' } });
    assert.equal(r.stdout, '0\n');
  });

  it('writes a root-owned file through sudo', async () => {
    const c = login(withPassword);
    const path = `/tmp/sr-become-${id}`;
    try {
      await c.writeFile(path, 'root only\n', { become: { user: 'root', password }, mode: '0600' });
      const st = execFileSync('stat', ['-c', '%U %a', path], { encoding: 'utf8' });
      assert.equal(st.trim(), 'root 600');
      assert.equal((await c.readFile(path, { become: { user: 'root', password } }))?.toString(), 'root only\n');
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('uses no sudo when the login user is already the become user', async () => {
    const c = new SshConnection(sshd.target());
    conns.push(c);
    const r = await c.exec('echo "[$SUDO_USER]"; id -u', { become: { user: 'root', password: 'irrelevant' } });
    assert.equal(r.stdout, '[]\n0\n');
  });

  it('kills a timed-out command that runs as root', async () => {
    const c = login(withPassword);
    const become = { user: 'root', password };
    await assert.rejects(c.exec('sleep 301', { become, timeoutMs: 300 }), /timed out/);
    const r = await c.exec(`ps -eo args | grep -c '^sleep 301' || true`, { become });
    assert.equal(r.stdout.trim(), '0');
  });
});
