import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { parseYaml } from '../../runner/load/index.js';
import { FIXTURES } from './load-helpers.js';

const OURS = readdirSync('schemas').filter((f) => f.endsWith('.schema.json') && f !== 'inventory.schema.json');

describe('schemas/ for editors and types', () => {
  it('each schema has an $id matching its file name, a title and a description', () => {
    for (const f of OURS) {
      const s = JSON.parse(readFileSync(join('schemas', f), 'utf8'));
      assert.equal(s.$id, f);
      assert.ok(s.title && s.description, `${f} lacks title or description`);
    }
  });

  it('the schema named in a yaml-language-server comment validates the playbook on its own', () => {
    const file = resolve(FIXTURES, 'good/site.yml');
    const text = readFileSync(file, 'utf8');
    const ref = /yaml-language-server: \$schema=(\S+)/.exec(text)![1]!;
    const schemaFile = resolve(dirname(file), ref);
    const ajv = new Ajv({ strict: false, allowUnionTypes: true });
    for (const f of readdirSync(dirname(schemaFile))) {
      if (f.endsWith('.schema.json')) ajv.addSchema(JSON.parse(readFileSync(join(dirname(schemaFile), f), 'utf8')));
    }
    const validate = ajv.getSchema(JSON.parse(readFileSync(schemaFile, 'utf8')).$id)!;
    assert.equal(validate(parseYaml(text, file)), true, JSON.stringify(validate.errors));
    assert.equal(validate([{ hosts: 'all', gather_fact: true }]), false);
  });

  it('runner/types is what scripts/gen-types.mjs makes from the schemas now', () => {
    execFileSync(process.execPath, ['scripts/gen-types.mjs', '--check'], { stdio: 'pipe' });
  });
});
