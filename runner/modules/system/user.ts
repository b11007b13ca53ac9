/**
 * user: make a local account exist with the given fields (useradd/usermod) or not (userdel).
 * The plan's diff lists the fields that differ; a password hash is never shown.
 */
import { runStep } from '../plan-steps.js';
import type { ModuleDefinition, ModuleResult, Plan } from '../contract.js';
import { ModuleError } from '../contract.js';
import { shq } from '../../connections/connection.js';
import schema from '../../../schemas/modules/user.json' with { type: 'json' };
import { toBool, toInt, toList } from './coerce.js';
import { probeUser } from './account-probe.js';
import type { UserArgs } from '../../types/module-args.js';

type Fields = Record<string, string>;

function show(name: string, f: Fields): string {
  return Object.keys(f).length ? `user ${name}\n` + Object.entries(f).map(([k, v]) => `${k}: ${v}\n`).join('') : '';
}

const user: ModuleDefinition<UserArgs> = {
  name: 'user',
  schema,
  async plan(ctx, args) {
    const name = args.name;
    const state = args.state ?? 'present';
    const asked = [...(args.group !== undefined ? [args.group] : []), ...(args.groups !== undefined ? toList(args.groups) : [])];
    const view = await probeUser(ctx.conn, ctx.become, name, asked);
    const exists = !!view.user || ctx.promised.users.has(name);
    const base: ModuleResult = { name, state };
    const sbin = 'PATH="$PATH:/usr/sbin:/sbin"; ';

    if (state === 'absent') {
      if (!view.user) return { state: 'ok', result: base };
      const cmd = `userdel${toBool(args.remove) ? ' -r' : ''}${toBool(args.force) ? ' -f' : ''} ${shq(name)}`;
      return planned(`remove user ${name}`, show(name, { uid: String(view.user.uid), home: view.user.home }), '', cmd, base);
    }

    for (const g of asked) {
      if (!view.existingGroups.has(g) && !ctx.promised.groups.has(g)) throw new ModuleError(`Group ${g} does not exist`, base);
    }
    const uid = toInt(args.uid, 'uid');
    const wantGroups = args.groups !== undefined ? toList(args.groups) : undefined;
    const append = toBool(args.append);
    const passwordWanted = args.password !== undefined && (args.update_password ?? 'always') === 'always';

    if (!exists) {
      const after: Fields = {};
      const opts: string[] = [];
      if (uid !== undefined) { opts.push(`-u ${uid}`); after.uid = String(uid); }
      if (args.group !== undefined) { opts.push(`-g ${shq(args.group)}`); after.group = args.group; }
      if (wantGroups?.length) { opts.push(`-G ${shq(wantGroups.join(','))}`); after.groups = wantGroups.join(','); }
      if (args.home !== undefined) { opts.push(`-d ${shq(args.home)}`); after.home = args.home; }
      if (args.shell !== undefined) { opts.push(`-s ${shq(args.shell)}`); after.shell = args.shell; }
      if (args.comment !== undefined) { opts.push(`-c ${shq(args.comment)}`); after.comment = args.comment; }
      if (args.password !== undefined) { opts.push(`-p ${shq(args.password)}`); after.password = '(set)'; }
      if (toBool(args.system)) opts.push('-r');
      const createHome = toBool(args.create_home ?? args.createhome, true);
      opts.push(createHome ? '-m' : '-M');
      const p = planned(`create user ${name}`, '', show(name, after), `useradd ${opts.join(' ')} ${shq(name)}`, { ...base, create_home: createHome });
      return { ...p, promise: (s) => s.users.add(name) };
    }
    if (!view.user) return { state: 'ok', result: base }; // promised by an earlier task of this dry run

    const u = view.user;
    const before: Fields = {};
    const after: Fields = {};
    const opts: string[] = [];
    const differ = (key: string, was: string, now: string, opt: string) => {
      if (was === now) return;
      before[key] = was; after[key] = now; opts.push(opt);
    };
    if (uid !== undefined) differ('uid', String(u.uid), String(uid), `-u ${uid}`);
    if (args.group !== undefined) {
      const g = view.existingGroups.get(args.group);
      if (!g || g.gid !== u.gid) differ('group', view.primaryGroup ?? String(u.gid), args.group, `-g ${shq(args.group)}`);
    }
    if (wantGroups !== undefined) {
      const names = wantGroups.map((g) => view.existingGroups.get(g)?.name ?? g).filter((g) => g !== view.primaryGroup);
      const target = append ? [...new Set([...view.groups, ...names])] : names;
      const same = target.length === view.groups.length && target.every((g) => view.groups.includes(g));
      if (!same) differ('groups', view.groups.join(','), target.join(','), `${append ? '-a ' : ''}-G ${shq((append ? names : target).join(','))}`);
    }
    if (args.home !== undefined) differ('home', u.home, args.home, `-d ${shq(args.home)}${toBool(args.move_home) ? ' -m' : ''}`);
    if (args.shell !== undefined) differ('shell', u.shell, args.shell, `-s ${shq(args.shell)}`);
    if (args.comment !== undefined) differ('comment', u.comment, args.comment, `-c ${shq(args.comment)}`);
    if (passwordWanted && view.passwordHash !== undefined && view.passwordHash !== args.password) {
      before.password = '(old hash)'; after.password = '(new hash)'; opts.push(`-p ${shq(args.password!)}`);
    }
    const result: ModuleResult = { ...base, uid: uid ?? u.uid, home: args.home ?? u.home, shell: args.shell ?? u.shell };
    if (!opts.length) return { state: 'ok', result };
    return planned(`modify user ${name}: ${Object.keys(after).join(', ')}`, show(name, before), show(name, after),
      `usermod ${opts.join(' ')} ${shq(name)}`, result);

    /** The new account as Ansible reports it: uid, group, home, shell, comment. */
    async function created(): Promise<ModuleResult> {
      const r = await ctx.conn.exec(`getent passwd ${shq(name)}`, { become: ctx.become });
      const [, , uid, gid, comment = '', home = '', shell = ''] = r.stdout.trim().split(':');
      if (r.rc !== 0 || uid === undefined) return {};
      return { uid: Number(uid), group: Number(gid), home, shell, comment, system: toBool(args.system) };
    }

    function planned(summary: string, b: string, a: string, command: string, result: ModuleResult): Plan {
      return {
        state: 'change',
        summary,
        diff: [{ before: b, after: a, before_header: `user ${name}`, after_header: `user ${name}` }],
        steps: [runStep(sbin + command)],
        result,
        apply: async () => {
          const r = await ctx.conn.exec(sbin + command, { become: ctx.become });
          if (r.rc !== 0) throw new ModuleError(`${command.split(' ')[0]}: ${r.stderr.trim()}`, { ...result, rc: r.rc, stderr: r.stderr });
          return command.startsWith('useradd') ? { ...result, ...(await created()) } : result;
        },
      };
    }
  },
};

export default user;
