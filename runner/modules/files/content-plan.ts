/**
 * The plan for "this file should hold these bytes, with these attributes", shared by copy and
 * template: compare checksums, then attributes; diff and summary; an apply that writes (with
 * backup and validate) or only fixes attributes; and the promise of a file for dry runs.
 */
import { runStep, writeStep } from '../plan-steps.js';
import { createHash } from 'node:crypto';
import { ModuleError, type ModuleContext, type Plan, type FileDiff, type ModuleResult } from '../contract.js';
import { probePaths, probePath, type PathInfo } from './probe.js';
import { attrChanges, attrCommand, attrDiff, describeChanges, hasChanges, pathResult, targetMode } from './attributes.js';
import { contentDiff, MAX_DIFF_BYTES } from './content-diff.js';
import { backupCommand, checkValidate, writeContent } from './write.js';
import { posix } from 'node:path';
import { shq } from '../../connections/connection.js';
import type { PromisedState } from '../../engine/promised-state.js';
import type { CopyArgs, TemplateArgs } from '../../types/module-args.js';

const { dirname, join: joinRemote } = posix;

/** What copy and template share. */
export type ContentArgs = Pick<CopyArgs | TemplateArgs, 'mode' | 'owner' | 'group' | 'backup' | 'validate' | 'force'>;

export interface ContentTarget {
  dest: string;
  data: Buffer;
  /** Header of the "after" side of the diff: the source the bytes came from. */
  afterHeader?: string;
  /** When dest turns out to be a directory, write to dest/<this> instead (copy's src basename). */
  nameInDir?: string;
  /** Create the missing parent directory (copy's dest ending in '/'). */
  makeParent?: boolean;
  /** Extra result keys (src, ...). */
  result?: ModuleResult;
}

export async function planContent(ctx: ModuleContext, target: ContentTarget, args: ContentArgs): Promise<Plan> {
  checkValidate(args.validate);
  const probeOpts = { follow: true, checksum: true, contentUpTo: ctx.diffRequested ? MAX_DIFF_BYTES : undefined };
  let dest = target.dest;
  if (dest.endsWith('/') && target.nameInDir) {
    dest = joinRemote(dest, target.nameInDir);
    target = { ...target, makeParent: true };
  }
  let [live, parent] = await probePaths(ctx, [dest, dirname(dest)], probeOpts);
  const dirInDryRun = live!.kind === 'absent' && ctx.promised.pathKind(dest) === 'directory';
  if ((live!.kind === 'directory' || dirInDryRun) && target.nameInDir) {
    dest = joinRemote(dest, target.nameInDir);
    [live, parent] = await probePaths(ctx, [dest, dirname(dest)], probeOpts);
  }
  return planFor(ctx, dest, live!, parent!, target, args);
}

function planFor(ctx: ModuleContext, dest: string, live: PathInfo, parent: PathInfo, target: ContentTarget, args: ContentArgs): Plan {
  const sha1 = createHash('sha1').update(target.data).digest('hex');
  const base: ModuleResult = { dest, checksum: sha1, size: target.data.length, ...target.result };
  if (live.kind === 'directory') throw new ModuleError(`dest ${dest} is a directory; cannot write a file there`);
  const promised = ctx.promised.pathKind(dest);
  const absent = live.kind === 'absent' || promised === 'absent';
  const writeTo = live.realPath ?? dest;
  const mode = targetMode(args, absent ? undefined : live, false);
  const promise = (s: PromisedState) => { s.paths.set(dest, 'file'); };

  if (absent) {
    const parentThere = parent.kind === 'directory' || ctx.promised.dirPromised(dirname(dest));
    const makeParent = target.makeParent === true && parent.kind === 'absent';
    const mayCome = !parentThere && !makeParent && ctx.promised.dirMayCome(dirname(dest));
    if (!makeParent && !mayCome && (!parentThere || ctx.promised.pathKind(dirname(dest)) === 'absent')) {
      throw new ModuleError(`Destination directory ${dirname(dest)} does not exist`);
    }
    return {
      state: mayCome ? 'unknown' : 'change',
      steps: [
        ...(makeParent ? [runStep(`mkdir -p -- ${shq(dirname(dest))}`)] : []),
        ...(args.validate ? [runStep(args.validate, 'validate the new content')] : []),
        writeStep(writeTo, target.data, { mode: mode ?? '0644', owner: args.owner, group: args.group }),
      ],
      summary: `create ${dest}${mayCome ? ` (${dirname(dest)} is not there yet: a package an earlier task would install may create it, or not)` : ''}`,
      diff: [contentDiff(dest, null, target.data, target.afterHeader ?? dest)],
      result: base,
      promise,
      apply: async () => {
        if (makeParent) await mkdirs(ctx, dirname(dest));
        const written = await writeContent(ctx, writeTo, target.data, { ...live, kind: 'absent' }, {
          mode, owner: args.owner, group: args.group, backup: false, validate: args.validate,
        });
        return { ...base, ...pathResult(await probePath(ctx, writeTo)), ...written, state: 'file' };
      },
    };
  }

  if (args.force === false) return okPlan(live, base);
  const attrs = attrChanges(live, args, false);
  if (live.checksum === sha1) {
    if (!hasChanges(attrs)) return okPlan(live, base);
    return {
      state: 'change',
      summary: `${describeChanges(attrs) || 'attributes'} on ${dest}`,
      steps: [runStep(attrCommand(writeTo, attrs))],
      diff: [attrDiff(dest, attrs)],
      result: { ...base, ...pathResult(live) },
      promise,
      apply: async () => {
        const r = await ctx.conn.exec(attrCommand(writeTo, attrs), { become: ctx.become });
        if (r.rc !== 0) throw new ModuleError(`cannot set attributes of ${dest}: ${r.stderr.trim()}`);
        return { ...base, ...pathResult(await probePath(ctx, writeTo)) };
      },
    };
  }
  const diff: FileDiff[] = [contentDiff(dest, live.content, target.data, target.afterHeader ?? dest, live.size)];
  if (hasChanges(attrs)) diff.push(attrDiff(dest, attrs));
  return {
    state: 'change',
    summary: `update ${dest}${hasChanges(attrs) ? ` (${describeChanges(attrs)})` : ''}`,
    steps: [
      ...(args.backup ? [runStep(backupCommand(writeTo), 'back up the live file')] : []),
      ...(args.validate ? [runStep(args.validate, 'validate the new content')] : []),
      writeStep(writeTo, target.data, { mode: mode ?? live.mode, owner: args.owner, group: args.group }),
    ],
    diff,
    result: { ...base, ...pathResult(live), checksum: sha1 },
    promise,
    apply: async () => {
      const written = await writeContent(ctx, writeTo, target.data, live, {
        mode, owner: args.owner, group: args.group, backup: args.backup, validate: args.validate,
      });
      return { ...base, ...pathResult(await probePath(ctx, writeTo)), ...written, state: 'file' };
    },
  };
}

async function mkdirs(ctx: ModuleContext, dir: string): Promise<void> {
  const r = await ctx.conn.exec(`mkdir -p -- ${shq(dir)}`, { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`cannot create directory ${dir}: ${r.stderr.trim()}`);
}

function okPlan(live: PathInfo, base: ModuleResult): Plan {
  return { state: 'ok', result: { ...base, ...pathResult(live), checksum: live.checksum ?? base.checksum, size: live.size } };
}
