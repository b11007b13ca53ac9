/**
 * timezone (community.general): the host's time zone. Under systemd through timedatectl; without
 * it (Debian) /etc/timezone and the /etc/localtime link, then `dpkg-reconfigure tzdata` when it is
 * there, as Ansible's non-systemd strategy does. A zone with no file under /usr/share/zoneinfo fails
 * before anything is written. The diff is Ansible's `{name: ...}` before/after, shown as JSON.
 */
import schema from '../../../schemas/modules/timezone.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { TimezoneArgs } from '../../types/module-args.js';
import { runStep } from '../plan-steps.js';

const ZONES = '/usr/share/zoneinfo';

const timezone: ModuleDefinition<TimezoneArgs> = {
  name: 'timezone',
  schema,
  async plan(ctx, args) {
    if (args.hwclock !== undefined) throw new ModuleError('hwclock is not supported by Showrunner yet');
    const name = args.name.trim();
    const systemd = ctx.facts.ansible_service_mgr === 'systemd';
    const read = [
      `test -f ${shq(`${ZONES}/${name}`)} && echo zone=yes`,
      systemd ? 'echo "current=$(timedatectl show -p Timezone --value 2>/dev/null)"' : 'echo "current=$(head -n1 /etc/timezone 2>/dev/null)"',
      `echo "link=$(readlink /etc/localtime 2>/dev/null)"`,
      'command -v dpkg-reconfigure >/dev/null && echo dpkg=yes',
    ].join('; ');
    const r = await ctx.conn.exec(`${read}; true`, { become: ctx.become });
    const v = Object.fromEntries(r.stdout.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]));
    if (v.zone !== 'yes') throw new ModuleError(`Error message:\ngiven timezone "${name}" is not available`);
    const linked = (v.link ?? '').replace(/^.*\/zoneinfo\//, '');
    const current = v.current || linked;
    const diff = [{ before: json({ name: current }), after: json({ name }) }];
    if (current === name && (systemd || linked === name)) return { state: 'ok', result: { diff: { before: { name: current }, after: { name } } } };
    const steps = systemd
      ? [`timedatectl set-timezone ${shq(name)}`]
      : [
          `printf '%s\\n' ${shq(name)} > /etc/timezone`,
          `ln -sf ${shq(`${ZONES}/${name}`)} /etc/localtime`,
          ...(v.dpkg === 'yes' ? ['DEBIAN_FRONTEND=noninteractive dpkg-reconfigure --frontend noninteractive tzdata >/dev/null 2>&1'] : []),
        ];
    return {
      state: 'change',
      steps: [runStep(steps.join(' && '))],
      summary: `time zone ${current || '(none)'} -> ${name}`,
      diff,
      apply: async () => {
        const w = await ctx.conn.exec(steps.join(' && '), { become: ctx.become });
        if (w.rc !== 0) throw new ModuleError(`cannot set the time zone to ${name}: ${w.stderr.trim() || `rc ${w.rc}`}`);
        return { msg: systemd ? `executed \`/usr/bin/timedatectl set-timezone ${name}\`` : `Added 1 line and deleted ${current ? 1 : 0} line(s) on /etc/timezone` };
      },
    };
  },
};

function json(v: unknown): string {
  return `${JSON.stringify(v, null, 4)}\n`;
}

export default timezone;
