/**
 * The done test of the whole, with Showrunner itself: on fresh lab hosts of both service managers,
 * `--check --diff` changes nothing and predicts exactly what the real run then changes; the real run
 * converges every host; a pushed RTMP stream plays back as HLS on every host; the firewall lets only
 * the service ports in; a second run changes nothing and runs no handler.
 */
import assert from 'node:assert/strict';
import { labUp, labDown, type LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { probeTcp } from './net-probe.js';
import { pushTestStream, readBack } from './hls-stream.js';
import { hostFingerprint } from './host-state.js';
import { labSsh } from '../helpers/lab-ssh.js';
import { needs } from '../harness/tiers.js';

const short = ['-e', 'nginx_hls_fragment=2s', '-e', 'nginx_hls_playlist_length=10s'];

interface Report {
  plays: { tasks: { title: string; handler: boolean; hosts: Record<string, { status: string }> }[] }[];
  stats: Record<string, { ok: number; changed: number; failed: number; unreachable: number }>;
}

/** host -> the titles of tasks (and handlers) that changed, in order. */
function changedByHost(r: Report): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of r.plays.flatMap((p) => p.tasks)) {
    for (const [h, res] of Object.entries(t.hosts)) {
      if (!out.has(h)) out.set(h, []);
      if (res.status === 'changed') out.get(h)!.push(`${t.handler ? 'handler ' : ''}${t.title}`);
    }
  }
  return out;
}

const flavours = [
  { flavour: 'sysv', prefix: 'ss', count: 2 },
  { flavour: 'systemd', prefix: 'sss', count: 1 },
] as const;

for (const { flavour, prefix, count } of flavours) describe(`site.yml with showrunner on ${count} fresh ${flavour} lab host(s) @lab`, function () {
  this.timeout(20 * 60_000);
  let lab: LabInfo | undefined;
  let predicted = new Map<string, string[]>();
  let converged = false;

  before(async function () {
    needs(this, 'lab');
    lab = await labUp(count, { prefix, flavour, fresh: true });
  });

  after(async () => {
    if (lab) await labDown({ prefix });
  });

  it('--check --diff completes, changes nothing on the hosts, and lists the changes', async () => {
    const before = await Promise.all(lab!.hosts.map((h) => hostFingerprint(lab!, h.address)));
    const dry = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--check', '--diff', '--json', ...short]);
    assert.equal(dry.code, 0, dry.stdout.slice(-4000) + dry.stderr);
    const report = JSON.parse(dry.stdout) as Report;
    predicted = changedByHost(report);
    for (const h of lab!.hosts) {
      assert.ok((predicted.get(h.name) ?? []).length > 5, `${h.name}: a fresh host has changes to predict`);
      assert.ok(predicted.get(h.name)!.includes('handler nginx-config : restart nginx'), 'the restart handler would run');
    }
    const after = await Promise.all(lab!.hosts.map((h) => hostFingerprint(lab!, h.address)));
    for (let i = 0; i < after.length; i++) assert.equal(after[i], before[i], `${lab!.hosts[i]!.name} changed during a dry run`);
  });

  it('converges every host and changes exactly what the dry run predicted', async () => {
    const real = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, '--json', ...short]);
    assert.equal(real.code, 0, real.stdout.slice(-4000) + real.stderr);
    const report = JSON.parse(real.stdout) as Report;
    for (const h of lab!.hosts) {
      assert.equal(report.stats[h.name]!.failed, 0);
      assert.equal(report.stats[h.name]!.unreachable, 0);
    }
    const changed = changedByHost(report);
    for (const h of lab!.hosts) assert.deepEqual(changed.get(h.name), predicted.get(h.name), `${h.name}: real changes vs. predicted`);
    converged = true;
  });

  it('plays back a pushed RTMP stream as HLS on every host', async () => {
    assert.ok(converged, 'the run did not converge');
    await Promise.all(lab!.hosts.map(async (h) => {
      const key = `e2e-${h.name}`;
      const pusher = pushTestStream(h.address, 'app', key, 30);
      try {
        const back = await readBack(`http://${h.address}/live/${key}`, pusher);
        assert.ok(back.segments.length >= 1, back.playlist);
        assert.equal(back.firstSegment[0], 0x47, 'MPEG-TS starts with the sync byte 0x47');
        assert.equal(back.segmentType, 'video/mp2t');
      } finally {
        pusher.kill('SIGTERM');
      }
    }));
  });

  it('lets tcp 22, 80 and 1935 in and rejects 8080 that has a listener', async () => {
    assert.ok(converged, 'the run did not converge');
    const h = lab!.hosts[0]!;
    for (const port of [22, 80, 1935]) assert.equal(await probeTcp(h.address, port), 'open', `tcp ${port}`);
    const up = await labSsh(lab!, `root@${h.address}`, 'nohup setsid python3 -m http.server 8080 >/dev/null 2>&1 </dev/null & for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null http://127.0.0.1:8080/ && exit 0; sleep 0.5; done; exit 1');
    assert.equal(up.code, 0, 'the listener on 8080 came up inside the host');
    assert.equal(await probeTcp(h.address, 8080), 'host-prohibited');
    await labSsh(lab!, `root@${h.address}`, 'pkill -f "[h]ttp.server 8080" || true');
  });

  it('changes nothing and runs no handler on a second run', async () => {
    assert.ok(converged, 'the run did not converge');
    const again = await runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, ...short]);
    assert.equal(again.code, 0, again.stdout.slice(-4000));
    assert.doesNotMatch(again.stdout, /RUNNING HANDLER/);
    for (const h of lab!.hosts) assert.match(again.stdout, new RegExp(`${h.name}\\s+: ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0`));
  });
});
