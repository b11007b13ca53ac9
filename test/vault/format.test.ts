/** Ansible Vault's format: our own round trip, and files that ansible-vault 2.14 wrote (test/fixtures/vault/). */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decrypt, encrypt, parseEnvelope, VaultFormatError, VaultPasswordError } from '../../runner/vault/format.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/vault/${name}`, import.meta.url));
const password = readFileSync(fixture('password'), 'utf8').trim();

describe('Ansible Vault format', () => {
  it('decrypts what ansible-vault 2.14 wrote, 1.1 and 1.2 with its label', () => {
    assert.equal(decrypt(readFileSync(fixture('secrets.yml'), 'utf8'), password).toString(), 'db_password: vaulted-db-passphrase\nreplicas: 3\n');
    const prod = readFileSync(fixture('group_vars/all.yml'), 'utf8');
    assert.equal(parseEnvelope(prod).label, 'prod');
    assert.equal(decrypt(prod, readFileSync(fixture('password-prod'), 'utf8').trim()).toString(), 'stream_key: vaulted-stream-key-prod\n');
  });

  it('round-trips text of every length through its padding, and writes 80-column hex lines', () => {
    for (const text of ['', 'a', 'x'.repeat(15), 'y'.repeat(16), 'z'.repeat(17), 'théâtre ✓\n'.repeat(40)]) {
      const sealed = encrypt(text, 'pw');
      assert.match(sealed, /^\$ANSIBLE_VAULT;1\.1;AES256\n([0-9a-f]{80}\n)*[0-9a-f]{1,80}\n$/);
      assert.equal(decrypt(sealed, 'pw').toString(), text);
    }
    assert.match(encrypt('a', 'pw', 'prod'), /^\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
  });

  it('a wrong password or a changed byte fails the HMAC; an unknown format is named', () => {
    const sealed = encrypt('secret', 'pw');
    assert.throws(() => decrypt(sealed, 'other'), VaultPasswordError);
    const lines = sealed.split('\n');
    lines[2] = lines[2]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    assert.throws(() => decrypt(lines.join('\n'), 'pw'));
    assert.throws(() => decrypt('$ANSIBLE_VAULT;1.0;AES\nabcd\n', 'pw'), (e: Error) => e instanceof VaultFormatError && /1\.0 is not supported/.test(e.message));
  });
});
