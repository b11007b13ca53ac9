/**
 * hostname: the host's name, both the running one and the one kept for the next boot. Under
 * systemd through hostnamectl (as Ansible); otherwise /etc/hostname plus the `hostname` command
 * (Ansible's Debian strategy writes only /etc/hostname on a host without systemd and leaves the
 * running name as it was; here the running name follows too, and a difference in it is a change).
 */
import schema from '../../../schemas/modules/hostname.json' with { type: 'json' };
import { shq } from '../../connections/connection.js';
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { HostnameArgs } from '../../types/module-args.js';
import { runStep } from '../plan-steps.js';

const hostname: ModuleDefinition<HostnameArgs> = {
  name: 'hostname',
  schema,
  async plan(ctx, args) {
    const name = args.name.trim();
    if (name === '') throw new ModuleError('name cannot be blank');
    const systemd = args.use ? args.use === 'systemd' : ctx.facts.ansible_service_mgr === 'systemd';
    const read = systemd
      ? 'hostnamectl --transient; echo "|"; hostnamectl --static'
      : 'hostname; echo "|"; cat /etc/hostname 2>/dev/null || true';
    const r = await ctx.conn.exec(read, { become: ctx.become });
    if (r.rc !== 0) throw new ModuleError(`Command failed rc=${r.rc}, out=${r.stdout}, err=${r.stderr}`);
    const [running = '', permanent = ''] = r.stdout.split('|').map((s) => s.trim());
    const facts = { ansible_hostname: name.split('.')[0], ansible_nodename: name };
    const result = { name, ansible_facts: facts };
    if (running === name && permanent === name) return { state: 'ok', result };
    const steps = systemd
      ? [running !== name ? `hostnamectl set-hostname --transient ${shq(name)}` : '', permanent !== name ? `hostnamectl set-hostname --static ${shq(name)}` : '']
      : [running !== name ? `hostname ${shq(name)}` : '', permanent !== name ? `printf '%s\\n' ${shq(name)} > /etc/hostname` : ''];
    return {
      state: 'change',
      steps: [runStep(steps.filter(Boolean).join(' && '))],
      summary: `hostname ${permanent || running} -> ${name}`,
      diff: [{ before: `hostname = ${permanent || running}\n`, after: `hostname = ${name}\n` }],
      result,
      apply: async () => {
        const w = await ctx.conn.exec(steps.filter(Boolean).join(' && '), { become: ctx.become });
        if (w.rc !== 0) throw new ModuleError(`Command failed rc=${w.rc}, out=${w.stdout}, err=${w.stderr}`);
        return result;
      },
    };
  },
};


export default hostname;
