/** The module's contract with the engine: lazy variables, native values, OMIT, lookups, caching. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, evaluateCondition, isTemplated, OMIT, render, renderValue } from '../../runner/template/index.js';

describe('template API', () => {
  describe('isTemplated', () => {
    const cases: [unknown, boolean][] = [['{{ x }}', true], ['a {% if x %}', true], ['{# note #}', true], ['plain {', false], ['{x}', false], [5, false], [null, false]];
    for (const [value, expected] of cases) it(JSON.stringify(value), () => assert.equal(isTemplated(value), expected));
  });

  describe('lazy variables', () => {
    it('renders a variable holding a template when it is used, with the render\'s variables', () => {
      const vars = { url: 'http://{{ host }}:{{ port }}/', port: 8080 };
      assert.equal(renderValue('{{ url }}', { ...vars, host: 'a' }), 'http://a:8080/');
      assert.equal(renderValue('{{ url }}', { ...vars, host: 'b' }), 'http://b:8080/');
    });

    it('renders nested templates in lists and dicts of a variable', () => {
      const vars = { name: 'live', cfg: { apps: ['{{ name }}', 'vod'], path: '/srv/{{ name }}' } };
      assert.deepStrictEqual(evaluate('cfg', vars), { apps: ['live', 'vod'], path: '/srv/live' });
      assert.equal(evaluate('cfg.apps[0]', vars), 'live');
    });

    it('does not evaluate variables the template does not use', () => {
      assert.equal(renderValue('{{ a }}', { a: 1, broken: '{{ nowhere }}' }), 1);
    });

    it('reads the vars object in place: no copy, no enumeration of its keys', () => {
      const touched: string[] = [];
      let enumerated = false;
      const big: Record<string, unknown> = { host: 'h' };
      for (let i = 0; i < 1000; i++) big[`fact_${i}`] = i;
      const vars = new Proxy(big, {
        get(t, k) { if (typeof k === 'string') touched.push(k); return Reflect.get(t, k); },
        ownKeys(t) { enumerated = true; return Reflect.ownKeys(t); },
      });
      assert.equal(render('{{ host }}-{{ fact_7 }}\n', vars), 'h-7\n');
      assert.equal(enumerated, false);
      assert.deepStrictEqual([...new Set(touched)].sort(), ['fact_7', 'host']);
    });
  });

  describe('renderValue keeps Ansible\'s types', () => {
    const vars = { ports: [1935, 8080], n: 3, on: true, nothing: null, name: 'x' };
    const cases: [unknown, unknown][] = [
      [{ listen: '{{ ports }}', 'k_{{ name }}': ['{{ n }}', '{{ on }}', 'v{{ n }}'] }, { listen: [1935, 8080], k_x: [3, true, 'v3'] }],
      ['{{ nothing }}', null],
      ['{{ ports | length }}', '2'],
      [42, 42],
      [true, true],
      [null, null],
      ['no template', 'no template'],
    ];
    for (const [input, expected] of cases) it(JSON.stringify(input), () => assert.deepStrictEqual(renderValue(input, vars), expected));

    it('default(omit) yields OMIT, which callers drop', () => {
      const args = renderValue({ mode: '{{ file_mode | default(omit) }}', path: '/x' }, {}) as Record<string, unknown>;
      assert.equal(args.mode, OMIT);
      assert.equal(args.path, '/x');
    });
  });

  describe('evaluate returns native values', () => {
    const vars = { ports: [1935, 8080], n: 3 };
    const cases: [string, unknown][] = [
      ['n + 1', 4],
      ['ports | map("string") | list', ['1935', '8080']],
      ["n | default(1) + 2", 5],
      ['missing | default(1) + 2', 3],
      ['none', null],
      ['{"a": n}', { a: 3 }],
      ['{{ n }}', 3],
    ];
    for (const [expr, expected] of cases) it(expr, () => assert.deepStrictEqual(evaluate(expr, vars), expected));
  });

  describe('evaluateCondition', () => {
    it('passes booleans through', () => {
      assert.equal(evaluateCondition(true, {}), true);
      assert.equal(evaluateCondition(false, {}), false);
    });
    it('uses Python truthiness', () => {
      const vars = { e: [], d: {}, s: '', z: 0, full: [0] };
      for (const c of ['e', 'd', 's', 'z']) assert.equal(evaluateCondition(c, vars), false, c);
      assert.equal(evaluateCondition('full', vars), true);
    });
  });

  describe('controller-side lookups and tests', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'sr-tpl-'));
      mkdirSync(join(dir, 'files'));
      mkdirSync(join(dir, 'templates'));
      mkdirSync(join(dir, 'roles/r/files'), { recursive: true });
      writeFileSync(join(dir, 'files/key.pub'), 'ssh-ed25519 AAAA key\n\n');
      writeFileSync(join(dir, 'roles/r/files/key.pub'), 'role key\n');
      writeFileSync(join(dir, 'templates/inner.j2'), 'inner {{ name }}\n');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it("lookup('file') reads from the playbook's files/ and strips trailing whitespace", () => {
      assert.equal(evaluate("lookup('file', 'key.pub')", { playbook_dir: dir }), 'ssh-ed25519 AAAA key');
    });
    it("lookup('file') prefers the role's files/", () => {
      assert.equal(evaluate("lookup('file', 'key.pub')", { playbook_dir: dir, role_path: join(dir, 'roles/r') }), 'role key');
    });
    it("lookup('template') renders with the current variables", () => {
      assert.equal(render("{{ lookup('template', 'inner.j2') }}", { playbook_dir: dir, name: 'n1' }), 'inner n1\n');
    });
    it('file, directory and exists tests look at the controller', () => {
      const vars = { d: dir };
      assert.equal(evaluateCondition("(d ~ '/files/key.pub') is file and d is directory and (d ~ '/nope') is not exists", vars), true);
    });
  });

  it('one compiled text serves many variable sets', () => {
    const text = 'server {{ inventory_hostname }}:{{ port | default(1935) }}\n';
    const out = Array.from({ length: 50 }, (_v, i) => render(text, { inventory_hostname: `h${i}`, ...(i % 2 ? { port: i } : {}) }));
    assert.equal(out[0], 'server h0:1935\n');
    assert.equal(out[7], 'server h7:7\n');
  });
});
