/**
 * The main job on an embedded default: one fresh lab host on this machine, converged by
 * playbooks/site.yml with a publish key, a test stream pushed with ffmpeg, the URLs to play
 * printed (the player page and the playlist), and the stream_check module's verdict at the end.
 *   npm run demo            (root; builds the lab image the first time, about a minute)
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { $ } from 'zx';
import { labUp } from '../runner/lab/index.js';

const root = new URL('..', import.meta.url).pathname;
const say = (s: string) => console.log(`\x1b[1m==> ${s}\x1b[0m`);

say('starting a throwaway Debian host (showrunner lab up 1 --prefix demo --fresh)');
const lab = await labUp(1, { prefix: 'demo', fresh: true, onProgress: (l) => console.log(`    ${l}`) });
const host = lab.hosts[0]!;

/** Stream names and their keys (made up for this demo; keep real ones in a vaulted file). */
const keys = { demo: `demo-${randomBytes(6).toString('hex')}`, check: `check-${randomBytes(6).toString('hex')}` };
const vars = JSON.stringify({ streaming_publish_keys: keys, streaming_cors_origins: ['*'] });
const cli = ['--import', 'tsx', 'runner/cli/main.ts', 'run'];

say(`converging ${host.name} (${host.address}) with playbooks/site.yml`);
const run = await $({ cwd: root, stdio: 'inherit', nothrow: true })`node ${cli} playbooks/site.yml -i ${lab.inventoryPath} -e ${vars}`;
if (run.exitCode !== 0) process.exit(run.exitCode ?? 1);

const key = 'demo';
const url = `http://${host.address}/live/${key}/index.m3u8`;
say(`pushing a 60 s test stream to rtmp://${host.address}/app/${key}?key=...`);
const ffmpeg = spawn('ffmpeg', ['-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine',
  '-t', '60', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-c:a', 'aac', '-f', 'flv', `rtmp://${host.address}/app/${key}?key=${keys.demo}`], { stdio: 'inherit', detached: true });
ffmpeg.unref();

let live = false;
for (let i = 0; i < 30 && !live; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const res = await fetch(url).catch(() => undefined);
  live = !!res?.ok && /\.ts/.test(await res.text());
}
if (!live) {
  console.error(`no playlist at ${url} after 30 s`);
  process.exit(1);
}
say(`live: http://${host.address}/   (the player page; https://${host.address}/ with a self-signed certificate)`);
console.log(`    playlist: ${url}   (ffplay or VLC); the test stream runs for a minute`);
console.log(`    ssh:      ssh -i ${lab.keyPath} -o UserKnownHostsFile=${lab.knownHostsPath} root@${host.address}`);
console.log('    remove:   npx showrunner lab down --prefix demo');

say('stream_check: a wrong key refused, then a test pattern pushed to the "check" stream and read back');
const check = await $({ cwd: root, nothrow: true, quiet: true })`node ${cli} playbooks/check.yml -i ${lab.inventoryPath} -e ${JSON.stringify({ streaming_publish_keys: keys, streaming_check_stream: 'check' })} --json`;
const report = JSON.parse(check.stdout) as { plays: { tasks: { title: string; hosts: Record<string, { status: string; msg?: string }> }[] }[] };
const result = report.plays.flatMap((p) => p.tasks).filter((t) => t.title === 'Push a test stream and read it back as HLS').at(-1)?.hosts[host.name];
console.log(`    ${result?.status ?? 'not run'}: ${result?.msg ?? check.stderr.trim()}`);
process.exit(result?.status === 'ok' ? 0 : 1);
