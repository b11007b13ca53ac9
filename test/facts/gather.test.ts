import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { LocalConnection } from '../../runner/connections/local.js';
import { gatherFacts } from '../../runner/facts/gather.js';
import { DebianRootConnection } from '../helpers/debian-root.js';

describe('gatherFacts (real hosts)', () => {
  it('reads this machine in one round trip', async () => {
    const conn = new LocalConnection();
    const f = await gatherFacts(conn);
    assert.equal(conn.roundTrips, 1);
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    assert.equal(f.ansible_distribution, /^ID=debian$/m.test(osRelease) ? 'Debian' : f.ansible_distribution);
    assert.equal(f.ansible_nodename, hostname());
    assert.equal(f.ansible_user_id, 'root');
    assert.equal(f.ansible_service_mgr, readFileSync('/proc/1/comm', 'utf8').trim() === 'systemd' ? 'systemd' : 'sysvinit');
    assert.ok(Number(f.ansible_processor_vcpus) >= 1);
  });

  it('reads a bare Debian 12 root without Python or iproute2', async function () {
    this.timeout(300_000);
    const conn = await DebianRootConnection.start();
    try {
      const f = await gatherFacts(conn);
      assert.equal(f.ansible_distribution, 'Debian');
      assert.equal(f.ansible_distribution_major_version, '12');
      assert.equal(f.ansible_distribution_release, 'bookworm');
      assert.equal(f.ansible_pkg_mgr, 'apt');
      assert.equal(f.ansible_service_mgr, 'sysvinit');
      assert.equal(f.ansible_python, undefined);
    } finally {
      await conn.close();
    }
  });
});
