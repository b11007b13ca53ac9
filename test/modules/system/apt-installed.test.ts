/**
 * Whether a package is installed, told on this side from a dpkg-query read ahead, says what the
 * probe's own shell function says on the host for the same output.
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { answerFrom, INSTALLED_FN, installedIn, type AptProbeRequest } from '../../../runner/modules/system/apt-probe.js';

const row = (name: string, status: string, version: string, arch = 'amd64') =>
  `|${name}|${status}|${version}|\n|${name}:${arch}|${status}|${version}|`;

function inShell(st: string, name: string): boolean {
  const script = `${INSTALLED_FN}\nst=$1\ninst "$2" '' && echo yes || echo no`;
  return execFileSync('sh', ['-c', script, 'sh', st, name], { encoding: 'utf8' }).trim() === 'yes';
}

describe('apt: installed states read ahead', () => {
  const st = [
    row('nginx', 'install ok installed', '1.22.1-9'),
    row('nginx-common', 'deinstall ok config-files', '1.22.1-9', 'all'),
    row('libc6', 'install ok installed', '2.36-9', 'i386'),
    row('half', 'install ok half-configured', '1.0'),
    row('gone', 'unknown ok not-installed', ''),
  ].join('\n');
  const cases = ['nginx', 'nginx-common', 'libc6', 'libc6:i386', 'libc6:amd64', 'nginx:amd64', 'half', 'gone', 'missing', 'ngin', 'ok', 'installed'];

  it('answers as the probe\'s shell function does, name by name', () => {
    for (const name of cases) assert.equal(installedIn(st, name), inShell(st, name), name);
    assert.deepEqual(cases.filter((n) => installedIn(st, n)), ['nginx', 'libc6', 'libc6:i386', 'nginx:amd64']);
  });

  it('an empty read (no dpkg-query on the host) has nothing installed, as on the host', () => {
    for (const name of ['nginx', 'x']) assert.equal(installedIn('', name), inShell('', name));
    assert.equal(installedIn('', 'nginx'), false);
  });

  it('answers a plan only when it would ask apt-get nothing, with the host\'s clock moved on', () => {
    const states = { names: new Set(['nginx', 'gone']), st, now: 1000, cacheTime: 900, readAtMs: Date.now() - 5_500 };
    const req = (r: Partial<AptProbeRequest>): AptProbeRequest => ({ present: [], latest: [], absent: [], purge: false, autoremove: false, options: [], ...r });
    const ok = answerFrom(states, req({ present: [{ name: 'nginx' }], absent: [{ name: 'gone' }] }));
    assert.deepEqual([...ok!.sections], [['install', { output: '', rc: 0 }], ['remove', { output: '', rc: 0 }]]);
    assert.equal(ok!.now, 1005, 'read at 1000, five and a half seconds ago');
    assert.equal(ok!.cacheTime, 900);
    const none = {
      'a package to install': req({ present: [{ name: 'gone' }] }),
      'a package to remove': req({ absent: [{ name: 'nginx' }] }),
      'a package not read': req({ present: [{ name: 'curl' }] }),
      'a version asked': req({ present: [{ name: 'nginx', version: '1.22*' }] }),
      'a name pattern': req({ present: [{ name: 'ngin*' }] }),
      'latest': req({ latest: [{ name: 'nginx' }] }),
      'an upgrade': req({ upgrade: 'safe' }),
      'autoremove': req({ autoremove: true }),
    };
    for (const [what, r] of Object.entries(none)) assert.equal(answerFrom(states, r), undefined, what);
  });
});
