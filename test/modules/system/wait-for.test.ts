import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext } from '../../helpers/module-context.js';
import waitFor from '../../../runner/modules/system/wait_for.js';
import type { ModuleResult } from '../../../runner/modules/contract.js';
import { throughEngine, statuses } from '../../harness/engine-run.js';

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

  it('is ok at once when the port is open, and never reports a change', async () => {
    const plan = await waitFor.plan(ctx, { port, timeout: 5 });
    assert.equal(plan.state, 'ok');
    assert.equal(plan.result?.changed, false);
  });

  it('matches search_regex against what the port sends', async () => {
    assert.equal((await waitFor.plan(ctx, { port, search_regex: 'SSH-2' })).state, 'ok');
    assert.equal((await waitFor.plan(ctx, { port, search_regex: 'HTTP', timeout: 1 })).state, 'run');
  });

  it('state stopped on an open port waits, and times out with Ansible\'s message', async () => {
    const plan = await waitFor.plan(ctx, { port, state: 'stopped', timeout: 1, sleep: 1 });
    assert.equal(plan.state, 'run');
    const r = (await plan.apply!()) as ModuleResult;
    assert.equal(r.failed, true);
    assert.equal(r.changed, false);
    assert.equal(r.msg, `Timeout when waiting for 127.0.0.1:${port} to stop.`);
  });

  it('waits for a port to open (the listener starts while waiting)', async () => {
    await new Promise((r) => server.close(r));
    const plan = await waitFor.plan(ctx, { port, timeout: 30 });
    assert.equal(plan.state, 'run');
    server = createServer((s) => { s.on('error', () => {}); s.end(); });
    const waiting = plan.apply!();
    await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    const r = (await waiting) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
    assert.equal(r.changed, false);
  });

  it('waits for a file to contain a pattern; absent is ok when the file is gone', async () => {
    const file = join(dir, 'ready');
    const plan = await waitFor.plan(ctx, { path: file, search_regex: 'done', timeout: 30 });
    assert.equal(plan.state, 'run');
    const waiting = plan.apply!();
    writeFileSync(file, 'still working\nall done\n');
    const r = (await waiting) as ModuleResult;
    assert.ok(!r.failed, String(r.msg));
    assert.equal((await waitFor.plan(ctx, { path: join(dir, 'other'), state: 'absent' })).state, 'ok');
    const custom = await (await waitFor.plan(ctx, { path: join(dir, 'never'), timeout: 1, msg: 'no luck' })).apply!();
    assert.equal((custom as ModuleResult).msg, 'no luck');
  });

  it('through the engine: an open port is ok in --check and for real; a wait on a missing file is announced, then fails', async () => {
    const runs = await throughEngine(new LocalConnection(), [
      { name: 'port', wait_for: { port, timeout: 5 } },
      { name: 'file', wait_for: { path: join(dir, 'never'), timeout: 1 }, ignore_errors: true },
    ]);
    assert.deepEqual(statuses(runs.check), ['port: ok', 'file: changed'], 'a dry run cannot know whether the file would come');
    assert.match(runs.check[1]!.summary ?? '', /never/);
    assert.deepEqual(statuses(runs.real), ['port: ok', 'file: failed']);
    assert.deepEqual(statuses(runs.again), statuses(runs.real));
  });

});
