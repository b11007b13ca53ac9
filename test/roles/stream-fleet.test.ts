/**
 * An origin and two edges on fresh lab hosts, converged by the same site.yml: a stream published
 * to the origin with its key plays as HLS from both edges (and in Chromium from an edge's player
 * page); edges take no publishes; the origin's firewall lets the edges in on the RTMP port while
 * only the listed encoders may publish. `--check --diff` predicts the real run, and a second run
 * changes nothing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labUp, labDown, type LabHost, type LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { labSsh } from '../helpers/lab-ssh.js';
import { changedTasks, failures, handlersRun, parseReport, recap, type Report } from '../harness/report.js';
import { needs } from '../harness/tiers.js';
import { hostFingerprint } from './host-state.js';
import { pushTestStream, readBack } from './hls-stream.js';
import { playInChromium } from './browser-play.js';

const key = 'fleet-key-0123456789';
/** The controller is the encoder: the lab bridge's address. */
const vars = {
  nginx_hls_fragment: '2s',
  nginx_hls_playlist_length: '10s',
  streaming_publish_keys: { show: key },
  streaming_player_stream: 'show',
  firewall_rtmp_sources: ['10.77.0.1/32'],
};
const extra = ['-e', JSON.stringify(vars)];

/** host -> titles of the tasks and handlers that changed (or would) there. */
function changedByHost(r: Report, hosts: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const h of hosts) out.set(h, []);
  for (const t of r.plays.flatMap((p) => p.tasks)) {
    for (const [h, res] of Object.entries(t.hosts)) if (res.status === 'changed') out.get(h)?.push(`${t.handler ? 'handler ' : ''}${t.title}`);
  }
  return out;
}

/** One inventory for hosts of two lab prefixes: `origin` and `edge`, both in `streaming`. */
function fleetInventory(dir: string, origin: LabInfo, edges: LabInfo): string {
  const line = (h: LabHost) => `${h.name} ansible_host=${h.address}`;
  const path = join(dir, 'fleet.ini');
  writeFileSync(path, [
    '[origin]', ...origin.hosts.map(line), '',
    '[edge]', ...edges.hosts.map(line), '',
    '[streaming:children]', 'origin', 'edge', '',
    '[all:vars]', 'ansible_user=root', `ansible_ssh_private_key_file=${origin.keyPath}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${origin.knownHostsPath} -o StrictHostKeyChecking=yes'`,
    'base_update_cache=false', 'base_upgrade_packages=false', '',
  ].join('\n'));
  return path;
}

describe('an origin and two edges on fresh lab hosts @lab @browser', function () {
  this.timeout(20 * 60_000);
  let origin: LabInfo | undefined;
  let edges: LabInfo | undefined;
  let inventory = '';
  let tmp = '';
  let hosts: LabHost[] = [];
  let predicted = new Map<string, string[]>();
  let converged = false;

  before(async function () {
    needs(this, 'lab', 'browser');
    origin = await labUp(1, { prefix: 'so', fresh: true });
    edges = await labUp(2, { prefix: 'se', fresh: true });
    tmp = mkdtempSync(join(tmpdir(), 'sr-fleet-'));
    inventory = fleetInventory(tmp, origin, edges);
    hosts = [...origin.hosts, ...edges.hosts];
  });
  after(async () => {
    if (edges) await labDown({ prefix: 'se' });
    if (origin) await labDown({ prefix: 'so' });
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('--check --diff completes and changes nothing on any host', async () => {
    const before = await Promise.all(hosts.map((h) => hostFingerprint(origin!, h.address)));
    const dry = await runCli(['playbooks/site.yml', '-i', inventory, '--check', '--diff', '--json', ...extra]);
    assert.equal(dry.code, 0, dry.stdout.slice(-3000) + dry.stderr);
    predicted = changedByHost(parseReport(dry.stdout), hosts.map((h) => h.name));
    const after = await Promise.all(hosts.map((h) => hostFingerprint(origin!, h.address)));
    hosts.forEach((h, i) => assert.equal(after[i], before[i], `${h.name} changed during the dry run`));
    for (const h of hosts) assert.ok(predicted.get(h.name)!.includes('handler nginx-config : restart nginx'), h.name);
  });

  it('converges the fleet, changing on each host what the dry run predicted', async () => {
    const real = await runCli(['playbooks/site.yml', '-i', inventory, '--json', ...extra]);
    assert.equal(real.code, 0, real.stdout.slice(-3000) + real.stderr);
    const report = parseReport(real.stdout);
    assert.deepEqual(failures(report), []);
    const changed = changedByHost(report, hosts.map((h) => h.name));
    for (const h of hosts) assert.deepEqual(changed.get(h.name), predicted.get(h.name), `${h.name}: real changes vs. predicted`);
    converged = true;
  });

  it("lets the edges reach the origin's RTMP port and only the encoder publish", async () => {
    assert.ok(converged, 'the fleet did not converge');
    const o = origin!.hosts[0]!;
    const rules = (await labSsh(origin!, `root@${o.address}`, 'iptables-save')).stdout;
    for (const e of edges!.hosts) {
      assert.match(rules, new RegExp(`^-A INPUT -s ${e.address.replace(/\./g, '\\.')}/32 -p tcp .*--dport 1935 .*"rtmp edge".* -j ACCEPT$`, 'm'));
    }
    assert.match(rules, /^-A INPUT -s 10\.77\.0\.1\/32 -p tcp .*--dport 1935 .*-j ACCEPT$/m);
    assert.doesNotMatch(rules, /^-A INPUT -p tcp .*--dport 1935 /m, 'the RTMP port is not open to everyone');
    const conf = (await labSsh(edges!, `root@${edges!.hosts[0]!.address}`, 'cat /etc/nginx/nginx.conf')).stdout;
    assert.match(conf, new RegExp(`pull rtmp://${o.address.replace(/\./g, '\\.')}:1935/app/show name=show static;`));
  });

  it('plays a stream published to the origin from both edges, and the edges take no publish', async () => {
    assert.ok(converged, 'the fleet did not converge');
    const o = origin!.hosts[0]!;
    const refused = pushTestStream(edges!.hosts[0]!.address, 'app', `show?key=${key}`, 3);
    assert.notEqual(await new Promise((r) => refused.once('exit', r)), 0, 'an edge accepted a publish');
    const pusher = pushTestStream(o.address, 'app', `show?key=${key}`, 90);
    try {
      for (const e of edges!.hosts) {
        const back = await readBack(`http://${e.address}/live/show`, pusher);
        assert.equal(back.firstSegment[0], 0x47, `${e.name}: MPEG-TS`);
        assert.equal(back.segmentType, 'video/mp2t');
      }
      const e = edges!.hosts[1]!;
      const played = await playInChromium(`http://${e.address}/`, 'stream-fleet-edge-player.png');
      assert.equal(played.src, '/live/show/index.m3u8');
      assert.ok(played.endTime - played.startTime > 2, `currentTime went from ${played.startTime} to ${played.endTime}`);
      assert.ok(played.endFrames > played.startFrames, `decoded frames went from ${played.startFrames} to ${played.endFrames}`);
    } finally {
      pusher.kill('SIGTERM');
    }
  });

  it('changes nothing and runs no handler on a second run', async () => {
    assert.ok(converged, 'the fleet did not converge');
    const again = await runCli(['playbooks/site.yml', '-i', inventory, '--json', ...extra]);
    assert.equal(again.code, 0, again.stdout.slice(-3000));
    const report = parseReport(again.stdout);
    assert.deepEqual(changedTasks(report), []);
    assert.deepEqual(handlersRun(report), []);
    for (const h of hosts) assert.equal(recap(report).get(h.name)?.changed, 0, h.name);
  });
});
