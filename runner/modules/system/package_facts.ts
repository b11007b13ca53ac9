/**
 * package_facts: the installed packages as the fact `packages` (name -> list of {name, version,
 * arch, ...}, one entry per installed version), from dpkg-query (apt) or rpm, in one command.
 * Changes nothing. dpkg knows no package's origin: `origin` is what its status file says (often '').
 */
import schema from '../../../schemas/modules/package_facts.json' with { type: 'json' };
import { ModuleError, type ModuleDefinition } from '../contract.js';
import type { PackageFactsArgs } from '../../types/module-args.js';

const DPKG = `dpkg-query -W -f='\${db:Status-Status}\\t\${Package}\\t\${Version}\\t\${Architecture}\\t\${Section}\\t\${Origin}\\n'`;
const RPM = `rpm -qa --qf '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'`;

const packageFacts: ModuleDefinition<PackageFactsArgs> = {
  name: 'package_facts',
  schema,
  async plan(ctx, args) {
    const wanted = [args.manager ?? 'auto'].flat();
    const managers = wanted.includes('auto') ? [ctx.facts.ansible_pkg_mgr === 'apt' ? 'apt' : 'rpm'] : wanted;
    const packages: Record<string, Record<string, unknown>[]> = {};
    for (const m of managers) {
      if (m !== 'apt' && m !== 'rpm') throw new ModuleError(`unsupported package manager: ${m} (apt and rpm are)`);
      const r = await ctx.conn.exec(m === 'apt' ? DPKG : RPM, { become: ctx.become });
      if (r.rc !== 0) throw new ModuleError(`Could not detect a supported package manager from the following list: ['${m}']: ${r.stderr.trim()}`);
      for (const p of m === 'apt' ? parseDpkg(r.stdout) : parseRpm(r.stdout)) (packages[p.name as string] ??= []).push(p);
    }
    return { state: 'ok', result: { ansible_facts: { packages } } };
  },
};

export function parseDpkg(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').map((l) => l.split('\t')).filter((f) => f[0] === 'installed' && f[1])
    .map(([, name, version, arch, category, origin]) => ({ name, version, arch, category, origin: origin ?? '', source: 'apt' }));
}

export function parseRpm(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').map((l) => l.split('\t')).filter((f) => f[0])
    .map(([name, version, release, epoch, arch]) => ({ name, version, release, epoch: /^\d+$/.test(epoch ?? '') ? Number(epoch) : null, arch, source: 'rpm' }));
}

export default packageFacts;
