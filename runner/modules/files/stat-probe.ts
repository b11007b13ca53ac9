/**
 * Everything the stat module reports about one path, read in one round trip: GNU stat with
 * sub-second times, access checks for the user the task runs as, the checksum, `file` for the
 * MIME type and charset, and `lsattr` for the ext2-style attributes. A command that is missing
 * on the host (file, lsattr) gives what Ansible gives then: 'unknown', or no attributes.
 */
import { shq } from '../../connections/connection.js';
import type { ModuleContext } from '../contract.js';

export interface StatRequest {
  path: string;
  follow: boolean;
  checksum?: string;
  mime: boolean;
  attributes: boolean;
}

const FORMAT = '%f|%u|%g|%U|%G|%s|%.9X|%.9Y|%.9Z|%i|%d|%h|%o|%b|%r';

/** lsattr letters and the names Ansible gives them. */
const ATTRIBUTE_NAMES: Record<string, string> = {
  A: 'noatime', a: 'append', c: 'compressed', C: 'nocow', d: 'nodump', D: 'dirsync', e: 'extents',
  E: 'encrypted', h: 'blocksize', i: 'immutable', I: 'indexed', j: 'journalled', N: 'inline',
  s: 'zero', S: 'synchronous', t: 'notail', T: 'blockroot', u: 'undelete', X: 'compressedraw', Z: 'compresseddirty',
};

export function statScript(q: StatRequest): string {
  const p = shq(q.path);
  const L = q.follow ? '-L ' : '';
  const algo = q.checksum && /^[a-z0-9]+$/.test(q.checksum) ? q.checksum : '';
  return [
    `if [ ! -e ${p} ] && [ ! -L ${p} ]; then echo absent; exit 0; fi`,
    `if [ -n '${q.follow ? 'y' : ''}' ] && [ ! -e ${p} ]; then echo absent; exit 0; fi`,
    `echo "S|$(stat ${L}-c '${FORMAT}' -- ${p})"`,
    `a=; [ -r ${p} ] && a=r; [ -w ${p} ] && a="\${a}w"; [ -x ${p} ] && a="\${a}x"; echo "A|$a"`,
    `if [ -L ${p} ]; then echo "L|$(readlink -- ${p})"; echo "R|$(readlink -f -- ${p})"; fi`,
    algo ? `if [ -f ${p} ] && [ -r ${p} ]${q.follow ? '' : ` && [ ! -L ${p} ]`}; then echo "C|$(${algo}sum < ${p} | cut -d' ' -f1)"; fi` : '',
    q.mime ? `if command -v file >/dev/null; then echo "M|$(file ${L}--mime-type --mime-encoding -b -- ${p} 2>/dev/null)"; fi` : '',
    q.attributes ? `if command -v lsattr >/dev/null; then echo "X|$(lsattr -vd -- ${p} 2>/dev/null | head -n1)"; fi` : '',
    'exit 0',
  ].filter(Boolean).join('\n');
}

export function parseStat(q: StatRequest, stdout: string): Record<string, unknown> {
  if (stdout.trim() === 'absent') return { exists: false };
  const rec: Record<string, string> = {};
  for (const line of stdout.split('\n')) if (line[1] === '|') rec[line[0]!] = line.slice(2);
  const f = (rec.S ?? '').split('|');
  const raw = parseInt(f[0]!, 16);
  const type = raw & 0o170000;
  const bit = (b: number) => (raw & b) !== 0;
  const access = rec.A ?? '';
  const s: Record<string, unknown> = {
    exists: true, path: q.path, mode: (raw & 0o7777).toString(8).padStart(4, '0'),
    isdir: type === 0o040000, ischr: type === 0o020000, isblk: type === 0o060000, isreg: type === 0o100000,
    isfifo: type === 0o010000, islnk: type === 0o120000, issock: type === 0o140000,
    uid: Number(f[1]), gid: Number(f[2]), pw_name: f[3], gr_name: f[4], size: Number(f[5]),
    atime: Number(f[6]), mtime: Number(f[7]), ctime: Number(f[8]), inode: Number(f[9]), dev: Number(f[10]), nlink: Number(f[11]),
    block_size: Number(f[12]), blocks: Number(f[13]), device_type: Number(f[14]),
    isuid: bit(0o4000), isgid: bit(0o2000),
    rusr: bit(0o400), wusr: bit(0o200), xusr: bit(0o100), rgrp: bit(0o40), wgrp: bit(0o20), xgrp: bit(0o10),
    roth: bit(0o4), woth: bit(0o2), xoth: bit(0o1),
    readable: access.includes('r'), writeable: access.includes('w'), executable: access.includes('x'),
  };
  if (rec.L !== undefined) {
    s.lnk_target = rec.L;
    s.lnk_source = rec.R;
  }
  if (rec.C !== undefined && rec.C !== '') s.checksum = rec.C;
  if (q.mime) {
    const m = /^([^;]+);\s*charset=(.+)$/.exec(rec.M ?? '');
    s.mimetype = m ? m[1] : 'unknown';
    s.charset = m ? m[2] : 'unknown';
  }
  if (q.attributes) Object.assign(s, attributesOf(rec.X));
  return s;
}

/** `lsattr -vd` output ("VERSION FLAGS PATH") as Ansible reports it; nothing readable gives no flags and version null. */
export function attributesOf(line: string | undefined): { attr_flags: string; attributes: string[]; version: string | null } {
  const m = /^\s*(\S+)\s+(\S+)\s/.exec(line ?? '');
  if (!m) return { attr_flags: '', attributes: [], version: null };
  const flags = m[2]!.replace(/-/g, '');
  return { attr_flags: flags, attributes: [...flags].map((c) => ATTRIBUTE_NAMES[c] ?? c), version: m[1]! };
}

export async function statPath(ctx: ModuleContext, q: StatRequest): Promise<Record<string, unknown>> {
  const r = await ctx.conn.exec(statScript(q), { become: ctx.become });
  if (r.rc !== 0) throw new Error(`cannot stat ${q.path}: ${r.stderr.trim() || `rc ${r.rc}`}`);
  return parseStat(q, r.stdout);
}
