import { strict as assert } from 'node:assert';
import { serialBatches } from '../../runner/engine/serial.js';

describe('serial batches', () => {
  const hosts = ['a', 'b', 'c', 'd', 'e'];
  it('a count', () => assert.deepEqual(serialBatches(hosts, [2]), [['a', 'b'], ['c', 'd'], ['e']]));
  it('a percentage', () => assert.deepEqual(serialBatches(hosts, ['40%']), [['a', 'b'], ['c', 'd'], ['e']]));
  it('a list whose last size repeats', () => assert.deepEqual(serialBatches(hosts, [1, 3]), [['a'], ['b', 'c', 'd'], ['e']]));
  it('no serial: one batch', () => assert.deepEqual(serialBatches(hosts, undefined), [hosts]));
});
