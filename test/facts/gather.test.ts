import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { arch, hostname, release, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../runner/connections/local.js';
import { gatherFacts } from '../../runner/facts/gather.js';
import { DebianRootConnection } from '../helpers/debian-root.js';
import { ansiblePlaybookJsonSync } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

/** What a user reads off this machine by hand, independently of the fact gatherer. */
function byHand(): Record<string, string> {
  const osRelease = Object.fromEntries(readFileSync('/etc/os-release', 'utf8').split('\n')
    .map((l) => /^([A-Z_]+)="?([^"]*)"?$/.exec(l)).filter((m) => m !== null).map((m) => [m[1], m[2]]));
  const known: Record<string, [string, string]> = { debian: ['Debian', 'Debian'], ubuntu: ['Ubuntu', 'Debian'] };
  const [distribution, family] = known[osRelease.ID!] ?? assert.fail(`this test knows Debian and Ubuntu machines, not ${osRelease.ID}`);
  return {
    ansible_distribution: distribution,
    ansible_os_family: family,
    ansible_distribution_major_version: osRelease.VERSION_ID!.split('.')[0]!,
    ansible_distribution_release: osRelease.VERSION_CODENAME!,
    ansible_nodename: hostname(),
    ansible_user_id: userInfo().username,
    ansible_kernel: release(),
    ansible_architecture: ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[arch()] ?? arch(),
  };
}

describe('gatherFacts (this machine)', () => {
  it('reads this machine in one round trip, as a user reads it by hand', async () => {
    const conn = new LocalConnection();
    const f = await gatherFacts(conn);
    assert.equal(conn.roundTrips, 1);
    const expected = byHand();
    assert.deepEqual(Object.fromEntries(Object.keys(expected).map((k) => [k, f[k]])), expected);
    assert.ok(Number(f.ansible_processor_vcpus) >= 1);
  });

  it('counts the CPUs, memory and interfaces as the tools a user asks do', async () => {
    const f = await gatherFacts(new LocalConnection());
    assert.equal(f.ansible_processor_nproc, Number(execFileSync('nproc', { encoding: 'utf8' })));
    const total = /^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))![1]!;
    assert.equal(f.ansible_memtotal_mb, Math.floor(Number(total) / 1024));
    assert.deepEqual([...(f.ansible_interfaces as string[])].sort(), readdirSync('/sys/class/net').sort());
    const v4 = execFileSync('ip', ['-4', '-o', 'addr', 'show'], { encoding: 'utf8' }).split('\n')
      .map((l) => /\sinet (\S+)\//.exec(l)?.[1]).filter((a): a is string => !!a && !a.startsWith('127.'));
    assert.deepEqual([...(f.ansible_all_ipv4_addresses as string[])].sort(), v4.sort());
  });

  it('reads small files in the same round trip: their text, or null when they are not there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-reads-'));
    try {
      writeFileSync(join(dir, 'a.json'), '{"x": ["::end", "it\'s"]}\n\n');
      writeFileSync(join(dir, 'b'), 'no newline');
      const conn = new LocalConnection();
      const reads = new Map<string, string | null>();
      const files = [join(dir, 'a.json'), join(dir, 'missing'), join(dir, 'b'), join(dir, 'no-dir/f')];
      const f = await gatherFacts(conn, files, reads);
      assert.equal(conn.roundTrips, 1);
      assert.equal(f.ansible_nodename, hostname());
      assert.deepEqual(Object.fromEntries(reads), {
        [files[0]!]: '{"x": ["::end", "it\'s"]}\n\n', [files[1]!]: null, [files[2]!]: 'no newline', [files[3]!]: null,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('gatherFacts agrees with Ansible\'s setup on this machine @ansible', function () {
  this.timeout(120_000);
  before(function () { needs(this, 'ansible'); });

  it('names the machine as Ansible does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-facts-'));
    const play = join(dir, 'setup.yml');
    writeFileSync(play, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ setup: {} }] }]));
    const report = ansiblePlaybookJsonSync(['-i', 'localhost,', '-c', 'local', play]);
    rmSync(dir, { recursive: true, force: true });
    const theirs = report.plays[0]!.tasks[0]!.hosts.localhost!.ansible_facts as Record<string, unknown>;
    const ours = await gatherFacts(new LocalConnection());
    const keys = ['distribution', 'distribution_version', 'distribution_major_version', 'distribution_release', 'os_family',
      'pkg_mgr', 'service_mgr', 'architecture', 'hostname', 'nodename', 'user_id', 'kernel', 'system', 'processor_vcpus',
      'processor_count', 'processor_cores', 'processor_threads_per_core', 'processor', 'memtotal_mb', 'lsb', 'dns', 'user_shell',
      'user_gecos', 'user_dir', 'effective_user_id', 'real_user_id', 'machine_id', 'kernel_version', 'userspace_bits',
      'userspace_architecture', 'virtualization_type', 'virtualization_role', 'distribution_file_variety',
      'distribution_minor_version', 'default_ipv4', 'all_ipv4_addresses'];
    assert.deepEqual(Object.fromEntries(keys.map((k) => [k, ours[`ansible_${k}`]])), Object.fromEntries(keys.map((k) => [k, theirs[`ansible_${k}`]])));
  });
});

describe('gatherFacts (a bare Debian root) @root', function () {
  before(function () { needs(this, 'root'); });

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
