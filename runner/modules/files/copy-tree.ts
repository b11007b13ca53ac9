/**
 * copy with a directory as src: every directory and file below it, probed in one round trip,
 * planned as one change listing what would be created or updated.
 */
import { readControllerFile } from '../../vault/read.js';
import { runStep, writeStep } from '../plan-steps.js';
import { basename, join, posix } from 'node:path';
import { createHash } from 'node:crypto';
import { shq } from '../../connections/connection.js';
import { ModuleError, type FileDiff, type ModuleContext, type Plan } from '../contract.js';
import { probePaths, type PathInfo } from './probe.js';
import { attrChanges, attrCommand, attrDiff, hasChanges, targetMode, type AttrChanges } from './attributes.js';
import { contentDiff, MAX_DIFF_BYTES } from './content-diff.js';
import { writeContent } from './write.js';
import { walkSource } from './source.js';
import type { CopyArgs } from '../../types/module-args.js';

interface FileStep { dest: string; data: Buffer; live: PathInfo; attrs: AttrChanges; write: boolean; src: string }

export async function planTree(ctx: ModuleContext, srcDir: string, args: CopyArgs): Promise<Plan> {
  const root = args.src!.endsWith('/') ? args.dest : posix.join(args.dest, basename(srcDir));
  const tree = walkSource(srcDir);
  const dirs = [root, ...tree.dirs.map((d) => posix.join(root, d))];
  const files = tree.files.map((f) => posix.join(root, f));
  const infos = await probePaths(ctx, [...dirs, ...files], {
    checksum: true, follow: true, contentUpTo: ctx.diffRequested ? MAX_DIFF_BYTES : undefined,
  });
  const dirInfos = infos.slice(0, dirs.length);
  const missingDirs: string[] = [];
  dirInfos.forEach((info, i) => {
    if (info.kind === 'absent' || ctx.promised.pathKind(dirs[i]!) === 'absent') missingDirs.push(dirs[i]!);
    else if (info.kind !== 'directory') throw new ModuleError(`cannot copy a directory onto ${dirs[i]}: it exists and is not a directory`);
  });
  const steps: FileStep[] = [];
  tree.files.forEach((rel, i) => {
    const live = infos[dirs.length + i]!;
    const src = join(srcDir, rel);
    const data = readControllerFile(src);
    const absent = live.kind === 'absent' || ctx.promised.pathKind(files[i]!) === 'absent';
    if (live.kind === 'directory') throw new ModuleError(`cannot copy ${src} onto ${files[i]}: it is a directory`);
    if (!absent && args.force === false) return;
    const same = !absent && live.checksum === createHash('sha1').update(data).digest('hex');
    const attrs = absent ? {} : attrChanges(live, args, false);
    if (same && !hasChanges(attrs)) return;
    steps.push({ dest: files[i]!, data, live: absent ? { path: files[i]!, kind: 'absent' } : live, attrs, write: !same, src });
  });
  if (missingDirs.length === 0 && steps.length === 0) return { state: 'ok', result: { dest: root, src: srcDir } };

  const created = steps.filter((s) => s.live.kind === 'absent').length;
  const diff: FileDiff[] = steps.map((s) => (s.write
    ? contentDiff(s.dest, s.live.kind === 'absent' ? null : s.live.content, s.data, s.src, s.live.size)
    : attrDiff(s.dest, s.attrs)));
  const counts = [`${created} new`, `${steps.length - created} changed`].join(', ');
  return {
    state: 'change',
    summary: `copy ${srcDir} to ${root} (${counts} file(s), ${missingDirs.length} new dir(s))`,
    diff,
    result: { dest: root, src: srcDir },
    steps: [
      ...(missingDirs.length ? [runStep(missingDirs.map((d) => `mkdir -p -- ${shq(d)}`).join(' && '))] : []),
      ...steps.map((s) => (s.write
        ? writeStep(s.dest, s.data, { mode: targetMode(args, s.live.kind === 'absent' ? undefined : s.live, false) ?? (s.live.kind === 'absent' ? '0644' : s.live.mode), owner: args.owner, group: args.group })
        : runStep(attrCommand(s.dest, s.attrs)))),
    ],
    promise: (s) => {
      for (const d of dirs) s.paths.set(d, 'directory');
      for (const f of files) s.paths.set(f, 'file');
    },
    apply: async () => {
      if (missingDirs.length) await makeDirs(ctx, missingDirs, args);
      for (const s of steps) {
        if (s.write) {
          const mode = targetMode(args, s.live.kind === 'absent' ? undefined : s.live, false);
          await writeContent(ctx, s.dest, s.data, s.live, { mode, owner: args.owner, group: args.group, backup: args.backup });
        } else {
          const r = await ctx.conn.exec(attrCommand(s.dest, s.attrs), { become: ctx.become });
          if (r.rc !== 0) throw new ModuleError(`cannot set attributes of ${s.dest}: ${r.stderr.trim()}`);
        }
      }
      return { dest: root, src: srcDir };
    },
  };
}

async function makeDirs(ctx: ModuleContext, dirs: string[], args: CopyArgs): Promise<void> {
  const cmds = dirs.map((d) => `mkdir -p -- ${shq(d)}`);
  const dirAttrs = { mode: args.directory_mode, owner: args.owner, group: args.group };
  for (const d of dirs) {
    const ch: AttrChanges = {};
    const mode = targetMode(dirAttrs, undefined, true);
    if (mode) ch.mode = ['', mode];
    if (args.owner !== undefined) ch.owner = ['', String(args.owner)];
    if (args.group !== undefined) ch.group = ['', String(args.group)];
    if (hasChanges(ch)) cmds.push(attrCommand(d, ch));
  }
  const r = await ctx.conn.exec(cmds.join(' && '), { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`cannot create directories under ${dirs[0]}: ${r.stderr.trim()}`);
}
