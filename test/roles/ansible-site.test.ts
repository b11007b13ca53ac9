/**
 * site.yml under the real ansible-playbook on a fresh lab host: it converges, a pushed RTMP
 * stream plays back as HLS, the firewall lets only the service ports through, and a second run
 * changes nothing.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { labUp } from '../../runner/lab/index.js';
import { ansiblePlaybook, ansibleShell, inventoryHosts } from './ansible-cli.js';
import { changedTasks, failures, recapOf } from '../harness/ansible.js';
import { probeTcp } from './net-probe.js';
import { pushTestStream, readBack } from './hls-stream.js';
import { needs } from '../harness/tiers.js';

const root = resolve(import.meta.dirname, '../..');
/** Lab hosts have no mirror; short fragments keep the stream short. */
const labVars = {
  base_update_cache: false,
  base_upgrade_packages: false,
  nginx_hls_fragment: '2s',
  nginx_hls_playlist_length: '10s',
};

/** Both service managers the roles must handle: sysvinit-style `service` and systemd. */
const flavours = [
  { flavour: 'sysv', prefix: 'ra' },
  { flavour: 'systemd', prefix: 'ras' },
] as const;

for (const { flavour, prefix } of flavours) describe(`site.yml under ansible-playbook on a fresh ${flavour} lab host @lab @ansible`, function () {
  this.timeout(20 * 60_000);
  let inventory = '';
  let host = { name: '', address: '' };
  let firstRun = '';

  before(async function () {
    needs(this, 'lab', 'ansible');
    const lab = await labUp(1, { prefix, flavour, fresh: true });
    inventory = lab.inventoryPath;
    [host] = await inventoryHosts(root, inventory);
  });

  /** Zero hosts of this prefix: removes only this test's host, not other labs'. */
  after(async function () {
    if (inventory) await labUp(0, { prefix });
  });

  it('converges with no failed or unreachable host', async () => {
    const run = await ansiblePlaybook(root, inventory, 'playbooks/site.yml', labVars);
    firstRun = run.stdout;
    const recap = recapOf(run.report).get(host.name);
    assert.ok(recap, `no recap for ${host.name}:\n${run.stderr}`);
    assert.equal(recap.unreachable, 0, failures(run.report));
    assert.equal(recap.failed, 0, failures(run.report));
    assert.ok(recap.changed > 0, 'a fresh host should have been changed');
    assert.equal(run.code, 0);
  });

  it('plays back a pushed RTMP stream as HLS', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    const pusher = pushTestStream(host.address, 'app', `labtest-${flavour}`, 30);
    try {
      const back = await readBack(`http://${host.address}/live/labtest-${flavour}`, pusher);
      assert.ok(back.segments.length >= 1, back.playlist);
      assert.match(back.segments[0], /^\d+\.ts$/, 'hls_fragment_naming system names segments by time');
      assert.ok(back.firstSegment.length > 188, `segment of ${back.firstSegment.length} bytes`);
      assert.equal(back.firstSegment[0], 0x47, 'an MPEG-TS segment starts with the 0x47 sync byte');
      assert.equal(back.segmentType, 'video/mp2t');
    } finally {
      pusher.kill('SIGTERM');
    }
  });

  it('lets ssh, http and rtmp in and rejects a port that has a listener', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    for (const port of [22, 80, 1935]) {
      assert.equal(await probeTcp(host.address, port), 'open', `tcp ${port}`);
    }
    const listener = await ansibleShell(root, inventory, host.name,
      'nohup setsid python3 -m http.server 8080 >/dev/null 2>&1 </dev/null & ' +
      'for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null http://127.0.0.1:8080/ && exit 0; sleep 0.5; done; exit 1');
    assert.equal(listener.code, 0, `the in-host listener on 8080 did not come up: ${listener.stdout}`);
    assert.equal(await probeTcp(host.address, 8080), 'host-prohibited', 'tcp 8080 from outside');
    await ansibleShell(root, inventory, host.name, 'pkill -f "[h]ttp.server 8080" || true');
  });

  it('changes nothing on a second run', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    const run = await ansiblePlaybook(root, inventory, 'playbooks/site.yml', labVars);
    const recap = recapOf(run.report).get(host.name);
    assert.ok(recap, run.stderr);
    assert.equal(recap.failed, 0, failures(run.report));
    assert.deepEqual(changedTasks(run.report), [], 'tasks that changed on the second run');
    assert.equal(recap.changed, 0);
    const handlers = run.report.plays.flatMap((p) => p.tasks).filter((t) => t.task.handler);
    assert.deepEqual(handlers.map((t) => t.task.name), [], 'no handler ran');
  });
});
