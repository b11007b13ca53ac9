/**
 * copy: put a controller file, a directory tree, a file already on the host (remote_src) or
 * literal `content` at dest. Single files share the content plan with template.
 */
import { readControllerFile } from '../../vault/read.js';
import { basename } from 'node:path';
import schema from '../../../schemas/modules/copy.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition, type ModuleContext, type Plan } from '../contract.js';
import { planContent } from './content-plan.js';
import { findSource, isDirectory, localMode } from './source.js';
import { planTree } from './copy-tree.js';
import { replanOnApply } from './replan.js';
import type { CopyArgs } from '../../types/module-args.js';

const copy: ModuleDefinition<CopyArgs> = {
  name: 'copy',
  schema,
  async plan(ctx, args) {
    if (args.content !== undefined) {
      if (args.dest.endsWith('/')) throw new ModuleError(`can not use content with a dir as dest (${args.dest})`);
      return planContent(ctx, { dest: args.dest, data: Buffer.from(args.content) }, args);
    }
    if (args.src === undefined) throw new ModuleError('src (or content) is required');
    if (args.remote_src) return planRemoteSource(ctx, args, args.src);
    const src = findSource(args.src, ctx.searchPaths.files);
    if (isDirectory(src)) return planTree(ctx, src, args);
    const mode = args.mode === 'preserve' ? localMode(src) : args.mode;
    return planContent(ctx, {
      dest: args.dest,
      data: readControllerFile(src),
      afterHeader: src,
      nameInDir: basename(src),
      result: { src },
    }, { ...args, mode });
  },
};

/** remote_src: the bytes come from the host itself (one extra read), then it is a content plan. */
async function planRemoteSource(ctx: ModuleContext, args: CopyArgs, src: string): Promise<Plan> {
  const data = await ctx.conn.readFile(src, { become: ctx.become });
  if (data === null) {
    if (ctx.promised.pathKind(src) === 'file') {
      return {
        state: 'change',
        summary: `copy ${src} to ${args.dest} (${src} comes from an earlier task)`,
        promise: (s) => { s.paths.set(args.dest, 'file'); },
        apply: replanOnApply(ctx, (c) => planRemoteSource(c, args, src)),
      };
    }
    throw new ModuleError(`src file '${src}' not found on the host`);
  }
  const mode = args.mode === 'preserve' ? undefined : args.mode;
  return planContent(ctx, { dest: args.dest, data, afterHeader: src, nameInDir: basename(src), result: { src } }, { ...args, mode });
}

export default copy;
