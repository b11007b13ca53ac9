/**
 * Promised state (what earlier tasks of a dry run would have made true) exists only in a --check
 * run: a `check_mode: true` task of a real run changes nothing later plans see.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { parseReport, resultOf } from '../harness/report.js';
import { PromisedState } from '../../runner/engine/promised-state.js';
import { LocalConnection } from '../../runner/connections/local.js';
import { moduleContext } from '../helpers/module-context.js';
import copy from '../../runner/modules/files/copy.js';
import file from '../../runner/modules/files/file.js';

describe('promised state', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-promised-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const play = (d: string) => [{
    hosts: 'localhost', gather_facts: false, tasks: [
      { name: 'would make the marker', command: `touch ${d}/marker`, args: { creates: `${d}/marker` }, check_mode: true },
      { name: 'needs the marker', command: `touch ${d}/ran`, args: { creates: `${d}/marker` } },
    ],
  }];

  it('a check_mode task of a real run promises nothing: the next task still runs', async () => {
    writeFileSync(join(dir, 'play.yml'), JSON.stringify(play(dir)));
    const r = await runCli([join(dir, 'play.yml'), '--json'], dir);
    const report = parseReport(r.stdout);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(resultOf(report, 'would make the marker', 'localhost')!.status, 'changed');
    assert.equal(resultOf(report, 'needs the marker', 'localhost')!.status, 'changed', 'the promise of a check_mode task leaked into the real run');
    assert.equal(existsSync(join(dir, 'ran')), true);
    assert.equal(existsSync(join(dir, 'marker')), false, 'check_mode: true changed nothing');
  });

  it('in a --check run the same promise is seen: the next task would not run', async () => {
    writeFileSync(join(dir, 'play.yml'), JSON.stringify(play(dir)));
    const r = await runCli([join(dir, 'play.yml'), '--json', '--check'], dir);
    const report = parseReport(r.stdout);
    assert.equal(resultOf(report, 'needs the marker', 'localhost')!.status, 'ok');
    assert.equal(existsSync(join(dir, 'ran')), false);
  });

  it('a folder is there when it or something inside it was promised, not when only a sibling or a parent was', () => {
    const p = new PromisedState();
    p.paths.set('/srv/a/b/c', 'directory');
    for (const d of ['/srv/a/b/c', '/srv/a/b', '/srv/a', '/srv/a/']) assert.equal(p.dirPromised(d), true, d);
    for (const d of ['/srv/a/b/c/d', '/srv/a/bb', '/srv/x']) assert.equal(p.dirPromised(d), false, d);
    p.paths.set('/srv/a', 'absent');
    assert.equal(p.dirPromised('/srv/a/b'), false, 'removed since');
  });

  it('a system folder a promised package may bring is never assumed: the plan says unknown', async () => {
    const ctx = moduleContext(new LocalConnection());
    const dest = '/etc/showrunner-never-here/x.conf';
    await assert.rejects(copy.plan(ctx, { content: 'x', dest }), /Destination directory \/etc\/showrunner-never-here does not exist/);
    ctx.promised.packages.set('some-package', 'present');
    const plan = await copy.plan(ctx, { content: 'x', dest });
    assert.equal(plan.state, 'unknown');
    assert.match(plan.summary!, /may create it, or not/);
    const dir = await file.plan(ctx, { path: '/etc/showrunner-never-here', state: 'directory' });
    assert.equal(dir.state, 'unknown');
    ctx.promised.paths.set('/etc/showrunner-never-here', 'directory');
    assert.equal((await copy.plan(ctx, { content: 'x', dest })).state, 'change', 'promised by an earlier task: a known change');
  });
});
