/**
 * Module argument schemas as a user meets them: a playbook is loaded with the real module
 * registry and the loader's own validation, and the messages are what the user reads.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlaybook } from '../../runner/load/index.js';
import { modules } from '../../runner/modules/registry.js';
import { validateArgs } from '../../runner/engine/validate-args.js';

const schemaDir = fileURLToPath(new URL('../../schemas/modules/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sr-schemas-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The error lines loading a one-play playbook of these tasks gives ([] when it loads). */
async function loadErrors(tasks: unknown[]): Promise<string[]> {
  const file = join(dir, 'play.yml');
  writeFileSync(file, JSON.stringify([{ hosts: 'all', tasks }], null, 1));
  try {
    await loadPlaybook(file, { modules, roleSearchPaths: [] });
    return [];
  } catch (e) {
    return (e as Error).message.split('\n').map((l) => l.replace(`${file}:`, ''));
  }
}

describe('module argument schemas, as the loader applies them', () => {
  it('every schema file is the schema of a module the registry knows, and back', () => {
    const files = readdirSync(schemaDir).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '')).sort();
    const named = [...new Set(modules.names().map((n) => modules.get(n)!.name))].sort();
    assert.deepEqual(named.filter((n) => !files.includes(n)), [], 'modules without a schema file');
    assert.deepEqual(files.filter((f) => !modules.get(f)), [], 'schema files no module uses');
  });

  it('refuses a misspelt argument of every module that takes fixed arguments, naming the close one', async () => {
    for (const name of modules.names()) {
      const schema = modules.get(name)!.schema as { properties?: Record<string, unknown>; additionalProperties?: unknown };
      const first = Object.keys(schema.properties ?? {})[0];
      if (schema.additionalProperties !== false || !first) continue;
      const errors = await loadErrors([{ [name]: { [`${first}x`]: 'v' } }]);
      assert.ok(errors.some((e) => e.includes(`unknown argument '${first}x' of ${name}`) && e.includes(`did you mean '${first}'`)), `${name}: ${errors.join(' | ')}`);
    }
  });

  it('says which of two exclusive arguments is needed, at the module line', async () => {
    assert.deepEqual(await loadErrors([{ copy: { dest: '/x' } }]), ["6:5: copy needs one of 'src' or 'content'"]);
    assert.deepEqual(await loadErrors([{ copy: { dest: '/x', src: 'a', content: 'b' } }]), ["6:5: copy takes only one of 'src' and 'content', not both"]);
  });

  it('takes the YAML 1.1 integer mode, octal strings and symbolic modes', async () => {
    for (const mode of [420, '0644', 'u=rw,g=r,o=r']) assert.deepEqual(await loadErrors([{ copy: { dest: '/x', content: 'a', mode } }]), [], String(mode));
    assert.match((await loadErrors([{ copy: { dest: '/x', content: 'a', mode: [1] } }])).join(), /'mode' of copy must be/);
  });

  it("accepts Ansible's aliases for the path, and wants one", async () => {
    for (const key of ['path', 'dest', 'name']) {
      assert.deepEqual(await loadErrors([{ file: { [key]: '/x', state: 'directory' } }, { stat: { [key]: '/x' } }]), [], key);
    }
    for (const key of ['path', 'dest', 'destfile', 'name']) assert.deepEqual(await loadErrors([{ lineinfile: { [key]: '/x', line: 'a' } }]), [], key);
    assert.match((await loadErrors([{ lineinfile: { line: 'a' } }])).join(), /missing required argument 'path' or 'dest' or 'destfile' or 'name' in lineinfile/);
  });

  it('get_url checksums are <algorithm>:<hex>', async () => {
    assert.deepEqual(await loadErrors([{ get_url: { url: 'http://h/f', dest: '/x', checksum: 'sha256:abc123' } }]), []);
    assert.match((await loadErrors([{ get_url: { url: 'http://h/f', dest: '/x', checksum: 'abc123' } }])).join(), /'checksum' of get_url must match/);
  });

  it('a templated value is checked once rendered: numbers and yes/no coerce as in Ansible, the rest is refused', async () => {
    const def = modules.get('wait_for')!;
    const args: Record<string, unknown> = { port: '8080', timeout: '3' };
    assert.equal(await validateArgs(def, args), undefined);
    assert.equal(args.port, 8080);
    const copy = modules.get('copy')!;
    const flags: Record<string, unknown> = { dest: '/x', content: 'a', backup: 'yes' };
    assert.equal(await validateArgs(copy, flags), undefined);
    assert.equal(flags.backup, true);
    assert.match((await validateArgs(def, { port: 'http' })) ?? '', /'port' must be integer/);
  });
});
