/**
 * service_facts: every service as the fact `services` (name -> {name, state, status, source}):
 * systemctl's units and unit files under systemd, `service --status-all` otherwise (its `?`
 * lines, state unknown, are left out as Ansible leaves them). Changes nothing.
 */
import schema from '../../../schemas/modules/service_facts.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { ServiceFactsArgs } from '../../types/module-args.js';

type Services = Record<string, { name: string; state: string; status?: string; source: string }>;

const serviceFacts: ModuleDefinition<ServiceFactsArgs> = {
  name: 'service_facts',
  schema,
  async plan(ctx) {
    const systemd = ctx.facts.ansible_service_mgr === 'systemd';
    const command = systemd
      ? 'systemctl list-units --no-pager --type service --all --plain --no-legend; echo "--files--"; systemctl list-unit-files --no-pager --type service --plain --no-legend'
      : 'service --status-all 2>&1';
    const r = await ctx.conn.exec(command, { become: ctx.become });
    if (r.rc !== 0 && systemd) throw new ModuleError(`Failed to list services: ${r.stderr.trim()}`);
    return { state: 'ok', result: { ansible_facts: { services: systemd ? parseSystemd(r.stdout) : parseSysv(r.stdout) } } };
  },
};

export function parseSysv(stdout: string): Services {
  const out: Services = {};
  for (const line of stdout.split('\n')) {
    const m = /^\s*\[ ([+-]) \]\s+(\S+)/.exec(line);
    if (m) out[m[2]!] = { name: m[2]!, state: m[1] === '+' ? 'running' : 'stopped', source: 'sysv' };
  }
  return out;
}

/** Units: `NAME LOAD ACTIVE SUB ...`; unit files: `NAME STATE PRESET`. */
export function parseSystemd(stdout: string): Services {
  const [units = '', files = ''] = stdout.split('--files--');
  const out: Services = {};
  for (const line of units.split('\n')) {
    const [name, , , sub] = line.trim().split(/\s+/);
    if (!name?.endsWith('.service')) continue;
    const state = sub === 'running' ? 'running' : sub === 'dead' || sub === 'exited' ? 'stopped' : sub === 'failed' ? 'failed' : (sub ?? 'unknown');
    out[name] = { name, state, status: 'unknown', source: 'systemd' };
  }
  for (const line of files.split('\n')) {
    const [name, status] = line.trim().split(/\s+/);
    if (!name?.endsWith('.service') || !status) continue;
    if (out[name]) out[name]!.status = status;
    else if (!name.includes('@')) out[name] = { name, state: 'inactive', status, source: 'systemd' };
  }
  return out;
}

export default serviceFacts;
