/**
 * Whole inventories read the way `ansible-inventory --list` reads them: groups, children,
 * ungrouped hosts, ranges, ports, and every host's merged inventory variables.
 */
import assert from 'node:assert/strict';
import { loadInventory } from '../../runner/inventory/index.js';
import { inventoryListJson } from '../../runner/inventory/ansible-json.js';
import { expected, ansibleInventoryList, fixture } from './ansible-diff.js';

const CASES: Array<{ name: string; sources: string[]; what: string }> = [
  { name: 'basic-ini', sources: ['basic.ini'], what: 'INI: groups, :vars, :children, ranges, comments' },
  { name: 'values-ini', sources: ['values.ini'], what: 'INI values: numbers, quotes, True, lists, dicts, text' },
  { name: 'basic-yml', sources: ['basic.yml'], what: 'YAML: nested children, ranges, ports, vars' },
  { name: 'dir-source', sources: ['dir-source'], what: 'a directory: every file, ignored names skipped, group_vars' },
  { name: 'patterns-ini', sources: ['patterns.ini'], what: 'a host both ungrouped and in a group' },
  { name: 'two-sources', sources: ['basic.yml', 'patterns.ini'], what: 'two -i sources add up' },
  { name: 'host-list', sources: ['alpha,beta:2022,alpha,'], what: 'a comma list of hosts' },
];

describe('inventory as ansible-inventory --list reads it', () => {
  for (const c of CASES) {
    const paths = c.sources.map((s) => (s.includes(',') ? s : fixture(s)));
    const want = expected(`${c.name}.list`, () => ansibleInventoryList(paths));
    it(`${c.name}: ${c.what}`, async () => {
      const inv = await loadInventory(paths);
      const got = JSON.parse(JSON.stringify(await inventoryListJson(inv)));
      assert.deepStrictEqual(got, want);
    });
  }
});
