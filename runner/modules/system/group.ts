/** group: make a group exist (with a gid) or not, through groupadd/groupmod/groupdel. */
import { runStep } from '../plan-steps.js';
import type { ModuleDefinition, ModuleResult } from '../contract.js';
import { ModuleError } from '../contract.js';
import { shq } from '../../connections/connection.js';
import schema from '../../../schemas/modules/group.json' with { type: 'json' };
import { toBool, toInt } from './coerce.js';
import { probeGroup } from './account-probe.js';
import type { GroupArgs } from '../../types/module-args.js';

const group: ModuleDefinition<GroupArgs> = {
  name: 'group',
  schema,
  async plan(ctx, args) {
    const name = args.name;
    const state = args.state ?? 'present';
    const gid = toInt(args.gid, 'gid');
    const current = await probeGroup(ctx.conn, ctx.become, name);
    const exists = !!current || ctx.promised.groups.has(name);
    const base: ModuleResult = { name, state, system: toBool(args.system) };
    if (state === 'absent') {
      if (!current) return { state: 'ok', result: base };
      return change(`remove group ${name}`, `group ${name}\ngid: ${current.gid}\n`, '', `groupdel ${shq(name)}`, base);
    }
    if (!exists) {
      const opts = [gid !== undefined ? `-g ${gid}` : '', toBool(args.system) ? '-r' : '', toBool(args.non_unique) && gid !== undefined ? '-o' : ''];
      const cmd = `groupadd ${opts.filter((o) => o).join(' ')} ${shq(name)}`.replace(/\s+/g, ' ');
      const p = change(`create group ${name}`, '', `group ${name}\n${gid !== undefined ? `gid: ${gid}\n` : ''}`, cmd, { ...base, gid });
      return { ...p, promise: (s) => s.groups.add(name) };
    }
    if (current && gid !== undefined && current.gid !== gid) {
      const cmd = `groupmod -g ${gid}${toBool(args.non_unique) ? ' -o' : ''} ${shq(name)}`;
      return change(`change gid of group ${name} to ${gid}`, `group ${name}\ngid: ${current.gid}\n`, `group ${name}\ngid: ${gid}\n`, cmd, { ...base, gid });
    }
    return { state: 'ok', result: { ...base, gid: current?.gid ?? gid } };

    function change(summary: string, before: string, after: string, command: string, result: ModuleResult) {
      return {
        state: 'change' as const,
        summary,
        diff: [{ before, after, before_header: `group ${name}`, after_header: `group ${name}` }],
        steps: [runStep(`PATH="$PATH:/usr/sbin:/sbin"; ${command}`)],
        result,
        apply: async (): Promise<ModuleResult> => {
          const r = await ctx.conn.exec(`PATH="$PATH:/usr/sbin:/sbin"; ${command}`, { become: ctx.become });
          if (r.rc !== 0) throw new ModuleError(`${command.split(' ')[0]}: ${r.stderr.trim()}`, { ...result, rc: r.rc, stderr: r.stderr });
          if (result.gid === undefined && state === 'present') {
            const g = await probeGroup(ctx.conn, ctx.become, name);
            return { ...result, gid: g?.gid };
          }
          return result;
        },
      };
    }
  },
};

export default group;
