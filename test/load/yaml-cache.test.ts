/** A playbook loaded again from the parse cache reads and reports exactly as when it was parsed. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybook } from '../../runner/load/index.js';
import { modules } from '../../runner/modules/registry.js';

const PLAYBOOK = `- hosts: all
  tasks:
    - name: a file
      file:
        path: /tmp/x
        state: directory
        mode: 0755
    - name: two
      command: echo hi
      args: { chdir: /tmp }
`;

describe('the parse cache', () => {
  let dir: string;
  let cache: string;
  const before = process.env.SHOWRUNNER_CACHE_DIR;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-yaml-cache-'));
    cache = join(dir, 'cache');
    process.env.SHOWRUNNER_CACHE_DIR = cache;
  });
  afterEach(() => {
    if (before === undefined) delete process.env.SHOWRUNNER_CACHE_DIR;
    else process.env.SHOWRUNNER_CACHE_DIR = before;
    rmSync(dir, { recursive: true, force: true });
  });
  const load = async (file: string) => {
    try {
      const book = await loadPlaybook(file, { modules });
      return JSON.stringify(book.plays.map((p) => p.tasks));
    } catch (e) {
      return (e as Error).message;
    }
  };
  const entries = () => (readdirSync(cache, { withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json')).length);

  it('gives the same tasks, and the same errors at the same line and column, from a cached parse', async () => {
    const file = join(dir, 'site.yml');
    writeFileSync(file, PLAYBOOK);
    const parsed = await load(file);
    assert.equal(entries(), 1);
    assert.match(parsed, /"mode":"0755"/);
    assert.equal(await load(file), parsed);

    writeFileSync(file, PLAYBOOK.replace('state: directory', 'state: directory\n        colour: blue'));
    const bad = await load(file);
    assert.match(bad, /site\.yml:7:9/);
    assert.match(bad, /colour/);
    assert.equal(entries(), 2);
    assert.equal(await load(file), bad);
  });

  it('keeps nothing of a file with anchors, YAML errors or a vaulted value, and nothing when off', async () => {
    const file = join(dir, 'site.yml');
    writeFileSync(file, `- hosts: all\n  vars: &v { a: 1 }\n  tasks:\n    - debug: { msg: hi }\n      vars: *v\n`);
    await load(file);
    writeFileSync(file, `- hosts: all\n  hosts: all\n`);
    assert.match(await load(file), /duplicate key 'hosts'/);
    writeFileSync(file, `- hosts: all\n  vars:\n    secret: !vault |\n      $ANSIBLE_VAULT;1.1;AES256\n      6162\n`);
    await load(file);
    assert.deepEqual(readdirSync(dir).includes('cache') ? entries() : 0, 0);
    process.env.SHOWRUNNER_CACHE_DIR = 'off';
    writeFileSync(file, PLAYBOOK);
    await load(file);
    assert.deepEqual(readdirSync(dir).includes('cache') ? entries() : 0, 0);
  });
});
