import { strict as assert } from 'node:assert';
import { LinearGate } from '../../runner/engine/linear-gate.js';

describe('linear strategy gate', () => {
  it('lets no host start step N+1 before every host finished step N', async () => {
    const log: string[] = [];
    const done: number[] = [];
    const gate = new LinearGate(['a', 'b'], (p) => done.push(p[0]!));
    const walk = async (host: string, steps: number[], delay: number) => {
      for (const s of steps) {
        await gate.arrive(host, [s]);
        gate.markStarted([s]);
        log.push(`${host}+${s}`);
        await new Promise((r) => setTimeout(r, delay));
        log.push(`${host}-${s}`);
      }
      gate.leave(host);
    };
    await Promise.all([walk('a', [1, 2, 3], 5), walk('b', [1, 3], 20)]);
    // b skips step 2 (a failed `when`, say) but a must still wait for b to finish step 1
    assert.ok(log.indexOf('a+2') > log.indexOf('b-1'));
    assert.ok(log.indexOf('b+3') > log.indexOf('a-2'));
    assert.deepEqual(done, [1, 2, 3]);
  });

  it('orders the steps an include brings between the include and the next task', async () => {
    const log: string[] = [];
    const gate = new LinearGate(['a', 'b'], () => {});
    const walk = async (host: string, steps: number[][], delay: number) => {
      for (const s of steps) {
        await gate.arrive(host, s);
        log.push(`${host}+${s.join('.')}`);
        await new Promise((r) => setTimeout(r, delay));
      }
      gate.leave(host);
    };
    // a included the file (steps 1.1.0, 1.1.1); b did not, and waits at step 2
    await Promise.all([walk('a', [[1], [1, 1, 0], [1, 1, 1], [2]], 5), walk('b', [[1], [2]], 1)]);
    assert.ok(log.indexOf('b+2') > log.indexOf('a+1.1.1'));
    assert.ok(log.indexOf('a+1.1.0') > log.indexOf('b+1'));
  });
});
