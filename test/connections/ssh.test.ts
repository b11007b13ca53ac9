/** Commands over the long-lived remote shell of a real sshd: framing, stdin, cwd/env, queueing, timeouts. */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { SshConnection } from '../../runner/connections/ssh.js';
import { CommandTimeoutError } from '../../runner/connections/connection.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh connection: commands @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  let sshd: Sshd;
  let conn: SshConnection;

  before(async () => {
    sshd = await startSshd();
    conn = new SshConnection(sshd.target());
    await conn.connect();
  });
  after(async () => {
    await conn?.close();
    await sshd?.stop();
  });

  it('keeps stdout, stderr and the exit code apart', async () => {
    const r = await conn.exec('echo out; echo err >&2; printf partial; exit 3');
    assert.deepEqual(r, { rc: 3, stdout: 'out\npartial', stderr: 'err\n' });
  });

  it('runs with /bin/sh -c semantics: syntax errors and exit end only the command', async () => {
    const bad = await conn.exec('if then fi (');
    assert.equal(bad.rc, 2);
    assert.match(bad.stderr, /[Ss]yntax error/);
    const r = await conn.exec('exit 0');
    assert.equal(r.rc, 0);
    const after = await conn.exec('echo still here');
    assert.equal(after.stdout, 'still here\n');
  });

  it('does not let one command change the next one\'s directory or variables', async () => {
    await conn.exec('cd /tmp; FOO=bar; export BAZ=1');
    const r = await conn.exec('pwd; echo "[$FOO][$BAZ]"');
    assert.notEqual(r.stdout.split('\n')[0], '/tmp');
    assert.match(r.stdout, /\[\]\[\]/);
  });

  it('survives output that imitates its framing markers', async () => {
    const fake = '__sr_0123456789abcdef01234567:0:\n__sr_0123456789abcdef01234567:e\n';
    const r = await conn.exec(`printf '%s' '${fake}'; printf '%s' '${fake}' >&2; echo __sr_; exit 4`);
    assert.equal(r.rc, 4);
    assert.equal(r.stdout, fake + '__sr_\n');
    assert.equal(r.stderr, fake);
  });

  it('passes binary stdin through unchanged', async () => {
    const data = randomBytes(200_000);
    const r = await conn.exec('sha256sum | cut -c1-64', { stdin: data });
    assert.equal(r.stdout, `${createHash('sha256').update(data).digest('hex')}\n`);
    const size = await conn.exec('wc -c', { stdin: data });
    assert.equal(size.stdout.trim(), '200000');
  });

  it('passes text stdin that holds heredoc-like lines', async () => {
    const text = "line one\nEOF\n__sr_in\n'quoted' $HOME `x`\n";
    const r = await conn.exec('cat', { stdin: text });
    assert.equal(r.stdout, text);
  });

  it('never lets a command read the session script', async () => {
    const r = await conn.exec('cat; echo done');
    assert.equal(r.stdout, 'done\n');
  });

  it('returns large output whole', async () => {
    const r = await conn.exec('head -c 3000000 /dev/zero | tr "\\0" x; seq 1 100000 >&2');
    assert.equal(r.stdout.length, 3_000_000);
    assert.ok(/^x+$/.test(r.stdout));
    assert.equal(r.stderr.split('\n').length, 100_001);
  });

  it('honours cwd and env', async () => {
    const r = await conn.exec('pwd; echo "$GREETING"; echo "$LC_ALL"', { cwd: '/usr/share', env: { GREETING: "it's $a 'test'" } });
    assert.equal(r.stdout, "/usr/share\nit's $a 'test'\nC\n");
    const missing = await conn.exec('pwd', { cwd: '/no/such/dir' });
    assert.notEqual(missing.rc, 0);
    assert.match(missing.stderr, /\/no\/such\/dir/);
  });

  it('rejects an invalid environment variable name without running anything', async () => {
    await assert.rejects(conn.exec('true', { env: { 'A B': '1' } }), /invalid environment variable name/);
  });

  it('queues concurrent commands and gives each its own result', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => conn.exec(`echo ${i}; echo e${i} >&2; exit ${i % 7}`)),
    );
    results.forEach((r, i) => assert.deepEqual(r, { rc: i % 7, stdout: `${i}\n`, stderr: `e${i}\n` }));
  });

  it('stops a hung command with CommandTimeoutError and stays usable', async () => {
    const marker = `sr-hang-${randomBytes(4).toString('hex')}`;
    // Sleeps of this test's own length: other runs on the machine may be sleeping 300 s too.
    const secs = `300.${randomBytes(3).readUIntBE(0, 3)}`;
    const hung = conn.exec(`sh -c 'sleep ${secs}; echo ${marker}' & sleep ${secs}`, { timeoutMs: 300 });
    const next = conn.exec('echo after');
    await assert.rejects(hung, (e: Error) => e instanceof CommandTimeoutError && /timed out after 300 ms/.test(e.message));
    assert.deepEqual(await next, { rc: 0, stdout: 'after\n', stderr: '' });
    const left = await conn.exec(`ps -eo args | grep -c '[s]leep ${secs}' || true`);
    assert.equal(left.stdout.trim(), '0', 'the command and its children were killed');
  });

  it('runs a command with a timeout that finishes in time normally, with stdin', async () => {
    const r = await conn.exec('cat; echo err >&2; exit 5', { timeoutMs: 30_000, stdin: 'abc' });
    assert.deepEqual(r, { rc: 5, stdout: 'abc', stderr: 'err\n' });
  });

  it('counts round trips', async () => {
    const before = conn.roundTrips;
    await conn.exec('true');
    await conn.exec('true');
    assert.equal(conn.roundTrips, before + 2);
  });

  it('opens a new shell when a command kills the current one', async () => {
    await assert.rejects(conn.exec('sleep 3 & kill -9 $$'), /remote shell exited/);
    const r = await conn.exec('echo fresh');
    assert.equal(r.stdout, 'fresh\n');
  });
});
