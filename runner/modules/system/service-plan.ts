/**
 * The plan shared by service and systemd: compare the wanted state and boot setting with the
 * probe, and list the commands that would bring the host there. restarted/reloaded always act.
 */
import { runStep } from '../plan-steps.js';
import type { ModuleContext, Plan, ModuleResult } from '../contract.js';
import { ModuleError } from '../contract.js';
import { toBool } from './coerce.js';
import { probeService, managerOf, actionCommand, enableCommand, type Action, type ServiceState } from './service-probe.js';
import { shq } from '../../connections/connection.js';
import type { SystemdArgs } from '../../types/module-args.js';

/** What the plan reads, systemd's aliases resolved (service's arguments are a subset of systemd's). */
export type ServicePlanArgs = Pick<SystemdArgs, 'name' | 'state' | 'enabled' | 'masked' | 'daemon_reload'>;

interface Step { what: string; command: string }

export async function planService(ctx: ModuleContext, args: ServicePlanArgs): Promise<Plan> {
  const mgr = managerOf(ctx.facts.ansible_service_mgr);
  const daemonReload = toBool(args.daemon_reload) && mgr === 'systemd';
  const enabled = args.enabled === undefined ? undefined : toBool(args.enabled);
  const masked = args.masked === undefined ? undefined : toBool(args.masked);
  const name = args.name;
  if (!name) {
    if (!daemonReload) throw new ModuleError('missing required arguments: name');
    return runOnly(ctx, 'systemd daemon-reload', 'systemctl daemon-reload');
  }
  if (!args.state && enabled === undefined && masked === undefined) {
    if (daemonReload) return runOnly(ctx, 'systemd daemon-reload', 'systemctl daemon-reload');
    throw new ModuleError('one of the following is required: state, enabled, masked, daemon_reload');
  }

  const promised = ctx.promised.services.get(name);
  let current: ServiceState = await probeService(ctx.conn, ctx.become, mgr, name);
  let note = '';
  let unknown = false;
  if (!current.exists) {
    if (promised) current = { exists: true, running: !!promised.running, enabled: !!promised.enabled };
    else if (ctx.promised.packages.get(name) === 'present' && ctx.facts.ansible_os_family === 'Debian') {
      // Debian's packages start and enable their service on install: the real run will find it so.
      current = { exists: true, running: true, enabled: true };
      note = ' (its package, which an earlier task would install, starts it)';
    } else if (ctx.promised.packages.get(name) === 'present') {
      // Elsewhere a package installs its service stopped and disabled.
      current = { exists: true, running: false, enabled: false };
      note = ' (its package would be installed by an earlier task)';
    } else if (ctx.promised.anyPackageInstalled) {
      // Some package an earlier task would install may bring it, or may not: the plan cannot know.
      current = { exists: true, running: false, enabled: false };
      unknown = true;
      note = ' (not on the host yet: a package an earlier task would install may bring it, or not)';
    } else {
      throw new ModuleError(`Could not find the requested service ${name}: host`, { name, msg: `Could not find the requested service ${name}: host` });
    }
  }

  const steps: Step[] = [];
  if (daemonReload && current.needsDaemonReload) steps.push({ what: 'daemon-reload', command: 'systemctl daemon-reload' });
  if (masked !== undefined && masked !== !!current.masked) {
    steps.push({ what: masked ? 'mask' : 'unmask', command: `systemctl ${masked ? 'mask' : 'unmask'} ${shq(name)}` });
  }
  if (enabled !== undefined && enabled !== current.enabled) {
    steps.push({ what: enabled ? 'enable' : 'disable', command: enableCommand(mgr, name, enabled) });
  }
  let action: Action | undefined;
  switch (args.state) {
    case 'started': if (!current.running) action = 'start'; break;
    case 'stopped': if (current.running) action = 'stop'; break;
    case 'restarted': action = current.running ? 'restart' : 'start'; break;
    case 'reloaded': action = current.running ? 'reload' : 'start'; break;
  }
  if (action) steps.push({ what: action, command: actionCommand(mgr, name, action) });

  const after = {
    running: action ? action !== 'stop' : current.running,
    enabled: enabled ?? current.enabled,
  };
  const result: ModuleResult = { name, state: after.running ? 'started' : 'stopped', enabled: after.enabled };
  if (steps.length === 0) return { state: 'ok', result };
  const show = (s: { running: boolean; enabled: boolean }) => `state: ${s.running ? 'started' : 'stopped'}\nenabled: ${s.enabled}\n`;
  return {
    state: unknown ? 'unknown' : 'change',
    summary: `${steps.map((s) => s.what).join(', ')} ${name}${note}`,
    diff: [{ before: show(current), after: show(after), before_header: `service ${name}`, after_header: `service ${name}` }],
    steps: steps.map((s) => runStep(s.command, s.what)),
    result,
    promise: (p) => p.services.set(name, after),
    apply: async () => {
      for (const step of steps) {
        const r = await ctx.conn.exec(step.command, { become: ctx.become });
        if (r.rc !== 0) {
          const out = (r.stderr.trim() || r.stdout.trim());
          return { ...result, failed: true, rc: r.rc, stdout: r.stdout, stderr: r.stderr, msg: `Unable to ${step.what} service ${name}: ${out}` };
        }
      }
      return result;
    },
  };
}

/**
 * daemon-reload on its own: done on every real run, as Ansible does, and never a change (Ansible
 * reports it ok): an ok plan whose settle step runs the command.
 */
function runOnly(ctx: ModuleContext, summary: string, command: string): Plan {
  return {
    state: 'ok',
    summary,
    steps: [{ run: command, what: summary }],
    settle: async () => {
      const r = await ctx.conn.exec(command, { become: ctx.become });
      if (r.rc !== 0) return { failed: true, rc: r.rc, msg: `${command} failed: ${r.stderr.trim()}` };
    },
  };
}
