/**
 * The plan shared by yum and dnf (their arguments and yes/no semantics are the same here):
 * install what rpm does not know, update what check-update lists, remove what is installed.
 */
import { progressLines } from './progress.js';
import { runStep } from '../plan-steps.js';
import type { ModuleContext, ModuleResult, Plan } from '../contract.js';
import { ModuleError } from '../contract.js';
import { shq } from '../../connections/connection.js';
import { toBool, toList } from './coerce.js';
import { probeRpm } from './yum-probe.js';
import type { DnfArgs, YumArgs } from '../../types/module-args.js';


interface Step { label: string; command: string }

export async function planYum(ctx: ModuleContext, tool: 'yum' | 'dnf', args: YumArgs | DnfArgs): Promise<Plan> {
  const specs = toList(args.name ?? args.pkg);
  const state = args.state === 'installed' ? 'present' : args.state === 'removed' ? 'absent' : (args.state ?? 'present');
  const opts = [
    ...toList(args.enablerepo).map((r) => `--enablerepo=${shq(r)}`),
    ...toList(args.disablerepo).map((r) => `--disablerepo=${shq(r)}`),
    ...toList(args.exclude).map((r) => `--exclude=${shq(r)}`),
    ...(toBool(args.disable_gpg_check) ? ['--nogpgcheck'] : []),
  ].join(' ');
  const cmd = `${tool} -y ${opts}`.replace(/\s+$/, '');
  const updateCache = toBool(args.update_cache);
  const result: ModuleResult = { results: [], rc: 0 };

  if (!specs.length) {
    if (!updateCache) throw new ModuleError('name is required');
    return runOnly(ctx, `${tool} makecache`, `${tool} -q ${opts} makecache`.replace(/\s+/g, ' '), { msg: 'Cache updated', ...result });
  }
  if (specs.length === 1 && specs[0] === '*') return planUpdateAll(ctx, tool, cmd, opts, state, result);
  const plain = specs.filter((s) => !s.includes('/') && !s.endsWith('.rpm'));
  const checkUpdate = state === 'latest' ? `${tool} -q ${opts} check-update ${plain.map(shq).join(' ')}` : undefined;
  const probe = await probeRpm(ctx.conn, ctx.become, specs, checkUpdate);
  if (probe.checkFailed) throw new ModuleError(`${tool} check-update failed: ${probe.checkFailed}`);
  const promised = (name: string) => ctx.promised.packages.get(name);

  const steps: Step[] = [];
  const install = probe.items.filter((i) => !i.installed && promised(i.name) !== 'present' && state !== 'absent');
  const missingFiles = specs.filter((s) => (s.includes('/') || s.endsWith('.rpm')) && !probe.items.some((i) => i.spec === s));
  if (missingFiles.length) throw new ModuleError(`No RPM file matching '${missingFiles[0]}' found on system`);
  if (install.length) {
    steps.push({ label: `install ${install.map((i) => i.name || i.spec).join(', ')}`, command: `${cmd} install ${install.map((i) => shq(i.file ?? i.spec)).join(' ')}` });
  }
  const upgrade = state === 'latest' ? probe.items.filter((i) => i.installed && probe.updates.has(i.name)) : [];
  if (upgrade.length) {
    steps.push({
      label: `upgrade ${upgrade.map((i) => `${i.name} (${i.version} -> ${probe.updates.get(i.name)})`).join(', ')}`,
      command: `${cmd} update ${upgrade.map((i) => shq(i.name)).join(' ')}`,
    });
  }
  const remove = state === 'absent' ? probe.items.filter((i) => i.installed && promised(i.name) !== 'absent') : [];
  if (remove.length) steps.push({ label: `remove ${remove.map((i) => i.name).join(', ')}`, command: `${cmd} remove ${remove.map((i) => shq(i.name)).join(' ')}` });
  if (!steps.length) return { state: 'ok', result: { ...result, msg: '' } };
  if (updateCache) steps.unshift({ label: `${tool} makecache`, command: `${tool} -q ${opts} makecache` });

  const line = (i: { name: string; version?: string }) => `${i.name}${i.version ? ` ${i.version}` : ''}\n`;
  return {
    state: 'change',
    summary: steps.filter((s) => !s.label.endsWith('makecache')).map((s) => s.label).join('; '),
    diff: [{
      before: [...upgrade, ...remove].map(line).join(''),
      after: [...install.map((i) => ({ name: i.name || i.spec })), ...upgrade.map((i) => ({ name: i.name, version: probe.updates.get(i.name) }))].map(line).join(''),
      before_header: 'installed packages', after_header: `packages after ${tool}`,
    }],
    result,
    steps: steps.map((s) => runStep(s.command, s.label)),
    promise: (p) => {
      for (const i of [...install, ...upgrade]) p.packages.set(i.name || i.spec, 'present');
      for (const i of remove) p.packages.set(i.name, 'absent');
    },
    apply: async () => {
      const out: string[] = [];
      for (const step of steps) {
        ctx.progress(step.label);
        const r = await ctx.conn.exec(`LC_ALL=C; export LC_ALL; ${step.command}`, { become: ctx.become, onOutput: progressLines(ctx) });
        out.push(r.stdout);
        if (r.rc !== 0) return { ...result, failed: true, rc: r.rc, msg: `${step.command}: ${r.stderr.trim() || r.stdout.trim().split('\n').pop()}`, results: out };
      }
      return { ...result, results: out };
    },
  };
}

/** `name: '*'` with `state: latest`: update what check-update lists (never `install *`), as Ansible's yum does. */
async function planUpdateAll(ctx: ModuleContext, tool: 'yum' | 'dnf', cmd: string, opts: string, state: string, result: ModuleResult): Promise<Plan> {
  if (state !== 'latest') throw new ModuleError(`name '*' needs state: latest (it updates every installed package)`);
  const probe = await probeRpm(ctx.conn, ctx.become, [], `${tool} -q ${opts} check-update`);
  if (probe.checkFailed) throw new ModuleError(`${tool} check-update failed: ${probe.checkFailed}`);
  if (!probe.updates.size) return { state: 'ok', result: { ...result, msg: 'Nothing to do' } };
  const names = [...probe.updates.keys()];
  return {
    state: 'change',
    summary: `upgrade ${names.length} package(s): ${names.join(', ')}`,
    diff: [{ before: '', after: names.map((n) => `${n} ${probe.updates.get(n)}\n`).join(''), before_header: 'installed packages', after_header: `updates from ${tool}` }],
    result,
    steps: [runStep(`${cmd} update`)],
    promise: (p) => { for (const n of names) p.packages.set(n, 'present'); },
    apply: async () => {
      ctx.progress(`${tool} update (${names.length} packages)`);
      const r = await ctx.conn.exec(`LC_ALL=C; export LC_ALL; ${cmd} update`, { become: ctx.become, onOutput: progressLines(ctx) });
      if (r.rc !== 0) return { ...result, failed: true, rc: r.rc, msg: `${cmd} update: ${r.stderr.trim() || r.stdout.trim().split('\n').pop()}` };
      return { ...result, results: [r.stdout] };
    },
  };
}

/** makecache alone: run on every real run and never a change (Ansible says ok): an ok plan that settles. */
function runOnly(ctx: ModuleContext, summary: string, command: string, result: ModuleResult): Plan {
  return {
    state: 'ok',
    summary,
    result,
    steps: [{ run: command, what: summary }],
    settle: async () => {
      const r = await ctx.conn.exec(command, { become: ctx.become });
      if (r.rc !== 0) return { ...result, failed: true, rc: r.rc, msg: r.stderr.trim() };
      return result;
    },
  };
}
