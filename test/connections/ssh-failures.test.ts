/** Hosts that cannot be reached or go away: every case ends in an UnreachableError naming the host. */
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { SshConnection } from '../../runner/connections/ssh.js';
import { UnreachableError } from '../../runner/connections/connection.js';
import { freePort, startSshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh connection: unreachable hosts @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  it('reports a refused connection with host and port', async () => {
    const port = await freePort();
    const conn = new SshConnection({
      name: 'down', host: '127.0.0.1', port, user: 'root', knownHostsFiles: [], hostKeyChecking: true, connectTimeoutMs: 3000,
    });
    await assert.rejects(conn.connect(), (e: Error) =>
      e instanceof UnreachableError && e.message.includes(`down (root@127.0.0.1 port ${port})`) && /connection refused/.test(e.message));
    await assert.rejects(conn.exec('true'), UnreachableError);
  });

  it('times out a host that accepts but never speaks SSH', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const conn = new SshConnection({
        name: 'silent', host: '127.0.0.1', port, user: 'root', knownHostsFiles: [], hostKeyChecking: true, connectTimeoutMs: 500,
      });
      await assert.rejects(conn.connect(), (e: Error) =>
        e instanceof UnreachableError && e.message.includes(`port ${port}`) && /timed out/.test(e.message));
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('refuses a key the server does not accept', async () => {
    const sshd = await startSshd();
    try {
      const conn = new SshConnection(sshd.target({ privateKeyFile: `${sshd.dir}/host_key` }));
      await assert.rejects(conn.connect(), /permission denied for user root \(tried: key .*host_key\)/);
    } finally {
      await sshd.stop();
    }
  });

  it('fails pending and later commands with UnreachableError when sshd dies mid-run', async () => {
    const sshd = await startSshd();
    const conn = new SshConnection(sshd.target());
    try {
      await conn.connect();
      assert.equal((await conn.exec('echo up')).stdout, 'up\n');
      const pending = conn.exec('sleep 30');
      const queued = conn.exec('echo queued');
      await new Promise((r) => setTimeout(r, 200));
      sshd.kill();
      await assert.rejects(pending, (e: Error) => e instanceof UnreachableError && /connection lost/.test(e.message) && e.message.includes('testhost'));
      await assert.rejects(queued, UnreachableError);
      await assert.rejects(conn.exec('echo later'), UnreachableError);
      await assert.rejects(conn.readFile('/etc/hostname'), UnreachableError);
      await assert.rejects(conn.writeFile('/tmp/x', 'x'), UnreachableError);
    } finally {
      await conn.close();
      await sshd.stop();
    }
  });
});
