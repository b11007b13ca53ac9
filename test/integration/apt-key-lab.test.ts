/**
 * apt_key on a fresh lab host (no network: keys come as data and as a file), without gpg doing
 * the work: --check writes nothing, the real run adds the keys where apt reads them (gpg and
 * apt-key on the host list them), a second run is ok, ansible-playbook 2.14 finds them in place,
 * and state absent removes them once.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHosts, pythonLab, runJson, type scratch } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { changes, failures, parseReport, resultOf } from '../harness/report.js';
import { ansiblePlaybookJson, changedTasks, failures as ansibleFailures } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { BRIDGE_ADDRESS } from '../../runner/lab/paths.js';

const dir = resolve(import.meta.dirname, '../fixtures/apt-key');
const FIRST = '1E50FC24920C8363185BE2C7387A1E04B4F1406C';
const SECOND = '08172CC147F9E8698F5EC2E9BCEFEDD3CAE43F48';

describe('apt_key on a lab host, keys where apt reads them @lab @ansible', function () {
  this.timeout(180_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';
  const run = (book: string, ...extra: string[]) => runJson(join(dir, book), '-i', inventory, ...extra);
  const fingerprints = (file: string) => hostOutput(lab, 'md1', `gpg --show-keys --with-colons ${file} 2>/dev/null | awk -F: '/^fpr/{print $10}'`);

  before(async function () {
    needs(this, 'lab', 'ansible');
    ({ lab, work, inventory } = await pythonLab(1, 'md'));
    await hostOutput(lab, 'md1', 'apt-get install -y gnupg >/dev/null 2>&1; gpg --version | head -1');
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('--check predicts the keys and writes no keyring', async () => {
    const r = await run('present.yml', '--check');
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.deepEqual(changes(r.report), ['key file on the host: md1', 'from data into a keyring: md1', 'from a file, by id: md1']);
    assert.equal(resultOf(r.report, 'from a file, by id', 'md1')!.plan, 'unknown');
    assert.equal(await hostOutput(lab, 'md1', 'ls /etc/apt/trusted.gpg /etc/apt/trusted.gpg.d/showrunner-test.gpg 2>&1 | grep -c "No such"'), '2\n');
  });

  it('adds the keys where apt reads them, with Ansible\'s result keys; a second run is ok', async () => {
    const r = await run('present.yml');
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.deepEqual(changes(r.report), ['key file on the host: md1', 'from data into a keyring: md1', 'from a file, by id: md1']);
    assert.equal(resultOf(r.report, 'said', 'md1')!.result!.msg, '387A1E04B4F1406C B4F1406C');
    assert.equal(await fingerprints('/etc/apt/trusted.gpg.d/showrunner-test.gpg'), `${FIRST}\n`);
    assert.equal(await fingerprints('/etc/apt/trusted.gpg'), `${SECOND}\n`);
    const listed = await hostOutput(lab, 'md1', 'apt-key list 2>/dev/null | tr -d " "');
    assert.ok(listed.includes(FIRST) && listed.includes(SECOND), listed);
    assert.deepEqual(changes((await run('present.yml')).report), []);
  });

  it('ansible-playbook finds the keys in place', async () => {
    const a = await ansiblePlaybookJson(['-i', inventory, join(dir, 'present.yml')]);
    assert.equal(a.code, 0, ansibleFailures(a.report));
    assert.deepEqual(changedTasks(a.report), []);
  });

  it('state absent removes each key once; keys Ansible added are found and removed too', async () => {
    const r = await run('absent.yml');
    assert.equal(r.code, 0, failures(r.report).join('\n'));
    assert.deepEqual(changes(r.report), ['second gone: md1', 'first gone from its keyring: md1']);
    assert.equal(await fingerprints('/etc/apt/trusted.gpg.d/showrunner-test.gpg'), '');
    assert.deepEqual(changes((await run('absent.yml')).report), []);

    const a = await ansiblePlaybookJson(['-i', inventory, join(dir, 'present.yml')]);
    assert.equal(a.code, 0, ansibleFailures(a.report));
    assert.deepEqual(changes((await run('present.yml')).report), []);
    assert.deepEqual(changes((await run('absent.yml')).report), ['second gone: md1', 'first gone from its keyring: md1']);
  });

  it('keyserver is refused when the playbook loads, at the argument', async () => {
    const r = await runCli([join(dir, 'keyserver.yml'), '-i', inventory]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /apt-key\/keyserver\.yml:4:32: 'keyserver' is not supported yet \(in apt_key\)/);
  });

  it('url: the host downloads the key (here from a server on the lab bridge); a second run is ok', async () => {
    const key = readFileSync(join(dir, 'files/first.asc'));
    let asked = 0;
    const server: Server = createServer((req, res) => {
      asked++;
      if (req.url === '/key.asc') res.end(key);
      else { res.statusCode = 404; res.end(); }
    });
    await new Promise<void>((res) => server.listen(0, BRIDGE_ADDRESS, res));
    try {
      const url = `http://${BRIDGE_ADDRESS}:${(server.address() as AddressInfo).port}/key.asc`;
      const book = join(work.dir, 'url.yml');
      writeFileSync(book, JSON.stringify([{ hosts: 'all', gather_facts: false, tasks: [
        { name: 'from a url', apt_key: { url, keyring: '/etc/apt/trusted.gpg.d/from-url.gpg' } },
        { name: 'a missing url', apt_key: { url: url.replace('key.asc', 'nothing.asc') }, ignore_errors: true },
      ] }]));
      const first = parseReport((await runCli([book, '-i', inventory, '--json'])).stdout);
      assert.equal(resultOf(first, 'from a url', 'md1')!.status, 'changed');
      assert.match(resultOf(first, 'a missing url', 'md1')!.msg!, /^error getting key from http:.*nothing\.asc: curl: \(22\)/);
      assert.equal(await fingerprints('/etc/apt/trusted.gpg.d/from-url.gpg'), `${FIRST}\n`);
      const again = parseReport((await runCli([book, '-i', inventory, '--json'])).stdout);
      assert.equal(resultOf(again, 'from a url', 'md1')!.status, 'ok');
      assert.ok(asked >= 4, `the server was asked ${asked} times`);
    } finally {
      server.close();
    }
  });
});
