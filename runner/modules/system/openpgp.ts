/**
 * Just enough OpenPGP (RFC 4880 packets, ASCII armor) to manage apt keyrings without gpg on the
 * host: split a keyring into its keys, give each key's fingerprint, key id and user ids, and put
 * keys back together as a binary keyring (what apt reads from trusted.gpg.d/*.gpg) or armored.
 */
import { createHash } from 'node:crypto';

export interface OpenPgpKey {
  /** The primary key's fingerprint, 40 hex digits (v4) or 64 (v5/v6), upper case. */
  fingerprint: string;
  /** Fingerprints of its subkeys. */
  subkeys: string[];
  uids: string[];
  /** The key's packets as they were written (primary key, user ids, signatures, subkeys). */
  bytes: Buffer;
}

const BEGIN = /-----BEGIN PGP PUBLIC KEY BLOCK-----/;

export function isArmored(data: Buffer | string): boolean {
  return BEGIN.test(typeof data === 'string' ? data : data.subarray(0, 4096).toString('latin1'));
}

/** The binary packets of every armored block in the text. */
export function dearmor(text: string): Buffer {
  const out: Buffer[] = [];
  const re = /-----BEGIN PGP PUBLIC KEY BLOCK-----\r?\n([\s\S]*?)-----END PGP PUBLIC KEY BLOCK-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lines = m[1]!.split(/\r?\n/);
    const blank = lines.findIndex((l) => l.trim() === '');
    const body = lines.slice(blank + 1).filter((l) => l.trim() !== '' && !l.startsWith('='));
    out.push(Buffer.from(body.join(''), 'base64'));
  }
  return Buffer.concat(out);
}

function crc24(data: Buffer): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

export function armor(data: Buffer): string {
  const b64 = data.toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  const crc = Buffer.from([(crc24(data) >> 16) & 0xff, (crc24(data) >> 8) & 0xff, crc24(data) & 0xff]).toString('base64');
  return ['-----BEGIN PGP PUBLIC KEY BLOCK-----', '', ...lines, `=${crc}`, '-----END PGP PUBLIC KEY BLOCK-----', ''].join('\n');
}

interface Packet { tag: number; start: number; end: number; body: Buffer }

function packets(data: Buffer): Packet[] {
  const out: Packet[] = [];
  let i = 0;
  while (i < data.length) {
    const start = i;
    const h = data[i++]!;
    if (!(h & 0x80)) throw new Error(`not an OpenPGP key (bad packet header at byte ${start})`);
    let tag: number;
    let len: number;
    if (h & 0x40) {
      tag = h & 0x3f;
      const o = data[i++]!;
      if (o < 192) len = o;
      else if (o < 224) len = ((o - 192) << 8) + data[i++]! + 192;
      else if (o === 255) { len = data.readUInt32BE(i); i += 4; }
      else throw new Error('partial-length packets are not expected in a key');
    } else {
      tag = (h >> 2) & 0x0f;
      const t = h & 3;
      if (t === 0) len = data[i++]!;
      else if (t === 1) { len = data.readUInt16BE(i); i += 2; }
      else if (t === 2) { len = data.readUInt32BE(i); i += 4; }
      else len = data.length - i;
    }
    if (i + len > data.length) throw new Error('the key data is cut short');
    out.push({ tag, start, end: i + len, body: data.subarray(i, i + len) });
    i += len;
  }
  return out;
}

function fingerprintOf(body: Buffer): string {
  const version = body[0];
  if (version === 4) {
    const head = Buffer.from([0x99, (body.length >> 8) & 0xff, body.length & 0xff]);
    return createHash('sha1').update(head).update(body).digest('hex').toUpperCase();
  }
  if (version === 5 || version === 6) {
    const head = Buffer.alloc(5);
    head[0] = version === 5 ? 0x9a : 0x9b;
    head.writeUInt32BE(body.length, 1);
    return createHash('sha256').update(head).update(body).digest('hex').toUpperCase();
  }
  throw new Error(`OpenPGP key version ${version} is not supported`);
}

/** The keys of a keyring (binary or armored). */
export function parseKeys(data: Buffer): OpenPgpKey[] {
  const bin = isArmored(data) ? dearmor(data.toString('latin1')) : data;
  if (bin.length >= 12 && bin.subarray(8, 12).toString('latin1') === 'KBXf') throw new Error('it is a GnuPG keybox, not a keyring apt reads');
  const keys: OpenPgpKey[] = [];
  let current: { start: number; end: number; key: Omit<OpenPgpKey, 'bytes'> } | undefined;
  const close = () => { if (current) keys.push({ ...current.key, bytes: bin.subarray(current.start, current.end) }); };
  for (const p of packets(bin)) {
    if (p.tag === 5 || p.tag === 7) throw new Error('it holds a secret key');
    if (p.tag === 6) {
      close();
      current = { start: p.start, end: p.end, key: { fingerprint: fingerprintOf(p.body), subkeys: [], uids: [] } };
      continue;
    }
    if (!current) continue;
    current.end = p.end;
    if (p.tag === 14) current.key.subkeys.push(fingerprintOf(p.body));
    if (p.tag === 13) current.key.uids.push(p.body.toString('utf8'));
  }
  close();
  return keys;
}

/** The 16-digit key id of a fingerprint (v4: its last 16 digits). */
export function keyId(fingerprint: string): string {
  return fingerprint.length === 40 ? fingerprint.slice(-16) : fingerprint.slice(0, 16);
}

/** Whether the key (or one of its subkeys) is the one an id names (8, 16 or 40 hex digits, 0x allowed). */
export function matchesId(key: OpenPgpKey, id: string): boolean {
  const want = id.replace(/^0x/i, '').replace(/\s+/g, '').toUpperCase();
  return [key.fingerprint, ...key.subkeys].some((fp) => fp === want || keyId(fp).endsWith(want));
}
