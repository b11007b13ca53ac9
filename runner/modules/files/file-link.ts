/**
 * file state=link and state=hard: a link is "ok" when it already points where asked (symlink:
 * same text; hard link: same inode). Replacing a file or a directory needs force, as in Ansible.
 */
import { runStep } from '../plan-steps.js';
import { shq } from '../../connections/connection.js';
import { ModuleError, type Plan } from '../contract.js';
import { attrChanges, attrCommand, describeChanges, hasChanges, pathResult } from './attributes.js';
import { stateDiff } from './state-diff.js';
import { done, effectiveKind, run, type FileFacts } from './file.js';

export function planLink(f: FileFacts, kind: 'link' | 'hard'): Plan {
  const { path, self } = f;
  // Without src, an existing symlink keeps its target (only its owner and group are managed), as in Ansible.
  const keep = f.args.src === undefined && kind === 'link' && self.kind === 'link';
  const args = keep ? { ...f.args, src: self.linkTarget } : f.args;
  if (keep) {
    const attrs = attrChanges(self, { owner: args.owner, group: args.group }, false);
    if (!hasChanges(attrs)) return { state: 'ok', result: asLink({ path, src: args.src, ...pathResult(self) }) };
  }
  if (args.src === undefined || !f.src) throw new ModuleError(kind === 'hard' ? 'src is required for creating new hardlinks' : `src is required for state=${kind}`);
  const src = f.src;
  const srcThere = effectiveKind(f, src) !== 'absent';
  const before = effectiveKind(f);
  const onTarget = kind === 'link' && args.follow !== false;
  // Where owner, group and mode go, as in Ansible: through a symlink to what it ends at (follow,
  // the default; nothing when that is missing), else the link's own owner/group (a Linux link has
  // no mode of its own); a hard link is the file itself.
  const target = onTarget ? f.srcTarget : kind === 'hard' ? src : undefined;
  const targetThere = !!target && target.kind !== 'absent';
  const targetPath = onTarget && target ? target.realPath ?? target.path : path;
  const wanted = { mode: args.mode, owner: args.owner, group: args.group };
  const targetAttrs = targetThere ? attrChanges(target, wanted, target.kind === 'directory') : {};
  const warnings = onTarget && !targetThere ? ['Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.'] : undefined;

  const already = kind === 'link'
    ? self.kind === 'link' && self.linkTarget === args.src
    : self.kind === 'file' && src.kind === 'file' && self.inode === src.inode && self.dev === src.dev;
  if (already) {
    const attrs = kind === 'link' && !onTarget ? attrChanges(self, { owner: args.owner, group: args.group }, false) : targetAttrs;
    const where = kind === 'link' && !onTarget ? path : targetPath;
    if (!hasChanges(attrs)) return { state: 'ok', result: asLink({ path, src: args.src, ...pathResult(self), ...(warnings && { warnings }) }) };
    return {
      state: 'change',
      summary: `${describeChanges(attrs)} on ${where}`,
      diff: [stateDiff(path, kind, kind, attrs)],
      steps: [runStep(attrCommand(where, attrs))],
      apply: async () => {
        await run(f.ctx, attrCommand(where, attrs), `cannot set attributes of ${where}`);
        return asLink({ ...(await done(f, path)), src: args.src });
      },
    };
  }

  if (!srcThere && (kind === 'hard' || !args.force)) {
    if (kind === 'hard') throw new ModuleError('src does not exist', { dest: path, src: args.src });
    throw new ModuleError(`src file does not exist, use "force=yes" if you really want to create the link: ${src.path}`);
  }
  if ((self.kind === 'file' || self.kind === 'directory' || self.kind === 'other') && !args.force && !(kind === 'hard' && self.kind === 'file' && self.nlink! > 1)) {
    throw new ModuleError(`refusing to convert from ${self.kind} to ${kind === 'link' ? 'symlink' : 'hard link'} for ${path} (force: true replaces it)`);
  }
  const clear = self.kind === 'directory'
    ? `rmdir -- ${shq(path)} 2>/dev/null || { echo "the directory ${path} is not empty, refusing to convert it" >&2; exit 1; }`
    : '';
  const make = kind === 'link' ? `ln -sfn -- ${shq(args.src)} ${shq(path)}` : `ln -f -- ${shq(src.path)} ${shq(path)}`;
  const owner = args.owner !== undefined ? ['', String(args.owner)] as [string, string] : undefined;
  const group = args.group !== undefined ? ['', String(args.group)] as [string, string] : undefined;
  const own = target
    ? (hasChanges(targetAttrs) ? attrCommand(targetPath, targetAttrs) : '')
    : owner || group ? attrCommand(path, { ...(owner && { owner }), ...(group && { group }) }) : '';
  return {
    state: 'change',
    summary: `${kind === 'link' ? 'symlink' : 'hard link'} ${path} -> ${args.src}${before !== 'absent' ? ` (was ${describe(self)})` : ''}`,
    diff: [stateDiff(path, before, kind, {}, { after: { src: args.src }, ...(self.linkTarget && { before: { src: self.linkTarget } }) })],
    steps: [runStep([clear, make, own].filter(Boolean).join(' && '))],
    promise: (s) => { s.paths.set(path, kind === 'link' ? 'link' : 'file'); },
    apply: async () => {
      await run(f.ctx, [clear, make, own].filter(Boolean).join(' && '), `cannot link ${path}`);
      return asLink({ ...(await done(f, path)), src: args.src, ...(warnings && { warnings }) });
    },
  };
}

/** A link's result names it `dest`, as Ansible's does (no `path`). */
function asLink(r: Record<string, unknown>): Record<string, unknown> {
  const { path, ...rest } = r;
  return { dest: path, ...rest };
}

function describe(self: FileFacts['self']): string {
  return self.kind === 'link' ? `a link to ${self.linkTarget}` : `a ${self.kind}`;
}
