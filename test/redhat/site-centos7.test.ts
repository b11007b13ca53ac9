/**
 * The RedHat/CentOS 7 path of site.yml, run by Showrunner over SSH against a lab host scripted
 * to answer as CentOS 7.9 does (test/fixtures/centos7): there is no CentOS mirror here, so the
 * commands are stubs, but the runner, the transport and the roles are the real ones.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { labUp, type LabHost, type LabInfo } from '../../runner/lab/index.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { makeCentos7, onHost, projectRoot, ssh, stubLog, stubLogPath, upperDir } from './centos7-host.js';
import { changedTasks, failures, handlersRun, parseReport, recap, type Report } from '../harness/report.js';
import { isReadOnly, missingInOrder } from './stub-calls.js';
import { snapshot, snapshotChanges } from '../harness/snapshot.js';
import { firstRunSteps } from './first-run-steps.js';
import { needs } from '../harness/tiers.js';

/** The roles' own account of a fresh host's first run (task titles, handlers). */
const expected = parse(readFileSync(join(projectRoot, 'test/fixtures/redhat/expected-first-run.yml'), 'utf8')) as {
  changed: { task: string }[];
  checks: { task: string }[];
  handlers: { handler: string }[];
};
const nginxVWithModule = readFileSync(join(projectRoot, 'test/fixtures/redhat/nginx-V-rtmp.txt'), 'utf8');

describe('site.yml on a scripted CentOS 7 host @lab', function () {
  this.timeout(10 * 60_000);
  let lab: LabInfo;
  let host: LabHost;
  let predicted: string[] | undefined;
  let firstRun: Report | undefined;
  let firstCalls: string[] = [];

  /**
   * The scripted host answers yum's makecache, check-update and update, so the run keeps the
   * roles' defaults (index refresh and upgrade on) that the lab inventory turns off.
   */
  const withMirror = JSON.stringify({ base_update_cache: true, base_upgrade_packages: true });
  /** A run with its --json report (and the raw output for assertion messages). */
  const site = async (...extra: string[]) => {
    const run = await runCli(['playbooks/site.yml', '-i', lab.inventoryPath, '-e', withMirror, '--json', ...extra], projectRoot);
    return { run, report: parseReport(run.stdout) };
  };
  /** Stub calls logged since the log was last emptied, then empties it. */
  const takeCalls = async () => {
    const calls = await stubLog(lab, host);
    await onHost(lab, host, `: > ${stubLogPath}`);
    return calls;
  };
  const show = (run: CliRun) => `${run.stdout.slice(-4000)}\n${run.stderr}`;

  before(async function () {
    needs(this, 'lab');
    lab = await labUp(1, { prefix: 'rh', fresh: true });
    host = lab.hosts[0]!;
    await makeCentos7(lab, host);
  });

  after(async function () {
    if (lab) await labUp(0, { prefix: 'rh' });
  });

  it('is seen by fact gathering as CentOS 7.9 (RedHat family, yum, systemd, SELinux enforcing)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'centos7-facts-'));
    try {
      const book = join(dir, 'facts.yml');
      writeFileSync(book, [
        '- hosts: streaming',
        '  gather_facts: true',
        '  tasks:',
        '    - debug:',
        '        msg: "{{ ansible_distribution }} {{ ansible_distribution_version }} {{ ansible_os_family }} {{ ansible_pkg_mgr }} {{ ansible_service_mgr }} selinux={{ ansible_selinux.mode }}"',
        '',
      ].join('\n'));
      const run = await runCli([book, '-i', lab.inventoryPath, '--json'], projectRoot);
      assert.equal(run.code, 0, show(run));
      const debug = parseReport(run.stdout).plays[0]!.tasks.at(-1)!.hosts[host.name]!;
      assert.equal(debug.result?.msg, 'CentOS 7.9 RedHat yum systemd selinux=enforcing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const facts = await takeCalls();
    assert.deepEqual(facts.filter((c) => !isReadOnly(c)), [], 'gathering facts changed something');
  });

  it('--check --diff changes nothing on the host and runs no command that would', async () => {
    const ignore = [stubLogPath];
    const before = snapshot(upperDir(lab, host), ignore);
    const { report } = await site('--check', '--diff');
    const calls = await takeCalls();
    const after = snapshot(upperDir(lab, host), ignore);
    predicted = changedTasks(report);
    assert.deepEqual(snapshotChanges(before, after), [], 'files changed on the host during --check');
    assert.deepEqual(calls.filter((c) => !isReadOnly(c)), [], 'stubs that change the host were called during --check');
    assert.ok(report.plays.flatMap((p) => p.tasks).some((t) => t.hosts[host.name]?.diff?.length), '--diff gave no diff');
  });

  it('--check completes and predicts the changes of the first run', async () => {
    assert.ok(predicted, 'the --check run did not happen');
    const { run, report } = await site('--check', '--diff');
    await takeCalls();
    assert.deepEqual(failures(report), [], 'tasks failed in --check');
    assert.equal(recap(report).get(host.name)?.failed, 0, show(run));
    assert.equal(run.code, 0, show(run));
    const missing = expected.changed.map((c) => c.task).filter((t) => !predicted!.includes(t));
    assert.deepEqual(missing, [], `--check did not list these as changed:\n${predicted.join('\n')}`);
  });

  it('converges for real, running the CentOS 7 procedure in order', async () => {
    const { run, report } = await site();
    firstRun = report;
    firstCalls = await takeCalls();
    const counts = recap(report).get(host.name);
    assert.ok(counts, `no recap for ${host.name}:\n${show(run)}`);
    assert.deepEqual(failures(report), [], 'tasks failed');
    assert.equal(counts.unreachable, 0);
    assert.equal(counts.failed, 0);
    assert.equal(run.code, 0, show(run));
    const problem = missingInOrder(firstCalls, firstRunSteps);
    if (problem) assert.fail(problem);
    assert.ok(firstCalls.includes('systemctl disable firewalld'), 'firewalld was not disabled');
    assert.ok(firstCalls.includes('systemctl enable nginx'), 'nginx was not enabled at boot');
    assert.deepEqual(handlersRun(report), expected.handlers.map((h) => {
      const role = h.handler === 'restart iptables' ? 'firewall' : 'nginx-config';
      return `${role} : ${h.handler}`;
    }));
  });

  it('brings installed packages up to date with yum update, never `yum install *`', () => {
    assert.ok(firstRun, 'the first run did not happen');
    const wild = firstCalls.filter((c) => /^yum (?:-\S+ )*install (?:.* )?\*$|^yum (?:-\S+ )*install \*/.test(c));
    assert.deepEqual(wild, [], 'asking yum to install "*" installs every package of every enabled repository');
    assert.ok(firstCalls.some((c) => /^yum (?:-\S+ )*(?:update|upgrade)\b/.test(c)), `no yum update among:\n${firstCalls.join('\n')}`);
  });

  it('reports the read-only checks ok, whatever they exit with', () => {
    assert.ok(firstRun, 'the first run did not happen');
    const changed = changedTasks(firstRun);
    assert.deepEqual(expected.checks.map((c) => c.task).filter((t) => changed.includes(t)), [], 'checks with changed_when: false reported changed');
  });

  it('changes exactly the tasks --check predicted', () => {
    assert.ok(firstRun && predicted, 'the runs did not happen');
    assert.deepEqual(changedTasks(firstRun), predicted);
  });

  it('leaves nginx rebuilt with the module, configured, enabled and running', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    const spec = (await onHost(lab, host, 'cat /root/rpmbuild/SPECS/nginx-rtmp.spec')).split('\n');
    const at = spec.findIndex((l) => l.includes('--add-module='));
    assert.equal(spec[at], '    --add-module=/usr/local/src/nginx-rtmp-module-dev \\');
    assert.equal(spec[at - 1], '    --with-stream_ssl_module \\', 'the module line is not right after the stream-ssl line');
    assert.equal(spec.filter((l) => l.includes('--add-module=')).length, 1);
    assert.equal(await onHost(lab, host, 'test -f /usr/local/src/nginx-rtmp-module-dev/config && rpm -q nginx'), 'nginx-1.20.1-10.el7.x86_64\n');
    const v = await ssh(lab, host, 'nginx -V');
    assert.equal(v.stderr, nginxVWithModule);
    const conf = await onHost(lab, host, 'cat /etc/nginx/nginx.conf');
    assert.match(conf, /^user nginx;$/m);
    assert.match(conf, /^include \/usr\/share\/nginx\/modules\/\*\.conf;$/m);
    assert.match(conf, /^\s*listen 1935;$/m);
    assert.match(conf, /^\s*hls_datetime system;$/m);
    assert.equal(await onHost(lab, host, 'systemctl is-enabled nginx; systemctl is-active nginx'), 'enabled\nactive\n');
    assert.equal(await onHost(lab, host, 'stat -c "%U:%G %a" /var/www /var/www/live'), 'nginx:nginx 755\nnginx:nginx 755\n');
  });

  it('replaces firewalld with iptables-services and the streaming rules', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    const rules = await onHost(lab, host, 'cat /etc/sysconfig/iptables');
    const accept = (port: number, name: string) => new RegExp(`^-A INPUT -p tcp .*--dport ${port} .*--comment "?${name}"? .*-j ACCEPT$`, 'm');
    for (const [port, name] of [[22, 'ssh'], [80, 'http'], [443, 'https'], [1935, 'rtmp']] as const) assert.match(rules, accept(port, name));
    assert.match(rules, /^-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT$/m);
    assert.match(rules, /^-A INPUT -j REJECT --reject-with icmp-host-prohibited$/m);
    assert.match(rules, /^-A FORWARD -j REJECT --reject-with icmp-host-prohibited$/m);
    assert.ok(rules.search(accept(22, 'ssh')) < rules.search(/^-A INPUT -j REJECT/m), 'ssh must be accepted before the reject');
    const loaded = await onHost(lab, host, 'iptables-save');
    assert.match(loaded, accept(1935, 'rtmp'), 'the rules were not loaded');
    assert.equal(await onHost(lab, host, 'systemctl is-enabled iptables; systemctl is-active iptables'), 'enabled\nactive\n');
    const firewalld = await ssh(lab, host, 'systemctl is-enabled firewalld; systemctl is-active firewalld');
    assert.equal(firewalld.stdout, 'disabled\ninactive\n');
  });

  it('keeps SELinux enforcing and labels the rtmp port and the HLS directory', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    assert.equal(firstCalls.filter((c) => /^setenforce\b/.test(c)).length, 0, 'the roles label rather than turn SELinux off');
    assert.equal(await onHost(lab, host, 'getenforce'), 'Enforcing\n');
    assert.match(await onHost(lab, host, 'semanage port -l'), /^http_port_t\s+tcp\s+1935, 80,/m);
    assert.match(await onHost(lab, host, 'semanage fcontext -l'), /^\/var\/www\/live\(\/\.\*\)\?\s+all files\s+system_u:object_r:httpd_sys_rw_content_t:s0/m);
  });

  it('a second run changes nothing and runs no handler', async () => {
    assert.ok(firstRun, 'the first run did not happen');
    const { run, report } = await site();
    const calls = await takeCalls();
    assert.equal(run.code, 0, show(run));
    assert.deepEqual(changedTasks(report), [], 'tasks changed on the second run');
    assert.equal(recap(report).get(host.name)?.changed, 0);
    assert.deepEqual(handlersRun(report), []);
    const rebuild = calls.filter((c) => /^(?:yum-builddep|yumdownloader|rpmbuild|rpm -[iU]|useradd|systemctl (?:start|restart|enable))\b/.test(c));
    assert.deepEqual(rebuild, [], 'the second run rebuilt or restarted something');
  });
});
