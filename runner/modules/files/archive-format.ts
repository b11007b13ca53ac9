/**
 * Which archive a file is (by its name, then by its first bytes) and the tar/unzip command
 * lines that compare, list and unpack it on the host.
 */
import { shq } from '../../connections/connection.js';
import { ModuleError } from '../contract.js';

export type ArchiveFormat = 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'tar.zst' | 'zip';

const BY_NAME: [RegExp, ArchiveFormat][] = [
  [/\.(tar\.gz|tgz)$/i, 'tar.gz'], [/\.(tar\.bz2|tbz2?)$/i, 'tar.bz2'], [/\.(tar\.xz|txz)$/i, 'tar.xz'],
  [/\.(tar\.zst|tzst)$/i, 'tar.zst'], [/\.tar$/i, 'tar'], [/\.(zip|jar|war)$/i, 'zip'],
];

export function archiveFormat(name: string, head?: Buffer): ArchiveFormat {
  for (const [re, f] of BY_NAME) if (re.test(name)) return f;
  if (head) {
    if (head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
    if (head.subarray(0, 3).toString('latin1') === 'BZh') return 'tar.bz2';
    if (head[0] === 0xfd && head.subarray(1, 5).toString('latin1') === '7zXZ') return 'tar.xz';
    if (head.readUInt32LE(0) === 0xfd2fb528) return 'tar.zst';
    if (head.subarray(0, 2).toString('latin1') === 'PK') return 'zip';
    if (head.length > 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'tar';
  }
  throw new ModuleError(`cannot tell what kind of archive ${name} is (supported: tar, tar.gz, tar.bz2, tar.xz, tar.zst, zip)`);
}

const TAR_FLAG: Record<string, string> = { 'tar': '', 'tar.gz': '-z', 'tar.bz2': '-j', 'tar.xz': '-J', 'tar.zst': '--zstd' };

export interface ArchiveCall {
  format: ArchiveFormat;
  archive: string;
  dest: string;
  exclude?: string[];
  extraOpts?: string[];
}

function tarArgs(c: ArchiveCall, op: string): string {
  const parts = ['tar', op, TAR_FLAG[c.format]!, '-f', shq(c.archive), '-C', shq(c.dest),
    ...(c.exclude ?? []).map((e) => shq(`--exclude=${e}`)), ...(c.extraOpts ?? []).map(shq)];
  return parts.filter(Boolean).join(' ');
}

/** tar --diff of the archive against dest (tar formats only); read it with `differences`. */
export function compareCommand(c: ArchiveCall): string | undefined {
  return c.format === 'zip' ? undefined : tarArgs(c, '-d');
}

/**
 * What tar --diff reported, minus the entry that --strip-components turns into '' (tar then
 * complains it cannot stat an empty name, which says nothing about dest).
 */
export function differences(stdout: string, stderr: string): string[] {
  const lines = [...stdout.split('\n'), ...stderr.split('\n').filter((l) => /Cannot stat|differs/.test(l))];
  return lines.filter((l) => l.trim() && !/^tar: : /.test(l));
}

export function listCommand(c: ArchiveCall): string {
  return c.format === 'zip' ? `unzip -Z1 ${shq(c.archive)}` : `${tarArgs({ ...c, dest: '.' }, '-t')}`;
}

export function extractCommand(c: ArchiveCall): string {
  if (c.format !== 'zip') return tarArgs(c, '-x');
  const ex = c.exclude?.length ? ` -x ${c.exclude.map(shq).join(' ')}` : '';
  return `unzip -q -o ${(c.extraOpts ?? []).map(shq).join(' ')} ${shq(c.archive)} -d ${shq(c.dest)}${ex}`;
}
