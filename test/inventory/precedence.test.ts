/**
 * Inventory variable precedence, each case the value real ansible-playbook printed for it (see
 * fixtures/inventory/precedence: INI [all:vars]/[group:vars], group_vars/ and host_vars/ beside
 * both the inventory and the playbook; each variable is named after the layers that set it).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadInventory, hostInventoryVars, groupNamesOf } from '../../runner/inventory/index.js';
import { expected, fixture } from './ansible-diff.js';
import { ansiblePlaybookJsonSync, debugMessages } from '../harness/ansible.js';

const DIR = fixture('precedence');
const INVENTORY = fixture('precedence', 'inventory', 'hosts.ini');

/** The variable names show.yml prints, read from it so the two cannot drift apart. */
const NAMES = /names: \[([^\]]+)\]/.exec(readFileSync(fixture('precedence', 'show.yml'), 'utf8'))![1]!.split(',').map((s) => s.trim());

type Seen = Record<string, Record<string, unknown>>;

function fromAnsible(): Seen {
  const report = ansiblePlaybookJsonSync(['-i', INVENTORY, fixture('precedence', 'show.yml')]);
  const seen: Seen = {};
  for (const msg of debugMessages(report, 'RESULT ')) {
    const r = JSON.parse(msg) as { host: string; vars: Record<string, unknown> };
    seen[r.host] = r.vars;
  }
  return Object.fromEntries(Object.keys(seen).sort().map((h) => [h, seen[h]!]));
}

/** Variable -> [the host that shows the rule, the rule]. */
const WHY: Record<string, [string, string]> = {
  allini_vs_webini: ['web1', '[group:vars] beats [all:vars]'],
  webini_vs_invall: ['web1', 'inventory group_vars/all beats INI [group:vars]'],
  invall_vs_pball: ['web1', 'playbook group_vars/all beats inventory group_vars/all'],
  pball_vs_invweb: ['web1', 'inventory group_vars/<group> beats playbook group_vars/all'],
  invweb_vs_pbweb: ['web1', 'playbook group_vars/<group> beats inventory group_vars/<group>'],
  pbprod_vs_invweb: ['web1', 'playbook group_vars of a parent beats inventory group_vars of its child'],
  prod_vs_web_ini: ['web1', 'a child group beats its parent'],
  child_vs_parent: ['app1', 'a child group beats its parent even when its name sorts first'],
  same_depth: ['ab1', 'at the same depth the later name wins'],
  priority: ['p1', 'ansible_group_priority orders groups of the same depth'],
  host_vs_pbweb: ['web1', 'inline host vars beat every group source'],
  host_vs_invhv: ['web1', 'inventory host_vars beat inline host vars'],
  invhv_vs_pbhv: ['web1', 'playbook host_vars beat inventory host_vars'],
  dir_order: ['web1', 'files of a group_vars/<group>/ directory merge in name order'],
  noext_vs_yml: ['ab1', 'group_vars/<group> without extension is used before <group>.yml'],
};

describe('inventory variable precedence (values printed by ansible-playbook)', () => {
  const want = expected('precedence', fromAnsible);
  const pick = (got: Record<string, unknown>) => Object.fromEntries(NAMES.map((n) => [n, n in got ? got[n] : 'UNDEFINED']));

  for (const [name, [host, why]] of Object.entries(WHY)) {
    const vars = want[host]!;
    it(`${why}: ${name} on ${host} is ${JSON.stringify(vars[name])}`, async () => {
      const inv = await loadInventory([INVENTORY]);
      assert.deepStrictEqual((await hostInventoryVars(inv, host, DIR))[name], vars[name]);
    });
  }

  for (const [host, vars] of Object.entries(want)) {
    it(`every printed variable of ${host} (defined or not) matches`, async () => {
      const inv = await loadInventory([INVENTORY]);
      assert.deepStrictEqual(pick(await hostInventoryVars(inv, host, DIR)), vars);
    });
  }

  it('without the playbook directory only the inventory side counts', async () => {
    const inv = await loadInventory([INVENTORY]);
    const got = await hostInventoryVars(inv, 'web1');
    assert.equal(got['invall_vs_pball'], 'inv-all');
    assert.equal(got['invhv_vs_pbhv'], 'inv-hv');
    assert.equal(got['pbprod_vs_invweb'], 'inv-web');
  });

  it('group_names lists parents too, sorted, without all', async () => {
    const inv = await loadInventory([INVENTORY]);
    assert.deepStrictEqual(groupNamesOf(inv, 'web1'), ['prod', 'web']);
    assert.deepStrictEqual(groupNamesOf(inv, 'solo'), ['ungrouped']);
  });

  it('magic variables: inventory_file/dir, groups with children hosts, ansible_host defaults to the name', async () => {
    const inv = await loadInventory([INVENTORY]);
    const got = await hostInventoryVars(inv, 'web1', DIR);
    assert.equal(got['inventory_file'], INVENTORY);
    assert.equal(got['inventory_dir'], fixture('precedence', 'inventory'));
    assert.equal(got['ansible_host'], 'web1');
    assert.deepStrictEqual((got['groups'] as Record<string, string[]>)['prod'], ['web1']);
    assert.equal('ansible_group_priority' in got, false);
  });
});
