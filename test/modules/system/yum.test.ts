/**
 * yum/dnf cannot run for real here (no RPM repositories): a scripted rpm and yum on PATH keep
 * a package list in a file, answer as CentOS 7's do, and log each command they were given.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext, debianFacts } from '../../helpers/module-context.js';
import yum from '../../../runner/modules/system/yum.js';
import pkg from '../../../runner/modules/system/package.js';
import systemd from '../../../runner/modules/system/systemd.js';
import { throughEngine, statuses } from '../../harness/engine-run.js';

const RPM = `#!/bin/sh
db="$FAKE_RPM_DIR/installed"
if [ "$1" = -qp ]; then shift 3; basename "$1" | sed 's/-[0-9].*//'; exit 0; fi
[ "$1" = -q ] || exit 2
shift; [ "$1" = --whatprovides ] && shift; [ "$1" = --qf ] && shift 2
v=$(awk -v n="$1" '$1 == n { print $2 }' "$db")
[ -n "$v" ] && { echo "$v"; exit 0; }
echo "package $1 is not installed"; exit 1
`;
const YUM = `#!/bin/sh
db="$FAKE_RPM_DIR/installed"
echo "yum $*" >> "$FAKE_RPM_DIR/log"
while [ "\${1#-}" != "$1" ]; do shift; done
cmd=$1; shift
case $cmd in
  check-update) for p; do [ "$(awk -v n="$p" '$1 == n { print $2 }' "$db")" = 1.0-1.el7 ] && { echo; echo "$p.x86_64  1.2-1.el7  epel"; found=1; }; done; [ -n "$found" ] && exit 100; exit 0 ;;
  install) for p; do n=$(basename "$p" | sed 's/-[0-9].*//; s/\\.rpm$//'); echo "$n 1.2-1.el7" >> "$db"; done ;;
  update) for p; do sed -i "s/^$p .*/$p 1.2-1.el7/" "$db"; done ;;
  remove) for p; do sed -i "/^$p /d" "$db"; done ;;
  makecache) ;;
esac
`;

describe('yum (scripted CentOS 7 rpm and yum)', () => {
  let dir: string;
  let oldPath: string | undefined;
  const centos = { ...debianFacts, ansible_os_family: 'RedHat', ansible_distribution: 'CentOS', ansible_pkg_mgr: 'yum' };
  const ctx = () => moduleContext(new LocalConnection(), { facts: centos });
  const log = () => readFileSync(join(dir, 'log'), 'utf8').trim().split('\n');
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-yum-'));
    mkdirSync(join(dir, 'bin'));
    for (const [name, text] of [['rpm', RPM], ['yum', YUM]] as const) {
      writeFileSync(join(dir, 'bin', name), text);
      chmodSync(join(dir, 'bin', name), 0o755);
    }
    writeFileSync(join(dir, 'installed'), 'bash 4.2.46-35.el7\nwget 1.0-1.el7\n');
    writeFileSync(join(dir, 'log'), '');
    oldPath = process.env.PATH;
    process.env.PATH = `${join(dir, 'bin')}:${oldPath}`;
    process.env.FAKE_RPM_DIR = dir;
  });
  afterEach(() => {
    process.env.PATH = oldPath;
    delete process.env.FAKE_RPM_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('installs only what rpm does not know, with enablerepo and nogpgcheck; then ok', async () => {
    const plan = await yum.plan(ctx(), { name: ['epel-release', 'bash'], enablerepo: 'epel', disable_gpg_check: true });
    assert.equal(plan.summary, 'install epel-release');
    assert.deepEqual(log(), [''], 'planning runs no yum command that changes anything');
    await plan.apply!();
    assert.deepEqual(log(), ["yum -y --enablerepo=epel --nogpgcheck install epel-release"]);
    assert.equal((await yum.plan(ctx(), { name: ['epel-release', 'bash'] })).state, 'ok');
  });

  it('latest updates what check-update lists; absent removes; package dispatches to yum', async () => {
    const latest = await pkg.plan(ctx(), { name: ['wget', 'bash'], state: 'latest' });
    assert.equal(latest.summary, 'upgrade wget (1.0-1.el7 -> 1.2-1.el7)');
    await latest.apply!();
    assert.equal((await yum.plan(ctx(), { name: 'wget', state: 'latest' })).state, 'ok');
    const absent = await yum.plan(ctx(), { name: 'wget,nginx', state: 'absent' });
    assert.equal(absent.summary, 'remove wget');
    await absent.apply!();
    assert.equal((await yum.plan(ctx(), { name: 'wget', state: 'absent' })).state, 'ok');
  });

  it('a local .rpm glob is installed by path and recognised by its package name', async () => {
    writeFileSync(join(dir, 'nginx-1.20.1-1.el7.x86_64.rpm'), '');
    const plan = await yum.plan(ctx(), { name: join(dir, 'nginx-*.rpm') });
    assert.equal(plan.summary, 'install nginx');
    await plan.apply!();
    assert.match(log().pop()!, /install .*nginx-1\.20\.1-1\.el7\.x86_64\.rpm$/);
    assert.equal((await yum.plan(ctx(), { name: join(dir, 'nginx-*.rpm') })).state, 'ok');
  });

  it('update_cache alone: ok in --check and for real (as Ansible: never a change), makecache run only by the real run', async () => {
    const runs = await throughEngine(new LocalConnection(), [{ name: 'cache', yum: { update_cache: true } }]);
    assert.deepEqual([statuses(runs.check), statuses(runs.real), statuses(runs.again)], [['cache: ok'], ['cache: ok'], ['cache: ok']]);
    assert.deepEqual(log().filter((l) => l), ['yum -q makecache', 'yum -q makecache'], 'the two real runs made the cache, the dry run did not');
    assert.equal(runs.check[0]!.summary, 'yum makecache');
  });

  it('systemd daemon_reload alone is an ok plan whose settle step runs systemctl daemon-reload', async () => {
    writeFileSync(join(dir, 'bin', 'systemctl'), `#!/bin/sh\necho "systemctl $*" >> "$FAKE_RPM_DIR/log"\n`);
    chmodSync(join(dir, 'bin', 'systemctl'), 0o755);
    const plan = await systemd.plan(moduleContext(new LocalConnection(), { facts: { ...centos, ansible_service_mgr: 'systemd' } }), { daemon_reload: true });
    assert.equal(plan.state, 'ok');
    assert.equal(plan.apply, undefined);
    assert.deepEqual(log(), [''], 'planning reloads nothing');
    await plan.settle!();
    assert.deepEqual(log(), ['systemctl daemon-reload']);
  });
});
