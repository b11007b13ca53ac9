/**
 * iptables against the real iptables (nf_tables) of a fresh lab host: --check changes nothing,
 * the real run adds the rules, policy and chain, a second run changes nothing, ansible-playbook
 * 2.14 on the converged host finds every rule in place (only its flush counts as a change, as
 * Ansible reports every flush), and state absent takes them away again.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { dropHosts, pythonLab, runJson, type scratch } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { changes, failures, recap } from '../harness/report.js';
import { ansiblePlaybookJson, changedTasks, failures as ansibleFailures } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

const dir = resolve(import.meta.dirname, '../fixtures/firewall-modules');
const RULES = [
  '-P INPUT ACCEPT', '-P FORWARD DROP', '-P OUTPUT ACCEPT', '-N STREAM',
  '-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT',
  '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment established -j ACCEPT',
  '-A INPUT -s 10.77.0.0/24 -p tcp -m tcp --dport 1935 -m conntrack --ctstate NEW -m comment --comment rtmp -j ACCEPT',
  '-A INPUT -j REJECT --reject-with icmp-host-prohibited',
  '-A STREAM -j RETURN', '',
].join('\n');

describe('iptables on a lab host, idempotent against the real iptables @lab @ansible', function () {
  this.timeout(180_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';
  const run = (book: string, ...extra: string[]) => runJson(join(dir, book), '-i', inventory, ...extra);

  before(async function () {
    needs(this, 'lab', 'ansible');
    ({ lab, work, inventory } = await pythonLab(1, 'md'));
    await hostOutput(lab, 'md1', 'apt-get install -y iptables >/dev/null 2>&1; iptables -V');
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('--check predicts the changes and leaves the firewall as it was', async () => {
    const before = await hostOutput(lab, 'md1', 'iptables -S');
    const r = await run('iptables.yml', '--check');
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.deepEqual(changes(r.report), ['established: md1', 'ssh: md1', 'rtmp from encoders: md1', 'reject rest: md1', 'policy: md1', 'own chain: md1']);
    assert.equal(await hostOutput(lab, 'md1', 'iptables -S'), before);
  });

  it('the real run makes the rules, a second run finds them all in place', async () => {
    const first = await run('iptables.yml');
    assert.equal(first.code, 0, failures(first.report).join('\n'));
    assert.equal(recap(first.report).get('md1')!.changed, 6);
    assert.equal(await hostOutput(lab, 'md1', 'iptables -S'), RULES);
    const again = await run('iptables.yml');
    assert.deepEqual(changes(again.report), []);
  });

  it('ansible-playbook finds the same rules in place', async () => {
    const a = await ansiblePlaybookJson(['-i', inventory, join(dir, 'iptables.yml')]);
    assert.equal(a.code, 0, ansibleFailures(a.report));
    assert.deepEqual(changedTasks(a.report), ['flush own']);
    assert.equal(await hostOutput(lab, 'md1', 'iptables -S'), RULES);
  });

  it('state absent, a policy back and chain_management remove what was made, once', async () => {
    const r = await run('iptables-absent.yml');
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.deepEqual(changes(r.report), ['reject gone: md1', 'ssh gone: md1', 'policy back: md1', 'own chain flushed: md1', 'own chain gone: md1']);
    assert.doesNotMatch(await hostOutput(lab, 'md1', 'iptables -S'), /dport 22|STREAM|FORWARD DROP|REJECT/);
    assert.deepEqual(changes((await run('iptables-absent.yml')).report), []);
  });
});
