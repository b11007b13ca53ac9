import { strict as assert } from 'node:assert';
import { DebianRootConnection } from '../../helpers/debian-root.js';
import { moduleContext } from '../../helpers/module-context.js';
import service from '../../../runner/modules/system/service.js';
import systemd from '../../../runner/modules/system/systemd.js';
import type { ModuleContext, ModuleResult } from '../../../runner/modules/contract.js';
import { needs } from '../../harness/tiers.js';
import { throughEngine, statuses, runOn } from '../../harness/engine-run.js';
import { resultOf, recap } from '../../harness/report.js';

describe('service on a sysvinit host (in a throwaway Debian 12 root) @root', function () {
  before(function () { needs(this, 'root'); });
  this.timeout(300_000);
  let conn: DebianRootConnection;
  let ctx: ModuleContext;
  const status = async () => (await conn.exec('service srtestd status')).rc;
  const log = async () => (await conn.exec('cat /var/log/srtestd.log 2>/dev/null')).stdout;
  before(async () => {
    conn = await DebianRootConnection.start();
    ctx = moduleContext(conn);
    await conn.exec('apt-get install -y -q srtestd');
  });
  after(() => conn?.close());

  it('starts and enables a stopped service, then is ok', async () => {
    const plan = await service.plan(ctx, { name: 'srtestd', state: 'started', enabled: true });
    assert.equal(plan.state, 'change');
    assert.equal(plan.summary, 'enable, start srtestd');
    assert.equal(plan.diff?.[0]?.before, 'state: stopped\nenabled: false\n');
    assert.equal(plan.diff?.[0]?.after, 'state: started\nenabled: true\n');
    assert.equal(await status(), 3, 'planning starts nothing');
    const r = (await plan.apply!()) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
    assert.equal(await status(), 0);
    assert.equal((await conn.exec('ls /etc/rc2.d')).stdout.includes('S01srtestd'), true);
    assert.equal((await service.plan(ctx, { name: 'srtestd', state: 'started', enabled: true })).state, 'ok');
  });

  it('reloaded and restarted always change and reach the daemon', async () => {
    const reload = await service.plan(ctx, { name: 'srtestd', state: 'reloaded' });
    assert.equal(reload.summary, 'reload srtestd');
    await reload.apply!();
    // the daemon writes its log line when it handles the signal: wait for it before restarting
    await conn.exec('for i in $(seq 100); do grep -q reloaded /var/log/srtestd.log && break; sleep 0.1; done');
    const restart = await service.plan(ctx, { name: 'srtestd', state: 'restarted' });
    assert.equal(restart.state, 'change');
    await restart.apply!();
    assert.deepEqual((await log()).trim().split('\n'), ['started', 'reloaded', 'started']);
  });

  it('stops and disables, then is ok (systemd module falls back to the same commands)', async () => {
    const plan = await systemd.plan(ctx, { name: 'srtestd', state: 'stopped', enabled: false });
    assert.equal(plan.summary, 'disable, stop srtestd');
    await plan.apply!();
    assert.equal(await status(), 3);
    assert.equal((await conn.exec('ls /etc/rc2.d')).stdout.includes('S01srtestd'), false);
    assert.equal((await service.plan(ctx, { name: 'srtestd', state: 'stopped', enabled: false })).state, 'ok');
  });

  it('a missing service fails with a clear message', async () => {
    await assert.rejects(service.plan(ctx, { name: 'nginx', state: 'started' }), /Could not find the requested service nginx/);
  });

  it('in a dry run after an unrelated package install, a missing service is a start whose outcome it cannot know', async () => {
    const dry = moduleContext(conn);
    dry.promised.packages.set('iptables-persistent', 'present');
    const plan = await service.plan(dry, { name: 'nginx', state: 'started', enabled: true });
    assert.equal(plan.state, 'unknown', 'not a known change: the package may not bring the service');
    assert.equal(plan.summary, 'enable, start nginx (not on the host yet: a package an earlier task would install may bring it, or not)');
    plan.promise!(dry.promised);
    assert.equal((await service.plan(dry, { name: 'nginx', state: 'started' })).state, 'ok');
  });

  it('on Debian, a service whose own package an earlier task would install is predicted running and enabled', async () => {
    const dry = moduleContext(conn);
    dry.promised.packages.set('nginx', 'present');
    assert.equal((await service.plan(dry, { name: 'nginx', state: 'started', enabled: true })).state, 'ok');
    const restart = await service.plan(dry, { name: 'nginx', state: 'restarted' });
    assert.equal(restart.state, 'change');
    assert.equal(restart.summary, "restart nginx (its package, which an earlier task would install, starts it)");
    const redhat = moduleContext(conn, { facts: { ...dry.facts, ansible_os_family: 'RedHat' } });
    redhat.promised.packages.set('nginx', 'present');
    assert.equal((await service.plan(redhat, { name: 'nginx', state: 'started' })).state, 'change', 'RedHat packages do not start services');
  });

  it('through the engine: a --check whose earlier task would install a package shows a missing service as unknown, counted changed', async () => {
    const tasks = [
      { name: 'package', apt: { name: 'srtest' } },
      { name: 'service', service: { name: 'srtest-none', state: 'started' } },
    ];
    const { report, human, code } = await runOn(conn, tasks, ['--check']);
    assert.equal(code, 0);
    const service = resultOf(report, 'service', 'target')!;
    assert.equal(service.status, 'changed');
    assert.equal(service.plan, 'unknown');
    assert.equal(resultOf(report, 'package', 'target')!.plan, 'change');
    assert.equal(recap(report).get('target')!.changed, 2);
    assert.match(human, /changed: \[target\]  start srtest-none \(not on the host yet: .*\) \(would change; cannot be sure\)/);
    assert.equal((await conn.exec('dpkg -s srtest')).rc, 1, 'the dry run installed nothing');
  });

  it('through the engine: --check predicts start and enable, the real run does them, then ok; a missing service fails all three', async () => {
    await conn.exec('apt-get install -y -q srtestd && service srtestd stop; update-rc.d srtestd disable');
    const runs = await throughEngine(conn, [
      { name: 'started and enabled', service: { name: 'srtestd', state: 'started', enabled: true } },
      { name: 'missing', service: { name: 'srtest-nothing', state: 'started' }, ignore_errors: true },
    ]);
    assert.deepEqual(statuses(runs.check), ['started and enabled: changed', 'missing: failed']);
    assert.deepEqual(statuses(runs.real), statuses(runs.check));
    assert.deepEqual(statuses(runs.again), ['started and enabled: ok', 'missing: failed']);
    assert.equal((await conn.exec('service srtestd status')).rc, 0, 'srtestd runs');
  });

});
