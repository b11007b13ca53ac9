/**
 * Reading what a host has at some paths, in one `exec` whatever the number of paths: kind, mode,
 * owner, size, times, sha1, link target and (on request) the content itself. Plans call this once,
 * so a plan costs one round trip over SSH. Only POSIX sh plus GNU/busybox stat, sha1sum, base64.
 */
import { shq } from '../../connections/connection.js';
import type { ModuleContext } from '../contract.js';

export type LiveKind = 'absent' | 'file' | 'directory' | 'link' | 'other';

export interface PathInfo {
  path: string;
  kind: LiveKind;
  /** Permission bits as a 4-digit octal string ('0644'); undefined when absent. */
  mode?: string;
  /** Raw st_mode (type + permission bits). */
  rawMode?: number;
  uid?: number;
  gid?: number;
  owner?: string;
  group?: string;
  size?: number;
  mtime?: number;
  atime?: number;
  ctime?: number;
  inode?: number;
  dev?: number;
  nlink?: number;
  /** Checksum (sha1 unless another algorithm was asked for) of a regular file's content. */
  checksum?: string;
  /** What a symbolic link points to, as written in the link. */
  linkTarget?: string;
  /** Canonical path (symlinks resolved), when `follow` was asked for or the path is a link. */
  realPath?: string;
  /** The content, when asked for and the file is regular and within the size limit. */
  content?: Buffer;
}

export interface ProbeOptions {
  /** Report what a symlink points to instead of the link itself (content modules). */
  follow?: boolean;
  checksum?: boolean;
  /** sha1 (the default), sha256, sha512, md5... anything with a `<name>sum` command. */
  checksumAlgorithm?: string;
  /** Also send back the content of regular files up to this many bytes. */
  contentUpTo?: number;
}

/** Probe one path; see probePaths. */
export async function probePath(ctx: ModuleContext, path: string, options: ProbeOptions = {}): Promise<PathInfo> {
  return (await probePaths(ctx, [path], options))[0]!;
}

/** Probe several paths in one round trip; the answer is in the same order as `paths`. */
export async function probePaths(ctx: ModuleContext, paths: string[], options: ProbeOptions = {}): Promise<PathInfo[]> {
  if (paths.length === 0) return [];
  const r = await ctx.conn.exec(probeScript(paths, options), { become: ctx.become });
  if (r.rc !== 0) throw new Error(`cannot inspect ${paths.join(', ')}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  return parseProbe(paths, r.stdout);
}

/** Probe paths with options of their own (a path and what it links to), still in one round trip. */
export async function probeEach(ctx: ModuleContext, requests: (ProbeOptions & { path: string })[]): Promise<PathInfo[]> {
  const script = requests.map((q) => probeScript([q.path], q)).join('\n');
  const r = await ctx.conn.exec(script, { become: ctx.become });
  const paths = requests.map((q) => q.path);
  if (r.rc !== 0) throw new Error(`cannot inspect ${paths.join(', ')}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  return parseProbe(paths, r.stdout);
}

const STAT_FORMAT = '%f|%u|%g|%U|%G|%s|%Y|%X|%Z|%i|%d|%h';

/** One record per path: `P|<stat>|<sha1>|<realpath>|<link>` then, when sent, `C|<base64>`. */
export function probeScript(paths: string[], o: ProbeOptions): string {
  const follow = o.follow ? '-L ' : '';
  const sum = o.checksum ? 1 : 0;
  const algo = /^[a-z0-9]+$/.test(o.checksumAlgorithm ?? '') ? o.checksumAlgorithm : 'sha1';
  const limit = o.contentUpTo ?? -1;
  return [
    `set -- ${paths.map(shq).join(' ')}`,
    'for p do',
    '  if [ -L "$p" ] || [ -e "$p" ]; then',
    `    s=$(stat ${follow}-c '${STAT_FORMAT}' -- "$p" 2>/dev/null) || s=-`,
    `    c=-; if [ ${sum} = 1 ] && [ -f "$p" ] && [ -r "$p" ]; then c=$(${algo}sum < "$p" | cut -d' ' -f1); fi`,
    `    r=-; if [ -n '${follow}' ] || [ -L "$p" ]; then r=$(readlink -f -- "$p" 2>/dev/null || echo -); fi`,
    '    l=; if [ -L "$p" ]; then l=$(readlink -- "$p"); fi',
    `    printf 'P|%s|%s|%s|%s\\n' "$s" "$c" "$r" "$l"`,
    `    if [ ${limit} -ge 0 ] && [ -f "$p" ] && [ "$(stat -L -c %s -- "$p")" -le ${limit} ]; then`,
    `      printf 'C|'; base64 < "$p" | tr -d '\\n'; printf '\\n'`,
    '    fi',
    "  else echo 'P|absent'; fi",
    'done',
  ].join('\n');
}

export function parseProbe(paths: string[], stdout: string): PathInfo[] {
  const out: PathInfo[] = [];
  for (const line of stdout.split('\n')) {
    if (line.startsWith('C|')) {
      const last = out[out.length - 1];
      if (last) last.content = Buffer.from(line.slice(2), 'base64');
      continue;
    }
    if (!line.startsWith('P|')) continue;
    const path = paths[out.length]!;
    const f = line.slice(2).split('|');
    if (f[0] === 'absent') {
      out.push({ path, kind: 'absent' });
      continue;
    }
    const [rawHex, uid, gid, owner, group, size, mtime, atime, ctime, inode, dev, nlink] = f;
    const rest = f.slice(12);
    const [checksum, real] = rest;
    const link = rest.slice(2).join('|');
    if (rawHex === '-') {
      // A link whose target is missing, stat'ed with follow: nothing is there to read.
      out.push({ path, kind: 'absent', linkTarget: link || undefined });
      continue;
    }
    const rawMode = parseInt(rawHex!, 16);
    out.push({
      path,
      kind: kindOf(rawMode),
      mode: (rawMode & 0o7777).toString(8).padStart(4, '0'),
      rawMode,
      uid: Number(uid), gid: Number(gid), owner, group,
      size: Number(size), mtime: Number(mtime), atime: Number(atime), ctime: Number(ctime),
      inode: Number(inode), dev: Number(dev), nlink: Number(nlink),
      checksum: checksum && checksum !== '-' ? checksum : undefined,
      realPath: real && real !== '-' ? real : undefined,
      linkTarget: link || undefined,
    });
  }
  if (out.length !== paths.length) throw new Error(`unexpected answer while inspecting ${paths.join(', ')}: ${stdout.slice(0, 200)}`);
  return out;
}

function kindOf(rawMode: number): LiveKind {
  switch (rawMode & 0o170000) {
    case 0o100000: return 'file';
    case 0o040000: return 'directory';
    case 0o120000: return 'link';
    default: return 'other';
  }
}
