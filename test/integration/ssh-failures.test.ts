/**
 * What a user sees when SSH goes wrong, on real lab hosts through the CLI: a host whose key is not
 * known or has changed is refused before anything runs, a wrong password makes the host
 * unreachable, and a host that dies mid-run ends UNREACHABLE while the others finish.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labKill, labUp, type LabInfo } from '../../runner/lab/index.js';
import { runCli, type CliRun } from '../helpers/run-cli.js';
import { showrunner } from './cli-process.js';
import { dropHosts, fixtures, freshHosts, labDir, scratch, writeInventory } from './lab-setup.js';
import { hostOutput, onHost } from '../helpers/lab-ssh.js';
import { parseReport, recap } from '../harness/report.js';
import { needs } from '../harness/tiers.js';

const book = (name: string) => join(fixtures, name);

/** The host's line of the PLAY RECAP as the user reads it, starting with these counts. */
const recapLine = (host: string, counts: string): RegExp => new RegExp(`^${host}\\s+: ${counts.replace(/ /g, '\\s+')}\\b`, 'm');

describe('SSH failures on lab hosts @lab', function () {
  this.timeout(120_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  const home = process.env.HOME;

  before(async function () {
    needs(this, 'lab');
    work = scratch();
    lab = await freshHosts(3, 'it');
    // A home without ~/.ssh/known_hosts, so only the files the tests name can vouch for a host.
    process.env.HOME = work.dir;
  });

  after(async () => {
    process.env.HOME = home;
    work?.remove();
    await dropHosts();
  });

  /** Runs marker.yml on it1 with the given known_hosts file; the marker shows whether anything ran. */
  async function runWithKnownHosts(knownHosts: string): Promise<CliRun> {
    await onHost(lab, 'it1', 'rm -f /tmp/key-marker');
    const inv = writeInventory(lab, join(work.dir, 'keys.ini'), {
      hosts: ['it1'], vars: { ansible_ssh_common_args: `'-o UserKnownHostsFile=${knownHosts}'` },
    });
    return runCli([book('marker.yml'), '-i', inv, '-e', 'marker_path=/tmp/key-marker']);
  }

  it('refuses a host whose key is not known, says how to accept it, and runs nothing (exit 4)', async () => {
    const empty = join(work.dir, 'known_hosts.empty');
    writeFileSync(empty, '');
    const r = await runWithKnownHosts(empty);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    const address = lab.hosts[0]!.address;
    assert.match(r.stdout, /^fatal: \[it1\]: UNREACHABLE! =>/m);
    assert.ok(r.stdout.includes(`host key of it1 (${address}) is not known`), r.stdout);
    assert.ok(r.stdout.includes(`ssh-keyscan -H ${address} >> ~/.ssh/known_hosts`), r.stdout);
    assert.match(r.stdout, /Nothing was run/);
    assert.match(r.stdout, recapLine('it1', 'ok=0 changed=0 unreachable=1 failed=0 skipped=0 rescued=0 ignored=0'));
    assert.equal((await onHost(lab, 'it1', 'cat /tmp/key-marker')).code, 1, 'no marker on the host');
  });

  it('refuses loudly a host whose key differs from the recorded one, and runs nothing (exit 4)', async () => {
    const address = lab.hosts[0]!.address;
    const impostor = join(work.dir, 'impostor');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', impostor]);
    const [type, blob] = readFileSync(`${impostor}.pub`, 'utf8').split(' ');
    const known = join(work.dir, 'known_hosts.changed');
    writeFileSync(known, `${address} ${type} ${blob}\n`);
    const r = await runWithKnownHosts(known);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /^fatal: \[it1\]: UNREACHABLE! =>/m);
    assert.match(r.stdout, /@@@ HOST KEY CHANGED for it1/);
    assert.match(r.stdout, /man-in-the-middle/);
    assert.ok(r.stdout.includes(`ssh-keygen -R ${address} -f ${known}`), r.stdout);
    assert.match(r.stdout, /^ {8}ssh-keygen -R /m, 'the advice reads as a line of its own, not inside the JSON');
    assert.match(r.stdout, recapLine('it1', 'ok=0 changed=0 unreachable=1'));
    assert.equal((await onHost(lab, 'it1', 'cat /tmp/key-marker')).code, 1, 'no marker on the host');
  });

  it('runs on the same host once its key is known (the refusals above were about the key)', async () => {
    const r = await runWithKnownHosts(lab.knownHostsPath);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(await hostOutput(lab, 'it1', 'cat /tmp/key-marker'), 'it1\n');
  });

  it('marks a host unreachable when the SSH password is wrong, saying so (exit 4)', async () => {
    const inv = writeInventory(lab, join(work.dir, 'password.ini'), {
      hosts: ['it2'], vars: { ansible_user: 'operator', ansible_password: 'not-the-password', ansible_ssh_private_key_file: '' },
    });
    const r = await runCli([book('marker.yml'), '-i', inv]);
    assert.equal(r.code, 4, r.stdout + r.stderr);
    assert.match(r.stdout, /^fatal: \[it2\]: UNREACHABLE! => .*permission denied for user operator/m);
    assert.ok(!(r.stdout + r.stderr).includes('not-the-password'), 'the password is not in the output');
    assert.match(r.stdout, recapLine('it2', 'ok=0 changed=0 unreachable=1'));
  });

  /** Starts a run of slow.yml on all three hosts and kills it3 once its slow task has begun. */
  async function killDuringSlowRun(start: (inventory: string) => Promise<CliRun>): Promise<CliRun> {
    await labUp(3, { dir: labDir, prefix: 'it' });
    await Promise.all(['it1', 'it2', 'it3'].map((h) => onHost(lab, h, 'rm -f /tmp/slow-started /tmp/after-slow')));
    const running = start(writeInventory(lab, join(work.dir, 'all.ini')));
    let started = false;
    for (let i = 0; i < 200 && !started; i++) {
      started = (await onHost(lab, 'it3', 'test -e /tmp/slow-started')).code === 0;
      if (!started) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(started, 'the slow task began on it3');
    await labKill('it3', { dir: labDir });
    return running;
  }

  it('marks a host killed mid-run UNREACHABLE while the others finish (exit 4)', async () => {
    const r = await killDuringSlowRun((inv) => runCli([book('slow.yml'), '-i', inv, '--json']));
    assert.equal(r.code, 4, r.stdout + r.stderr);
    const report = parseReport(r.stdout);
    const counts = recap(report);
    assert.deepEqual([...counts.keys()], ['it1', 'it2', 'it3'], r.stdout);
    assert.equal(counts.get('it3')!.unreachable, 1, r.stdout);
    for (const host of ['it1', 'it2']) {
      assert.deepEqual([counts.get(host)!.changed, counts.get(host)!.unreachable, counts.get(host)!.failed], [2, 0, 0], r.stdout);
      assert.equal(await hostOutput(lab, host, 'cat /tmp/after-slow'), 'done\n');
    }
    const [slow, after] = report.plays[0]!.tasks;
    assert.equal(slow!.hosts.it3?.status, 'unreachable');
    assert.match(slow!.hosts.it3?.msg ?? '', /connection lost/);
    assert.deepEqual(Object.keys(after!.hosts).sort(), ['it1', 'it2'], 'the dead host is left out of the next task');
  });

  it('ends the showrunner process with the recap and exit 4 when a host dies mid-run', async () => {
    // As its own process: a run left waiting on a dead connection would end early here, silently.
    const r = await killDuringSlowRun((inv) => showrunner([book('slow.yml'), '-i', inv]));
    assert.match(r.stdout, /^PLAY RECAP \*+$/m, `a PLAY RECAP is printed:\n${r.stdout}`);
    assert.match(r.stdout, recapLine('it3', 'ok=\\d+ changed=\\d+ unreachable=1'), r.stdout);
    assert.equal(r.code, 4, r.stdout + r.stderr);
  });
});
