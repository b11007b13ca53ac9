/**
 * apt: install, upgrade or remove Debian packages, refresh the cache, upgrade the system. The
 * plan comes from apt-get's own simulation, so it names every package and version that would
 * change (dependencies included); apply runs the same apt-get commands for real.
 */
import { runStep } from '../plan-steps.js';
import { progressLines } from './progress.js';
import type { ModuleDefinition, ModuleContext, ModuleResult, Plan } from '../contract.js';
import { ModuleError } from '../contract.js';
import schema from '../../../schemas/modules/apt.json' with { type: 'json' };
import { toBool, toInt, toList } from './coerce.js';
import { answerFrom, probeApt, upgradeCommand, APT_ENV, type AptItem, type AptProbeRequest } from './apt-probe.js';
import { parseSimulation, parseListing, describeChanges, changesDiff, aptError, type PackageChange } from './apt-simulation.js';
import type { AptArgs } from '../../types/module-args.js';

function items(names: string[]): AptItem[] {
  return names.map((n) => {
    const i = n.indexOf('=');
    return i > 0 ? { name: n.slice(0, i), version: n.slice(i + 1) } : { name: n };
  });
}

function upgradeKind(v: AptArgs['upgrade']): 'safe' | 'full' | 'dist' | undefined {
  if (v === undefined || v === false || v === 'no') return undefined;
  if (v === true || v === 'yes' || v === 'safe') return 'safe';
  return v;
}

function options(args: AptArgs): string[] {
  const o = (args.dpkg_options ?? 'force-confdef,force-confold').split(',').filter((s) => s).map((s) => `-o Dpkg::Options::=--${s.trim()}`);
  const rec = args.install_recommends ?? args['install-recommends'];
  if (rec !== undefined) o.push(toBool(rec) ? '--install-recommends' : '--no-install-recommends');
  const release = args.default_release ?? args['default-release'];
  if (release) o.push(`-t ${release.replace(/[^\w.~+-]/g, '')}`);
  if (toBool(args.only_upgrade)) o.push('--only-upgrade');
  if (toBool(args.allow_downgrade)) o.push('--allow-downgrades');
  return o;
}

interface Step { label: string; command: string }

export async function planApt(ctx: ModuleContext, args: AptArgs): Promise<Plan> {
  let names = toList(args.name ?? args.pkg ?? args.package);
  const state = args.state === 'installed' ? 'present' : args.state === 'removed' ? 'absent' : (args.state ?? 'present');
  const purge = toBool(args.purge);
  let upgrade = upgradeKind(args.upgrade);
  // `name: '*'` with `state: latest` upgrades what is installed (as Ansible's apt), never installs everything.
  if (names.length === 1 && names[0] === '*') {
    if (state !== 'latest') throw new ModuleError(`name '*' needs state: latest (it upgrades every installed package)`);
    names = [];
    upgrade = upgrade ?? 'safe';
  }
  const autoremove = toBool(args.autoremove);
  const updateCache = toBool(args.update_cache ?? args['update-cache']);
  const validFor = toInt(args.cache_valid_time, 'cache_valid_time') ?? 0;
  const opts = options(args);
  const wanted = items(names).filter((i) => ctx.promised.packages.get(i.name) !== (state === 'absent' ? 'absent' : 'present') || state === 'latest');
  const req: AptProbeRequest = {
    present: state === 'present' ? wanted : [],
    latest: state === 'latest' ? wanted : [],
    absent: state === 'absent' ? wanted : [],
    purge, upgrade, autoremove, options: opts,
  };
  const probe = await readApt(ctx, req, updateCache && validFor > 0 ? validFor : undefined);
  const cacheStale = updateCache && (validFor <= 0 || probe.now - probe.cacheTime > validFor);

  const steps: Step[] = [];
  const changes: PackageChange[] = [];
  const apt = `apt-get -y -q ${opts.join(' ')}`;
  const sections: [string, string][] = [
    ['upgrade', upgrade ? `${apt} ${upgradeCommand(upgrade)}` : ''],
    ['install', ''], ['remove', ''],
    ['autoremove', `${apt} autoremove${purge ? ' --purge' : ''}`],
  ];
  for (const [key, command] of sections) {
    const sim = probe.sections.get(key);
    if (!sim) continue;
    if (sim.rc !== 0) {
      const err = aptError(sim.output);
      const missing = /Unable to locate package (\S+)/.exec(err);
      const msg = missing ? `No package matching '${missing[1]}' is available` : `apt-get ${key} would fail: ${err}`;
      throw new ModuleError(msg, { msg, stdout: sim.output });
    }
    const found = sim.changes ?? [];
    if (!found.length) continue;
    changes.push(...found);
    const pkgs = found.map((c) => c.name);
    if (key === 'install') {
      const asked = [...req.present.filter((i) => pkgs.includes(i.name)), ...req.latest];
      steps.push({ label: `install ${asked.map((i) => i.name).join(', ')}`, command: `${apt} install ${asked.map(quoteItem).join(' ')}` });
    } else if (key === 'remove') {
      const asked = req.absent.filter((i) => pkgs.includes(i.name));
      steps.push({ label: `remove ${asked.map((i) => i.name).join(', ')}`, command: `${apt} remove${purge ? ' --purge' : ''} ${asked.map((i) => quoteItem({ name: i.name })).join(' ')}` });
    } else steps.push({ label: key, command });
  }

  // In a dry run, a package an earlier task would install is there by the time this task runs.
  const installedEarlier = req.absent.filter((i) => ctx.promised.packages.get(i.name) === 'present' && !changes.some((c) => c.name === i.name));
  if (installedEarlier.length) {
    changes.push(...installedEarlier.map((i) => ({ name: i.name, from: 'installed by an earlier task' })));
    steps.push({ label: `remove ${installedEarlier.map((i) => i.name).join(', ')}`, command: `${apt} remove${purge ? ' --purge' : ''} ${installedEarlier.map((i) => quoteItem({ name: i.name })).join(' ')}` });
  }

  const onlyCache = !names.length && !upgrade && !autoremove;
  const base: ModuleResult = { cache_updated: false, cache_update_time: probe.cacheTime };
  if (!steps.length && !(onlyCache && cacheStale)) return { state: 'ok', result: base };
  if (cacheStale) steps.unshift({ label: 'update the apt cache', command: 'apt-get update -q && mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/update-success-stamp' });

  const summary = onlyCache ? 'update the apt cache' : describeChanges(changes);
  const diff = changes.length ? [{ ...changesDiff(changes), before_header: 'installed packages', after_header: 'packages after apt-get' }] : undefined;
  return {
    state: 'change',
    summary,
    diff,
    steps: steps.map((s) => runStep(s.command, s.label)),
    result: base,
    promise: (p) => {
      for (const c of changes) p.packages.set(c.name, c.to ? 'present' : 'absent');
      for (const i of wanted) p.packages.set(i.name, state === 'absent' ? 'absent' : 'present');
    },
    apply: () => applySteps(ctx, steps, base, cacheStale),
  };
}

type Section = { output: string; rc: number; changes?: PackageChange[] };

/**
 * The host's apt state for this request, each section's changes read: from the package states
 * read ahead when apt-get would be asked nothing (and, with `staleAfter`, the cache's age is not
 * within the clock's margin of it); else from apt-get's listing when every section's listing
 * reads cleanly; else (an error to report word for word, a listing this apt words differently)
 * from its simulation, asked for in a second read.
 */
async function readApt(ctx: ModuleContext, req: AptProbeRequest, staleAfter?: number): Promise<{ now: number; cacheTime: number; sections: Map<string, Section> }> {
  const states = ctx.knownPackages?.states(ctx.become);
  const known = states && answerFrom(states, req);
  if (known && (staleAfter === undefined || Math.abs(known.now - known.cacheTime - staleAfter) > known.nowWithin)) {
    return { ...known, sections: new Map([...known.sections].map(([k, s]) => [k, { ...s, changes: [] }])) };
  }
  const listed = await probeApt(ctx.conn, ctx.become, req, 'list');
  const sections = new Map<string, Section>();
  for (const [key, sim] of listed.sections) {
    // An empty section: nothing was left to ask apt-get about.
    const changes = sim.rc !== 0 ? undefined : sim.output.trim() ? parseListing(sim.output) : [];
    if (!changes) break;
    sections.set(key, { ...sim, changes });
  }
  if (sections.size === listed.sections.size) return { ...listed, sections };
  const simulated = await probeApt(ctx.conn, ctx.become, req, 'simulate');
  for (const [key, sim] of simulated.sections) sections.set(key, { ...sim, changes: sim.rc === 0 ? parseSimulation(sim.output) : [] });
  return { ...simulated, sections };
}

function quoteItem(i: AptItem): string {
  const s = i.version ? `${i.name}=${i.version}` : i.name;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

async function applySteps(ctx: ModuleContext, steps: Step[], base: ModuleResult, updating: boolean): Promise<ModuleResult> {
  const out: string[] = [];
  const err: string[] = [];
  const result: ModuleResult = { ...base };
  for (const step of steps) {
    ctx.progress(step.label);
    const r = await ctx.conn.exec(`${APT_ENV} ${step.command}`, { become: ctx.become, env: { DEBIAN_FRONTEND: 'noninteractive' }, onOutput: progressLines(ctx) });
    out.push(r.stdout);
    err.push(r.stderr);
    if (r.rc !== 0) {
      return { ...result, failed: true, rc: r.rc, stdout: out.join(''), stderr: err.join(''),
        msg: `'${step.command.split(' && ')[0]}' failed: ${aptError(r.stderr + '\n' + r.stdout)}` };
    }
    if (updating && step === steps[0]) { result.cache_updated = true; result.cache_update_time = Math.floor(Date.now() / 1000); }
  }
  const stdout = out.join('');
  const stderr = err.join('');
  return { ...result, stdout, stderr, stdout_lines: stdout.split('\n').filter((l) => l), stderr_lines: stderr.split('\n').filter((l) => l) };
}

const apt: ModuleDefinition<AptArgs> = {
  name: 'apt',
  schema,
  plan: planApt,
};

export default apt;
