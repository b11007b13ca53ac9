/**
 * The pip module's reading of requirements and versions. Every expected value was printed by
 * ansible-core 2.14's pip module (`_recover_package_name`, `Package`) or by the `packaging`
 * library that pip and Ansible use (Version ordering, SpecifierSet.contains with pre-releases).
 */
import assert from 'node:assert/strict';
import { compareVersions, parseFreeze, parseRequirement, recoverNames, satisfies, withVersion, type Spec } from '../../../runner/modules/system/pip-requirement.js';

const recovered: [string[], string[]][] = [
  [['django>1.11.1', '<1.11.3', 'ipaddress', 'simpleproject>1.1.0', '<2.0.0'], ['django>1.11.1,<1.11.3', 'ipaddress', 'simpleproject>1.1.0,<2.0.0']],
  [['django>1.11.1,<1.11.3,ipaddress', 'simpleproject>1.1.0,<2.0.0'], ['django>1.11.1,<1.11.3', 'ipaddress', 'simpleproject>1.1.0,<2.0.0']],
  [['pkg[a,b]>=1', 'other'], ['pkg[a,b]>=1', 'other']],
  [['demo-pkg'], ['demo-pkg']],
];

const ordered: [string, string, number][] = [
  ['1.0', '2.0', -1], ['1.0', '1.0.0', 0], ['1.0a1', '1.0', -1], ['1.0.dev1', '1.0a1', -1], ['1.0', '1.0.post1', -1],
  ['1.0rc1', '1.0b2', 1], ['1!0.1', '2.0', 1], ['1.10', '1.9', 1], ['2.0.post1.dev3', '2.0.post1', -1], ['1.0+local', '1.0', 1],
];

const contained: [string, string, boolean][] = [
  ['1.5', '>=1.0,<2', true], ['2.0', '>=1.0,<2', false], ['1.4.2', '~=1.4.1', true], ['1.5', '~=1.4.1', false],
  ['1.5', '~=1.4', true], ['2.0', '~=1.4', false], ['1.4.7', '==1.4.*', true], ['1.5', '!=1.4.*', true],
  ['1.0', '==1.0.0', true], ['1.0+abc', '==1.0', true], ['2.0b1', '>=1.0', true], ['1.0', '===1.0', true], ['1.0.0', '===1.0', false],
];

const named: [string, string | null, boolean][] = [
  ['demo-pkg', 'demo-pkg', false], ['Demo_Pkg>=1.0', 'demo-pkg', true], ['foo[bar] >= 1.0, < 2', 'foo', true],
  ['./local/path', null, false], ['git+https://example.org/x.git', null, false], ['pkg @ https://example.org/p.whl', 'pkg', false],
  ['foo (>=1.0)', 'foo', true],
];

const specsOf = (text: string): Spec[] => parseRequirement(`x${text}`).specs;

describe('pip requirements as Ansible and pip read them', () => {
  for (const [given, want] of recovered) it(`names ${JSON.stringify(given)}`, () => assert.deepEqual(recoverNames(given), want));
  for (const [a, b, c] of ordered) it(`${a} vs ${b}`, () => assert.equal(Math.sign(compareVersions(a, b)), c));
  for (const [v, spec, yes] of contained) it(`${v} in ${spec}`, () => assert.equal(satisfies(v, specsOf(spec)), yes));
  for (const [text, name, hasSpec] of named) {
    it(`requirement ${text}`, () => {
      const r = parseRequirement(text);
      assert.equal(r.name ?? null, name);
      assert.equal(r.specs.length > 0, hasSpec);
    });
  }
  it('version: 1.0 means ==1.0, and a specifier is kept', () => {
    assert.equal(withVersion(parseRequirement('demo'), '1.0').text, 'demo==1.0');
    assert.equal(withVersion(parseRequirement('demo'), '>=2').text, 'demo >=2');
    assert.deepEqual(withVersion(parseRequirement('demo'), '>=2').specs, [['>=', '2']]);
  });
  it('reads pip list --format=freeze, names normalised', () => {
    const m = parseFreeze('Demo_Pkg==1.0\npip==23.0.1\nYou are using pip version 8\n-e git+https://x#egg=y\n');
    assert.deepEqual([...m], [['demo-pkg', '1.0'], ['pip', '23.0.1']]);
  });
});
