/**
 * Where vault passwords come from, as ansible-playbook takes them: `--vault-password-file F`
 * (a file whose first line is the password, or an executable that prints it), `--vault-id
 * label@F` (the same, under a label; `label@prompt` asks), `--ask-vault-pass` (asks, on a
 * terminal only), and ANSIBLE_VAULT_PASSWORD_FILE when none of them is given.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { VaultSecret } from './keyring.js';

export interface VaultIdSpec { label: string; source: string }

export class VaultPasswordSourceError extends Error {
  override name = 'VaultPasswordSourceError';
}

export interface VaultOptions { passwordFiles: string[]; vaultIds: string[]; askVaultPass: boolean }

export function vaultIdSpecs(o: VaultOptions, env: NodeJS.ProcessEnv = process.env): VaultIdSpec[] {
  const specs: VaultIdSpec[] = [
    ...o.vaultIds.map((id) => {
      const at = id.indexOf('@');
      return at < 0 ? { label: 'default', source: id } : { label: id.slice(0, at) || 'default', source: id.slice(at + 1) };
    }),
    ...o.passwordFiles.map((source) => ({ label: 'default', source })),
    ...(o.askVaultPass ? [{ label: 'default', source: 'prompt' }] : []),
  ];
  if (!specs.length && env.ANSIBLE_VAULT_PASSWORD_FILE) specs.push({ label: 'default', source: env.ANSIBLE_VAULT_PASSWORD_FILE });
  return specs;
}

const isExecutable = (path: string): boolean => {
  try { accessSync(path, constants.X_OK); return true; } catch { return false; }
};

function fromFile(spec: VaultIdSpec): string {
  if (!existsSync(spec.source)) throw new VaultPasswordSourceError(`vault password file ${spec.source} not found`);
  let text: string;
  if (isExecutable(spec.source)) {
    // As Ansible: a script named *-client is told which vault id it is asked for.
    const args = /-client(\.\w+)?$/.test(basename(spec.source)) ? ['--vault-id', spec.label] : [];
    try {
      text = execFileSync(spec.source, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      throw new VaultPasswordSourceError(`vault password script ${spec.source} failed: ${String((e as { stderr?: string }).stderr ?? (e as Error).message).trim()}`);
    }
  } else text = readFileSync(spec.source, 'utf8');
  const password = text.split(/\r?\n/)[0]!.trim();
  if (!password) throw new VaultPasswordSourceError(`vault password file ${spec.source} is empty`);
  return password;
}

/** Asks on the terminal without echoing what is typed. */
function ask(label: string): Promise<string> {
  if (!process.stdin.isTTY) {
    return Promise.reject(new VaultPasswordSourceError('--ask-vault-pass needs a terminal to ask on; give --vault-password-file instead'));
  }
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const prompt = label === 'default' ? 'Vault password: ' : `Vault password (${label}): `;
    const write = (rl as unknown as { _writeToOutput: (s: string) => void });
    write._writeToOutput = (s: string) => { if (s.startsWith(prompt)) process.stderr.write(prompt); };
    rl.question(prompt, (answer) => { rl.close(); process.stderr.write('\n'); resolve(answer); });
  });
}

export async function loadVaultSecrets(specs: VaultIdSpec[]): Promise<VaultSecret[]> {
  const out: VaultSecret[] = [];
  for (const spec of specs) out.push({ label: spec.label, password: spec.source === 'prompt' ? await ask(spec.label) : fromFile(spec) });
  return out;
}
