/**
 * Includes resolved when reached: a file no host reaches never blocks the run, whatever is wrong
 * in it; a reached one is loaded and checked completely before any of its tasks runs, and a
 * problem in it fails that host's include with the file, line and column.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const dir = new URL('../fixtures/includes/', import.meta.url).pathname;

async function run(playbook: string, ...args: string[]) {
  const state = mkdtempSync(join(tmpdir(), 'sr-state-'));
  try {
    return await runCli(['-i', 'inventory', playbook, ...args, '-e', `showrunner_state_dir=${state}`], dir);
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

/** The lines under one TASK header. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`TASK [${title}]`));
  assert.ok(start >= 0, `no task '${title}' in:\n${out}`);
  const end = lines.findIndex((l, i) => i > start && /^(TASK|PLAY|RUNNING HANDLER) /.test(l));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((l) => l.trim() !== '');
}

describe('includes checked when reached', () => {
  let out: string;
  let code: number;
  before(async () => {
    const r = await run('site.yml');
    assert.equal(r.stderr, '');
    out = r.stdout;
    code = r.code;
  });

  it('an include no host reaches does not stop the run, though its file has an unknown module', () => {
    assert.deepEqual(section(out, 'only Archlinux hosts, a plain name'), ['skipping: [h1, h2]']);
    assert.doesNotMatch(out, /ERROR/);
  });

  it('a reached file with an error fails that host before any of its tasks runs, naming file:line:col', () => {
    const lines = section(out, 'by family, a templated name');
    assert.ok(lines.some((l) => l.startsWith('fatal: [h2]: FAILED!') && l.includes("family-RedHat.yml:7:5: unknown argument 'stat' of yum (did you mean 'state'?)")), lines.join('\n'));
    assert.ok(lines.includes(`included: ${dir}family-Debian.yml for h1`), lines.join('\n'));
    assert.doesNotMatch(out, /never shown|first redhat task/);
    assert.deepEqual(section(out, 'the run goes on'), ['ok: [h1] => {', '    "msg": "after on h1"', '}']);
    assert.match(out, /^h2 +: ok=0 +changed=0 +unreachable=0 +failed=1 +skipped=1 /m);
    assert.equal(code, 2);
  });

  it('a failing include inside a block is rescued', () => {
    assert.ok(section(out, 'include_tasks').some((l) => l.startsWith('fatal: [h1]: FAILED!') && l.includes("arch.yml:2:3: unknown module 'pacman'")));
    assert.ok(section(out, 'debug').includes('    "msg": "rescued on h1"'));
    assert.match(out, /^h1 +: ok=5 +changed=0 +unreachable=0 +failed=0 +skipped=1 +rescued=1 +ignored=1/m);
  });

  it('include_vars names the line of a broken vars file', () => {
    assert.ok(section(out, 'a vars file with an error').some((l) => l.includes('vars/broken.yml:3:1: ')));
  });

  it('--syntax-check warns of what it could only check when reached, and passes', async () => {
    const r = await run('site.yml', '--syntax-check');
    assert.equal(r.code, 0);
    const warnings = r.stdout.split('\n').filter((l) => l.startsWith('[WARNING]'));
    assert.deepEqual(warnings, [
      "[WARNING]: site.yml:6:22: include_tasks 'arch.yml' has errors; it fails a host that reaches it:",
      "[WARNING]: site.yml:9:22: include_tasks 'family-{{ os }}.yml' is named only at run time: it is loaded and checked when a host reaches it",
      "[WARNING]: site.yml:15:26: include_tasks '{{ 'arch' }}.yml' is named only at run time: it is loaded and checked when a host reaches it",
    ]);
    assert.match(r.stdout, /^ {2}arch\.yml:2:3: unknown module 'pacman'$/m);
  });

  it('-v says before the run which included files have errors', async () => {
    const r = await run('site.yml', '-v');
    const at = r.stdout.indexOf("[WARNING]: site.yml:6:22: include_tasks 'arch.yml' has errors");
    assert.ok(at >= 0 && at < r.stdout.indexOf('PLAY ['), r.stdout);
  });

  it('flush_handlers in an included file runs the handlers there, once for every host', async () => {
    const r = await run('flush.yml');
    const headers = r.stdout.split('\n').filter((l) => /^(TASK|RUNNING HANDLER) /.test(l)).map((l) => l.replace(/ \*+$/, ''));
    assert.deepEqual(headers, ['TASK [include_tasks]', 'TASK [change]', 'TASK [meta]', 'RUNNING HANDLER [h]', 'TASK [after flush]', 'TASK [last]']);
    assert.deepEqual(section(r.stdout, 'change'), ['changed: [h1, h2]']);
    assert.match(r.stdout, /^h2 +: ok=5 +changed=1 /m);
  });

  it('the free strategy runs what each host included, each item once', async () => {
    const r = await run('free.yml');
    assert.equal(r.code, 0);
    assert.equal(r.stdout.split('\n').filter((l) => l === '    "msg": "debian on h2"').length, 2);
    assert.match(r.stdout, /^h1 +: ok=4 +changed=0/m);
  });
});
