import { strict as assert } from 'node:assert';
import { DebianRootConnection } from '../../helpers/debian-root.js';
import { moduleContext } from '../../helpers/module-context.js';
import user from '../../../runner/modules/system/user.js';
import group from '../../../runner/modules/system/group.js';
import type { ModuleContext } from '../../../runner/modules/contract.js';
import { needs } from '../../harness/tiers.js';
import { throughEngine, statuses } from '../../harness/engine-run.js';

describe('user and group (in a throwaway Debian 12 root) @root', function () {
  before(function () { needs(this, 'root'); });
  this.timeout(300_000);
  let conn: DebianRootConnection;
  let ctx: ModuleContext;
  const getent = async (db: string, key: string) => (await conn.exec(`getent ${db} ${key}`)).stdout.trim();
  before(async () => { conn = await DebianRootConnection.start(); ctx = moduleContext(conn); });
  after(() => conn?.close());

  it('creates a group with a gid, then ok; a new gid is a change', async () => {
    const plan = await group.plan(ctx, { name: 'streamers', gid: 2345 });
    assert.equal(plan.summary, 'create group streamers');
    assert.equal(await getent('group', 'streamers'), '');
    await plan.apply!();
    assert.equal(await getent('group', 'streamers'), 'streamers:x:2345:');
    assert.equal((await group.plan(ctx, { name: 'streamers', gid: 2345 })).state, 'ok');
    const mod = await group.plan(ctx, { name: 'streamers', gid: 2346 });
    assert.equal(mod.summary, 'change gid of group streamers to 2346');
    await mod.apply!();
    assert.equal(await getent('group', 'streamers'), 'streamers:x:2346:');
  });

  it('creates a user with fields, groups and home; then ok', async () => {
    const args = { name: 'mockbuild', uid: 1500, group: 'streamers', groups: ['audio', 'video'], shell: '/bin/bash', comment: 'Build user' };
    const plan = await user.plan(ctx, args);
    assert.equal(plan.summary, 'create user mockbuild');
    assert.match(plan.diff![0]!.after, /uid: 1500\ngroup: streamers\ngroups: audio,video\nshell: \/bin\/bash\ncomment: Build user\n/);
    await plan.apply!();
    assert.equal(await getent('passwd', 'mockbuild'), 'mockbuild:x:1500:2346:Build user:/home/mockbuild:/bin/bash');
    assert.equal((await conn.exec('id -Gn mockbuild')).stdout.trim(), 'streamers audio video');
    assert.equal((await conn.exec('test -d /home/mockbuild')).rc, 0);
    assert.equal((await user.plan(ctx, args)).state, 'ok');
  });

  it('modifies only what differs: shell and groups (append keeps the others)', async () => {
    const plan = await user.plan(ctx, { name: 'mockbuild', shell: '/bin/sh', groups: 'users', append: true });
    assert.equal(plan.summary, 'modify user mockbuild: groups, shell');
    assert.equal(plan.diff![0]!.before, 'user mockbuild\ngroups: audio,video\nshell: /bin/bash\n');
    await plan.apply!();
    assert.equal((await conn.exec('id -Gn mockbuild')).stdout.trim(), 'streamers audio video users');
    const exact = await user.plan(ctx, { name: 'mockbuild', groups: ['video'] });
    await exact.apply!();
    assert.equal((await conn.exec('id -Gn mockbuild')).stdout.trim(), 'streamers video');
    assert.equal((await user.plan(ctx, { name: 'mockbuild', groups: ['video'], shell: '/bin/sh' })).state, 'ok');
  });

  it('a missing group fails; a group promised earlier in a dry run does not', async () => {
    await assert.rejects(user.plan(ctx, { name: 'x1', group: 'nosuch' }), /Group nosuch does not exist/);
    const dry = moduleContext(conn);
    (await group.plan(dry, { name: 'nosuch' })).promise!(dry.promised);
    assert.equal((await user.plan(dry, { name: 'x1', group: 'nosuch' })).state, 'change');
  });

  it('removes the user and the group, then ok', async () => {
    const plan = await user.plan(ctx, { name: 'mockbuild', state: 'absent', remove: true });
    assert.equal(plan.summary, 'remove user mockbuild');
    await plan.apply!();
    assert.equal(await getent('passwd', 'mockbuild'), '');
    assert.equal((await conn.exec('test -d /home/mockbuild')).rc, 1);
    assert.equal((await user.plan(ctx, { name: 'mockbuild', state: 'absent' })).state, 'ok');
    await (await group.plan(ctx, { name: 'streamers', state: 'absent' })).apply!();
    assert.equal((await group.plan(ctx, { name: 'streamers', state: 'absent' })).state, 'ok');
  });

  it('through the engine: --check predicts the group and user the real run creates, then ok', async () => {
    const runs = await throughEngine(conn, [
      { name: 'group', group: { name: 'srengine', gid: 4711 } },
      { name: 'user', user: { name: 'srengine', group: 'srengine', shell: '/bin/sh', create_home: true } },
    ]);
    assert.deepEqual(statuses(runs.check), ['group: changed', 'user: changed']);
    assert.deepEqual(statuses(runs.real), statuses(runs.check));
    assert.deepEqual(statuses(runs.again), ['group: ok', 'user: ok']);
    assert.match((await conn.exec('getent passwd srengine')).stdout, /^srengine:x:\d+:4711::\/home\/srengine:\/bin\/sh$/m);
  });

});
