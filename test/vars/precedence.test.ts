/**
 * Play-level precedence through mergeVars, against what ansible-playbook printed for the
 * fixture in fixtures/inventory/play-precedence (a role with defaults and vars, play vars,
 * vars_files, set_fact, and -e from a file and as key=value).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readYamlFile } from '../../runner/load/yaml.js';
import type { Vars } from '../../runner/load/ir.js';
import { loadInventory, hostInventoryVars } from '../../runner/inventory/index.js';
import { mergeVars, PRECEDENCE } from '../../runner/vars/precedence.js';
import { parseExtraVars } from '../../runner/vars/extra-vars.js';
import { expected, fixture } from '../inventory/ansible-diff.js';
import { ansiblePlaybookJsonSync, debugMessages } from '../harness/ansible.js';

const DIR = fixture('play-precedence');
const EXTRA = [`@${join(DIR, 'extra.yml')}`, 'kv_extra="x y"'];
const read = (...p: string[]) => readYamlFile(join(DIR, ...p)) as Vars;

function fromAnsible(): Record<string, Vars> {
  const report = ansiblePlaybookJsonSync(['-i', join(DIR, 'hosts.ini'), join(DIR, 'play.yml'), ...EXTRA.flatMap((e) => ['-e', e])]);
  const seen: Record<string, Vars> = {};
  for (const msg of debugMessages(report, 'RESULT ')) {
    const r = JSON.parse(msg) as { where: string; vars: Vars };
    seen[r.where] = r.vars;
  }
  return seen;
}

describe('variable precedence across layers (values printed by ansible-playbook)', () => {
  const want = expected('play-precedence', fromAnsible);

  async function layers(where: 'role' | 'play'): Promise<Vars> {
    const inv = await loadInventory([join(DIR, 'hosts.ini')]);
    const play = (read('play.yml') as unknown as Array<{ vars: Vars }>)[0]!.vars;
    const merged = mergeVars({
      roleDefaults: read('roles', 'r', 'defaults', 'main.yml'),
      inventory: await hostInventoryVars(inv, 'h1', DIR),
      play,
      varsFiles: read('vars.yml'),
      roleVars: read('roles', 'r', 'vars', 'main.yml'),
      hostFacts: where === 'play' ? { rolevars_vs_setfact: 'set-fact', setfact_vs_extra: 'set-fact' } : undefined,
      extra: await parseExtraVars(EXTRA),
    });
    const names = play['names'] as string[];
    return Object.fromEntries(names.map((n) => [n, n in merged ? merged[n] : 'UNDEFINED']));
  }

  it('inside the role task', async () => {
    assert.deepStrictEqual(await layers('role'), want['role']);
  });

  it('in a play task after the role and a set_fact', async () => {
    assert.deepStrictEqual(await layers('play'), want['play']);
  });

  it('layers apply in the documented order, later replacing whole top-level keys', () => {
    const layers = Object.fromEntries(PRECEDENCE.map((name, i) => [name, { v: name, [`only_${i}`]: i, d: { [name]: true } }]));
    const merged = mergeVars(layers);
    assert.equal(merged['v'], 'extra');
    assert.deepStrictEqual(merged['d'], { extra: true });
    assert.equal(merged['only_0'], 0);
    assert.deepStrictEqual(
      PRECEDENCE,
      ['roleDefaults', 'inventory', 'facts', 'play', 'varsFiles', 'roleVars', 'block', 'task', 'includeVars', 'hostFacts', 'roleParams', 'includeParams', 'extra'],
    );
    assert.equal(mergeVars({ task: { v: 't' }, block: { v: 'b' } })['v'], 't');
    assert.equal(mergeVars({ roleParams: { v: 'p' }, hostFacts: { v: 'f' } })['v'], 'p');
    assert.equal(mergeVars({ includeVars: { v: 'i' }, task: { v: 't' } })['v'], 'i');
  });
});
