/**
 * A production streaming host with everything on, end to end on one fresh lab host: publish keys
 * (a wrong or missing key refused), HLS over HTTP and HTTPS, the player page playing in headless
 * Chromium, CORS, /stat and stub_status only for the allow-list, the HLS directory on tmpfs, the
 * Prometheus exporter, the rendition ladder's master playlist, the stream_check module in
 * site.yml; `--check --diff` predicts the real run and a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUp, labDown, type LabHost, type LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { labSsh } from '../helpers/lab-ssh.js';
import { changedTasks, failures, handlersRun, parseReport, recap, resultOf, type Report } from '../harness/report.js';
import { needs } from '../harness/tiers.js';
import { hostFingerprint } from './host-state.js';
import { playlistSegments, pushTestStream, readBack } from './hls-stream.js';
import { playInChromium } from './browser-play.js';
import { ansiblePlaybook } from './ansible-cli.js';
import { changedTasks as ansibleChanged, failures as ansibleFailures, recapOf } from '../harness/ansible.js';
import { projectRoot } from './role-files.js';

const prefix = 'st';
const key = 'lab-key-0123456789';
const vars = {
  nginx_hls_fragment: '2s',
  nginx_hls_playlist_length: '10s',
  streaming_publish_keys: { demo: key, other: 'other-key-0123456789' },
  streaming_cors_origins: ['https://player.example'],
  streaming_status_allow: ['127.0.0.1'],
  hls_tmpfs: true,
  streaming_exporter: true,
  streaming_check: true,
  streaming_check_seconds: 10,
  streaming_renditions_enabled: true,
  streaming_renditions_preset: 'ultrafast',
  streaming_renditions: [
    { name: '360p', width: 640, height: 360, video_kbps: 600, audio_kbps: 64 },
    { name: '180p', width: 320, height: 180, video_kbps: 200, audio_kbps: 48 },
  ],
};
const extra = ['-e', JSON.stringify(vars)];
const checkTitle = 'Push a test stream and read it back as HLS';

/** "title" of every task that changed (or would), handlers prefixed. */
const changedAll = (r: Report) => [...changedTasks(r), ...handlersRun(r).map((h) => `handler ${h}`)];

/** curl from the controller: the status code, the response headers and the body. */
function curl(...args: string[]): { code: number; headers: string; body: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sr-curl-'));
  try {
    const r = spawnSync('curl', ['-s', '-k', '--dump-header', join(dir, 'h'), '--max-time', '10', ...args], { encoding: 'utf8' });
    const headers = existsSync(join(dir, 'h')) ? readFileSync(join(dir, 'h'), 'utf8') : '';
    return { code: Number(/^HTTP\/\S+ (\d+)/m.exec(headers)?.[1] ?? 0), headers, body: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a streaming host with every option on, on a fresh lab host @lab @browser', function () {
  this.timeout(20 * 60_000);
  let lab: LabInfo | undefined;
  let host: LabHost;
  let predicted: string[] = [];
  let dryReport: Report | undefined;
  let firstRun: Report | undefined;

  before(async function () {
    needs(this, 'lab', 'browser');
    lab = await labUp(1, { prefix, fresh: true });
    host = lab.hosts[0]!;
  });
  after(async () => { if (lab) await labDown({ prefix }); });

  it('--check --diff completes, changes nothing, and says the stream check would run', async () => {
    const before = await hostFingerprint(lab!, host.address);
    const dry = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--check', '--diff', '--json', ...extra]);
    assert.equal(dry.code, 0, dry.stdout.slice(-3000) + dry.stderr);
    dryReport = parseReport(dry.stdout);
    predicted = changedAll(dryReport);
    assert.equal(await hostFingerprint(lab!, host.address), before, 'the dry run changed the host');
    const check = resultOf(dryReport, checkTitle, host.name) as { status: string; predicted?: boolean } | undefined;
    assert.equal(check?.status, 'ok', 'the check changes nothing');
    assert.ok(check?.predicted, 'the dry run announces the check without running it');
    assert.ok(predicted.includes('handler nginx-config : restart nginx'));
    assert.doesNotMatch(dry.stdout, new RegExp(key), 'the key appears in the report');
  });

  it('converges, changes what the dry run predicted, and the stream check passes', async () => {
    const real = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--json', ...extra]);
    assert.equal(real.code, 0, real.stdout.slice(-3000) + real.stderr);
    firstRun = parseReport(real.stdout);
    assert.deepEqual(failures(firstRun), []);
    assert.deepEqual(changedAll(firstRun), predicted);
    const check = resultOf(firstRun, checkTitle, host.name)!;
    assert.equal(check.status, 'ok', check.msg);
    assert.equal(check.result?.wrong_key, 'refused');
    assert.equal(check.result?.segment_type, 'video/mp2t');
    assert.ok(Number(check.result?.segment_bytes) > 188);
    assert.doesNotMatch(real.stdout, new RegExp(key), 'the key appears in the report');
  });

  it('plays a stream published with its key (HTTP, HTTPS, CORS, every rendition, the player page in Chromium), refusing a wrong or missing key', async () => {
    assert.ok(firstRun, 'the run did not converge');
    for (const bad of ['demo?key=not-the-key', 'demo', `other?key=${key}`]) {
      const refused = pushTestStream(host.address, 'app', bad, 3);
      const code = await new Promise<number | null>((r) => refused.once('exit', r));
      assert.notEqual(code, 0, `publishing ${bad.replace(key, 'KEY')} was accepted`);
    }
    const pusher = pushTestStream(host.address, 'app', `demo?key=${key}`, 90);
    try {
      // With the ladder on, the renditions are the HLS of the stream: <name>_<rendition>/.
      const back = await readBack(`http://${host.address}/live/demo_360p`, pusher);
      assert.equal(back.firstSegment[0], 0x47);
      assert.equal(back.segmentType, 'video/mp2t');

      const plain = curl(`http://${host.address}/live/demo_360p/index.m3u8`);
      const https = curl(`https://${host.address}/live/demo_360p/index.m3u8`);
      assert.equal(https.code, 200, https.headers);
      const overHttp = new Set(playlistSegments(plain.body));
      assert.ok(playlistSegments(https.body).some((s) => overHttp.has(s)), `HTTPS and HTTP playlists share no segment:\n${https.body}\n${plain.body}`);
      assert.match(https.headers, /^content-type: application\/vnd\.apple\.mpegurl/im);

      const master = await readBack(`http://${host.address}/live`, pusher, 60_000, 'demo.m3u8');
      for (const r of vars.streaming_renditions) assert.ok(master.segments.includes(`demo_${r.name}/index.m3u8`), master.playlist);
      for (const r of vars.streaming_renditions) {
        const variant = await readBack(`http://${host.address}/live/demo_${r.name}`, pusher);
        assert.equal(variant.firstSegment[0], 0x47, `rendition ${r.name}`);
      }

      // CORS while the stream is live: the allowed origin gets its headers (preflight too),
      // another origin none; the playlist's Cache-Control is unchanged.
      const pre = curl('-X', 'OPTIONS', '-H', 'Origin: https://player.example', '-H', 'Access-Control-Request-Method: GET', `http://${host.address}/live/demo.m3u8`);
      assert.equal(pre.code, 204);
      assert.match(pre.headers, /^access-control-allow-origin: https:\/\/player\.example\r?$/im);
      assert.match(pre.headers, /^access-control-allow-methods: GET, HEAD, OPTIONS\r?$/im);
      const allowed = curl('-H', 'Origin: https://player.example', `http://${host.address}/live/demo_180p/index.m3u8`);
      assert.equal(allowed.code, 200);
      assert.match(allowed.headers, /^access-control-allow-origin: https:\/\/player\.example\r?$/im);
      assert.match(allowed.headers, /^cache-control: no-cache\r?$/im);
      const other = curl('-H', 'Origin: https://elsewhere.example', `http://${host.address}/live/demo_180p/index.m3u8`);
      assert.equal(other.code, 200);
      assert.doesNotMatch(other.headers, /^access-control-allow-origin:/im);
      const segment = curl('-o', '/dev/null', `http://${host.address}/live/demo_180p/${playlistSegments(other.body).at(-1)}`);
      assert.match(segment.headers, /^cache-control: max-age=315360000\r?$/im, 'segments are cached for good');

      const played = await playInChromium(`http://${host.address}/`, 'stream-host-player.png');
      assert.equal(played.src, '/live/demo.m3u8', 'with the ladder the page plays the master playlist');
      assert.ok(played.endTime - played.startTime > 2, `currentTime went from ${played.startTime} to ${played.endTime}`);
      assert.ok(played.endFrames > played.startFrames, `decoded frames went from ${played.startFrames} to ${played.endFrames}`);
      assert.ok(played.videoWidth > 0 && played.videoHeight > 0);
    } finally {
      pusher.kill('SIGTERM');
    }
  });

  it('answers /stat and stub_status on the host itself and 403 to everyone else', async () => {
    assert.ok(firstRun, 'the run did not converge');
    for (const path of ['/stat', '/nginx_status', '/stat.xsl']) assert.equal(curl(`http://${host.address}${path}`).code, 403, path);
    const inside = await labSsh(lab!, `root@${host.address}`, 'curl -s http://127.0.0.1/stat; echo; curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1/nginx_status');
    assert.match(inside.stdout, /<rtmp>/);
    assert.match(inside.stdout, /<\?xml-stylesheet type="text\/xsl" href="\/stat\.xsl" \?>/);
    assert.match(inside.stdout, /200$/);
  });

  it('keeps the HLS files on tmpfs owned by www-data and serves metrics from the exporter', async () => {
    assert.ok(firstRun, 'the run did not converge');
    const r = await labSsh(lab!, `root@${host.address}`, 'findmnt -n -o FSTYPE /var/www/live; stat -c %U /var/www/live; grep -c "^tmpfs /var/www/live tmpfs" /etc/fstab; curl -s http://127.0.0.1:9113/metrics | grep -c "^nginx_up 1"');
    assert.equal(r.stdout, 'tmpfs\nwww-data\n1\n1\n');
  });

  it('changes nothing and runs no handler on a second run', async () => {
    assert.ok(firstRun, 'the run did not converge');
    const again = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--json', ...extra]);
    assert.equal(again.code, 0, again.stdout.slice(-3000));
    const report = parseReport(again.stdout);
    assert.deepEqual(changedAll(report), []);
    assert.equal(recap(report).get(host.name)?.changed, 0);
  });

  it('is converged in the eyes of ansible-playbook too: every option on, nothing to change @ansible', async function () {
    needs(this, 'ansible');
    assert.ok(firstRun, 'the run did not converge');
    // ansible-playbook has no stream_check module: the check stays off, its file never loaded.
    const run = await ansiblePlaybook(projectRoot, lab!.inventoryPath, 'playbooks/site.yml', { ...vars, streaming_check: false });
    const counts = recapOf(run.report).get(host.name);
    assert.ok(counts, run.stderr);
    assert.equal(ansibleFailures(run.report), '');
    assert.deepEqual(ansibleChanged(run.report), [], 'tasks ansible-playbook changed');
    assert.equal(run.code, 0);
  });
});
