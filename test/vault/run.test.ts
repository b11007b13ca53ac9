/**
 * A run with vaulted values, as a user makes it: vars file, inventory group_vars (vault id
 * "prod"), a copy source and an inline !vault value, all made by ansible-vault 2.14. They are
 * used, and no output (human, --diff, -vvv, --json, errors) shows any of them.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/run-cli.js';
import { parseReport } from '../harness/report.js';

const dir = fileURLToPath(new URL('../fixtures/vault/', import.meta.url));
const SECRETS = ['vaulted-db-passphrase', 'vaulted-inline-apikey', 'vaulted-stream-key-prod', 'vaulted-file-token'];
const passwords = ['--vault-password-file', join(dir, 'password'), '--vault-id', `prod@${join(dir, 'password-prod')}`];

function assertNoSecret(text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), `the output shows ${s}:\n${text}`);
}

describe('playbooks with Ansible Vault values', () => {
  let out = '';
  beforeEach(() => { out = mkdtempSync(join(tmpdir(), 'sr-vault-')); });
  afterEach(() => rmSync(out, { recursive: true, force: true }));
  const run = (...extra: string[]) => runCli(['-i', 'inventory', 'site.yml', '-e', `out=${out}`, ...extra], dir);

  it('uses every vaulted value and prints none, in the human output with --diff -vvv', async () => {
    const r = await run(...passwords, '--diff', '-vvv');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(join(out, 'token.conf'), 'utf8'), 'server_token=vaulted-file-token\n', 'the copy source was decrypted');
    assert.match(r.stdout, /"msg": "db=\*{8} key=\*{8} stream=\*{8} replicas=3"/);
    assertNoSecret(r.stdout + r.stderr);
  });

  it('prints none in --json either', async () => {
    const r = await run(...passwords, '--json', '--diff');
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(r.stdout);
    const report = parseReport(r.stdout);
    assert.equal(report.plays[0]!.tasks[1]!.hosts.localhost!.status, 'changed');
  });

  it('without a password: a clear error naming the first vaulted place, nothing run (exit 5)', async () => {
    const r = await run();
    assert.equal(r.code, 5);
    assert.match(r.stderr, /site\.yml:\d+:\d+: this value is encrypted with Ansible Vault, and no vault password was given \(use --vault-password-file, --vault-id or --ask-vault-pass\)/);
    assert.equal(r.stdout, '');
  });

  it('with a wrong password: the file that does not decrypt, the ids tried (exit 5)', async () => {
    const r = await run('--vault-password-file', join(dir, 'password-prod'));
    assert.equal(r.code, 5);
    assert.match(r.stderr, /decryption failed: no vault password given decrypts it \(tried vault ids: default\)/);
    assertNoSecret(r.stderr);
  });

  it('--ask-vault-pass needs a terminal', async () => {
    const r = await run('--ask-vault-pass');
    assert.equal(r.code, 5);
    assert.match(r.stderr, /--ask-vault-pass needs a terminal/);
  });
});
