import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { LOOKUP_NAMES } from '../../runner/template/index.js';
import { FIXTURES, loadErrorLines } from './load-helpers.js';

const bad = (name: string) => `${FIXTURES}/bad/${name}`;

describe('loops when the playbook loads', () => {
  it('names each wrong loop with its line: a typo, two loops, an unknown lookup, a loop_control without a loop, a looping import', async () => {
    assert.deepEqual(await loadErrorLines('bad/loops.yml'), [
      `${bad('loops.yml')}:4:7: unknown task keyword 'with_itemz' (did you mean 'with_items'?)`,
      `${bad('loops.yml')}:7:7: 'with_items' cannot be used with 'loop'`,
      `${bad('loops.yml')}:9:7: unknown task keyword 'with_cartesian'`,
      `${bad('loops.yml')}:11:7: 'with_inventory_hostnames' is not supported yet (in task)`,
      `${bad('loops.yml')}:13:7: 'loop_control' without a loop`,
      `${bad('loops.yml')}:16:32: 'loop_control.extended' of task must be a boolean, got a string`,
      `${bad('loops.yml')}:18:7: 'with_sequence' is not possible (import_tasks is static: use include_tasks)`,
    ]);
  });

  it('the task schema has a with_<name> keyword for every lookup there is, and no other', () => {
    const schema = JSON.parse(readFileSync('schemas/task.schema.json', 'utf8')) as { properties: Record<string, unknown> };
    const withKeys = Object.keys(schema.properties).filter((k) => k.startsWith('with_')).map((k) => k.slice(5)).sort();
    assert.deepEqual(withKeys, [...LOOKUP_NAMES].sort());
  });
});
