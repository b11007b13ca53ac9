/**
 * The main job on an embedded default: one fresh lab host on this machine, converged by
 * playbooks/site.yml, a test stream pushed with ffmpeg, and the URL to play printed.
 *   npm run demo            (root; builds the lab image the first time, about a minute)
 */
import { spawn } from 'node:child_process';
import { $ } from 'zx';
import { labUp } from '../runner/lab/index.js';

const root = new URL('..', import.meta.url).pathname;
const say = (s: string) => console.log(`\x1b[1m==> ${s}\x1b[0m`);

say('starting a throwaway Debian host (showrunner lab up 1 --prefix demo --fresh)');
const lab = await labUp(1, { prefix: 'demo', fresh: true, onProgress: (l) => console.log(`    ${l}`) });
const host = lab.hosts[0]!;

say(`converging ${host.name} (${host.address}) with playbooks/site.yml`);
const run = await $({ cwd: root, stdio: 'inherit', nothrow: true })`node --import tsx runner/cli/main.ts run playbooks/site.yml -i ${lab.inventoryPath}`;
if (run.exitCode !== 0) process.exit(run.exitCode ?? 1);

const key = 'demo';
const url = `http://${host.address}/live/${key}/index.m3u8`;
say(`pushing a 60 s test stream to rtmp://${host.address}/app/${key}`);
const ffmpeg = spawn('ffmpeg', ['-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=30', '-f', 'lavfi', '-i', 'sine',
  '-t', '60', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '60', '-c:a', 'aac', '-f', 'flv', `rtmp://${host.address}/app/${key}`], { stdio: 'inherit', detached: true });
ffmpeg.unref();

for (let i = 0; i < 30; i++) {
  await new Promise((r) => setTimeout(r, 1000));
  const res = await fetch(url).catch(() => undefined);
  if (res?.ok && /\.ts/.test(await res.text())) {
    say(`live: ${url}`);
    console.log(`    play it: ffplay ${url}   (or open it in VLC); the test stream runs for a minute`);
    console.log(`    ssh:     ssh -i ${lab.keyPath} -o UserKnownHostsFile=${lab.knownHostsPath} root@${host.address}`);
    console.log('    remove:  npx showrunner lab down');
    process.exit(0);
  }
}
console.error(`no playlist at ${url} after 30 s`);
process.exit(1);
