/** include_vars on the controller: where a relative file is looked for, dir walks, name, merge, and its refusals. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import includeVars from '../../../runner/modules/control/include-vars.js';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext } from '../../helpers/module-context.js';
import type { IncludeVarsArgs } from '../../../runner/types/module-args.js';

describe('include_vars', () => {
  let root: string;
  const write = (rel: string, text: string) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  const plan = async (args: IncludeVarsArgs, source: { file: string; roleDir?: string }, vars: Record<string, unknown> = {}) => {
    const ctx = moduleContext(new LocalConnection(), { vars, source: { ...source, playbookDir: root } });
    const p = await includeVars.plan(ctx, args);
    return p.result as { ansible_facts: Record<string, unknown>; ansible_included_var_files: string[] };
  };
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'sr-incvars-'));
    write('vars/common.yml', 'where: playbook vars/\n');
    write('common.yml', 'where: playbook dir\n');
    write('roles/r/vars/common.yml', 'where: role vars/\n');
    write('roles/r/tasks/main.yml', '[]\n');
    write('roles/r/vars/d/b.yml', 'b: 1\nshared: b\n');
    write('roles/r/vars/d/a.yml', 'a: 1\nshared: a\n');
    write('roles/r/vars/d/z/c.yml', 'c: 1\n');
    write('roles/r/vars/d/notes.txt', 'text\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a relative file: the role vars/ first, then the playbook vars/ and dir', async () => {
    const inRole = { file: join(root, 'roles/r/tasks/main.yml'), roleDir: join(root, 'roles/r') };
    assert.deepEqual((await plan({ _raw_params: 'common.yml' }, inRole)).ansible_facts, { where: 'role vars/' });
    const inPlay = { file: join(root, 'site.yml') };
    assert.deepEqual((await plan({ file: 'common.yml' }, inPlay)).ansible_facts, { where: 'playbook vars/' });
    assert.deepEqual((await plan({ file: 'vars/../common.yml' }, inPlay)).ansible_facts, { where: 'playbook dir' });
  });

  it('dir: files in sorted order (later wins), subdirectories after, depth, matching, ignored files, a name', async () => {
    const inRole = { file: join(root, 'roles/r/tasks/main.yml'), roleDir: join(root, 'roles/r') };
    const all = await plan({ dir: 'd', ignore_files: ['notes.txt'] }, inRole);
    assert.deepEqual(all.ansible_facts, { a: 1, shared: 'b', b: 1, c: 1 });
    assert.deepEqual(all.ansible_included_var_files.map((f) => f.slice(root.length)), ['/roles/r/vars/d/a.yml', '/roles/r/vars/d/b.yml', '/roles/r/vars/d/z/c.yml']);
    const top = await plan({ dir: 'd', depth: 1, files_matching: '^a', name: 'got' }, inRole);
    assert.deepEqual(top.ansible_facts, { got: { a: 1, shared: 'a' } });
    await assert.rejects(plan({ dir: 'd' }, inRole), /notes\.txt does not have a valid extension: yaml, yml, json/);
    assert.deepEqual((await plan({ dir: 'd', ignore_unknown_extensions: true, depth: 1 }, inRole)).ansible_facts, { a: 1, shared: 'b', b: 1 });
  });

  it('hash_behaviour merge keeps what the variable held', async () => {
    write('m.yml', 'conf: {port: 80}\n');
    const r = await plan({ file: 'm.yml', hash_behaviour: 'merge' }, { file: join(root, 'site.yml') }, { conf: { host: 'a', port: 1 } });
    assert.deepEqual(r.ansible_facts, { conf: { host: 'a', port: 80 } });
  });

  it('refuses mixed file and dir arguments, and names where it looked for a missing file', async () => {
    await assert.rejects(plan({ file: 'x.yml', depth: 1 }, { file: join(root, 'site.yml') }), /file and dir arguments cannot be mixed \(file, depth\)/);
    await assert.rejects(plan({ file: 'nope.yml' }, { file: join(root, 'site.yml') }), (e: Error) => e.message.includes(`looked for ${join(root, 'vars/nope.yml')}, ${join(root, 'nope.yml')}`));
  });
});
