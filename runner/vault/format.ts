/**
 * Ansible Vault's file format, 1.1 and 1.2 (a vault id label), with Node's crypto only:
 *   $ANSIBLE_VAULT;1.1;AES256            (1.2: $ANSIBLE_VAULT;1.2;AES256;<label>)
 *   hex( hex(salt) \n hex(hmac) \n hex(ciphertext) ), in lines of 80 characters
 * Keys: PBKDF2-HMAC-SHA256 of the password over the 32-byte salt, 10000 rounds, 80 bytes: the
 * AES-256 key, the HMAC-SHA256 key and the 16-byte initial counter of AES-256-CTR. The plain text
 * is PKCS#7-padded to 16 bytes first; the HMAC is over the cipher text.
 */
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const HEADER = '$ANSIBLE_VAULT';

export interface VaultEnvelope { version: '1.1' | '1.2'; cipher: string; label?: string; body: string }

export class VaultFormatError extends Error {
  override name = 'VaultFormatError';
}

/** A wrong password (or a tampered file): the HMAC does not match. */
export class VaultPasswordError extends Error {
  override name = 'VaultPasswordError';
}

export const isVaulted = (text: string | Buffer): boolean =>
  (typeof text === 'string' ? text : text.subarray(0, 64).toString('latin1')).trimStart().startsWith(`${HEADER};`);

export function parseEnvelope(text: string): VaultEnvelope {
  const lines = text.trim().split(/\r?\n/).map((l) => l.trim());
  const head = lines.shift()!.split(';');
  if (head[0] !== HEADER || head.length < 3) throw new VaultFormatError('not an Ansible Vault text (no $ANSIBLE_VAULT header)');
  const version = head[1];
  if (version !== '1.1' && version !== '1.2') throw new VaultFormatError(`vault format ${version} is not supported (1.1 and 1.2 are)`);
  const cipher = head[2]!;
  if (cipher !== 'AES256') throw new VaultFormatError(`vault cipher ${cipher} is not supported (AES256 is)`);
  return { version, cipher, ...(version === '1.2' && head[3] ? { label: head[3] } : {}), body: lines.join('') };
}

function keys(password: string, salt: Buffer): { aes: Buffer; mac: Buffer; iv: Buffer } {
  const k = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 10000, 80, 'sha256');
  return { aes: k.subarray(0, 32), mac: k.subarray(32, 64), iv: k.subarray(64, 80) };
}

const unhex = (s: string): Buffer => {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(s)) throw new VaultFormatError('the vault body is not hexadecimal');
  return Buffer.from(s, 'hex');
};

export function decrypt(text: string, password: string): Buffer {
  const env = parseEnvelope(text);
  const parts = unhex(env.body).toString('latin1').split('\n');
  if (parts.length !== 3) throw new VaultFormatError('the vault body does not hold salt, HMAC and cipher text');
  const [salt, hmac, data] = parts.map(unhex) as [Buffer, Buffer, Buffer];
  const k = keys(password, salt);
  const expected = createHmac('sha256', k.mac).update(data).digest();
  if (expected.length !== hmac.length || !timingSafeEqual(expected, hmac)) throw new VaultPasswordError('the vault password does not decrypt it');
  const d = createDecipheriv('aes-256-ctr', k.aes, k.iv);
  const padded = Buffer.concat([d.update(data), d.final()]);
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > 16 || padded.length < pad) throw new VaultFormatError('the decrypted text has no valid padding');
  return padded.subarray(0, padded.length - pad);
}

export function encrypt(plain: string | Buffer, password: string, label?: string): string {
  const salt = randomBytes(32);
  const k = keys(password, salt);
  const data = Buffer.from(plain);
  const pad = 16 - (data.length % 16);
  const c = createCipheriv('aes-256-ctr', k.aes, k.iv);
  const cipher = Buffer.concat([c.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), c.final()]);
  const mac = createHmac('sha256', k.mac).update(cipher).digest();
  const body = Buffer.from([salt, mac, cipher].map((b) => b.toString('hex')).join('\n'), 'latin1').toString('hex');
  const head = label ? `${HEADER};1.2;AES256;${label}` : `${HEADER};1.1;AES256`;
  return [head, ...(body.match(/.{1,80}/g) ?? [])].join('\n') + '\n';
}
