/**
 * stat: describe a path in Ansible's `stat` result shape. Never changes anything. In a dry run,
 * a path an earlier task would have made is reported as existing (with `promised: true`), so
 * `when: st.stat.exists` takes the branch the real run will take.
 */
import schema from '../../../schemas/modules/stat.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import { probePath, type PathInfo } from './probe.js';
import type { StatArgs } from '../../types/module-args.js';

const stat: ModuleDefinition<StatArgs> = {
  name: 'stat',
  schema,
  async plan(ctx, args) {
    const path = args.path ?? args.dest ?? args.name;
    if (!path) throw new ModuleError('path is required');
    const info = await probePath(ctx, path, {
      follow: args.follow === true,
      checksum: args.get_checksum !== false,
      checksumAlgorithm: args.checksum_algorithm ?? args.checksum ?? args.checksum_algo ?? 'sha1',
    });
    const promised = ctx.promised.pathKind(path);
    if (promised === 'absent' || (info.kind === 'absent' && !promised)) return { state: 'ok', result: { stat: { exists: false } } };
    if (info.kind === 'absent') {
      return { state: 'ok', result: { stat: { exists: true, path, promised: true, isdir: promised === 'directory', isreg: promised === 'file', islnk: promised === 'link' } } };
    }
    return { state: 'ok', result: { stat: describe(path, info) } };
  },
};

function describe(path: string, i: PathInfo): Record<string, unknown> {
  const raw = i.rawMode!;
  const type = raw & 0o170000;
  const bit = (b: number) => (raw & b) !== 0;
  const s: Record<string, unknown> = {
    exists: true, path, mode: i.mode,
    isdir: type === 0o040000, isreg: type === 0o100000, islnk: type === 0o120000,
    isblk: type === 0o060000, ischr: type === 0o020000, isfifo: type === 0o010000, issock: type === 0o140000,
    uid: i.uid, gid: i.gid, pw_name: i.owner, gr_name: i.group,
    size: i.size, mtime: i.mtime, atime: i.atime, ctime: i.ctime, inode: i.inode, dev: i.dev, nlink: i.nlink,
    isuid: bit(0o4000), isgid: bit(0o2000),
    rusr: bit(0o400), wusr: bit(0o200), xusr: bit(0o100),
    rgrp: bit(0o40), wgrp: bit(0o20), xgrp: bit(0o10),
    roth: bit(0o4), woth: bit(0o2), xoth: bit(0o1),
  };
  if (i.checksum && type === 0o100000) s.checksum = i.checksum;
  if (type === 0o120000) {
    s.lnk_target = i.linkTarget;
    s.lnk_source = i.realPath;
  }
  return s;
}

export default stat;
