/**
 * file: make a path be a file (attributes only), a directory, a symlink, a hard link, touched, or
 * absent. One probe reads the path, what it points to and the link source; each state is a
 * small planner below; times and chattr attributes are added by file-extras.ts.
 */
import { runStep } from '../plan-steps.js';
import { posix } from 'node:path';
import schema from '../../../schemas/modules/file.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext, type ModuleDefinition, type ModuleResult, type Plan } from '../contract.js';
import { probeEach, probePath, type PathInfo } from './probe.js';
import { attrChanges, attrCommand, describeChanges, hasChanges, pathResult, targetMode, type AttrChanges } from './attributes.js';
import { stateDiff, type FileState } from './state-diff.js';
import { recursiveChanges, recursiveCommand } from './file-recurse.js';
import { planLink } from './file-link.js';
import { replanOnApply } from './replan.js';
import { diffPeek, withDictDiff, withExtras } from './file-extras.js';
import type { FileArgs } from '../../types/module-args.js';

/** Everything a state planner needs, read in one round trip. */
export interface FileFacts {
  ctx: ModuleContext;
  args: FileArgs;
  path: string;
  /** The path itself (a link stays a link). */
  self: PathInfo;
  /** What the path resolves to when following links (same as self otherwise). */
  target: PathInfo;
  /** The link source of state=link/hard, resolved against the link's folder. */
  src?: PathInfo;
  /** The same, links followed: what a symlink made to it ends at. */
  srcTarget?: PathInfo;
}

const file: ModuleDefinition<FileArgs> = {
  name: 'file',
  schema,
  plan: async (ctx, args) => withDictDiff(args.path ?? args.dest ?? args.name ?? '', await planState(ctx, args)),
  planOnlyWarnings: async (ctx, args) => (args.state === 'absent' ? [] : missingOwners(ctx, args)),
};

/** The owner and group asked for that the host does not know (names or ids), in that order. */
async function unknownOwners(ctx: ModuleContext, args: FileArgs, namesOnly: boolean): Promise<{ what: 'user' | 'group'; id: string }[]> {
  const asks = [['user', 'passwd', args.owner], ['group', 'group', args.group]] as const;
  const wanted = asks
    .filter(([, , v]) => v !== undefined && v !== null && String(v) !== '')
    .filter(([, , v]) => !namesOnly || !/^[0-9]+$/.test(String(v)));
  if (!wanted.length) return [];
  const script = wanted.map(([, db, v]) => `getent ${db} ${shq(String(v))} >/dev/null && echo y || echo n`).join('\n');
  const r = await ctx.conn.exec(script, { become: ctx.become });
  const found = r.stdout.split('\n');
  return wanted.filter((_, i) => found[i] !== 'y').map(([what, , v]) => ({ what, id: String(v) }));
}

/** An owner or group the host does not have yet, said as Ansible's file says it in check mode. */
async function missingOwners(ctx: ModuleContext, args: FileArgs): Promise<string[]> {
  return (await unknownOwners(ctx, args, false)).map(({ what, id }) => {
    const named = /^[0-9]+$/.test(id) ? `with ${what === 'user' ? 'uid' : 'gid'} ${id}` : id;
    return `failed to look up ${what} ${named}. Create ${what} up to this point in real play`;
  });
}

/**
 * A named owner or group the host does not have fails, as Ansible's file fails (in check mode
 * too), unless an earlier task of this dry run would create it (a user, a group, or a package
 * that may bring one).
 */
async function refuseUnknownOwners(ctx: ModuleContext, args: FileArgs, path: string, has: PathInfo): Promise<void> {
  // What the path already has exists: no lookup (a converged run costs no round trip more).
  const owner = args.owner === undefined || args.owner === null || String(args.owner) === has.owner ? undefined : args.owner;
  const group = args.group === undefined || args.group === null || String(args.group) === has.group ? undefined : args.group;
  if (owner === undefined && group === undefined) return;
  args = { ...args, owner, group };
  const p = ctx.promised;
  const mayCome = [...p.packages.values()].includes('present');
  for (const { what, id } of await unknownOwners(ctx, args, true)) {
    if (mayCome || (what === 'user' ? p.users : p.groups).has(id)) continue;
    throw new ModuleError(what === 'user' ? `chown failed: failed to look up user ${id}` : `chgrp failed: failed to look up group ${id}`, { path });
  }
}

async function planState(ctx: ModuleContext, args: FileArgs): Promise<Plan> {
  const raw = args.path ?? args.dest ?? args.name;
  if (!raw) throw new ModuleError('path is required');
  const given = raw.length > 1 ? raw.replace(/\/+$/, '') : raw;
  // A hard link (any state but link or absent) whose dest is a directory goes inside it, named as its src, as in Ansible.
  const intoDir = args.src !== undefined && args.state !== 'link' && args.state !== 'absent'
    && (await probeEach(ctx, [{ path: given, follow: true }]))[0]!.kind === 'directory';
  const path = intoDir ? posix.join(given, posix.basename(args.src!)) : given;
  // A symlink's src is read from the link's folder; a hard link's, like a relative path, from the
  // remote shell's working folder (the login folder), as in Ansible.
  const srcPath = args.src === undefined ? undefined
    : posix.isAbsolute(args.src) || args.state === 'hard' ? args.src : posix.join(posix.dirname(path), args.src);
  const [self, followed, src, srcTarget] = await probeEach(ctx, [
    { path }, { path, follow: true }, ...(srcPath ? [{ path: srcPath }, { path: srcPath, follow: true }] : []),
  ]);
  const follow = args.follow !== false;
  const f: FileFacts = { ctx, args, path, self: self!, target: follow && self!.kind === 'link' ? followed! : self!, src, srcTarget };
  if (args._diff_peek) return diffPeek(f);
  if (args.state === undefined && f.self.kind === 'link' && args.src === undefined) {
    // An existing link and no state: its target's attributes (follow), or the link's own owner
    // (Linux links have no mode of their own, so a mode is not a change, as in Ansible).
    if (follow && f.target.kind !== 'absent') return withExtras(f, await attributesPlan(f, f.target, f.target.kind === 'directory' ? 'directory' : 'file'), 'file');
    return attributesPlan({ ...f, args: { ...args, mode: undefined } }, { ...f.self, realPath: undefined }, 'file');
  }
  const state = args.state ?? defaultState(f);
  if (state !== 'absent' && f.target.kind !== 'absent') await refuseUnknownOwners(ctx, args, path, f.target);
  // The state Ansible checks src and recurse against: a file with more than one name counts as `hard`.
  const checked = args.state ?? (f.self.kind === 'file' && (f.self.nlink ?? 1) > 1 ? 'hard' : state);
  if (args.recurse && checked !== 'directory') throw new ModuleError("recurse option requires state to be 'directory'", { path });
  if (args.src && checked !== 'link' && checked !== 'hard') throw new ModuleError("src option requires state to be 'link' or 'hard'", { path });
  switch (state) {
    case 'absent': return planAbsent(f);
    case 'file': return withExtras(f, await planFile(f), state);
    case 'directory': return withExtras(f, await planDirectory(f), state);
    case 'touch': return withExtras(f, await planTouch(f), state);
    case 'link': case 'hard': return planLink(f, state);
  }
}

function defaultState(f: FileFacts): FileState {
  const kind = f.self.kind !== 'absent' ? f.self.kind : f.ctx.promised.pathKind(f.path);
  if (kind === 'directory' || kind === 'link') return kind;
  if (kind && kind !== 'absent') return 'file';
  return f.args.recurse ? 'directory' : 'file';
}

/** Live kind, or what an earlier task of a dry run promised when the host does not have it yet. */
export function effectiveKind(f: FileFacts, info: PathInfo = f.self): string {
  const promised = f.ctx.promised.pathKind(info.path);
  if (promised === 'absent') return 'absent';
  if (info.kind === 'absent' && promised) return `${promised} (from an earlier task)`;
  return info.kind;
}

async function planAbsent(f: FileFacts): Promise<Plan> {
  const kind = effectiveKind(f);
  if (kind === 'absent') return { state: 'ok', result: { path: f.path, state: 'absent' } };
  const content = f.self.kind === 'directory' ? await pathContent(f) : undefined;
  return {
    state: 'change',
    result: { path: f.path, state: 'absent', ...(content && { diff: { before: { path_content: content } } }) },
    summary: `remove ${f.path}`,
    steps: [runStep(`rm -rf -- ${shq(f.path)}`)],
    diff: [stateDiff(f.path, kind, 'absent')],
    promise: (s) => { s.paths.set(f.path, 'absent'); },
    apply: async () => {
      await run(f.ctx, `rm -rf -- ${shq(f.path)}`, `cannot remove ${f.path}`);
      return { path: f.path, state: 'absent' };
    },
  };
}

/** What removing a directory takes with it, as Ansible's diff lists it: every folder and every other entry below. */
async function pathContent(f: FileFacts): Promise<{ directories: string[]; files: string[] }> {
  const p = shq(f.path);
  const r = await f.ctx.conn.exec(`find ${p} -mindepth 1 \\( -type d -o -xtype d \\) -printf 'd%p\\0' -o -printf 'f%p\\0'`, { become: f.ctx.become });
  const out = { directories: [] as string[], files: [] as string[] };
  for (const e of r.stdout.split('\0')) if (e) (e[0] === 'd' ? out.directories : out.files).push(e.slice(1));
  return out;
}

function planFile(f: FileFacts): Plan | Promise<Plan> {
  const kind = effectiveKind(f, f.target);
  if (kind === 'absent') throw new ModuleError(`file (${f.path}) is absent, cannot continue (state=file only changes an existing file; use state=touch to create one)`, { path: f.path, state: 'absent' });
  if (f.target.kind === 'absent') return promisedOnly(f, 'file');
  if (f.target.kind === 'directory') throw new ModuleError(`file (${f.path}) is a directory, cannot continue`, { path: f.path, state: 'directory' });
  return attributesPlan(f, f.target, 'file');
}

function planDirectory(f: FileFacts): Plan | Promise<Plan> {
  const kind = effectiveKind(f, f.target);
  if (f.target.kind === 'absent' && f.ctx.promised.dirPromised(f.path) && kind !== 'absent') return promisedOnly(f, 'directory');
  if (kind === 'absent') {
    const mode = targetMode(f.args, undefined, true);
    const attrs: AttrChanges = {};
    if (mode) attrs.mode = ['', mode];
    if (f.args.owner !== undefined) attrs.owner = ['', String(f.args.owner)];
    if (f.args.group !== undefined) attrs.group = ['', String(f.args.group)];
    const mayCome = f.target.kind === 'absent' && f.ctx.promised.dirMayCome(f.path);
    return {
      state: mayCome ? 'unknown' : 'change',
      summary: `create directory ${f.path}${mayCome ? ' (a package an earlier task would install may create it first, or not)' : ''}`,
      diff: [stateDiff(f.path, 'absent', 'directory', attrs)],
      steps: [runStep(mkdirScript(f.path, attrs))],
      promise: (s) => { s.paths.set(f.path, 'directory'); },
      apply: async () => {
        await run(f.ctx, mkdirScript(f.path, attrs), `cannot create directory ${f.path}`);
        return done(f, f.path);
      },
    };
  }
  if (f.target.kind !== 'directory') throw new ModuleError(`${f.path} exists and is a ${f.target.kind}, not a directory`);
  return attributesPlan(f, f.target, 'directory');
}

function planTouch(f: FileFacts): Plan | Promise<Plan> {
  const kind = effectiveKind(f, f.target);
  // touch sets both times to now unless each is preserved or given (file-extras.ts sets given ones).
  const preserve = (f.args.modification_time ?? 'now') !== 'now' && (f.args.access_time ?? 'now') !== 'now';
  if (kind === 'absent') {
    const mode = targetMode(f.args, undefined, false);
    const attrs: AttrChanges = mode ? { mode: ['', mode] } : {};
    if (f.args.owner !== undefined) attrs.owner = ['', String(f.args.owner)];
    if (f.args.group !== undefined) attrs.group = ['', String(f.args.group)];
    return {
      state: 'change',
      summary: `create empty file ${f.path}`,
      diff: [stateDiff(f.path, 'absent', 'file', attrs)],
      steps: [runStep(touchNew(f.path, attrs))],
      promise: (s) => { s.paths.set(f.path, 'file'); },
      apply: async () => {
        const cmd = touchNew(f.path, attrs);
        await run(f.ctx, cmd, `Error, could not touch target ${f.path}`);
        return done(f, f.path);
      },
    };
  }
  if (f.target.kind === 'absent' || preserve) return attributesPlan(f, f.target, 'file');
  const attrs = attrChanges(f.target, f.args, f.target.kind === 'directory');
  const where = f.target.realPath ?? f.path;
  return {
    state: 'change',
    summary: `touch ${f.path}${hasChanges(attrs) ? ` (${describeChanges(attrs)})` : ''}`,
    diff: [stateDiff(f.path, f.target.kind, f.target.kind === 'directory' ? 'directory' : 'file', attrs)],
    steps: [runStep([`touch -- ${shq(where)}`, attrCommand(where, attrs)].filter(Boolean).join(' && '))],
    apply: async () => {
      await run(f.ctx, [`touch -- ${shq(where)}`, attrCommand(where, attrs)].filter(Boolean).join(' && '), `cannot touch ${f.path}`);
      return done(f, where);
    },
  };
}

/** Create an empty file with its attributes; when they cannot be set, the new file goes again (as in Ansible). */
function touchNew(path: string, attrs: AttrChanges): string {
  const set = attrCommand(path, attrs);
  return set ? `touch -- ${shq(path)} && { ${set} || { rc=$?; rm -f -- ${shq(path)}; exit $rc; }; }` : `touch -- ${shq(path)}`;
}

/** An existing path (or one followed through a link): only attributes may change. */
async function attributesPlan(f: FileFacts, info: PathInfo, state: 'file' | 'directory'): Promise<Plan> {
  const isDir = info.kind === 'directory';
  const where = info.realPath ?? f.path;
  const attrs = attrChanges(info, f.args, isDir);
  const below = isDir && f.args.recurse ? await recursiveChanges(f.ctx, where, f.args, f.args.follow !== false) : [];
  if (!hasChanges(attrs) && below.length === 0) return { state: 'ok', result: { path: f.path, ...pathResult(info) } };
  const parts = [hasChanges(attrs) ? describeChanges(attrs) : '', below.length ? `${below.length} entr${below.length === 1 ? 'y' : 'ies'} below` : ''];
  return {
    state: 'change',
    summary: `${parts.filter(Boolean).join('; ')} on ${f.path}`,
    diff: [stateDiff(f.path, state, state, attrs)],
    steps: [runStep([attrCommand(where, attrs), below.length ? recursiveCommand(below) : ''].filter(Boolean).join(' && '))],
    apply: async () => {
      const cmds = [attrCommand(where, attrs), below.length ? recursiveCommand(below) : ''].filter(Boolean);
      await run(f.ctx, cmds.join(' && '), `cannot set attributes of ${f.path}`);
      return done(f, where);
    },
  };
}

/** The path is not there yet but an earlier task of this dry run would make it. */
function promisedOnly(f: FileFacts, state: 'file' | 'directory'): Plan {
  const wanted = f.args.mode !== undefined || f.args.owner !== undefined || f.args.group !== undefined;
  if (!wanted) return { state: 'ok', result: { path: f.path, state } };
  return {
    state: 'change',
    summary: `set attributes of ${f.path} (made by an earlier task)`,
    apply: replanOnApply(f.ctx, (c) => file.plan(c, f.args)),
  };
}

/** mkdir each missing level, giving every level it creates the requested attributes (as Ansible does). */
function mkdirScript(path: string, attrs: AttrChanges): string {
  const levels: string[] = [];
  for (let p = path; p && p !== '/' && p !== '.'; p = posix.dirname(p)) levels.unshift(p);
  const fix = (d: string) => attrCommand(d, attrs);
  return levels.map((d) => `if [ ! -d ${shq(d)} ]; then mkdir -- ${shq(d)}${hasChanges(attrs) ? ` && ${fix(d)}` : ''} || exit 1; fi`).join('\n');
}

export async function done(f: FileFacts, where: string): Promise<ModuleResult> {
  return { path: f.path, ...pathResult(await probePath(f.ctx, where)) };
}

export async function run(ctx: ModuleContext, command: string, what: string): Promise<void> {
  const r = await ctx.conn.exec(command, { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`${what}: ${r.stderr.trim()}`);
}

export default file;
