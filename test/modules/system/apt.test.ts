import { strict as assert } from 'node:assert';
import { DebianRootConnection } from '../../helpers/debian-root.js';
import { moduleContext } from '../../helpers/module-context.js';
import apt from '../../../runner/modules/system/apt.js';
import pkg from '../../../runner/modules/system/package.js';
import type { ModuleContext, ModuleResult } from '../../../runner/modules/contract.js';
import { needs } from '../../harness/tiers.js';
import { throughEngine, runOn, statuses } from '../../harness/engine-run.js';

describe('apt (in a throwaway Debian 12 root) @root', function () {
  before(function () { needs(this, 'root'); });
  this.timeout(300_000);
  let conn: DebianRootConnection;
  let ctx: ModuleContext;
  const version = async (name: string) => (await conn.exec(`dpkg-query -W -f='\${Version}' ${name} 2>/dev/null`)).stdout;
  // Every command the module sends; the plans read apt-get's listing, never its slower simulation.
  let asked: string[] = [];
  const simulated = () => asked.filter((c) => /apt-get -s /.test(c)).length;
  beforeEach(async () => {
    conn = await DebianRootConnection.start();
    ctx = moduleContext(conn);
    asked = [];
    const exec = conn.exec.bind(conn);
    conn.exec = (command, options) => { asked.push(command); return exec(command, options); };
  });
  afterEach(function () {
    if (this.currentTest?.state === 'passed' && !/unknown package/.test(this.currentTest.title)) assert.equal(simulated(), 0, 'apt-get -s was asked');
  });
  afterEach(() => conn.close());
  afterEach(() => conn.close());

  it('installs a package with its dependency, saying exactly which versions; then ok', async () => {
    const plan = await apt.plan(ctx, { name: 'srtest-dep', state: 'present' });
    assert.equal(asked.length, 1, 'one read of the host');
    assert.match(asked[0]!, /--print-uris/, 'from apt-get\'s listing, not a full simulation');
    assert.equal(plan.state, 'change');
    assert.equal(plan.summary, 'install srtest (1.1), srtest-dep (1.0)');
    assert.deepEqual(plan.diff?.[0]?.after, 'srtest 1.1\nsrtest-dep 1.0\n');
    assert.equal(await version('srtest-dep'), '', 'the plan alone installs nothing');
    const r = (await plan.apply!()) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
    assert.equal(await version('srtest-dep'), '1.0');
    assert.equal(await version('srtest'), '1.1');
    assert.equal((await apt.plan(ctx, { name: 'srtest-dep' })).state, 'ok');
  });

  it('present keeps an older version; latest upgrades it, then ok', async () => {
    await conn.exec('apt-get install -y -q srtest=1.0');
    assert.equal((await apt.plan(ctx, { name: ['srtest'], state: 'present' })).state, 'ok');
    const plan = await apt.plan(ctx, { name: 'srtest', state: 'latest' });
    assert.equal(plan.summary, 'upgrade srtest (1.0 -> 1.1)');
    assert.deepEqual({ before: plan.diff?.[0]?.before, after: plan.diff?.[0]?.after }, { before: 'srtest 1.0\n', after: 'srtest 1.1\n' });
    await plan.apply!();
    assert.equal(await version('srtest'), '1.1');
    assert.equal((await apt.plan(ctx, { name: 'srtest', state: 'latest' })).state, 'ok');
  });

  it('a pinned version installs that version', async () => {
    const plan = await apt.plan(ctx, { name: 'srtest=1.0' });
    assert.equal(plan.summary, 'install srtest (1.0)');
    await plan.apply!();
    assert.equal(await version('srtest'), '1.0');
    assert.equal((await apt.plan(ctx, { name: 'srtest=1.0' })).state, 'ok');
    assert.equal((await apt.plan(ctx, { name: 'srtest=1.*' })).state, 'ok');
  });

  it('removes (and purges) installed packages, then ok; absent of a missing package is ok', async () => {
    await conn.exec('apt-get install -y -q srtest-dep');
    const plan = await apt.plan(ctx, { name: 'srtest', state: 'absent', purge: true });
    assert.equal(plan.summary, 'remove srtest (1.1), srtest-dep (1.0)');
    await plan.apply!();
    assert.equal(await version('srtest'), '');
    assert.equal((await apt.plan(ctx, { name: 'srtest', state: 'absent' })).state, 'ok');
    assert.equal((await apt.plan(ctx, { pkg: 'srtestd', state: 'removed' })).state, 'ok');
  });

  it('an unknown package fails the plan with Ansible\'s message', async () => {
    await assert.rejects(apt.plan(ctx, { name: 'no-such-package' }), /No package matching 'no-such-package' is available/);
  });

  it('update_cache alone changes when the cache is stale and is ok within cache_valid_time', async () => {
    await conn.exec(`touch -d '2 days ago' /var/lib/apt/lists`);
    const plan = await apt.plan(ctx, { update_cache: true, cache_valid_time: 3600 });
    assert.equal(plan.state, 'change');
    assert.equal(plan.summary, 'update the apt cache');
    const r = (await plan.apply!()) as ModuleResult;
    assert.equal(r.cache_updated, true);
    assert.equal((await apt.plan(ctx, { update_cache: true, cache_valid_time: 3600 })).state, 'ok');
    assert.equal((await apt.plan(ctx, { update_cache: true })).state, 'change', 'without cache_valid_time every run updates, as Ansible');
  });

  it('with packages, update_cache does not make an installed package a change', async () => {
    await conn.exec('apt-get install -y -q srtest');
    assert.equal((await apt.plan(ctx, { name: 'srtest', update_cache: true })).state, 'ok');
  });

  it('upgrade: dist plans the upgrades apt-get would make', async () => {
    await conn.exec('apt-get install -y -q srtest=1.0');
    const plan = await apt.plan(ctx, { upgrade: 'dist' });
    assert.equal(plan.summary, 'upgrade srtest (1.0 -> 1.1)');
    await plan.apply!();
    assert.equal((await apt.plan(ctx, { upgrade: 'dist' })).state, 'ok');
  });

  it('in a dry run, a package promised by an earlier task is not planned twice', async () => {
    const first = await pkg.plan(ctx, { name: 'srtestd', state: 'present' });
    first.promise!(ctx.promised);
    assert.equal((await pkg.plan(ctx, { name: 'srtestd', state: 'present' })).state, 'ok');
    assert.equal(await version('srtestd'), '');
  });

  it('through the engine: --check predicts the install, upgrade and removal the real run makes; then ok', async () => {
    await conn.exec('apt-get install -y -q srtest=1.0');
    const runs = await throughEngine(conn, [
      { name: 'install with its dependency', apt: { name: 'srtest-dep' } },
      { name: 'upgrade', apt: { name: 'srtest', state: 'latest' } },
      { name: 'remove', apt: { name: 'srtest-dep', state: 'absent' } },
      { name: 'remove a missing one', apt: { name: 'srtest-absent-pkg-x', state: 'absent' } },
    ]);
    assert.equal(await version('srtest'), '1.1');
    assert.equal(await version('srtest-dep'), '');
    assert.deepEqual(statuses(runs.check), ['install with its dependency: changed', 'upgrade: changed', 'remove: changed', 'remove a missing one: ok']);
    assert.deepEqual(statuses(runs.real), statuses(runs.check));
    assert.deepEqual(statuses(runs.again), ['install with its dependency: changed', 'upgrade: ok', 'remove: changed', 'remove a missing one: ok'],
      'install then remove of the same package is not idempotent by design; the upgrade is');
    assert.deepEqual(runs.codes, [0, 0, 0]);
  });

  it('a play whose packages are all as asked reads their states once, ahead, and asks apt-get nothing', async () => {
    await conn.exec('apt-get install -y -q srtest-dep');
    asked = [];
    const { report, code } = await runOn(conn, [
      { name: 'one', apt: { name: 'srtest' } },
      { name: 'two', apt: { name: ['srtest-dep', 'srtest'], state: 'present' } },
      { name: 'gone', package: { name: 'srtest-absent-pkg-x', state: 'absent' } },
    ], []);
    assert.equal(code, 0);
    assert.deepEqual(report.plays[0]!.tasks.map((t) => t.hosts.target?.status), ['ok', 'ok', 'ok']);
    // runOn runs the play twice (--json, then the human output).
    assert.equal(asked.filter((c) => c.includes('dpkg-query -W')).length, 2, 'one read of the package states a run');
    assert.deepEqual(asked.filter((c) => /apt-get -/.test(c)), [], 'apt-get not asked');
  });

  it('a command between two apt tasks makes the later one read the host again', async () => {
    await conn.exec('apt-get install -y -q srtest-dep');
    const { report, code } = await runOn(conn, [
      { name: 'there', apt: { name: 'srtest-dep' } },
      { name: 'taken away', shell: 'dpkg -r srtest-dep', changed_when: false },
      { name: 'back', apt: { name: 'srtest-dep' } },
    ], []);
    assert.equal(code, 0);
    assert.deepEqual(report.plays[0]!.tasks.map((t) => t.hosts.target?.status), ['ok', 'ok', 'changed'], 'srtest-dep as the shell left it, not as read before it ran');
    assert.equal(await version('srtest-dep'), '1.0');
  });

  it('a read ahead ends at the next command that will run, and goes past one its when skips', async () => {
    await conn.exec('apt-get install -y -q srtest-dep');
    const dpkgReads = () => asked.filter((c) => c.includes('dpkg-query -W'));
    asked = [];
    const skipped = await runOn(conn, [
      { name: 'one', apt: { name: 'srtest' } },
      { name: 'not run', shell: 'true', when: 'false' },
      { name: 'two', apt: { name: 'srtest-dep' } },
    ], []);
    assert.deepEqual(skipped.report.plays[0]!.tasks.map((t) => t.hosts.target?.status), ['ok', 'skipped', 'ok']);
    assert.equal(dpkgReads().length, 2, 'one read a run (runOn runs twice) for both apt tasks');
    assert.match(dpkgReads()[0]!, /srtest srtest-dep/);
    asked = [];
    const ran = await runOn(conn, [
      { name: 'one', apt: { name: 'srtest' } },
      { name: 'run', shell: 'true', changed_when: false },
      { name: 'two', apt: { name: 'srtest-dep' } },
    ], []);
    assert.deepEqual(ran.report.plays[0]!.tasks.map((t) => t.hosts.target?.status), ['ok', 'ok', 'ok']);
    assert.equal(dpkgReads().length, 4, 'each apt task reads for itself: nothing read before the command would still hold after it');
    assert.doesNotMatch(dpkgReads()[0]!, /srtest-dep/);
  });
});
