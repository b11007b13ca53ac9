import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../runner/connections/local.js';
import { moduleContext } from '../../helpers/module-context.js';
import command from '../../../runner/modules/system/command.js';
import shell from '../../../runner/modules/system/shell.js';
import type { ModuleResult } from '../../../runner/modules/contract.js';
import { throughEngine, statuses } from '../../harness/engine-run.js';

describe('command and shell', () => {
  let dir: string;
  const ctx = moduleContext(new LocalConnection());
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sr-cmd-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('command plans "run", changes nothing until applied, then reports rc and output lines', async () => {
    const plan = await command.plan(ctx, { _raw_params: `touch made`, chdir: dir });
    assert.equal(plan.state, 'run');
    assert.equal(plan.summary, 'run touch made');
    assert.deepEqual(readdirSync(dir), []);
    const r = (await plan.apply!()) as ModuleResult;
    assert.equal(r.rc, 0);
    assert.deepEqual(r.cmd, ['touch', 'made']);
    assert.ok(existsSync(join(dir, 'made')));
    assert.match(String(r.delta), /^0:00:00\.\d{6}$/);
  });

  it('command passes shell characters through literally', async () => {
    const plan = await command.plan(ctx, { _raw_params: `printf '%s|%s\\n' "a b" '>x;*'`, chdir: dir });
    const r = (await plan.apply!()) as ModuleResult;
    assert.equal(r.stdout, 'a b|>x;*');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('command expands $HOME like Ansible, argv needs no quoting', async () => {
    const r1 = (await (await command.plan(ctx, { _raw_params: 'echo $HOME' })).apply!()) as ModuleResult;
    assert.equal(r1.stdout, process.env.HOME);
    const r2 = (await (await command.plan(ctx, { argv: ['echo', "it's", '$(id)'] })).apply!()) as ModuleResult;
    assert.equal(r2.stdout, `it's $(id)`);
  });

  it('a non-zero exit fails with "non-zero return code" and keeps stdout/stderr', async () => {
    const r = (await (await shell.plan(ctx, { _raw_params: 'echo out; echo err >&2; exit 3' })).apply!()) as ModuleResult;
    assert.equal(r.failed, true);
    assert.equal(r.rc, 3);
    assert.equal(r.msg, 'non-zero return code');
    assert.deepEqual(r.stdout_lines, ['out']);
    assert.deepEqual(r.stderr_lines, ['err']);
  });

  it('creates: runs once, then is ok with Ansible\'s message', async () => {
    const args = { _raw_params: 'echo hi > marker', chdir: dir, creates: 'marker' };
    const first = await shell.plan(ctx, args);
    assert.equal(first.state, 'run');
    await first.apply!();
    const second = await shell.plan(ctx, args);
    assert.equal(second.state, 'ok');
    assert.equal(second.result?.msg, `Did not run command since 'marker' exists`);
    assert.equal(second.result?.stdout, 'skipped, since marker exists');
  });

  it('creates accepts a glob; removes skips when nothing matches', async () => {
    writeFileSync(join(dir, 'a.log'), '');
    assert.equal((await shell.plan(ctx, { _raw_params: 'false', creates: join(dir, '*.log') })).state, 'ok');
    const p = await shell.plan(ctx, { _raw_params: 'false', removes: join(dir, '*.gz') });
    assert.equal(p.state, 'ok');
    assert.match(String(p.result?.msg), /does not exist/);
  });

  it('a creates path promised by an earlier task of a dry run counts as existing', async () => {
    const plan = await shell.plan(ctx, { _raw_params: 'echo x > f', chdir: dir, creates: 'f' });
    plan.promise!(ctx.promised);
    assert.equal((await shell.plan(ctx, { _raw_params: 'echo x > f', chdir: dir, creates: 'f' })).state, 'ok');
    ctx.promised.paths.clear();
  });

  it('shell runs pipes, stdin and another executable', async () => {
    const r = (await (await shell.plan(ctx, { _raw_params: 'tr a-z A-Z | rev', stdin: 'abc' })).apply!()) as ModuleResult;
    assert.equal(r.stdout, 'CBA');
    const b = (await (await shell.plan(ctx, { _raw_params: 'echo ${BASH_VERSION:+bash}', executable: '/bin/bash' })).apply!()) as ModuleResult;
    assert.equal(b.stdout, 'bash');
    assert.equal(b.cmd, 'echo ${BASH_VERSION:+bash}');
  });

  it('through the engine: a command with creates is predicted, runs once, then is ok; one without always runs', async () => {
    const runs = await throughEngine(new LocalConnection(), [
      { name: 'once', command: `touch ${dir}/made`, args: { creates: `${dir}/made` } },
      { name: 'always', shell: `echo ran >> ${dir}/log` },
    ]);
    assert.deepEqual(statuses(runs.check), ['once: changed', 'always: changed']);
    assert.deepEqual(statuses(runs.real), statuses(runs.check));
    assert.deepEqual(statuses(runs.again), ['once: ok', 'always: changed']);
    assert.equal(readFileSync(join(dir, 'log'), 'utf8'), 'ran\nran\n', 'the dry run ran nothing');
  });

  // The answers below are what ansible-playbook 2.14 gave for the same tasks on this machine.
  it('a program that does not exist fails as Ansible says it, rc 2, and changed nothing', async () => {
    const r = (await (await command.plan(ctx, { argv: ['no-such-program-here', '-c', 'x'] })).apply!()) as ModuleResult;
    assert.equal(r.rc, 2);
    assert.equal(r.msg, "[Errno 2] No such file or directory: b'no-such-program-here'");
    assert.equal(r.stderr, '');
    assert.equal(r.changed, false);
    const sh = (await (await shell.plan(ctx, { _raw_params: 'no-such-program-here' })).apply!()) as ModuleResult;
    assert.equal(sh.rc, 127, 'through a shell, the shell answers');
    assert.equal(sh.msg, 'non-zero return code');
  });

  it('a chdir that does not exist fails before the command runs', async () => {
    const r = (await (await shell.plan(ctx, { _raw_params: `touch ${dir}/ran`, chdir: `${dir}/nope` })).apply!()) as ModuleResult;
    assert.equal(r.failed, true);
    assert.equal(r.rc, null);
    assert.equal(r.msg, `Unable to change directory before execution: [Errno 2] No such file or directory: b'${dir}/nope'`);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('strip_empty_ends false keeps the newlines; lines are split as Python splitlines does', async () => {
    const r = (await (await shell.plan(ctx, { _raw_params: "printf 'a\\n\\n'; printf 'e\\n' >&2", strip_empty_ends: false })).apply!()) as ModuleResult;
    assert.equal(r.stdout, 'a\n\n');
    assert.deepEqual(r.stdout_lines, ['a', '']);
    assert.deepEqual(r.stderr_lines, ['e']);
  });

  it('stdin_add_newline false sends stdin as given; command ignores executable with a warning', async () => {
    const r = (await (await command.plan(ctx, { argv: ['od', '-c'], stdin: 'abc', stdin_add_newline: false })).apply!()) as ModuleResult;
    assert.deepEqual(r.stdout_lines, ['0000000   a   b   c', '0000003']);
    const plan = await command.plan(ctx, { cmd: 'echo $0 hi', executable: '/bin/bash' });
    const e = (await plan.apply!()) as ModuleResult;
    assert.equal(e.stdout, '$0 hi');
    assert.deepEqual(e.warnings, ["As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '/bin/bash'."]);
  });
});
