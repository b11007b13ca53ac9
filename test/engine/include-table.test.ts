import { strict as assert } from 'node:assert';
import { IncludeTable, type IncludeEntry } from '../../runner/engine/include-step.js';

const entry = (key: string): IncludeEntry => ({ key, load: { file: `${key}.yml`, tasks: [], handlers: [], errors: [] }, params: {} });

describe('the order of what an include step brought', () => {
  it('is the batch order (first host, then its items), whichever host resolved first', () => {
    const order = (first: 'h1' | 'h2') => {
      const t = new IncludeTable();
      const add = { h1: () => t.add('h1', 0, [entry('x'), entry('y')]), h2: () => t.add('h2', 1, [entry('x')]) };
      if (first === 'h2') { add.h2(); add.h1(); } else { add.h1(); add.h2(); }
      return { h1: t.orderFor('h1').map((o) => `${o.entry.key}@${o.index}`), h2: t.orderFor('h2').map((o) => `${o.entry.key}@${o.index}`) };
    };
    assert.deepEqual(order('h1'), { h1: ['x@0', 'y@1'], h2: ['x@0'] });
    assert.deepEqual(order('h2'), order('h1'));
  });
});
