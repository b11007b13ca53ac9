/**
 * The plan for modules that edit a text file in place (lineinfile, blockinfile): read it with its
 * attributes in one round trip, run the pure edit, and diff. Links are followed: the real file
 * is edited, as Ansible does. A missing file is created only with `create`.
 */
import { runStep, writeStep } from '../plan-steps.js';
import { posix } from 'node:path';
import { shq } from '../../connections/connection.js';
import { ModuleError, type FileDiff, type ModuleContext, type ModuleResult, type Plan } from '../contract.js';
import { probePaths, probePath } from './probe.js';
import { attrChanges, attrCommand, attrDiff, describeChanges, hasChanges, targetMode } from './attributes.js';
import { checkValidate, writeContent } from './write.js';
import type { EditOutcome } from './lineinfile-edit.js';
import { replanOnApply } from './replan.js';
import type { BlockinfileArgs, LineinfileArgs } from '../../types/module-args.js';

/** What lineinfile and blockinfile share. */
export type TextEditArgs = Pick<LineinfileArgs | BlockinfileArgs, 'mode' | 'owner' | 'group' | 'create' | 'backup' | 'validate'>;

export interface TextEdit {
  path: string;
  args: TextEditArgs;
  /** The edit on the current text (null: the file does not exist and will be created). */
  edit(text: string | null): EditOutcome;
  /** Result when the file is missing and nothing needs it (state=absent). */
  missingOk?: ModuleResult;
  /** Message when the file is missing and `create` is not set. */
  missingMessage: string;
  /** Result key for the backup's path: lineinfile says `backup`, blockinfile `backup_file`. */
  backupKey: 'backup' | 'backup_file';
}

/** Files larger than this are not edited line by line (nobody keeps such configs). */
const MAX_EDIT_BYTES = 32 * 1024 * 1024;

export async function planTextEdit(ctx: ModuleContext, e: TextEdit): Promise<Plan> {
  checkValidate(e.args.validate);
  const { path, args } = e;
  const [live, parent] = await probePaths(ctx, [path, posix.dirname(path)], { follow: true, checksum: true, contentUpTo: MAX_EDIT_BYTES });
  if (live!.kind === 'directory') throw new ModuleError(`Path ${path} is a directory !`, { rc: 256 });
  const promised = ctx.promised.pathKind(path);
  const missing = live!.kind === 'absent' || promised === 'absent';
  if (missing && e.missingOk) return { state: 'ok', result: e.missingOk };
  if (missing && promised === 'file') {
    return {
      state: 'change',
      summary: `edit ${path} (made by an earlier task; its content is not known yet)`,
      promise: (s) => { s.paths.set(path, 'file'); },
      apply: replanOnApply(ctx, (c) => planTextEdit(c, e)),
    };
  }
  if (missing && !args.create) throw new ModuleError(e.missingMessage, { rc: 257 });
  if (!missing && live!.content === undefined) throw new ModuleError(`${path} is too large to edit (more than ${MAX_EDIT_BYTES} bytes)`);

  const before = missing ? null : live!.content!.toString('utf8');
  const out = e.edit(before);
  const attrs = missing ? {} : attrChanges(live!, args, false);
  const header = (what: string) => `${path} (${what})`;
  const writeTo = live!.realPath ?? path;
  const result: ModuleResult = { msg: out.msg, ...(out.found !== undefined && { found: out.found }) };
  if (!out.changed && !hasChanges(attrs)) return { state: 'ok', result: { ...result, [e.backupKey]: '' } };

  const diff: FileDiff[] = [];
  if (out.changed) diff.push({ before: before ?? '', after: out.text, before_header: header('content'), after_header: header('content') });
  if (hasChanges(attrs)) diff.push({ ...attrDiff(path, attrs) });
  const summary = [out.changed ? out.msg : '', hasChanges(attrs) ? describeChanges(attrs) : ''].filter(Boolean).join('; ');
  const makeParent = missing && parent!.kind === 'absent';
  return {
    state: 'change',
    summary: `${path}: ${summary}`,
    steps: [
      ...(makeParent ? [runStep(`mkdir -p -- ${shq(posix.dirname(path))}`)] : []),
      ...(out.changed
        ? [...(args.validate ? [runStep(args.validate, 'validate the new content')] : []),
          writeStep(writeTo, out.text, { mode: targetMode(args, missing ? undefined : live!, false) ?? (missing ? '0644' : live!.mode), owner: args.owner, group: args.group })]
        : [runStep(attrCommand(writeTo, attrs))]),
    ],
    diff,
    result: { ...result, msg: withAttrs(out.msg, hasChanges(attrs)) },
    promise: (s) => {
      s.paths.set(path, 'file');
      if (makeParent) s.paths.set(posix.dirname(path), 'directory');
    },
    apply: async () => {
      if (makeParent) {
        const r = await ctx.conn.exec(`mkdir -p -- ${shq(posix.dirname(path))}`, { become: ctx.become });
        if (r.rc !== 0) throw new ModuleError(`Error creating ${posix.dirname(path)} (${r.stderr.trim()})`);
      }
      let backup = '';
      if (out.changed) {
        const mode = targetMode(args, missing ? undefined : live!, false);
        const w = await writeContent(ctx, writeTo, out.text, live!, {
          mode, owner: args.owner, group: args.group, backup: args.backup, validate: args.validate,
        });
        backup = w.backup_file ?? '';
      } else {
        const r = await ctx.conn.exec(attrCommand(writeTo, attrs), { become: ctx.become });
        if (r.rc !== 0) throw new ModuleError(`cannot set attributes of ${path}: ${r.stderr.trim()}`);
      }
      const after = await probePath(ctx, writeTo);
      return { ...result, msg: withAttrs(out.msg, hasChanges(attrs)), [e.backupKey]: backup, mode: after.mode, owner: after.owner, group: after.group };
    },
  };
}

function withAttrs(msg: string, attrs: boolean): string {
  if (!attrs) return msg;
  return `${msg ? `${msg} and ` : ''}ownership, perms or SE linux context changed`;
}
