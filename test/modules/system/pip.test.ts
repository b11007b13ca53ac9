/**
 * pip on this machine, into a virtualenv, from a folder of wheels (no index): the dry run sees
 * into pip's own resolver, so it names each upgrade with its versions and predicts the real run
 * exactly, `state: latest` and requirements files included (where ansible-playbook's check mode
 * answers "changed" without looking); a second run changes nothing.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';

const fixture = new URL('../../fixtures/pip/', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';

/** A pure-Python wheel of `name` at `version`, zipped by Python's zipfile (no build tools, no index). */
function wheel(dir: string, name: string, version: string): void {
  const mod = name.replace(/-/g, '_');
  const script = [
    'import sys, zipfile',
    'd, n, m, v = sys.argv[1:]',
    'info = f"{m}-{v}.dist-info"',
    'with zipfile.ZipFile(f"{d}/{m}-{v}-py3-none-any.whl", "w") as z:',
    '    z.writestr(f"{m}/__init__.py", f"VERSION = {v!r}\\n")',
    '    z.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\\nName: {n}\\nVersion: {v}\\n")',
    '    z.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n")',
    '    z.writestr(f"{info}/RECORD", "")',
  ].join('\n');
  execFileSync(PYTHON, ['-c', script, dir, name, mod, version]);
}

interface Report { stats: Record<string, { ok: number; changed: number }>; plays: { tasks: { title: string; hosts: Record<string, { status: string; summary?: string }> }[] }[] }

describe('pip into a virtualenv on this machine', function () {
  this.timeout(120_000);
  let work = '';
  const venv = () => join(work, 'venv');
  const wheels = () => join(work, 'wheels');
  const run = async (...extra: string[]) => {
    const r = await runCli(['site.yml', '-i', 'inventory', '--json', '-e', `venv=${venv()}`, '-e', `wheels=${wheels()}`, ...extra], fixture);
    assert.equal(r.stderr, '');
    return { code: r.code, report: JSON.parse(r.stdout) as Report };
  };
  const statuses = (r: Report) => r.plays[0]!.tasks.map((t) => `${t.title}: ${t.hosts.h1!.status}`);
  const installed = () => execFileSync(join(venv(), 'bin', 'pip'), ['list', '--format=freeze'], { encoding: 'utf8' }).split('\n').filter((l) => /^(demo|tool)-pkg==/.test(l));

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'sr-pip-'));
    mkdirSync(wheels());
    wheel(wheels(), 'demo-pkg', '1.0');
    wheel(wheels(), 'tool-pkg', '0.9');
    writeFileSync(join(wheels(), 'requirements.txt'), 'tool-pkg>=0.9\n');
    // The virtualenv already holds demo-pkg 1.0; 2.0 comes to the wheel folder later.
    execFileSync(PYTHON, ['-m', 'venv', venv()]);
    execFileSync(join(venv(), 'bin', 'pip'), ['install', '-q', '--no-index', '--find-links', wheels(), 'demo-pkg==1.0']);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('with nothing newer, --check and the real run agree that only the requirements file installs', async () => {
    const dry = await run('--check');
    assert.deepEqual(statuses(dry.report), ['demo-pkg in the virtualenv: ok', 'demo-pkg at its newest: ok', 'tool-pkg from a requirements file: changed']);
    assert.equal(dry.report.plays[0]!.tasks[2]!.hosts.h1!.summary, 'install tool-pkg 0.9');
    assert.deepEqual(installed(), ['demo-pkg==1.0']);
    const real = await run();
    assert.equal(real.code, 0);
    assert.deepEqual(statuses(real.report), statuses(dry.report));
    assert.deepEqual(installed(), ['demo-pkg==1.0', 'tool-pkg==0.9']);
  });

  it('a newer wheel: --check names the upgrade with both versions, the real run makes it, a second run is all ok', async () => {
    wheel(wheels(), 'demo-pkg', '2.0');
    const dry = await run('--check', '--diff');
    assert.deepEqual(statuses(dry.report), ['demo-pkg in the virtualenv: ok', 'demo-pkg at its newest: changed', 'tool-pkg from a requirements file: ok']);
    assert.equal(dry.report.plays[0]!.tasks[1]!.hosts.h1!.summary, 'install demo-pkg 1.0 -> 2.0');
    assert.deepEqual(installed(), ['demo-pkg==1.0', 'tool-pkg==0.9']);
    const real = await run();
    assert.deepEqual(statuses(real.report), statuses(dry.report));
    assert.deepEqual(installed(), ['demo-pkg==2.0', 'tool-pkg==0.9']);
    const again = await run();
    assert.equal(again.report.stats.h1!.changed, 0);
  });

  it('a virtualenv that does not exist: --check says it will be made, and leaves it unmade', async () => {
    const other = join(work, 'other');
    const r = await runCli(['site.yml', '-i', 'inventory', '--check', '--json', '-e', `venv=${other}`, '-e', `wheels=${wheels()}`], fixture);
    const report = JSON.parse(r.stdout) as Report;
    assert.match(report.plays[0]!.tasks[0]!.hosts.h1!.summary ?? '', /^create the virtualenv .*other, then install demo-pkg$/);
    assert.equal(existsSync(other), false);
  });
});
