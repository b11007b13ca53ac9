/**
 * `showrunner vault encrypt|decrypt|view|edit|encrypt_string|rekey`, writing and reading the
 * same files as `ansible-vault`. Passwords as for `run` (--vault-password-file, --vault-id,
 * --ask-vault-pass, ANSIBLE_VAULT_PASSWORD_FILE); a label other than `default` writes format 1.2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { encrypt, isVaulted } from './format.js';
import { decryptVault, setVaultSecrets, type VaultSecret } from './keyring.js';
import { loadVaultSecrets, vaultIdSpecs } from './passwords.js';
import { UsageError } from '../cli/options.js';

export const vaultUsage = [
  'usage: showrunner vault encrypt FILE... [--output F]      encrypt files in place (or to F, - for stdout)',
  '       showrunner vault decrypt FILE... [--output F]      decrypt files in place (or to F)',
  '       showrunner vault view FILE...                      print decrypted',
  '       showrunner vault edit FILE                         decrypt into $EDITOR, encrypt again',
  '       showrunner vault encrypt_string [--name N] TEXT    a !vault value for a YAML file (TEXT or stdin)',
  '       showrunner vault rekey FILE... --new-vault-password-file F [--new-vault-id L]',
  '  passwords: --vault-password-file F | --vault-id LABEL@F | --ask-vault-pass; --encrypt-vault-id LABEL picks the one to encrypt with',
].join('\n');

const writeOwnerOnly = (path: string, data: string | Buffer): void => {
  let mode = 0o600;
  try { mode = statSync(path).mode & 0o777; } catch { /* new file */ }
  writeFileSync(path, data, { mode });
};

export async function runVaultCommand(argv: string[], out: (s: string) => void): Promise<number> {
  const [action, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: rest, allowPositionals: true, strict: true,
      options: {
        'vault-password-file': { type: 'string', multiple: true },
        'vault-id': { type: 'string', multiple: true },
        'ask-vault-pass': { type: 'boolean', short: 'J' },
        'encrypt-vault-id': { type: 'string' },
        'new-vault-password-file': { type: 'string' },
        'new-vault-id': { type: 'string' },
        output: { type: 'string' },
        name: { type: 'string', short: 'n', multiple: true },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${vaultUsage}`);
  }
  const { values: v, positionals: files } = parsed;
  const secrets = await loadVaultSecrets(vaultIdSpecs({ passwordFiles: v['vault-password-file'] ?? [], vaultIds: v['vault-id'] ?? [], askVaultPass: !!v['ask-vault-pass'] }));
  if (!secrets.length) throw new UsageError(`vault ${action ?? ''}: which password? (--vault-password-file, --vault-id or --ask-vault-pass)`);
  setVaultSecrets(secrets);
  const sealer = pick(secrets, v['encrypt-vault-id']);
  const seal = (data: string | Buffer, s: VaultSecret = sealer) => encrypt(data, s.password, s.label === 'default' ? undefined : s.label);
  const open = (path: string) => {
    const text = readFileSync(path, 'utf8');
    if (!isVaulted(text)) throw new UsageError(`${path} is not encrypted with Ansible Vault`);
    return decryptVault(text, path);
  };
  const needFiles = () => { if (!files.length) throw new UsageError(`vault ${action}: which file?\n${vaultUsage}`); };
  const put = (path: string, data: string | Buffer) => {
    if (v.output === '-') out(data.toString());
    else writeOwnerOnly(v.output ?? path, data);
  };

  switch (action) {
    case 'encrypt':
      needFiles();
      for (const f of files) {
        const data = readFileSync(f);
        if (isVaulted(data)) throw new UsageError(`${f} is already encrypted`);
        put(f, seal(data));
      }
      if (v.output !== '-') out(`Encryption successful\n`);
      return 0;
    case 'decrypt':
      needFiles();
      for (const f of files) put(f, open(f));
      if (v.output !== '-') out(`Decryption successful\n`);
      return 0;
    case 'view':
      needFiles();
      for (const f of files) out(open(f).toString());
      return 0;
    case 'edit': {
      if (files.length !== 1) throw new UsageError(`vault edit: one file\n${vaultUsage}`);
      const file = files[0]!;
      const dir = mkdtempSync(join(tmpdir(), 'showrunner-vault-'));
      try {
        const tmp = join(dir, basename(file));
        writeFileSync(tmp, open(file), { mode: 0o600 });
        const editor = process.env.EDITOR || 'vi';
        const r = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', tmp], { stdio: 'inherit' });
        if (r.status !== 0) throw new UsageError(`vault edit: ${editor} exited ${r.status}; ${file} is unchanged`);
        writeOwnerOnly(file, seal(readFileSync(tmp)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return 0;
    }
    case 'encrypt_string': {
      const texts = files.length ? files : [readFileSync(0, 'utf8').replace(/\n$/, '')];
      const names = v.name ?? [];
      texts.forEach((t, i) => {
        const body = seal(t).trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
        out(`${names[i] ? `${names[i]}: ` : ''}!vault |\n${body}\n`);
      });
      return 0;
    }
    case 'rekey': {
      needFiles();
      const fresh = await loadVaultSecrets(vaultIdSpecs({
        passwordFiles: v['new-vault-password-file'] ? [v['new-vault-password-file']] : [], vaultIds: [], askVaultPass: !v['new-vault-password-file'],
      }));
      const target: VaultSecret = { label: v['new-vault-id'] ?? 'default', password: fresh[0]!.password };
      for (const f of files) writeOwnerOnly(f, seal(open(f), target));
      out('Rekey successful\n');
      return 0;
    }
    default:
      throw new UsageError(`unknown vault action '${action ?? ''}'\n${vaultUsage}`);
  }
}

function pick(secrets: VaultSecret[], label?: string): VaultSecret {
  if (!label) return secrets[0]!;
  const s = secrets.find((x) => x.label === label);
  if (!s) throw new UsageError(`--encrypt-vault-id ${label}: no password given under that vault id`);
  return s;
}
