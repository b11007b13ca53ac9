/**
 * Plans only read the host. Every module's plan runs here over the read-only view the engine gives
 * plans (a file write throws, naming the module), on this machine in a temp folder that is
 * snapshotted around the plan (a command that writes shows up there). A module this table does not
 * know fails the test: a new module needs a case. And a module that writes while planning fails
 * its task, through the engine, with a message naming it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../runner/connections/local.js';
import { planView, PlanWriteError } from '../../runner/connections/plan-view.js';
import { modules } from '../../runner/modules/registry.js';
import type { ModuleDefinition } from '../../runner/modules/contract.js';
import { moduleContext } from '../helpers/module-context.js';
import { snapshot, snapshotChanges } from '../harness/snapshot.js';
import { loadPlaybook } from '../../runner/load/index.js';
import { loadInventory } from '../../runner/inventory/index.js';
import { runPlaybook } from '../../runner/engine/run-playbook.js';
import { JsonOutput } from '../../runner/output/json-report.js';

/** Arguments for one plan of each module, `D` the temp folder (files `D/a.txt`, `D/sub/`, `D/src.tar` exist). */
const CASES: Record<string, (d: string) => Record<string, unknown>> = {
  apt: () => ({ name: 'bash' }),
  assert: () => ({ that: ['1 == 1'] }),
  blockinfile: (d) => ({ path: `${d}/a.txt`, block: 'x' }),
  command: (d) => ({ cmd: `touch ${d}/ran` }),
  copy: (d) => ({ content: 'new\n', dest: `${d}/a.txt`, mode: '0600' }),
  debug: () => ({ msg: 'hi' }),
  dnf: () => ({ name: 'bash' }),
  fail: () => ({ msg: 'no' }),
  file: (d) => ({ path: `${d}/sub/new`, state: 'directory' }),
  get_url: (d) => ({ url: 'http://127.0.0.1:9/x', dest: `${d}/a.txt` }),
  group: () => ({ name: 'root' }),
  include_vars: (d) => ({ file: `${d}/vars.yml` }),
  lineinfile: (d) => ({ path: `${d}/a.txt`, line: 'more' }),
  meta: () => ({ _raw_params: 'noop' }),
  package: () => ({ name: 'bash' }),
  service: () => ({ name: 'showrunner-no-such-service', state: 'started' }),
  set_fact: () => ({ x: 1 }),
  shell: (d) => ({ cmd: `echo x > ${d}/ran` }),
  stat: (d) => ({ path: `${d}/a.txt` }),
  systemd: () => ({ name: 'showrunner-no-such-service', state: 'started' }),
  template: (d) => ({ src: `${d}/t.j2`, dest: `${d}/a.txt` }),
  unarchive: (d) => ({ src: `${d}/src.tar`, dest: `${d}/sub` }),
  user: () => ({ name: 'root' }),
  wait_for: (d) => ({ path: `${d}/never`, timeout: 1 }),
  yum: () => ({ name: 'bash' }),
  apt_repository: () => ({ repo: 'deb http://127.0.0.1:9/debian bookworm main', update_cache: false }),
  cron: () => ({ name: 'showrunner guard', job: 'true' }),
  fetch: (d) => ({ src: `${d}/a.txt`, dest: `${d}/fetched/` }),
  find: (d) => ({ paths: d }),
  getent: () => ({ database: 'passwd', key: 'root' }),
  hostname: () => ({ name: 'showrunner-guard' }),
  ini_file: (d) => ({ path: `${d}/a.ini`, section: 's', option: 'o', value: 'v' }),
  package_facts: () => ({}),
  pause: () => ({ seconds: 0 }),
  ping: () => ({}),
  group_by: () => ({ key: 'g' }),
  add_host: () => ({ name: 'h9', groups: 'g' }),
  raw: (d) => ({ _raw_params: `touch ${d}/ran` }),
  replace: (d) => ({ path: `${d}/a.txt`, regexp: 'old', replace: 'new' }),
  script: (d) => ({ cmd: `${d}/s.sh` }),
  service_facts: () => ({}),
  slurp: (d) => ({ src: `${d}/a.txt` }),
  tempfile: (d) => ({ state: 'directory', path: d }),
  sysctl: () => ({ name: 'vm.swappiness', value: '11' }),
  timezone: () => ({ name: 'UTC' }),
  uri: () => ({ url: 'http://127.0.0.1:9/', method: 'POST' }),
  apt_key: (d) => ({ id: '0123456789ABCDEF', state: 'absent', keyring: `${d}/k.gpg` }),
  async_status: () => ({ jid: 'j000000000000.1' }),
  pip: (d) => ({ name: 'demo-pkg', extra_args: `--no-index --find-links ${d}` }),
  iptables: () => ({ chain: 'INPUT', protocol: 'tcp', destination_port: '9', source: '192.0.2.1', jump: 'ACCEPT', comment: 'showrunner guard' }),
  setup: () => ({ gather_subset: ['min'] }),
  validate_argument_spec: () => ({ argument_spec: { x: { type: 'str' } }, provided_arguments: { x: 'a' } }),
  stream_check: () => ({ rtmp_url: 'rtmp://127.0.0.1:9/app/x', playlist_url: 'http://127.0.0.1:9/x.m3u8', ffmpeg: 'sh' }),
};

function definitions(): ModuleDefinition[] {
  return [...new Set(modules.names().map((n) => modules.get(n)!))];
}

describe('plans only read the host', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sr-guard-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.txt'), 'old\n');
    writeFileSync(join(dir, 't.j2'), 'templated\n');
    writeFileSync(join(dir, 'vars.yml'), 'x: 1\n');
    writeFileSync(join(dir, 's.sh'), `#!/bin/sh\ntouch ${dir}/ran\n`, { mode: 0o755 });
    writeFileSync(join(dir, 'sub', 'in-archive'), 'x\n');
    execFileSync('tar', ['-cf', join(dir, 'src.tar'), '-C', join(dir, 'sub'), 'in-archive']);
    rmSync(join(dir, 'sub', 'in-archive'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('every module has a case here', () => {
    const missing = definitions().map((d) => d.name).filter((n) => !CASES[n]);
    assert.deepEqual(missing, [], 'add a plan case for these modules');
  });

  for (const name of Object.keys(CASES)) {
    it(`${name}: its plan writes nothing, over the read-only view`, async () => {
      const def = modules.get(name)!;
      const view = planView(new LocalConnection(), name);
      const ctx = moduleContext(view.conn, { evaluate: () => true, searchPaths: { files: [dir], templates: [dir] } });
      const before = snapshot(dir);
      try {
        await def.plan(ctx, CASES[name]!(dir));
      } catch (e) {
        assert.ok(!(e instanceof PlanWriteError), (e as Error).message);
        // Any other refusal (no such service, no yum here) is a plan that read and said no.
      }
      assert.deepEqual(snapshotChanges(before, snapshot(dir)), [], 'the plan changed the folder');
    });
  }

  it('the view refuses a write while planning, naming the module, and allows it once opened', async () => {
    const view = planView(new LocalConnection(), 'copy');
    await assert.rejects(view.conn.writeFile(join(dir, 'x'), 'x'), /copy tried to write .*\/x while planning \(a bug in the module: a plan only reads the host\)/);
    view.open();
    await view.conn.writeFile(join(dir, 'x'), 'x');
  });

  it('through the engine, a module that writes while planning fails its task and writes nothing, in --check and for real', async () => {
    const sneaky: ModuleDefinition = {
      name: 'sneaky',
      schema: { type: 'object', properties: { path: { type: 'string' } }, additionalProperties: false },
      async plan(ctx, args) {
        await ctx.conn.writeFile(String(args.path), 'written while planning');
        return { state: 'ok' };
      },
    };
    const lookup = { get: (n: string) => (n === 'sneaky' ? sneaky : modules.get(n)), names: () => [...modules.names(), 'sneaky'] };
    writeFileSync(join(dir, 'play.yml'), JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ name: 'sneak', sneaky: { path: `${dir}/sneaked` } }] }]));
    const playbook = await loadPlaybook(join(dir, 'play.yml'), { modules: lookup, roleSearchPaths: [] });
    for (const check of [true, false]) {
      const json = new JsonOutput();
      const summary = await runPlaybook({
        playbook, inventory: await loadInventory([]), modules: lookup, emit: json.handle,
        options: { check, diff: false, extraVars: {}, forks: 1, verbosity: 0, hostKeyChecking: true, connectTimeoutMs: 10_000 },
      });
      assert.equal(summary.exitCode, 2);
      const r = json.report.plays[0]!.tasks[0]!.hosts.localhost as { status: string; msg: string };
      assert.equal(r.status, 'failed');
      assert.match(r.msg, /^sneaky tried to write .*\/sneaked while planning/);
    }
    assert.equal(existsSync(join(dir, 'sneaked')), false, 'nothing was written');
  });
});
