/**
 * A link that goes silent mid-run (every packet dropped, no reset: a cut cable, a firewall) ends in
 * UNREACHABLE within 30 s instead of hanging: SSH keepalives notice it, and SFTP transfers waiting
 * on the dead link fail with it. A transfer cut part-way never reaches its destination (it goes to
 * a temp file renamed only once complete); the next write of the same file removes that temp.
 */
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection } from '../../runner/connections/ssh.js';
import { UnreachableError } from '../../runner/connections/connection.js';
import { TRANSFER_STALL_MS } from '../../runner/connections/ssh-files.js';
import { startSshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

/** A TCP relay to sshd that can start dropping everything in both directions, keeping the sockets open. */
async function relay(to: number): Promise<{ port: number; cut(): void; close(): void }> {
  let dead = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(to, '127.0.0.1');
    sockets.push(client, upstream);
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('data', (d) => { if (!dead) b.write(d); });
      a.on('error', () => {});
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => { dead = true; for (const s of sockets) s.pause(); },
    close: () => { for (const s of sockets) s.destroy(); server.close(); },
  };
}

/** Pids of `root` and every process under it (through /proc, by pid only). */
function tree(root: number): number[] {
  const out = [root];
  for (const t of readdirSync(`/proc/${root}/task`)) {
    const kids = readFileSync(`/proc/${root}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const k of kids) out.push(...tree(Number(k)));
  }
  return out;
}

/** The SFTP server process of this sshd's session (OpenSSH forks one for internal-sftp). */
function sftpServerOf(sshdDir: string): number {
  const main = Number(readFileSync(join(sshdDir, 'sshd.pid'), 'utf8'));
  const found = tree(main).filter((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('internal-sftp'));
  assert.equal(found.length, 1, 'one SFTP server under the test sshd');
  return found[0]!;
}

describe('ssh connection: a link that goes silent @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  this.timeout(90_000);

  it('a pending command and a large transfer end UNREACHABLE within 30 s of the cut; the destination is never written', async () => {
    const sshd = await startSshd();
    const link = await relay(sshd.port);
    const dir = mkdtempSync(join(tmpdir(), 'sr-deadlink-'));
    const conn = new SshConnection(sshd.target({ port: link.port, hostKeyChecking: false }));
    try {
      await conn.connect();
      assert.equal((await conn.exec('echo up')).stdout, 'up\n');
      const dest = join(dir, 'big.bin');
      const transfer = conn.writeFile(dest, Buffer.alloc(64 * 1024 * 1024, 7));
      const command = conn.exec('sleep 120');
      transfer.catch(() => {});
      command.catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      link.cut();
      const cutAt = Date.now();
      await assert.rejects(command, UnreachableError);
      await assert.rejects(transfer, UnreachableError);
      const took = (Date.now() - cutAt) / 1000;
      assert.ok(took < 30, `noticed after ${took.toFixed(1)} s`);
      await assert.rejects(conn.exec('true'), UnreachableError, 'the host stays unreachable');
      assert.equal(existsSync(dest), false, 'no partial file at the destination');
      // The link is back: the next write of that file also clears the temp the cut transfer left.
      const again = new SshConnection(sshd.target());
      try {
        await again.writeFile(dest, 'whole\n');
      } finally {
        await again.close();
      }
      assert.deepEqual(readdirSync(dir), ['big.bin'], 'no temp file left beside it');
    } finally {
      await conn.close();
      link.close();
      await sshd.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a transfer the host stops answering, the connection alive, fails after its progress deadline; the connection stays usable', async () => {
    const sshd = await startSshd();
    const dir = mkdtempSync(join(tmpdir(), 'sr-stall-'));
    const conn = new SshConnection(sshd.target());
    let stopped: number | undefined;
    try {
      await conn.connect();
      assert.equal(await conn.readFile(join(dir, 'absent')), null, 'the SFTP session is open');
      const dest = join(dir, 'big.bin');
      const transfer = conn.writeFile(dest, Buffer.alloc(64 * 1024 * 1024, 7));
      transfer.catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
      stopped = sftpServerOf(sshd.dir);
      process.kill(stopped, 'SIGSTOP');
      const at = Date.now();
      await assert.rejects(transfer, (e: Error) => {
        assert.ok(!(e instanceof UnreachableError), `not unreachable: ${e.message}`);
        assert.match(e.message, new RegExp(`cannot write .*big\\.bin: the transfer made no progress for ${TRANSFER_STALL_MS / 1000} s`));
        return true;
      });
      const took = Date.now() - at;
      assert.ok(took >= TRANSFER_STALL_MS - 1000 && took < TRANSFER_STALL_MS + 5000, `gave up after ${took} ms`);
      assert.equal((await conn.exec('echo still here')).stdout, 'still here\n');
      assert.deepEqual(readdirSync(dir), [], 'neither the file nor its temp');
      process.kill(stopped, 'SIGCONT');
      stopped = undefined;
      await conn.writeFile(dest, 'whole\n');
      assert.equal((await conn.readFile(dest))?.toString(), 'whole\n', 'a new SFTP session serves the next transfer');
    } finally {
      if (stopped) process.kill(stopped, 'SIGCONT');
      await conn.close();
      await sshd.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
