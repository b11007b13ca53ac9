/**
 * Role extras on a fresh lab host (which has python3 but no Ansible): a role's
 * meta/argument_specs.yml checked on each host before the role's tasks run, with Ansible's
 * messages and where each option is written; and a role's library/ modules in Python run on
 * the host through Ansible's module protocol (an AnsibleModule module with check mode, whose
 * ansible.module_utils come from the Ansible on this machine, and a WANT_JSON one), with a clear
 * error on a host without python3. The validation messages are checked against ansible-playbook's.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import type { LabInfo } from '../../runner/lab/index.js';
import { runCli } from '../helpers/run-cli.js';
import { dropHosts, pythonLab, type scratch } from './lab-setup.js';
import { hostOutput } from '../helpers/lab-ssh.js';
import { failures, parseReport, recap, resultOf, titles } from '../harness/report.js';
import { ansiblePlaybookJson } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

const dir = resolve(import.meta.dirname, '../fixtures/role-extras');
const VALIDATE = "stamp : Validating arguments against arg spec 'main' - Stamps a file on the host";

describe('role argument specs and library modules, on a lab host @lab @ansible', function () {
  this.timeout(180_000);
  let lab: LabInfo;
  let work: ReturnType<typeof scratch>;
  let inventory = '';

  before(async function () {
    needs(this, 'lab', 'ansible');
    ({ lab, work, inventory } = await pythonLab(1, 'md'));
  });

  after(async () => {
    work?.remove();
    await dropHosts();
  });

  it('checks the arguments first, then runs the library modules: --check asks the module, the real run writes, the next finds it done', async () => {
    const check = parseReport((await runCli([join(dir, 'site.yml'), '-i', inventory, '--check', '--json'])).stdout);
    assert.equal(titles(check)[0], VALIDATE);
    assert.equal(resultOf(check, 'stamp : write the stamp', 'md1')!.status, 'changed');
    assert.equal(await hostOutput(lab, 'md1', 'cat /tmp/stamp.txt 2>/dev/null; ls /tmp | grep -c showrunner-module; true'), '0\n');

    const real = await runCli([join(dir, 'site.yml'), '-i', inventory, '--json']);
    const first = parseReport(real.stdout);
    assert.equal(real.code, 0, failures(first).join('\n'));
    assert.equal(resultOf(first, VALIDATE, 'md1')!.status, 'ok');
    assert.equal(resultOf(first, 'stamp : write the stamp', 'md1')!.status, 'changed');
    assert.equal(resultOf(first, 'stamp : said', 'md1')!.result!.msg, '/tmp/stamp.txt');
    assert.equal(await hostOutput(lab, 'md1', 'cat /tmp/stamp.txt'), 'hello plain\n');

    const again = parseReport((await runCli([join(dir, 'site.yml'), '-i', inventory, '--json'])).stdout);
    assert.equal(resultOf(again, 'stamp : write the stamp', 'md1')!.status, 'ok');
    // The WANT_JSON module cannot be asked beforehand: it "will run", as a command does.
    assert.equal(resultOf(again, 'stamp : ask the old-style module', 'md1')!.status, 'changed');
    assert.equal(await hostOutput(lab, 'md1', 'ls /tmp | grep -c showrunner-module; true'), '0\n', 'nothing left behind');
  });

  it('bad arguments fail the host before any task of the role, in Ansible\'s words, at the option\'s line', async () => {
    const r = await runCli([join(dir, 'bad-args.yml'), '-i', inventory, '--json']);
    assert.equal(r.code, 2);
    const report = parseReport(r.stdout);
    const v = resultOf(report, VALIDATE, 'md1')!;
    assert.equal(v.status, 'failed');
    const spec = 'test/fixtures/role-extras/roles/stamp/meta/argument_specs.yml';
    assert.equal(v.msg, [
      'Validation of arguments failed:',
      `${spec}:5:7: missing required arguments: stamp_path`,
      `${spec}:11:7: value of stamp_mode must be one of: plain, loud, got: shouty`,
      `${spec}:15:7: argument 'stamp_port' is of type <class 'str'> and we were unable to convert to int: <class 'str'> cannot be converted to an int`,
      `${spec}:21:11: missing required arguments: name found in stamp_owners`,
      `${spec}:22:11: argument 'admin' is of type <class 'str'> found in 'stamp_owners'. and we were unable to convert to bool: The value 'maybe' is not a valid boolean.  Valid booleans include: y, yes, on, 1, true, t, n, no, off, 0, false, f`,
    ].join('\n'));
    assert.equal(resultOf(report, 'stamp : write the stamp', 'md1'), undefined);

    const a = await ansiblePlaybookJson(['-i', inventory, join(dir, 'bad-args.yml')]);
    assert.equal(a.code, 2);
    const theirs = a.report.plays[0]!.tasks.flatMap((t) => Object.values(t.hosts)).find((h) => Array.isArray(h.argument_errors))!.argument_errors as string[];
    const ours = (v.result!.argument_errors as string[]);
    for (const same of ['missing required arguments: stamp_path', 'value of stamp_mode must be one of: plain, loud, got: shouty', 'missing required arguments: name found in stamp_owners']) {
      assert.ok(theirs.includes(same) && ours.includes(same), `${same}\n${theirs.join('\n')}`);
    }
    assert.equal(ours.length, theirs.length);
  });

  it('a spec file with mistakes stops the run at load, naming file, line and the close word', async () => {
    const r = await runCli([join(dir, 'bad-spec/site.yml'), '-i', inventory]);
    assert.equal(r.code, 5);
    const file = 'test/fixtures/role-extras/bad-spec/roles/typo/meta/argument_specs.yml';
    assert.match(r.stderr, new RegExp(`${file}:5:15: 'argument_specs.main.options.a.type' of argument specs must be one of str, int`));
    assert.match(r.stderr, new RegExp(`${file}:6:9: unknown key 'requird' .*\\(did you mean 'required'\\?\\)`));
  });

  it('a host without python3 fails the library module\'s task with a message that says so', async () => {
    await hostOutput(lab, 'md1', 'mv /usr/bin/python3 /usr/bin/python3.away; rm -f /tmp/stamp.txt');
    try {
      const r = await runCli([join(dir, 'site.yml'), '-i', inventory, '--json', '-e', 'ansible_python_interpreter=python3']);
      const report = parseReport(r.stdout);
      assert.equal(r.code, 2);
      assert.match(resultOf(report, 'stamp : write the stamp', 'md1')!.msg!, /^marker_file \(.*library\/marker_file\.py\) is a Python module and md1 has no python3: install python3 there/);
      assert.equal(recap(report).get('md1')!.failed, 1);
    } finally {
      await hostOutput(lab, 'md1', 'mv /usr/bin/python3.away /usr/bin/python3');
    }
  });
});
