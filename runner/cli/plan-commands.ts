/**
 * `showrunner apply PLAN` carries out a saved plan: its inputs are checked first (a changed file
 * refuses the whole apply before any host is reached), then the same playbook runs for real with
 * the plan's options, each task checked against its saved plan. `showrunner show PLAN` lists it,
 * `--html FILE` draws it as the run report does.
 */
import { parseArgs } from 'node:util';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readPlanFile, type SavedPlan } from '../plans/plan-file.js';
import type { JsonReport } from '../output/json-report.js';
import type { FileDiff } from '../modules/contract.js';
import { changedInputs } from '../plans/inputs.js';
import { planListing } from '../plans/listing.js';
import { htmlReport } from '../output/html-report.js';
import { refuseApply, runWith, type Io } from './run-command.js';
import { UsageError, type CliRunOptions } from './options.js';

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const { values: v, positionals } = asUsage(() => parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    json: { type: 'boolean' },
    diff: { type: 'boolean', short: 'D' },
    report: { type: 'string' },
    forks: { type: 'string', short: 'f' },
    timeout: { type: 'string', short: 'T' },
    verbose: { type: 'boolean', short: 'v', multiple: true },
    'no-host-key-checking': { type: 'boolean' },
    'vault-password-file': { type: 'string', multiple: true },
    'vault-id': { type: 'string', multiple: true },
    'ask-vault-pass': { type: 'boolean', short: 'J' },
  } }));
  if (positionals.length !== 1) throw new UsageError('which plan? (showrunner apply PLAN.json)');
  const name = positionals[0]!;
  const plan = readPlanFile(name);
  const changed = changedInputs(plan.inputs);
  if (changed.length) return refuseApply(name, changed, !!v.json, io);
  const forks = v.forks === undefined ? 10 : Number(v.forks);
  if (!Number.isInteger(forks) || forks < 1) throw new UsageError(`--forks needs a whole number above 0, got '${v.forks}'`);
  const timeoutSec = v.timeout === undefined ? 10 : Number(v.timeout);
  if (!(timeoutSec > 0)) throw new UsageError(`--timeout needs seconds above 0, got '${v.timeout}'`);
  const i = plan.inputs;
  const o: CliRunOptions = {
    playbook: i.playbook, inventories: i.inventories, extraVars: i.extra_vars, limit: i.limit, tags: i.tags, skipTags: i.skip_tags,
    startAtTask: i.start_at_task, check: false, diff: !!v.diff, forks, timeoutSec, json: !!v.json, report: v.report,
    syntaxCheck: false, listHosts: false, listTasks: false, hostKeyChecking: !v['no-host-key-checking'], verbosity: v.verbose?.length ?? 0,
    vault: { passwordFiles: v['vault-password-file'] ?? [], vaultIds: v['vault-id'] ?? [], askVaultPass: !!v['ask-vault-pass'] },
  };
  return runWith(o, io, { plan, name });
}

export async function showCommand(argv: string[], io: Io): Promise<number> {
  const { values: v, positionals } = asUsage(() => parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
    html: { type: 'string' }, 'no-diff': { type: 'boolean' },
  } }));
  if (positionals.length !== 1) throw new UsageError('which plan? (showrunner show PLAN.json [--html FILE])');
  const plan = readPlanFile(positionals[0]!);
  if (v.html) {
    await writeFile(v.html, htmlReport(withPlannedDiffs(plan), `Showrunner plan: ${basename(plan.inputs.playbook)} (${plan.made_at})`));
    return 0;
  }
  io.out(planListing(plan, { color: io.color, diff: !v['no-diff'] }));
  return 0;
}

/** The dry run's report with each cell's planned diffs (kept in the plan whatever --diff said). */
function withPlannedDiffs(plan: SavedPlan): JsonReport {
  const diffs = new Map<string, FileDiff[]>();
  for (const [host, tasks] of Object.entries(plan.hosts)) {
    for (const t of tasks) if (t.diff?.length) diffs.set(`${host} ${t.file}:${t.line}`, [...(diffs.get(`${host} ${t.file}:${t.line}`) ?? []), ...t.diff]);
  }
  const plays = plan.report.plays.map((p) => ({
    ...p,
    tasks: p.tasks.map((t) => ({
      ...t,
      hosts: Object.fromEntries(Object.entries(t.hosts).map(([h, r]) => {
        const d = diffs.get(`${h} ${t.file}:${t.line}`);
        return [h, d && !(r as { diff?: unknown }).diff ? { ...(r as object), diff: d } : r];
      })),
    })),
  }));
  return { ...plan.report, plays };
}

function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
