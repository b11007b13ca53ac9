/**
 * OpenSSH known_hosts files, read the way `ssh` reads them: plain and hashed (`|1|salt|hash`)
 * host fields, `[host]:port` for ports other than 22, wildcard and negated patterns, and the
 * `@revoked` marker. `@cert-authority` lines are skipped (certificates are not supported).
 */
import { readFileSync, statSync } from 'node:fs';
import { createHash, createHmac } from 'node:crypto';

export interface KnownKey {
  /** Key type as written in the file and inside the key blob: ssh-ed25519, ssh-rsa, ... */
  type: string;
  blob: Buffer;
  revoked: boolean;
  file: string;
  line: number;
}

/** What the recorded keys say about a key a host offered. */
export type HostKeyVerdict =
  | { kind: 'match' }
  | { kind: 'unknown'; otherTypes: KnownKey[] }
  | { kind: 'changed'; expected: KnownKey }
  | { kind: 'revoked'; entry: KnownKey };

/** The name ssh looks a host up by: `host` on port 22, `[host]:port` elsewhere. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** Every recorded key for host:port across `files` (missing files are skipped). */
export function keysForHost(files: string[], host: string, port: number): KnownKey[] {
  const name = knownHostsName(host, port);
  const found: KnownKey[] = [];
  for (const file of files) {
    for (const entry of entriesOf(file)) if (hostFieldMatches(entry.hosts, name)) found.push(entry.key);
  }
  return found;
}

type Entry = { hosts: string; key: KnownKey };
const parsed = new Map<string, { stamp: string; entries: Entry[] }>();

/** A file's entries, parsed once while its size and mtime stay the same (a run with many hosts asks for each). */
function entriesOf(file: string): Entry[] {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return [];
  }
  const kept = parsed.get(file);
  if (kept?.stamp === stamp) return kept.entries;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const entries = text.split('\n').map((raw, i) => parseLine(raw.trim(), file, i + 1)).filter((e): e is Entry => e !== undefined);
  parsed.set(file, { stamp, entries });
  return entries;
}

/** Compare an offered key blob with what the files record for host:port. */
export function verifyHostKey(files: string[], host: string, port: number, offered: Buffer): HostKeyVerdict {
  const known = keysForHost(files, host, port);
  const revoked = known.find((k) => k.revoked && k.blob.equals(offered));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const valid = known.filter((k) => !k.revoked);
  if (valid.some((k) => k.blob.equals(offered))) return { kind: 'match' };
  const type = keyBlobType(offered);
  const sameType = valid.find((k) => k.type === type);
  if (sameType) return { kind: 'changed', expected: sameType };
  return { kind: 'unknown', otherTypes: valid };
}

/** The type name an SSH public key blob starts with (uint32 length + name). */
export function keyBlobType(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:...` as `ssh-keygen -l` prints it. */
export function fingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

/** Short human label for a key type: ED25519, RSA, ECDSA. */
export function keyLabel(type: string): string {
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type === 'ssh-rsa') return 'RSA';
  if (type.startsWith('ecdsa-')) return 'ECDSA';
  if (type === 'ssh-dss') return 'DSA';
  return type;
}

function parseLine(line: string, file: string, lineNo: number): { hosts: string; key: KnownKey } | undefined {
  if (line === '' || line.startsWith('#')) return undefined;
  const fields = line.split(/\s+/);
  let revoked = false;
  if (fields[0]!.startsWith('@')) {
    const marker = fields.shift()!;
    if (marker === '@revoked') revoked = true;
    else return undefined;
  }
  const [hosts, type, b64] = fields;
  if (!hosts || !type || !b64) return undefined;
  const blob = Buffer.from(b64, 'base64');
  if (blob.length === 0) return undefined;
  return { hosts, key: { type, blob, revoked, file, line: lineNo } };
}

/** True when a comma-separated host field names `name` (a negated match wins over any other). */
function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) return hashedMatches(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

/** ssh's host patterns: `*` any run, `?` one character; names compare case-insensitively. */
export function globMatches(pattern: string, name: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern.toLowerCase() === name.toLowerCase();
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(name);
}
