/**
 * The Debian from-source path of site.yml for real: nginx's release tarball and the RTMP module's
 * (both from Debian's source packages, served from the machine's lab bridge address because lab
 * hosts reach nothing else) are compiled on a fresh lab host with `--add-module`. The dry run
 * predicts the build, the real run makes it, a pushed stream plays back, and a second run (and
 * ansible-playbook after it) skips the build because `nginx -V` names the module.
 */
import assert from 'node:assert/strict';
import { labUp, labDown, type LabInfo } from '../../runner/lab/index.js';
import { BRIDGE_ADDRESS } from '../../runner/lab/paths.js';
import { runCli } from '../helpers/run-cli.js';
import { labSsh } from '../helpers/lab-ssh.js';
import { pushTestStream, readBack } from './hls-stream.js';
import { hostFingerprint } from './host-state.js';
import { ansiblePlaybook } from './ansible-cli.js';
import { changedTasks as ansibleChanged, failures, recapOf } from '../harness/ansible.js';
import { projectRoot } from './role-files.js';
import { prepareSources, type SourceTarballs } from '../fixtures/from-source/sources.js';
import { serveDir, type FileServer } from '../fixtures/from-source/serve.js';
import { needs } from '../harness/tiers.js';

interface Report {
  plays: { tasks: { title: string; handler: boolean; hosts: Record<string, { status: string }> }[] }[];
  stats: Record<string, { ok: number; changed: number; failed: number; unreachable: number }>;
}

/** The titles of the tasks (and handlers) that changed on `host`, in order. */
function changedTasks(r: Report, host: string): string[] {
  return r.plays.flatMap((p) => p.tasks)
    .filter((t) => t.hosts[host]?.status === 'changed')
    .map((t) => `${t.handler ? 'handler ' : ''}${t.title}`);
}

const COMPILE = 'nginx-rtmp-build : Compile nginx (takes a few minutes)';

describe('site.yml with nginx built from source on a fresh Debian lab host @lab @ansible', function () {
  this.timeout(20 * 60_000);
  let lab: LabInfo | undefined;
  let server: FileServer | undefined;
  let sources: SourceTarballs;
  let extraVars: Record<string, unknown> = {};
  let vars: string[] = [];
  let predicted: string[] = [];
  let converged = false;
  let started = 0;
  const host = () => lab!.hosts[0]!;
  const ssh = (command: string) => labSsh(lab!, `root@${host().address}`, command);
  const run = (...extra: string[]) => runCli(['playbooks/site.yml', '-i', lab!.inventoryPath, ...vars, ...extra], projectRoot);

  before(async function () {
    needs(this, 'lab', 'ansible');
    started = Date.now();
    sources = await prepareSources(projectRoot);
    lab = await labUp(1, { prefix: 'fs', fresh: true });
    server = await serveDir(sources.dir, BRIDGE_ADDRESS);
    // Debian's module is the arut upstream 1.2.2, which has no hls_datetime directive.
    extraVars = {
      nginx_rtmp_from_source: true,
      nginx_rtmp_nginx_version: sources.nginxVersion,
      nginx_rtmp_nginx_url: `${server.base}/${sources.nginxFile}`,
      nginx_rtmp_nginx_checksum: sources.nginxChecksum,
      nginx_rtmp_module_url: `${server.base}/${sources.moduleFile}`,
      nginx_rtmp_module_checksum: sources.moduleChecksum,
      nginx_rtmp_module_dirname: sources.moduleDirname,
      nginx_hls_datetime: false,
      nginx_hls_fragment: '2s',
      nginx_hls_playlist_length: '10s',
    };
    vars = ['-e', JSON.stringify(extraVars)];
  });

  after(async () => {
    await server?.close();
    if (lab) await labDown({ prefix: 'fs' });
    if (lab) console.log(`    (whole from-source test: ${Math.round((Date.now() - started) / 1000)} s)`);
  });

  it('--check --diff completes, changes nothing on the host, and predicts the build', async () => {
    const before = await hostFingerprint(lab!, host().address);
    const dry = await run('--check', '--diff', '--json');
    assert.equal(dry.code, 0, dry.stdout.slice(-4000) + dry.stderr);
    predicted = changedTasks(JSON.parse(dry.stdout) as Report, host().name);
    for (const step of [
      'nginx-rtmp-build : Install nginx and the build tools',
      'nginx-rtmp-build : Download the nginx source',
      'nginx-rtmp-build : Download the RTMP module source',
      'nginx-rtmp-build : Configure nginx with Debian\'s paths and the RTMP module',
      COMPILE,
      'nginx-rtmp-build : Replace the packaged nginx binary with the built one',
      'handler nginx-config : restart nginx',
    ]) assert.ok(predicted.includes(step), `the dry run predicts "${step}"; it predicted:\n${predicted.join('\n')}`);
    assert.ok(!predicted.includes('nginx-rtmp-build : Install nginx and Debian\'s RTMP module'), 'the package path stays out');
    assert.equal(await hostFingerprint(lab!, host().address), before, 'the dry run changed the host');
    assert.deepEqual(server!.requests, [], 'the dry run downloaded nothing');
  });

  it('builds nginx on the host and changes exactly what the dry run predicted', async () => {
    const real = await run('--json');
    assert.equal(real.code, 0, real.stdout.slice(-4000) + real.stderr);
    const report = JSON.parse(real.stdout) as Report;
    assert.equal(report.stats[host().name]!.failed, 0);
    assert.deepEqual(changedTasks(report, host().name), predicted, 'real changes vs. predicted');
    assert.deepEqual(server!.requests, [`GET /${sources.nginxFile}`, `GET /${sources.moduleFile}`], 'both sources came from the lab server');
    converged = true;
  });

  it('runs an nginx whose `nginx -V` shows the module compiled in, with the package held', async () => {
    assert.ok(converged, 'the run did not converge');
    const v = await ssh('nginx -V 2>&1');
    assert.equal(v.code, 0, v.stderr);
    assert.match(v.stdout, new RegExp(`nginx version: nginx/${sources.nginxVersion.replace(/\./g, '\\.')}\\b`));
    assert.match(v.stdout, new RegExp(`--add-module=/usr/local/src/${sources.moduleDirname}(\\s|$)`));
    const live = await ssh('readlink /proc/$(cat /run/nginx.pid)/exe; apt-mark showhold; dpkg-query -W -f=\'${Status}\' libnginx-mod-rtmp 2>/dev/null || echo " not-installed"; ls /etc/nginx/modules-enabled');
    const [exe, ...rest] = live.stdout.trim().split('\n');
    assert.equal(exe, '/usr/sbin/nginx', 'the running master is the installed (built) binary, not a deleted one');
    assert.ok(rest.includes('nginx'), `nginx is held: ${live.stdout}`);
    assert.doesNotMatch(live.stdout, /install ok installed/, 'Debian\'s dynamic RTMP module is not installed');
  });

  it('plays back a pushed RTMP stream as HLS', async () => {
    assert.ok(converged, 'the run did not converge');
    const pusher = pushTestStream(host().address, 'app', 'from-source', 30);
    try {
      const back = await readBack(`http://${host().address}/live/from-source`, pusher);
      assert.ok(back.segments.length >= 1, back.playlist);
      assert.equal(back.firstSegment[0], 0x47, 'MPEG-TS starts with the sync byte 0x47');
      assert.equal(back.segmentType, 'video/mp2t');
      assert.doesNotMatch(back.playlist, /EXT-X-PROGRAM-DATE-TIME/, 'no hls_datetime with this module');
    } finally {
      pusher.kill('SIGTERM');
    }
  });

  it('changes nothing, builds nothing and runs no handler on a second run', async () => {
    assert.ok(converged, 'the run did not converge');
    const fetched = server!.requests.length;
    const again = await run();
    assert.equal(again.code, 0, again.stdout.slice(-4000) + again.stderr);
    assert.doesNotMatch(again.stdout, /RUNNING HANDLER/);
    assert.match(again.stdout, new RegExp(`${host().name}\\s+: ok=\\d+\\s+changed=0\\s+unreachable=0\\s+failed=0`));
    assert.match(again.stdout, new RegExp(`TASK \\[${COMPILE.replace(/[()]/g, '\\$&')}\\] \\**\\nskipping: \\[${host().name}\\]`));
    assert.equal(server!.requests.length, fetched, 'nothing was downloaded again');
  });

  it('leaves ansible-playbook nothing to change or build on the host Showrunner built', async () => {
    assert.ok(converged, 'the run did not converge');
    const fetched = server!.requests.length;
    const r = await ansiblePlaybook(projectRoot, lab!.inventoryPath, 'playbooks/site.yml', extraVars);
    const recap = recapOf(r.report).get(host().name);
    assert.ok(recap, `no recap:\n${r.stderr}`);
    assert.equal(recap.failed, 0, failures(r.report));
    assert.deepEqual(ansibleChanged(r.report), [], 'ansible-playbook changed tasks');
    assert.equal(server!.requests.length, fetched, 'nothing was downloaded again');
  });
});
