/**
 * file with recurse: what mode/owner/group would change below a directory, read in one round
 * trip (find + stat), and the chmod/chown that fix exactly those entries.
 */
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleContext } from '../contract.js';
import { attrChanges, hasChanges, type AttrChanges, type FileAttrArgs } from './attributes.js';
import type { PathInfo } from './probe.js';

export interface EntryChange {
  path: string;
  isLink: boolean;
  changes: AttrChanges;
  /** Reached through a link: owner and group go to what it points at. */
  followed?: boolean;
}

/**
 * `follow` (the default, as in Ansible): a link below is followed to what it points at (the
 * entries of a linked directory too), and a broken one is left alone.
 */
export async function recursiveChanges(ctx: ModuleContext, dir: string, args: FileAttrArgs, follow = false): Promise<EntryChange[]> {
  const list = follow
    ? `find -L ${shq(dir)} -mindepth 1 ! -type l -exec stat -L -c '%f|%u|%g|%U|%G|%n' {} +`
    : `find ${shq(dir)} -mindepth 1 -exec stat -c '%f|%u|%g|%U|%G|%n' {} +`;
  const r = await ctx.conn.exec(list, { become: ctx.become });
  if (r.rc !== 0) throw new ModuleError(`cannot list ${dir}: ${r.stderr.trim()}`);
  const out: EntryChange[] = [];
  for (const line of r.stdout.split('\n')) {
    if (!line) continue;
    const [hex, uid, gid, owner, group, ...name] = line.split('|');
    const raw = parseInt(hex!, 16);
    const type = raw & 0o170000;
    const isLink = type === 0o120000;
    const info: PathInfo = {
      path: name.join('|'), kind: type === 0o040000 ? 'directory' : isLink ? 'link' : 'file',
      mode: (raw & 0o7777).toString(8).padStart(4, '0'), uid: Number(uid), gid: Number(gid), owner, group,
    };
    // A link's own mode means nothing on Linux: only its owner and group are set.
    const changes = attrChanges(info, isLink ? { owner: args.owner, group: args.group } : args, info.kind === 'directory');
    if (hasChanges(changes)) out.push({ path: info.path, isLink, changes, ...(follow && { followed: true }) });
  }
  return out;
}

/** Shell fixing the entries, grouped by the value set so the command stays short. */
export function recursiveCommand(entries: EntryChange[]): string {
  const groups = new Map<string, string[]>();
  const add = (cmd: string, path: string) => groups.set(cmd, [...(groups.get(cmd) ?? []), shq(path)]);
  for (const e of entries) {
    const { owner, group, mode } = e.changes;
    if (owner || group) add(`chown${e.followed ? '' : ' -h'} ${shq(`${owner ? owner[1] : ''}${group ? ':' + group[1] : ''}`)}`, e.path);
    if (mode && !e.isLink) add(`chmod ${mode[1]}`, e.path);
  }
  return [...groups].map(([cmd, paths]) => `${cmd} -- ${paths.join(' ')}`).join(' && ') || ':';
}
