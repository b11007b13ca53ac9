/**
 * apt_key: a key in apt's keyrings, as Ansible's apt_key, without gpg or apt-key on the host:
 * the keyrings are read (one command) and parsed here (openpgp.ts), and a keyring is written as
 * binary OpenPGP packets, which apt reads. Results carry Ansible's keys (id, key_id, short_id,
 * fp, before/after: the key ids found).
 */
import schema from '../../../schemas/modules/apt_key.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type Plan } from '../contract.js';
import { runStep } from '../plan-steps.js';
import { armor, isArmored, keyId, matchesId, parseKeys, type OpenPgpKey } from './openpgp.js';
import type { AptKeyArgs } from '../../types/module-args.js';

const DEFAULT = '/etc/apt/trusted.gpg';

interface Keyring { file: string; raw: Buffer; keys: OpenPgpKey[] }

async function readKeyrings(ctx: ModuleContext, only?: string): Promise<Keyring[]> {
  const files = only ? shq(only) : `${DEFAULT} /etc/apt/trusted.gpg.d/*.gpg /etc/apt/trusted.gpg.d/*.asc`;
  const r = await ctx.conn.exec(`for f in ${files}; do [ -f "$f" ] && { echo "$f"; base64 -w0 "$f"; echo; }; done; true`, { become: ctx.become });
  const lines = r.stdout.split('\n');
  const out: Keyring[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const file = lines[i]!;
    const raw = Buffer.from(lines[i + 1]!, 'base64');
    let keys: OpenPgpKey[] = [];
    try {
      keys = raw.length ? parseKeys(raw) : [];
    } catch (e) {
      if (file === (only ?? DEFAULT)) throw new ModuleError(`cannot read the keyring ${file}: ${(e as Error).message}`);
    }
    out.push({ file, raw, keys });
  }
  return out;
}

/** Key ids as Ansible lists them: short when the id given is short, else 16 digits. */
function ids(rings: Keyring[], short: boolean): string[] {
  return rings.flatMap((r) => r.keys.flatMap((k) => [k.fingerprint, ...k.subkeys])).map((fp) => (short ? keyId(fp).slice(-8) : keyId(fp)));
}

function listing(keys: OpenPgpKey[]): string {
  return keys.map((k) => `pub ${k.fingerprint}${k.uids.length ? ` ${k.uids[0]}` : ''}\n`).join('');
}

async function fetchKey(ctx: ModuleContext, args: AptKeyArgs): Promise<Buffer | undefined> {
  if (args.data !== undefined) return Buffer.from(args.data, isArmored(args.data) ? 'utf8' : 'latin1');
  if (args.file !== undefined) {
    const data = await ctx.conn.readFile(args.file, { become: ctx.become });
    if (data === null) throw new ModuleError(`${args.file} does not exist on the host`);
    return data;
  }
  if (args.url !== undefined) {
    const r = await ctx.conn.exec(`curl -fsSL${args.validate_certs === false ? 'k' : ''} ${shq(args.url)} | base64 -w0`, { become: ctx.become });
    const data = Buffer.from(r.stdout.trim(), 'base64');
    if (!data.length) throw new ModuleError(`error getting key from ${args.url}: ${r.stderr.trim() || 'nothing came back'}`);
    return data;
  }
  return undefined;
}

function write(ctx: ModuleContext, ring: { file: string; raw?: Buffer }, keys: OpenPgpKey[], removeWhenEmpty: boolean): () => Promise<void> {
  return async () => {
    if (!keys.length && removeWhenEmpty) {
      const r = await ctx.conn.exec(`rm -f -- ${shq(ring.file)}`, { become: ctx.become });
      if (r.rc !== 0) throw new ModuleError(`cannot remove ${ring.file}: ${r.stderr.trim()}`);
      return;
    }
    const bin = Buffer.concat(keys.map((k) => k.bytes));
    const armored = ring.file.endsWith('.asc') || (ring.raw !== undefined && ring.raw.length > 0 && isArmored(ring.raw));
    await ctx.conn.writeFile(ring.file, armored && bin.length ? armor(bin) : bin, { become: ctx.become, mode: '0644' });
  };
}

const aptKey: ModuleDefinition<AptKeyArgs> = {
  name: 'apt_key',
  schema,
  notSupported: ['keyserver'],
  async plan(ctx, args) {
    const sources = [args.data, args.file, args.url].filter((v) => v !== undefined).length;
    if (sources > 1) throw new ModuleError('parameters are mutually exclusive: data|file|url');
    const present = args.state !== 'absent';
    const given = args.id?.replace(/^0x/i, '').toUpperCase();
    const rings = await readKeyrings(ctx, args.keyring);
    const short = given !== undefined && given.length <= 8;
    const before = ids(rings, short);
    const holding = (id: string) => rings.filter((r) => r.keys.some((k) => matchesId(k, id)));

    if (!present) {
      if (!given) throw new ModuleError('state is absent but all of the following are missing: id');
      const result = { id: given, key_id: given, short_id: given.slice(-8), fp: given.length > 16 ? given.slice(-16) : given, before };
      const from = holding(given);
      if (!from.length) return { state: 'ok', result };
      const after = ids(rings.map((r) => ({ ...r, keys: r.keys.filter((k) => !matchesId(k, given)) })), short);
      return {
        state: 'change', summary: `remove key ${given} from ${from.map((r) => r.file).join(', ')}`,
        steps: from.map((r) => ({ write: r.file, bytes: 0 })), result: { ...result, after },
        diff: from.map((r) => ({ before: listing(r.keys), after: listing(r.keys.filter((k) => !matchesId(k, given))), before_header: r.file, after_header: r.file })),
        apply: async () => {
          for (const r of from) await write(ctx, r, r.keys.filter((k) => !matchesId(k, given)), r.file === DEFAULT)();
        },
      };
    }

    const promisedKey = given !== undefined && [...ctx.promised.aptKeys].some((k) => k.endsWith(given) || given.endsWith(k));
    if (given && (holding(given).length || promisedKey)) {
      return { state: 'ok', result: { id: given, key_id: given, short_id: given.slice(-8), fp: given.length > 16 ? given.slice(-16) : given, before } };
    }
    if (args.file !== undefined && ctx.promised.pathKind(args.file) === 'file') {
      // A dry run where an earlier task would write the key file: its key cannot be read yet.
      return {
        state: 'unknown', summary: `add the key in ${args.file} (written by an earlier task)`, result: { before }, apply: async () => {},
        promise: (p) => { if (given) p.aptKeys.add(given); },
      };
    }
    const data = await fetchKey(ctx, args);
    if (!data) throw new ModuleError(given ? `key ${given} is not in apt's keyrings and no data, file or url was given to add it` : 'one of data, file, url or id is needed');
    let keys: OpenPgpKey[];
    try {
      keys = parseKeys(data);
    } catch (e) {
      throw new ModuleError(`the key given cannot be read: ${(e as Error).message}`);
    }
    if (!keys.length) throw new ModuleError('the data given holds no OpenPGP public key');
    if (given && !keys.some((k) => matchesId(k, given))) throw new ModuleError(`the key given is not key ${given} (it holds ${keys.map((k) => keyId(k.fingerprint)).join(', ')})`);
    const id = given ?? keyId(keys[0]!.fingerprint);
    const result = { id, key_id: id, short_id: id.slice(-8), fp: id.length > 16 ? id.slice(-16) : id, before };
    const target = args.keyring ?? DEFAULT;
    const ring = rings.find((r) => r.file === target) ?? { file: target, raw: Buffer.alloc(0), keys: [] };
    const missing = keys.filter((k) => !rings.some((r) => r.keys.some((x) => x.fingerprint === k.fingerprint)));
    if (!missing.length) return { state: 'ok', result };
    const next = [...ring.keys, ...missing];
    const after = ids([...rings.filter((r) => r.file !== target), { ...ring, keys: next }], short);
    const plan: Plan = {
      state: 'change', summary: `add key ${missing.map((k) => keyId(k.fingerprint)).join(', ')} to ${target}`,
      steps: [{ write: target, bytes: next.reduce((n, k) => n + k.bytes.length, 0), mode: '0644' }, ...(args.url ? [runStep(`curl -fsSL ${shq(args.url)}`, 'download the key')] : [])],
      result: { ...result, after },
      diff: [{ before: listing(ring.keys), after: listing(next), before_header: target, after_header: target }],
      apply: write(ctx, ring, next, false),
      promise: (p) => { for (const k of missing) p.aptKeys.add(k.fingerprint); },
    };
    return plan;
  },
};

export default aptKey;
