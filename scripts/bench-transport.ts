/**
 * Per-command cost of the SSH transport: commands written to the long-lived remote shell against
 * a new exec channel per command, on one connection, and a small file written (SFTP to a temp
 * file, then the rename on the shell). Runs against a throwaway local sshd, or
 * against a host given as `user@host[:port] keyfile` (its key must be in ~/.ssh/known_hosts).
 *
 *   npx tsx scripts/bench-transport.ts [user@host[:port] keyfile] [count]
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'ssh2';
import { SshConnection, type SshTarget } from '../runner/connections/ssh.js';
import { openClient } from '../runner/connections/ssh-connect.js';
import { startSshd, type Sshd } from '../test/connections/sshd-fixture.js';

const [spec, keyFile, countArg] = process.argv.slice(2);
const count = Number(countArg ?? (spec && !keyFile ? spec : 200)) || 200;

async function main(): Promise<void> {
  let sshd: Sshd | undefined;
  let target: SshTarget;
  const m = spec ? /^([^@]+)@([^:]+)(?::(\d+))?$/.exec(spec) : null;
  if (m && keyFile) {
    target = {
      name: m[2]!, host: m[2]!, port: Number(m[3] ?? 22), user: m[1]!, privateKeyFile: keyFile,
      knownHostsFiles: [join(homedir(), '.ssh', 'known_hosts')], hostKeyChecking: true, connectTimeoutMs: 10_000,
    };
  } else {
    sshd = await startSshd();
    target = sshd.target({ name: 'local-sshd' });
  }
  try {
    let t = performance.now();
    const conn = new SshConnection(target);
    await conn.connect();
    const connectMs = performance.now() - t;

    t = performance.now();
    for (let i = 0; i < count; i++) await conn.exec(`echo ${i}`);
    const shellMs = performance.now() - t;

    t = performance.now();
    await Promise.all(Array.from({ length: count }, (_, i) => conn.exec(`echo ${i}`)));
    const queuedMs = performance.now() - t;

    const dir = (await conn.exec('mktemp -d')).stdout.trim();
    await conn.writeFile(`${dir}/warm`, 'x');
    const files = Math.min(count, 50);
    t = performance.now();
    for (let i = 0; i < files; i++) await conn.writeFile(`${dir}/f${i}`, 'hello '.repeat(300));
    const writeMs = performance.now() - t;
    await conn.exec(`rm -rf '${dir}'`);
    await conn.close();

    const { client } = await openClient(target);
    t = performance.now();
    for (let i = 0; i < count; i++) await execChannel(client, `echo ${i}`);
    const channelMs = performance.now() - t;
    client.end();

    const per = (ms: number) => `${(ms / count).toFixed(2)} ms/command`;
    console.log(`target: ${target.user}@${target.host}:${target.port}, ${count} commands each`);
    console.log(`connect + first shell:            ${connectMs.toFixed(0)} ms`);
    console.log(`long-lived shell, one at a time:  ${per(shellMs)} (${shellMs.toFixed(0)} ms)`);
    console.log(`long-lived shell, all queued:     ${per(queuedMs)} (${queuedMs.toFixed(0)} ms)`);
    console.log(`new exec channel per command:     ${per(channelMs)} (${channelMs.toFixed(0)} ms)`);
    console.log(`a 1.8 kB file written:            ${(writeMs / files).toFixed(2)} ms/file (${files} files)`);
    console.log(`speed-up of the shell:            ${(channelMs / shellMs).toFixed(1)}x`);
  } finally {
    await sshd?.stop();
  }
}

function execChannel(client: Client, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, ch) => {
      if (err) return reject(err);
      ch.on('data', () => {});
      ch.stderr.on('data', () => {});
      ch.on('close', () => resolve());
    });
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
