import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseYaml, readYamlFile, loadVarsFile, LoadErrors } from '../../runner/load/index.js';

describe('YAML read as Ansible reads it', () => {
  it('resolves scalars as PyYAML does', () => {
    const v = parseYaml(
      'a: yes\nb: Off\nc: y\nd: n\ne: 1e3\nf: 1.5e+3\ng: 2026-01-01\nh: 0644\ni: 0x1F\nj: 1_000\nk: "yes"\nl: 1:20\nmode: 0755\nm: 0899\nz: 0\nneg: -12\n',
      'x.yml',
    );
    assert.deepEqual(v, { a: true, b: false, c: 'y', d: 'n', e: '1e3', f: 1500, g: '2026-01-01', h: 420, i: 31, j: 1000, k: 'yes', l: 80, mode: '0755', m: '0899', z: 0, neg: -12 });
  });

  it('keeps merge keys and anchors', () => {
    assert.deepEqual(parseYaml('base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n', 'x.yml'), { base: { x: 1, y: 2 }, d: { x: 1, y: 3 } });
  });

  it('reports a duplicate key with both lines', () => {
    assert.throws(() => parseYaml('a: 1\nb: 2\na: 3\n', 'dup.yml'), { message: "dup.yml:3:1: duplicate key 'a' (first at line 1)" });
  });

  it('reports a syntax error with file, line and column on one line', () => {
    assert.throws(() => parseYaml('a: b: c\n', 'bad.yml'), (e: unknown) => {
      assert.ok(e instanceof LoadErrors);
      assert.equal(e.message, 'bad.yml:1:4: Nested mappings are not allowed in compact mappings');
      return true;
    });
  });

  it('reads vars files as mappings, an empty one as {}', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-load-'));
    writeFileSync(join(dir, 'a.yml'), 'port: 1935\nname: live\n');
    writeFileSync(join(dir, 'empty.yml'), '# nothing\n');
    writeFileSync(join(dir, 'list.yml'), '- a\n');
    writeFileSync(join(dir, 'badname.yml'), 'ok: 1\nnot-ok: 2\n');
    assert.deepEqual(await loadVarsFile(join(dir, 'a.yml')), { port: 1935, name: 'live' });
    assert.deepEqual(readYamlFile(join(dir, 'a.yml')), { port: 1935, name: 'live' });
    assert.deepEqual(await loadVarsFile(join(dir, 'empty.yml')), {});
    await assert.rejects(loadVarsFile(join(dir, 'list.yml')), { message: `${join(dir, 'list.yml')}:1:1: expected a mapping of variables, got a list` });
    await assert.rejects(loadVarsFile(join(dir, 'badname.yml')), {
      message: `${join(dir, 'badname.yml')}:2:1: invalid variable name 'not-ok' in vars file`,
    });
  });
});
