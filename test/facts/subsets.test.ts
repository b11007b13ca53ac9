/**
 * gather_subset as ansible-core 2.14's setup reads it, case by case: each line below was seen
 * with `ansible localhost -m setup -a gather_subset=...` on this machine (which collectors'
 * facts came back).
 */
import assert from 'node:assert/strict';
import { collectorsFor, selectFacts, subsetList } from '../../runner/facts/subsets.js';

const MIN = ['date_time', 'distribution', 'dns', 'env', 'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'user'];
const sorted = (s: Set<string>) => [...s].sort();

describe('gather_subset and filter, as Ansible selects facts', () => {
  const cases: [string, string[]][] = [
    ['all', [...MIN, 'hardware', 'network', 'virtual'].sort()],
    ['!all', MIN],
    ['min', MIN],
    ['!all,!min', []],
    ['!all,network', [...MIN, 'network'].sort()],
    ['network', [...MIN, 'network'].sort()],
    ['!hardware', MIN],
    ['all,!min', ['hardware', 'network', 'virtual']],
    ['!all,!min,distribution', ['distribution']],
  ];
  for (const [subset, expected] of cases) {
    it(`${subset}: ${expected.join(', ') || 'nothing'}`, () => {
      assert.deepEqual(sorted(collectorsFor(subsetList(subset))), expected);
    });
  }

  it('an unknown name is refused with the names it takes', () => {
    assert.throws(() => collectorsFor(['bogus']), /^Error: Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, distribution/);
  });

  it('filter keeps the facts whose names match, without gather_subset and module_setup', () => {
    const facts = { ansible_distribution: 'Debian', ansible_distribution_version: '12', ansible_hostname: 'h', ansible_memtotal_mb: 1 };
    assert.deepEqual(selectFacts(facts, ['all'], ['ansible_distribution*']), { ansible_distribution: 'Debian', ansible_distribution_version: '12' });
    assert.deepEqual(selectFacts(facts, ['!all', '!min', 'distribution']), {
      ansible_distribution: 'Debian', ansible_distribution_version: '12', gather_subset: ['!all', '!min', 'distribution'], module_setup: true,
    });
  });
});
