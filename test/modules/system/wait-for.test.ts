import { strict as assert } from 'node:assert';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext } from '../../helpers/module-context.js';
import waitFor from '../../../runner/modules/system/wait_for.js';
import type { ModuleResult } from '../../../runner/modules/contract.js';
import { throughEngine, statuses, runOn } from '../../harness/engine-run.js';
import { resultOf, recap } from '../../harness/report.js';

describe('wait_for (this machine, loopback only)', () => {
  const ctx = moduleContext(new LocalConnection());
  let server: Server;
  let port: number;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sr-wait-'));
    server = createServer((s) => { s.on('error', () => {}); s.end('SSH-2.0-fake\n'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterEach(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('is ok at once when the port is open, with nothing left to do', async () => {
    const plan = await waitFor.plan(ctx, { port, timeout: 5 });
    assert.equal(plan.state, 'ok');
    assert.equal(plan.settle, undefined);
    assert.equal(plan.apply, undefined);
  });

  it('matches search_regex against what the port sends', async () => {
    assert.equal((await waitFor.plan(ctx, { port, search_regex: 'SSH-2' })).state, 'ok');
    const other = await waitFor.plan(ctx, { port, search_regex: 'HTTP', timeout: 1 });
    assert.equal(other.state, 'ok', 'a wait changes nothing: still ok');
    assert.ok(other.settle, 'the wait is left to the real run');
  });

  it('state stopped on an open port waits, and times out with Ansible\'s message', async () => {
    const plan = await waitFor.plan(ctx, { port, state: 'stopped', timeout: 1, sleep: 1 });
    assert.equal(plan.state, 'ok');
    const r = (await plan.settle!()) as ModuleResult;
    assert.equal(r.failed, true);
    assert.equal(r.msg, `Timeout when waiting for 127.0.0.1:${port} to stop.`);
  });

  it('waits for a port to open (the listener starts while waiting)', async () => {
    await new Promise((r) => server.close(r));
    const plan = await waitFor.plan(ctx, { port, timeout: 30 });
    assert.equal(plan.state, 'ok');
    server = createServer((s) => { s.on('error', () => {}); s.end(); });
    const waiting = plan.settle!();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const r = (await waiting) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
  });

  it('waits for a file to contain a pattern; absent is ok when the file is gone', async () => {
    const file = join(dir, 'ready');
    const plan = await waitFor.plan(ctx, { path: file, search_regex: 'done', timeout: 30 });
    assert.equal(plan.state, 'ok');
    const waiting = plan.settle!();
    writeFileSync(file, 'still working\nall done\n');
    const r = (await waiting) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
    assert.equal((await waitFor.plan(ctx, { path: join(dir, 'other'), state: 'absent' })).state, 'ok');
    const custom = await (await waitFor.plan(ctx, { path: join(dir, 'never'), timeout: 1, msg: 'no luck' })).settle!();
    assert.equal((custom as ModuleResult).msg, 'no luck');
  });

  it('through the engine: never a change (as Ansible); a wait that passes is ok for real, one that times out fails; --check announces the wait without waiting', async () => {
    const file = join(dir, 'later');
    setTimeout(() => writeFileSync(file, 'x'), 1500);
    const runs = await throughEngine(new LocalConnection(), [
      { name: 'port', wait_for: { port, timeout: 5 } },
      { name: 'file', wait_for: { path: join(dir, 'never'), timeout: 1 }, ignore_errors: true },
      { name: 'comes', wait_for: { path: file, timeout: 20 } },
    ]);
    assert.deepEqual(statuses(runs.check), ['port: ok', 'file: ok', 'comes: ok'], 'a wait changes nothing; a dry run does not wait');
    assert.match(runs.check[1]!.summary ?? '', /never/);
    assert.deepEqual(statuses(runs.real), ['port: ok', 'file: failed', 'comes: ok']);
    assert.deepEqual(statuses(runs.again), statuses(runs.real));
  });

  it('the recap of a wait that passes after waiting counts ok, not changed, as in Ansible', async () => {
    await new Promise((r) => server.close(r));
    setTimeout(() => { server = createServer((s) => { s.on('error', () => {}); s.end(); }); server.listen(port, '127.0.0.1'); }, 1500);
    const { report } = await runOn(new LocalConnection(), [{ name: 'wait', wait_for: { port, timeout: 20 } }], []);
    assert.equal(resultOf(report, 'wait', 'target')!.status, 'ok');
    assert.deepEqual({ ...recap(report).get('target') }, { ok: 1, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 });
  });


  it('state drained waits while a connection to the port is open, as the kernel lists it, and takes exclude_hosts and active_connection_states', async () => {
    const held: Socket[] = [];
    const holder = createServer((s) => { s.on('error', () => {}); held.push(s); });
    await new Promise<void>((r) => holder.listen(0, '127.0.0.1', r));
    const hport = (holder.address() as { port: number }).port;
    assert.equal((await waitFor.plan(ctx, { port: hport, state: 'drained' })).settle, undefined, 'no connection: drained at once');
    const client = connect(hport, '127.0.0.1');
    await new Promise<void>((r) => client.on('connect', () => r()));
    try {
      const busy = await waitFor.plan(ctx, { port: hport, state: 'drained', timeout: 1 });
      const r = (await busy.settle!()) as ModuleResult;
      assert.equal(r.failed, true);
      assert.equal(r.msg, `Timeout when waiting for 127.0.0.1:${hport} to drain`);
      assert.equal((await waitFor.plan(ctx, { port: hport, state: 'drained', exclude_hosts: ['127.0.0.1'] })).settle, undefined, 'an excluded peer does not count');
      assert.ok((await waitFor.plan(ctx, { port: hport, state: 'drained', host: '0.0.0.0', timeout: 1 })).settle, '0.0.0.0 matches every local address');
    } finally {
      client.destroy();
      for (const s of held) s.destroy();
      await new Promise((r) => holder.close(r));
    }
    // The side that closed first keeps the port in TIME_WAIT, which Ansible counts by default.
    assert.equal((await waitFor.plan(ctx, { port: hport, state: 'drained', active_connection_states: ['ESTABLISHED'] })).settle, undefined);
    await assert.rejects(waitFor.plan(ctx, { path: '/x', state: 'drained' }), /state=drained should only be used for checking a port/);
    await assert.rejects(waitFor.plan(ctx, { port: hport, exclude_hosts: ['10.0.0.1'] }), /exclude_hosts should only be with state=drained/);
    await assert.rejects(waitFor.plan(ctx, { port: hport, state: 'drained', active_connection_states: ['NOPE'] }), /unknown active_connection_state \(NOPE\) defined/);
  });

  it('a pattern in a file gives its groups as match_groups and match_groupdict, Python\'s named groups included', async () => {
    const file = join(dir, 'keyword');
    writeFileSync(file, 'starting\ncompleted data 123\n');
    const now = await waitFor.plan(ctx, { path: file, search_regex: 'completed (?P<foo>\\w+) ([0-9]+)', timeout: 5 });
    assert.deepEqual({ groups: now.result?.match_groups, dict: now.result?.match_groupdict }, { groups: ['data', '123'], dict: { foo: 'data' } });
    const later = join(dir, 'later');
    const plan = await waitFor.plan(ctx, { path: later, search_regex: '^done (\\d+)$', timeout: 10 });
    const waiting = plan.settle!();
    writeFileSync(later, 'x\ndone 7\n');
    const r = (await waiting) as ModuleResult;
    assert.deepEqual({ groups: r.match_groups, dict: r.match_groupdict }, { groups: ['7'], dict: {} });
    const plain = await waitFor.plan(ctx, { path: file });
    assert.deepEqual({ groups: plain.result?.match_groups, dict: plain.result?.match_groupdict }, { groups: [], dict: {} });
  });
});
