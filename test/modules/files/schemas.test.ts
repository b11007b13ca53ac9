/** The file modules' argument schemas: valid for ajv in strict mode, and saying what users expect. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { fileModules } from '../../../runner/modules/files/index.js';

const dir = fileURLToPath(new URL('../../../schemas/modules/', import.meta.url));
const names = ['copy', 'template', 'file', 'lineinfile', 'blockinfile', 'stat', 'get_url', 'unarchive'];

describe('file module schemas', () => {
  const ajv = new Ajv.default({ strict: true, allErrors: true });
  const validate = Object.fromEntries(names.map((n) => [n, ajv.compile(JSON.parse(readFileSync(`${dir}${n}.json`, 'utf8')))]));

  it('every module has its schema file, and every schema compiles in strict mode', () => {
    assert.deepEqual(fileModules.map((m) => m.name).sort(), [...names].sort());
    for (const n of names) assert.ok(readdirSync(dir).includes(`${n}.json`), n);
    for (const m of fileModules) assert.deepEqual(m.schema, JSON.parse(readFileSync(`${dir}${m.name}.json`, 'utf8')));
  });

  it('rejects unknown arguments (a typo is an error, not ignored)', () => {
    for (const n of names) {
      assert.equal(validate[n]!({ dest: '/x', path: '/x', src: 'a', url: 'http://127.0.0.1/', destt: 1 }), false, n);
      assert.ok(validate[n]!.errors!.some((e) => e.keyword === 'additionalProperties'), n);
    }
  });

  it('takes the YAML 1.1 integer mode, octal strings and symbolic modes', () => {
    for (const mode of [420, '0644', 'u=rw,g=r,o=r']) assert.ok(validate.copy!({ dest: '/x', content: 'a', mode }), String(mode));
  });

  it("accepts Ansible's aliases for the path", () => {
    for (const key of ['path', 'dest', 'name']) {
      assert.ok(validate.file!({ [key]: '/x', state: 'directory' }), `file ${key}`);
      assert.ok(validate.stat!({ [key]: '/x' }), `stat ${key}`);
    }
    for (const key of ['path', 'dest', 'destfile', 'name']) assert.ok(validate.lineinfile!({ [key]: '/x', line: 'a' }), `lineinfile ${key}`);
    assert.equal(validate.lineinfile!({ line: 'a' }), false, 'lineinfile without a path');
  });

  it('copy needs exactly one of src and content', () => {
    assert.ok(validate.copy!({ dest: '/x', src: 'a' }));
    assert.ok(validate.copy!({ dest: '/x', content: 'a' }));
    assert.equal(validate.copy!({ dest: '/x' }), false);
    assert.equal(validate.copy!({ dest: '/x', src: 'a', content: 'b' }), false);
  });

  it('get_url checksums are <algorithm>:<hex>', () => {
    assert.ok(validate.get_url!({ url: 'http://h/f', dest: '/x', checksum: 'sha256:abc123' }));
    assert.equal(validate.get_url!({ url: 'http://h/f', dest: '/x', checksum: 'abc123' }), false);
  });
});
