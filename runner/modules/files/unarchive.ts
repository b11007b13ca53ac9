/**
 * unarchive: unpack an archive into an existing directory. The plan is ok when `creates` exists,
 * or (tar formats) when `tar --diff` finds dest already holding the archive's content: the
 * archive is streamed to it on stdin, so planning writes nothing. zip cannot be compared that
 * way, so without `creates` it honestly plans a change every time.
 */
import { readControllerFile } from '../../vault/read.js';
import { runStep, writeStep } from '../plan-steps.js';
import { randomBytes } from 'node:crypto';
import schema from '../../../schemas/modules/unarchive.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult } from '../contract.js';
import { probePaths } from './probe.js';
import { findSource } from './source.js';
import { archiveFormat, compareCommand, differences, extractCommand, listCommand, type ArchiveCall } from './archive-format.js';
import type { UnarchiveArgs } from '../../types/module-args.js';

const unarchive: ModuleDefinition<UnarchiveArgs> = {
  name: 'unarchive',
  schema,
  async plan(ctx, args) {
    const dest = args.dest;
    const src = args.remote_src ? args.src : findSource(args.src, ctx.searchPaths.files);
    const paths = [dest, ...(args.creates ? [args.creates] : []), ...(args.remote_src ? [src] : [])];
    const infos = await probePaths(ctx, paths, {});
    const [destInfo, createsInfo] = [infos[0]!, args.creates ? infos[1] : undefined];
    const base: ModuleResult = { dest, src };
    if (createsInfo && (createsInfo.kind !== 'absent' || isPromised(ctx, args.creates!))) {
      return { state: 'ok', result: { ...base, msg: `skipped, since ${args.creates} exists` } };
    }
    const mayCome = destInfo.kind !== 'directory' && ctx.promised.dirMayCome(dest);
    const destThere = destInfo.kind === 'directory' || ctx.promised.dirPromised(dest) || mayCome;
    if (!destThere) throw new ModuleError(`dest '${dest}' must be an existing dir`);
    const remoteInfo = args.remote_src ? infos[infos.length - 1]! : undefined;
    if (remoteInfo && remoteInfo.kind === 'absent' && ctx.promised.pathKind(src) !== 'file') {
      throw new ModuleError(`src '${src}' does not exist on the host`);
    }
    const data = args.remote_src ? undefined : readControllerFile(src);
    const format = archiveFormat(src, data?.subarray(0, 512));
    const call: ArchiveCall = { format, archive: src, dest, exclude: args.exclude, extraOpts: args.extra_opts };

    const compare = destInfo.kind === 'directory' && (!remoteInfo || remoteInfo.kind !== 'absent') ? compareCommand(call) : undefined;
    if (compare) {
      const r = await ctx.conn.exec(data ? compareCommand({ ...call, archive: '-' })! : compare, { become: ctx.become, stdin: data });
      if (r.rc > 1) throw new ModuleError(`cannot read ${src} as ${format}: ${r.stderr.trim()}`);
      if (differences(r.stdout, r.stderr).length === 0) {
        const files = args.list_files ? await list(ctx, call, data) : undefined;
        return { state: 'ok', result: { ...base, ...(files && { files }) } };
      }
    }
    return {
      state: mayCome ? 'unknown' : 'change',
      summary: `unpack ${src} into ${dest}${mayCome ? ' (not there yet: a package an earlier task would install may create it, or not)' : ''}${compare ? '' : format === 'zip' ? ' (zip content is not compared; use creates)' : ''}`,
      result: base,
      steps: [
        ...(data ? [writeStep('/tmp/.showrunner-archive-*', data, { mode: '0600' })] : []),
        runStep(extractCommand({ ...call, archive: data ? '/tmp/.showrunner-archive-*' : src })),
      ],
      promise: args.creates ? (s) => { s.paths.set(args.creates!, 'directory'); } : undefined,
      apply: async () => {
        let archive = src;
        if (data) {
          archive = `/tmp/.showrunner-archive-${randomBytes(6).toString('hex')}`;
          await ctx.conn.writeFile(archive, data, { become: ctx.become, mode: '0600' });
        }
        try {
          const r = await ctx.conn.exec(extractCommand({ ...call, archive }), { become: ctx.become });
          if (r.rc !== 0) throw new ModuleError(`failed to unpack ${src} into ${dest}: ${r.stderr.trim() || `exit code ${r.rc}`}`);
          const files = args.list_files ? await list(ctx, { ...call, archive }) : undefined;
          return { ...base, ...(files && { files }) };
        } finally {
          if (data) await ctx.conn.exec(`rm -f -- ${shq(archive)}`, { become: ctx.become });
        }
      },
    };
  },
};

function isPromised(ctx: ModuleContext, path: string): boolean {
  const k = ctx.promised.pathKind(path);
  return k !== undefined && k !== 'absent';
}

async function list(ctx: ModuleContext, call: ArchiveCall, data?: Buffer): Promise<string[]> {
  const r = await ctx.conn.exec(listCommand(data ? { ...call, archive: '-' } : call), { become: ctx.become, stdin: data });
  if (r.rc !== 0) throw new ModuleError(`cannot list ${call.archive}: ${r.stderr.trim()}`);
  return r.stdout.split('\n').filter(Boolean);
}

export default unarchive;
