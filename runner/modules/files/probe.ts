/**
 * Reading what a host has at some paths, in one `exec` whatever the number of paths: kind, mode,
 * owner, size, times, sha1, link target and (on request) the content itself. Plans call this once,
 * so a plan costs one round trip over SSH. Only POSIX sh plus GNU/busybox stat, sha1sum, base64.
 */
import { shq, type Become } from '../../connections/connection.js';
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

/**
 * What the engine already read of the host's paths (engine/known-paths.ts): the answer a probe
 * would get, when every path asked is known and nothing may have changed on the host since.
 */
export interface KnownPaths {
  answer(paths: string[], options: ProbeOptions, become: Become | undefined): PathInfo[] | undefined;
}

/** The options a read-ahead probe of the engine is made with: anything asking for less can be answered from it. */
export function answerableFrom(options: ProbeOptions): boolean {
  return (options.contentUpTo === undefined || options.contentUpTo < 0)
    && (options.checksumAlgorithm === undefined || options.checksumAlgorithm === 'sha1');
}

/** An absolute path with nothing a shell would expand as a pattern: what an exists check of it can be answered for. */
export function isPlainAbsolute(path: unknown): path is string {
  return typeof path === 'string' && path.startsWith('/') && !/[*?[\\\0]/.test(path);
}

/**
 * Whether anything is at `path` (`[ -e ] || [ -L ]`: a dangling link counts), answered from what
 * the engine read ahead; undefined when that is not known.
 */
export function knownToExist(ctx: ModuleContext, path: string): boolean | undefined {
  const info = ctx.knownPaths?.answer([path], {}, ctx.become)?.[0] ?? ctx.knownPaths?.answer([path], { follow: true }, ctx.become)?.[0];
  return info && (info.kind !== 'absent' || info.linkTarget !== undefined);
}

/** Probe one path; see probePaths. */
export async function probePath(ctx: ModuleContext, path: string, options: ProbeOptions = {}): Promise<PathInfo> {
  return (await probePaths(ctx, [path], options))[0]!;
}

/** Probe several paths in one round trip; the answer is in the same order as `paths`. */
export async function probePaths(ctx: ModuleContext, paths: string[], options: ProbeOptions = {}): Promise<PathInfo[]> {
  if (paths.length === 0) return [];
  const known = ctx.knownPaths?.answer(paths, options, ctx.become);
  if (known) return known;
  const r = await ctx.conn.exec(probeScript(paths, options), { become: ctx.become });
  if (r.rc !== 0) throw new Error(`cannot inspect ${paths.join(', ')}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  return parseProbe(paths, r.stdout);
}

/** Probe paths with options of their own (a path and what it links to), still in one round trip. */
export async function probeEach(ctx: ModuleContext, requests: (ProbeOptions & { path: string })[]): Promise<PathInfo[]> {
  const known = requests.map((q) => ctx.knownPaths?.answer([q.path], q, ctx.become)?.[0]);
  if (known.every((k) => k)) return known as PathInfo[];
  const script = requests.map((q) => probeScript([q.path], q)).join('\n');
  const r = await ctx.conn.exec(script, { become: ctx.become });
  const paths = requests.map((q) => q.path);
  if (r.rc !== 0) throw new Error(`cannot inspect ${paths.join(', ')}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  const blocks = r.stdout.split(/^::end\n/m);
  return requests.flatMap((q, i) => parseProbe([q.path], `${blocks[i] ?? ''}::end\n`));
}

const STAT_FORMAT = '%f|%u|%g|%U|%G|%s|%Y|%X|%Z|%i|%d|%h';
const STAT_FIELDS = 12;

/**
 * The probe as a few processes whatever the number of paths: one `stat` for all of them (each
 * line ends with the name, so a missing path is a missing line), one `<algo>sum` for the regular
 * files, `readlink` only for links, and content (when asked) file by file. Sections:
 * `::stat`, `::link` (`i|realpath|target`), `::sum`, `::content` (`C|i|base64`), `::end`.
 */
export function probeScript(paths: string[], o: ProbeOptions): string {
  const follow = o.follow ? '-L ' : '';
  const algo = /^[a-z0-9]+$/.test(o.checksumAlgorithm ?? '') ? o.checksumAlgorithm : 'sha1';
  const limit = o.contentUpTo ?? -1;
  const set = `set -- ${paths.map(shq).join(' ')}`;
  const lines = [
    set,
    `echo ::stat; stat ${follow}-c '${STAT_FORMAT}|%n' -- "$@" 2>/dev/null`,
    `echo ::link; i=0; for p do i=$((i+1)); if [ -L "$p" ]; then r=$(readlink -f -- "$p" 2>/dev/null) || r=-; l=$(readlink -- "$p"); printf '%d|%s|%s\\n' "$i" "$r" "$l"; fi; done`,
  ];
  if (o.checksum) {
    lines.push(`echo ::sum; n=$#; for p do if [ -f "$p" ] && [ -r "$p" ]; then set -- "$@" "$p"; fi; done; shift $n; [ $# -eq 0 ] || ${algo}sum -- "$@" 2>/dev/null`, set);
  }
  if (limit >= 0) {
    lines.push(`echo ::content; i=0; for p do i=$((i+1)); if [ -f "$p" ] && [ "$(stat -L -c %s -- "$p")" -le ${limit} ]; then printf 'C|%d|' "$i"; base64 < "$p" | tr -d '\\n'; printf '\\n'; fi; done`);
  }
  lines.push('echo ::end');
  return lines.join('\n');
}

/** The name in a `<algo>sum` line, undoing the escapes GNU puts in a line that starts with a backslash. */
function sumLine(line: string): [name: string, sum: string] | undefined {
  const escaped = line.startsWith('\\');
  const m = /^\\?([0-9a-f]+) [ *](.*)$/.exec(line);
  if (!m) return undefined;
  const name = escaped ? m[2]!.replace(/\\(.)/g, (_a, c: string) => (c === 'n' ? '\n' : c === 'r' ? '\r' : c)) : m[2]!;
  return [name, m[1]!];
}

export function parseProbe(paths: string[], stdout: string): PathInfo[] {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of stdout.split('\n')) {
    const m = /^::(stat|link|sum|content|end)$/.exec(line);
    if (m) { sections.set(m[1]!, (current = [])); continue; }
    if (current && line !== '') current.push(line);
  }
  const unexpected = () => new Error(`unexpected answer while inspecting ${paths.join(', ')}: ${stdout.slice(0, 200)}`);
  if (!sections.has('end')) throw unexpected();

  const out: PathInfo[] = paths.map((path) => ({ path, kind: 'absent' }));
  let next = 0;
  for (const line of sections.get('stat') ?? []) {
    const f = line.split('|');
    const name = f.slice(STAT_FIELDS).join('|');
    while (next < paths.length && paths[next] !== name) next++;
    if (next >= paths.length) throw unexpected();
    const [rawHex, uid, gid, owner, group, size, mtime, atime, ctime, inode, dev, nlink] = f;
    const rawMode = parseInt(rawHex!, 16);
    out[next++] = {
      path: name,
      kind: kindOf(rawMode),
      mode: (rawMode & 0o7777).toString(8).padStart(4, '0'),
      rawMode,
      uid: Number(uid), gid: Number(gid), owner, group,
      size: Number(size), mtime: Number(mtime), atime: Number(atime), ctime: Number(ctime),
      inode: Number(inode), dev: Number(dev), nlink: Number(nlink),
    };
  }
  for (const line of sections.get('link') ?? []) {
    const [i, real, ...target] = line.split('|');
    const info = out[Number(i) - 1];
    if (!info) throw unexpected();
    // A link followed to nothing stays absent, with what it points to.
    if (real && real !== '-' && info.kind !== 'absent') info.realPath = real;
    info.linkTarget = target.join('|') || undefined;
  }
  const sums = new Map((sections.get('sum') ?? []).map(sumLine).filter((x): x is [string, string] => !!x));
  for (const info of out) {
    const sum = sums.get(info.path);
    if (sum && info.kind !== 'absent') info.checksum = sum;
  }
  for (const line of sections.get('content') ?? []) {
    const m = /^C\|(\d+)\|(.*)$/.exec(line);
    const info = m ? out[Number(m[1]) - 1] : undefined;
    if (!info) throw unexpected();
    info.content = Buffer.from(m![2]!, 'base64');
  }
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
