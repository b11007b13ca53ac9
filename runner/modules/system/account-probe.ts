/** Reading users and groups from the host's databases (getent), for the user and group modules. */
import type { Connection, Become } from '../../connections/connection.js';
import { shq } from '../../connections/connection.js';

export interface PasswdEntry { name: string; uid: number; gid: number; comment: string; home: string; shell: string }
export interface GroupEntry { name: string; gid: number; members: string[] }

export function parsePasswd(line: string): PasswdEntry | undefined {
  const f = line.split(':');
  if (f.length < 7) return undefined;
  return { name: f[0]!, uid: Number(f[2]), gid: Number(f[3]), comment: f[4]!, home: f[5]!, shell: f[6]! };
}

export function parseGroup(line: string): GroupEntry | undefined {
  const f = line.split(':');
  if (f.length < 4) return undefined;
  return { name: f[0]!, gid: Number(f[2]), members: f[3]!.split(',').filter((m) => m) };
}

export interface UserView {
  user?: PasswdEntry;
  /** Name of the primary group, supplementary group names, the shadow hash (root only). */
  primaryGroup?: string;
  groups: string[];
  passwordHash?: string;
  /** Groups asked for (primary or supplementary) that exist, by name or gid. */
  existingGroups: Map<string, GroupEntry>;
}

/** One exec: the passwd entry, its groups and shadow hash, and each group the task names. */
export async function probeUser(conn: Connection, become: Become | undefined, name: string, groupsAsked: string[]): Promise<UserView> {
  const n = shq(name);
  const script = [
    `echo ::passwd; getent passwd ${n}`,
    `echo ::groups; id -Gn ${n} 2>/dev/null`,
    `echo ::shadow; getent shadow ${n} 2>/dev/null | cut -d: -f2`,
    ...groupsAsked.map((g) => `echo ::group; getent group ${shq(g)}`),
    `echo ::primary; getent group "$(getent passwd ${n} | cut -d: -f4)"`,
    'exit 0',
  ].join('\n');
  const r = await conn.exec(script, { become });
  const view: UserView = { groups: [], existingGroups: new Map() };
  let section = '';
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('::')) { section = line.slice(2); continue; }
    if (!line) continue;
    if (section === 'passwd') view.user = parsePasswd(line);
    else if (section === 'groups') view.groups = line.trim().split(/\s+/);
    else if (section === 'shadow') view.passwordHash = line;
    else if (section === 'group' || section === 'primary') {
      const g = parseGroup(line);
      if (!g) continue;
      if (section === 'primary') view.primaryGroup = g.name;
      else { view.existingGroups.set(g.name, g); view.existingGroups.set(String(g.gid), g); }
    }
  }
  if (view.primaryGroup) view.groups = view.groups.filter((g) => g !== view.primaryGroup);
  return view;
}

export async function probeGroup(conn: Connection, become: Become | undefined, name: string): Promise<GroupEntry | undefined> {
  const r = await conn.exec(`getent group ${shq(name)}; exit 0`, { become });
  return parseGroup(r.stdout.split('\n')[0] ?? '');
}
