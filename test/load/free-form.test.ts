import { strict as assert } from 'node:assert';
import { parseKv, splitArgs } from '../../runner/load/free-form.js';

describe('key=value arguments', () => {
  it('splits on spaces outside quotes and templates', () => {
    assert.deepEqual(splitArgs(`a=1 b="x y" c='{{ p }} q' d={{ a | default('x y') }}`).map((t) => t.text), [
      'a=1', 'b="x y"', `c='{{ p }} q'`, `d={{ a | default('x y') }}`,
    ]);
  });

  it('unquotes values', () => {
    assert.deepEqual(parseKv(`name=nginx msg="say \\"hi\\"" path='/a b'`).args, { name: 'nginx', msg: 'say "hi"', path: '/a b' });
  });

  it('keeps unknown words apart for modules without free text', () => {
    assert.deepEqual(parseKv('nginx state=present'), { args: { state: 'present' }, loose: ['nginx'] });
  });

  it('keeps free text and its own k=v for free-form modules', () => {
    const r = parseKv('echo a=b  "c d" creates=/x chdir=/tmp', '_raw_params', new Set(['creates', 'chdir', '_raw_params']));
    assert.deepEqual(r.args, { _raw_params: 'echo a=b  "c d"', creates: '/x', chdir: '/tmp' });
  });
});
