/**
 * The vault passwords of a run (from --vault-password-file, --vault-id, --ask-vault-pass or
 * ANSIBLE_VAULT_PASSWORD_FILE), what decrypts with them, and the secrets decrypted so far: every
 * text the run prints passes through `redact`, so a decrypted value never reaches the output.
 */
import { decrypt, parseEnvelope, VaultPasswordError } from './format.js';

export interface VaultSecret { label: string; password: string }

const secrets: VaultSecret[] = [];
const revealed = new Set<string>();

/** Values shorter than this are not hidden in the output (they would hide ordinary words). */
const SHORTEST_SECRET = 3;

/** The passwords of a run. Secrets revealed earlier in the process stay hidden (caches may hold them). */
export function setVaultSecrets(list: VaultSecret[]): void {
  secrets.length = 0;
  secrets.push(...list);
}

export const vaultSecrets = (): readonly VaultSecret[] => secrets;

/** Marks text as secret: it, and each of its lines, are hidden in everything printed. */
export function markSecret(text: string): void {
  for (const t of [text, ...text.split('\n')].map((s) => s.trim())) if (t.length >= SHORTEST_SECRET) revealed.add(t);
}

/** Every string inside a decrypted value (a vars file's values) marked secret. */
export function markSecretValues(v: unknown): void {
  if (typeof v === 'string') markSecret(v);
  else if (Array.isArray(v)) v.forEach(markSecretValues);
  else if (v && typeof v === 'object') Object.values(v).forEach(markSecretValues);
}

export function redact(text: string): string {
  if (!revealed.size) return text;
  let out = text;
  // Longest first, so a secret that contains another is hidden whole.
  for (const s of [...revealed].sort((a, b) => b.length - a.length)) {
    out = out.split(s).join('********');
    const json = JSON.stringify(s).slice(1, -1);
    if (json !== s) out = out.split(json).join('********');
  }
  return out;
}

export class VaultError extends Error {
  override name = 'VaultError';
}

/**
 * Decrypts a vault text read from `where` (a file, or file:line for an inline value) with the
 * run's passwords: a 1.2 label's own password first, then every other. The result is secret.
 */
export function decryptVault(text: string, where: string): Buffer {
  if (!secrets.length) {
    throw new VaultError(`${where} is encrypted with Ansible Vault, and no vault password was given (use --vault-password-file, --vault-id or --ask-vault-pass)`);
  }
  const { label } = parseEnvelope(text);
  const order = [...secrets.filter((s) => s.label === label), ...secrets.filter((s) => s.label !== label)];
  for (const s of order) {
    try {
      const plain = decrypt(text, s.password);
      markSecret(plain.toString('utf8'));
      return plain;
    } catch (e) {
      if (!(e instanceof VaultPasswordError)) throw new VaultError(`${where}: ${(e as Error).message}`);
    }
  }
  throw new VaultError(`${where}: decryption failed: no vault password given decrypts it (tried vault ids: ${order.map((s) => s.label).join(', ')})`);
}
