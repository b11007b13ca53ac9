/** Bad input gets a clear error, the right exit code, and changes nothing. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';

const fx = (f: string) => new URL(`../fixtures/bad-input/${f}`, import.meta.url).pathname;
const rel = (f: string) => `test/fixtures/bad-input/${f}`;

describe('bad input', () => {
  it('broken YAML: file, line and column, exit 5', async () => {
    const r = await runCli([fx('broken-yaml.yml')]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, new RegExp(`^ERROR: ${rel('broken-yaml.yml')}:\\d+:\\d+: `));
    assert.equal(r.stdout, '');
  });

  it('unknown module: names it and suggests the close one', async () => {
    const r = await runCli([fx('unknown-module.yml')]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, new RegExp(`${rel('unknown-module.yml')}:5:7: unknown module 'servce' \\(did you mean 'service'\\?\\)`));
  });

  it('wrong argument type: names the argument and what was expected', async () => {
    const r = await runCli([fx('wrong-type.yml')]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, new RegExp(`${rel('wrong-type.yml')}:8:15: .*'mode'`));
  });

  it('undefined variable: the task fails naming the variable and the file; nothing is written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sr-bad-'));
    try {
      const r = await runCli([fx('undefined-var.yml'), '-e', `root=${root}`]);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /fatal: \[localhost\]: FAILED! => .*'nginx_port' is undefined/);
      assert.match(r.stdout, /undefined-var\.yml:5/);
      assert.match(r.stdout, /localhost\s+: ok=0\s+changed=0\s+unreachable=0\s+failed=1/);
      assert.deepEqual(readdirSync(root), []);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('unreachable host: UNREACHABLE in the output and the recap, exit 4; the other host carries on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sr-inv-'));
    try {
      const inv = join(dir, 'hosts');
      writeFileSync(inv, 'down ansible_host=127.0.0.1 ansible_port=9 ansible_user=root\nup ansible_connection=local\n');
      const r = await runCli([fx('ping.yml'), '-i', inv, '--timeout', '3']);
      assert.equal(r.code, 4, r.stdout + r.stderr);
      assert.match(r.stdout, /fatal: \[down\]: UNREACHABLE! => .*127\.0\.0\.1.*9/);
      assert.match(r.stdout, /down\s+: ok=0\s+changed=0\s+unreachable=1\s+failed=0/);
      assert.match(r.stdout, /up\s+: ok=1\s+changed=1\s+unreachable=0\s+failed=0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing inventory is bad input', async () => {
    const r = await runCli([fx('ping.yml'), '-i', '/nonexistent/inventory']);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /\/nonexistent\/inventory/);
  });

  it('an unknown option is a usage error', async () => {
    await assert.rejects(runCli([fx('ping.yml'), '--chekc']), /Unknown option '--chekc'/);
  });
});
