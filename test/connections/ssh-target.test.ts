/**
 * From inventory variables and ~/.ssh/config to a target, then real connections through an alias,
 * a ProxyJump bastion and ssh-agent.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection, sshTargetFromHostVars } from '../../runner/connections/ssh.js';
import { startSshd, type Sshd } from './sshd-fixture.js';
import { needs } from '../harness/tiers.js';

describe('ssh targets from host variables and ssh config', function () {
  let dir: string;
  let config: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-sshcfg-'));
    config = join(dir, 'config');
    writeFileSync(config, [
      'Host edge-*',
      '  User deploy',
      '  IdentityFile ~/.ssh/edge_key',
      'Host edge-1 !edge-10',
      '  HostName 10.20.0.%h',
      '  Port 2201',
      '  ProxyJump admin@bastion:2222',
      'Host bastion',
      '  HostName 192.0.2.1',
      '  IdentityFile /keys/bastion',
      'Host *',
      '  User fallback',
      '  StrictHostKeyChecking yes',
      '',
    ].join('\n'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves an alias: first value wins, later Host blocks fill the gaps', () => {
    const t = sshTargetFromHostVars('edge-1', {}, { sshConfigPath: config });
    assert.equal(t.host, '10.20.0.edge-1');
    assert.equal(t.port, 2201);
    assert.equal(t.user, 'deploy');
    assert.equal(t.privateKeyFile, join(homedir(), '.ssh', 'edge_key'));
    assert.equal(t.hostKeyChecking, true);
    assert.equal(t.connectTimeoutMs, 10_000);
    assert.deepEqual(
      { host: t.proxyJump?.host, port: t.proxyJump?.port, user: t.proxyJump?.user, key: t.proxyJump?.privateKeyFile },
      { host: '192.0.2.1', port: 2222, user: 'admin', key: '/keys/bastion' },
    );
  });

  it('lets inventory variables win over ssh config and ssh args', () => {
    const t = sshTargetFromHostVars('web', {
      ansible_host: 'edge-1', ansible_port: '2300', ansible_user: 'ops',
      ansible_ssh_private_key_file: '/k/id', ansible_password: 's3cret',
      ansible_ssh_common_args: '-o Port=9 -o ProxyJump=none -o ConnectTimeout=3',
    }, { sshConfigPath: config });
    assert.equal(t.name, 'web');
    assert.equal(t.host, '10.20.0.edge-1');
    assert.deepEqual([t.port, t.user, t.privateKeyFile, t.password, t.proxyJump], [2300, 'ops', '/k/id', 's3cret', undefined]);
    assert.equal(t.connectTimeoutMs, 3000);
  });

  it('collects known_hosts files from args, showrunner_known_hosts and the default', () => {
    const t = sshTargetFromHostVars('h', {
      ansible_ssh_extra_args: '-o UserKnownHostsFile=/lab/known_hosts -o "StrictHostKeyChecking yes"',
      showrunner_known_hosts: '~/more_known_hosts',
    }, { sshConfigPath: config });
    assert.deepEqual(t.knownHostsFiles.slice(0, 3), ['/lab/known_hosts', join(homedir(), 'more_known_hosts'), join(homedir(), '.ssh', 'known_hosts')]);
    assert.equal(t.hostKeyChecking, true);
  });

  it('turns host key checking off only when asked', () => {
    const off = (vars: Record<string, unknown>, o = {}) => sshTargetFromHostVars('h', vars, { sshConfigPath: join(dir, 'none'), ...o }).hostKeyChecking;
    assert.equal(off({}), true);
    assert.equal(off({ ansible_host_key_checking: false }), false);
    assert.equal(off({ ansible_host_key_checking: 'False' }), false);
    assert.equal(off({ ansible_ssh_common_args: '-o StrictHostKeyChecking=no' }), false);
    assert.equal(off({}, { hostKeyChecking: false }), false);
  });

  it('reads a bastion from the common ProxyCommand form', () => {
    const t = sshTargetFromHostVars('h', {
      ansible_host: '10.1.1.1',
      ansible_ssh_common_args: `-o ProxyCommand="ssh -W %h:%p -q -p 2022 jump@gw.example"`,
    }, { sshConfigPath: join(dir, 'none') });
    assert.deepEqual([t.proxyJump?.host, t.proxyJump?.port, t.proxyJump?.user], ['gw.example', 2022, 'jump']);
  });
});

describe('ssh connections through config aliases, bastions and the agent @sshd', function () {
  before(function () { needs(this, 'sshd'); });
  let sshd: Sshd;
  let config: string;
  let agent: ChildProcess | undefined;
  const conns: SshConnection[] = [];

  before(async () => {
    sshd = await startSshd();
    config = join(sshd.dir, 'ssh_config');
    writeFileSync(config, [
      'Host streamer',
      `  HostName 127.0.0.1`,
      `  Port ${sshd.port}`,
      '  User root',
      `  IdentityFile ${sshd.clientKey}`,
      `  UserKnownHostsFile ${sshd.knownHosts}`,
      'Host behind-bastion',
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      '  User root',
      `  IdentityFile ${sshd.clientKey}`,
      `  UserKnownHostsFile ${sshd.knownHosts}`,
      '  ProxyJump streamer',
      '',
    ].join('\n'));
  });
  after(async () => {
    for (const c of conns) await c.close();
    if (agent?.pid) process.kill(agent.pid);
    await sshd?.stop();
  });

  it('connects by alias', async () => {
    const c = new SshConnection(sshTargetFromHostVars('s1', { ansible_host: 'streamer' }, { sshConfigPath: config }));
    conns.push(c);
    assert.equal((await c.exec('echo "$SSH_CONNECTION" | cut -d" " -f3')).stdout, '127.0.0.1\n');
  });

  it('connects through a ProxyJump bastion (a forwarded channel)', async () => {
    const t = sshTargetFromHostVars('s2', { ansible_host: 'behind-bastion' }, { sshConfigPath: config });
    assert.equal(t.proxyJump?.name, 'streamer');
    const c = new SshConnection(t);
    conns.push(c);
    const r = await c.exec('echo ok');
    assert.equal(r.stdout, 'ok\n');
    await c.writeFile(join(sshd.dir, 'via-bastion'), 'x');
    assert.ok(existsSync(join(sshd.dir, 'via-bastion')));
  });

  it('authenticates with ssh-agent when no key file is named', async function () {
    const sock = join(sshd.dir, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 20));
    execFileSync('ssh-add', [sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
    const saved = process.env.SSH_AUTH_SOCK;
    process.env.SSH_AUTH_SOCK = sock;
    try {
      const c = new SshConnection(sshd.target({ privateKeyFile: undefined, useAgent: true }));
      conns.push(c);
      assert.equal((await c.exec('id -u')).stdout, '0\n');
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    }
  });
});
