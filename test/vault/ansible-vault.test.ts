/** Both ways with the real ansible-vault: what it writes we read, what we write it reads. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decrypt } from '../../runner/vault/format.js';
import { runVaultCommand } from '../../runner/vault/command.js';
import { ansiblePlaybookJsonSync, runAnsibleSync } from '../harness/ansible.js';
import { needs } from '../harness/tiers.js';

describe('vault files shared with ansible-vault @ansible', function () {
  this.timeout(120_000);
  let dir = '';
  let pw = '';
  before(function () {
    needs(this, 'ansible');
    dir = mkdtempSync(join(tmpdir(), 'sr-vault-live-'));
    pw = join(dir, 'pw');
    writeFileSync(pw, 'live-vault-pass\n');
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
  const ours = async (...args: string[]) => {
    let out = '';
    assert.equal(await runVaultCommand(args, (s) => { out += s; }), 0);
    return out;
  };

  it('decrypts files ansible-vault encrypts, with and without a vault id', () => {
    const plain = join(dir, 'theirs.yml');
    writeFileSync(plain, 'a: 1\nkey: "théâtre"\n');
    runAnsibleSync('ansible-vault', ['encrypt', '--vault-password-file', pw, plain, '--output', `${plain}.v11`]);
    runAnsibleSync('ansible-vault', ['encrypt', '--vault-id', `edge@${pw}`, plain, '--output', `${plain}.v12`]);
    for (const f of ['v11', 'v12']) assert.equal(decrypt(readFileSync(`${plain}.${f}`, 'utf8'), 'live-vault-pass').toString(), 'a: 1\nkey: "théâtre"\n', f);
    assert.match(readFileSync(`${plain}.v12`, 'utf8'), /^\$ANSIBLE_VAULT;1\.2;AES256;edge\n/);
  });

  it('writes files ansible-vault decrypts, and rekeys them', async () => {
    const f = join(dir, 'ours.yml');
    writeFileSync(f, 'token: ours-token\n');
    await ours('encrypt', f, '--vault-id', `prod@${pw}`);
    assert.equal(runAnsibleSync('ansible-vault', ['view', '--vault-id', `prod@${pw}`, f]), 'token: ours-token\n');
    const pw2 = join(dir, 'pw2');
    writeFileSync(pw2, 'second-pass\n');
    await ours('rekey', f, '--vault-password-file', pw, '--new-vault-password-file', pw2);
    assert.equal(runAnsibleSync('ansible-vault', ['view', '--vault-password-file', pw2, f]), 'token: ours-token\n');
  });

  it('an encrypt_string value runs under ansible-playbook', async () => {
    const value = await ours('encrypt_string', '--vault-password-file', pw, '--name', 'tok', 'string-from-showrunner');
    const play = join(dir, 'play.yml');
    writeFileSync(play, `- hosts: localhost\n  gather_facts: false\n  vars:\n${value.trimEnd().replace(/^/gm, '    ')}\n  tasks:\n    - debug: { var: tok }\n`);
    const report = ansiblePlaybookJsonSync(['-i', 'localhost,', '-c', 'local', play, '--vault-password-file', pw]);
    assert.equal(report.plays[0]!.tasks[0]!.hosts.localhost!.tok, 'string-from-showrunner');
  });
});
