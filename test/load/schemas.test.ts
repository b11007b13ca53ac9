import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { loadPlaybook, parseYaml } from '../../runner/load/index.js';
import { modules } from '../../runner/modules/registry.js';
import { validateArgs } from '../../runner/engine/validate-args.js';
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

  it('the validators compiled at build time are what scripts/gen-validators.mjs makes from the schemas now', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-validators.mjs', '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('gen-validators --check names a stale validator file, and writing makes it current', () => {
    const out = mkdtempSync(join(tmpdir(), 'validators-'));
    try {
      const gen = (...args: string[]) => spawnSync(process.execPath, ['scripts/gen-validators.mjs', ...args, '--out', out], { encoding: 'utf8' });
      const stale = gen('--check');
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /validators\.generated\.ts is out of date: run npm run validators/);
      assert.equal(gen().status, 0);
      assert.equal(gen('--check').status, 0);
      assert.equal(readFileSync(join(out, 'runner/load/validators.generated.ts'), 'utf8'), readFileSync('runner/load/validators.generated.ts', 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('site.yml is checked by the build-time validators without loading ajv\'s compiler', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "const { loadPlaybook } = await import('./runner/load/index.ts');",
      "const { modules } = await import('./runner/modules/registry.ts');",
      "const book = await loadPlaybook(process.argv[1], { modules });",
      "const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/ajv/dist/compile/') || f.endsWith('/ajv/dist/ajv.js'));",
      "console.log(JSON.stringify({ plays: book.plays.length, loaded }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, resolve('playbooks/site.yml')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const seen = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
    assert.ok(seen.plays > 0);
    assert.deepEqual(seen.loaded, []);
  });
});

describe('module argument types generated from schemas/modules', () => {
  const generated = readFileSync('runner/types/module-args.ts', 'utf8');
  /** The body of `export interface <name> { ... }` in the generated file. */
  const body = (name: string): string => {
    if (generated.includes(`export interface ${name} {}\n`)) return ''; // a module without arguments (service_facts)
    const m = new RegExp(`^export interface ${name} \\{\n([\\s\\S]*?)^\\}`, 'm').exec(generated);
    assert.ok(m, `no interface ${name} in runner/types/module-args.ts`);
    return m[1]!;
  };
  const typeName = (module: string) => module.split('_').map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') + 'Args';
  const moduleSchemas = readdirSync('schemas/modules').filter((f) => f.endsWith('.json')).sort();

  it('says it is generated, and has one type per module schema with exactly its properties', () => {
    assert.match(generated.split('\n')[0]!, /Generated by scripts\/gen-types\.mjs .*do not edit/);
    for (const f of moduleSchemas) {
      const schema = JSON.parse(readFileSync(join('schemas/modules', f), 'utf8'));
      const declared = [...body(typeName(f.slice(0, -5))).matchAll(/^  '?([\w-]+)'?\??:/gm)].map((m) => m[1]);
      assert.deepEqual(declared, Object.keys(schema.properties), f);
    }
  });

  it('every registered module has its type, and the types read as the schemas mean', () => {
    for (const name of modules.names()) body(typeName(modules.get(name)!.name)); // fails naming a missing type
    assert.match(body('DebugArgs'), /^  msg\?: unknown;$/m, 'a property without a type takes any value');
    assert.match(body('FileArgs'), /^  path\?: string;$/m, 'one of path/dest/name is checked by the schema, not the type');
    assert.match(body('CopyArgs'), /^  dest: string;$/m);
    assert.match(body('WaitForArgs'), /^  port\?: number;$/m);
    assert.match(body('AptArgs'), /^  name\?: string\[\] \| string;$/m);
    assert.match(body('SetFactArgs'), /^  \[k: string\]: unknown;$/m);
  });

  it('--check names each stale or missing file and fails; the written files then pass', () => {
    const out = mkdtempSync(join(tmpdir(), 'sr-types-'));
    try {
      const gen = (...args: string[]) => spawnSync(process.execPath, ['scripts/gen-types.mjs', ...args, '--out', out], { encoding: 'utf8' });
      const missing = gen('--check');
      assert.equal(missing.status, 1);
      assert.match(missing.stderr, /playbook-files\.ts is out of date/);
      assert.match(missing.stderr, /module-args\.ts is out of date/);
      assert.equal(gen().status, 0);
      assert.equal(readFileSync(join(out, 'module-args.ts'), 'utf8'), generated);
      assert.equal(gen('--check').status, 0);
      writeFileSync(join(out, 'module-args.ts'), generated.replace('port?: number;', 'port?: string;'));
      const stale = gen('--check');
      assert.equal(stale.status, 1);
      assert.match(stale.stderr, /module-args\.ts is out of date: run npm run types/);
      assert.doesNotMatch(stale.stderr, /playbook-files/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('a list argument also takes a comma-separated string, at load and once templated', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-list-'));
    try {
      writeFileSync(join(dir, 'site.yml'), '- hosts: all\n  tasks:\n    - apt: { name: "nginx,curl", update_cache: "yes" }\n');
      const pb = await loadPlaybook(join(dir, 'site.yml'), { modules, roleSearchPaths: [] });
      const task = pb.plays[0]!.tasks[0]!;
      assert.ok(task.kind === 'task');
      assert.deepEqual(task.args, { name: 'nginx,curl', update_cache: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(await validateArgs(modules.get('user')!, { name: 'bob', groups: 'audio,video' }), undefined);
    assert.equal(await validateArgs(modules.get('yum')!, { name: 'nginx', enablerepo: 'epel' }), undefined);
    assert.equal(await validateArgs(modules.get('apt')!, { name: { nginx: true } }), "'name' must be array,string");
  });
});
