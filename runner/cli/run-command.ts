/** `showrunner run`: load and check everything, then run the playbook and show what happened. */
import { basename, resolve } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { loadPlaybook, LoadError, loadErrorsToText, displayPath } from '../load/index.js';
import { clearVarsFileCache, hostInventoryVars, loadInventory, type Inventory } from '../inventory/index.js';
import { parseExtraVars } from '../vars/extra-vars.js';
import { runPlaybook, ExitCode } from '../engine/run-playbook.js';
import { modules } from '../modules/registry.js';
import { HumanOutput } from '../output/human.js';
import { JsonOutput } from '../output/json-report.js';
import { htmlReport } from '../output/html-report.js';
import type { EngineEvent } from '../engine/events.js';
import { parseRunArgs, type CliRunOptions } from './options.js';
import { controllerReads, forgetControllerReads, readInputText } from '../plans/controller-reads.js';
import { PLAN_FORMAT, type SavedPlan } from '../plans/plan-file.js';
import { PlanRecorder } from '../plans/recorder.js';
import { PlanGate } from '../plans/gate.js';
import { newInputs, planInputs } from '../plans/inputs.js';
import { listHosts, listTasks } from './listing.js';
import { projectRoles } from './project-paths.js';
import { limitProblem } from './check-limit.js';
import { redact, setVaultSecrets } from '../vault/keyring.js';
import { loadVaultSecrets, vaultIdSpecs } from '../vault/passwords.js';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  tty: boolean;
  color: boolean;
}

export async function runCommand(argv: string[], plainIo: Io): Promise<number> {
  return runWith(parseRunArgs(argv), plainIo);
}

/** Applying a saved plan: the run is checked against it (see plans/gate.ts). */
export interface ApplyingPlan {
  plan: SavedPlan;
  /** The plan file, as the user named it. */
  name: string;
}

/** A run with options already parsed (`run`, and `apply` with the options of the plan). */
export async function runWith(o: CliRunOptions, plainIo: Io, applying?: ApplyingPlan): Promise<number> {
  // Whatever a vault decrypts is a secret: everything this run prints is redacted.
  const io: Io = { ...plainIo, out: (s) => plainIo.out(redact(s)), err: (s) => plainIo.err(redact(s)) };
  forgetControllerReads();
  clearVarsFileCache(); // every vars file is read again, and so counted as an input of this run
  let playbook, inventory: Inventory, extraVars;
  try {
    setVaultSecrets(await loadVaultSecrets(vaultIdSpecs(o.vault)));
    inventory = await loadInventory(o.inventories);
    extraVars = await parseExtraVars(o.extraVars);
    playbook = await loadPlaybook(resolve(o.playbook), { modules, roleSearchPaths: [projectRoles] });
    if (o.limit?.startsWith('@')) o.limit = readInputText(o.limit.slice(1)).split(/\s+/).filter(Boolean).join(',');
    const noHosts = o.limit === undefined ? undefined : limitProblem(inventory, o.limit);
    if (noHosts) throw new Error(noHosts);
  } catch (e) {
    io.err(`ERROR: ${formatLoadError(e)}\n`);
    return ExitCode.badInput;
  }
  if (applying) {
    // Everything is loaded and nothing is connected yet: a file the plan never read refuses it here
    // (the hosts' group_vars and host_vars too, read now rather than when each play starts).
    for (const host of Object.keys(applying.plan.hosts)) await hostInventoryVars(inventory, host, playbook.dir).catch(() => undefined);
    const added = newInputs(applying.plan.inputs, controllerReads());
    if (added.length) return refuseApply(applying.name, added, o.json, io);
    if (!o.json) io.out(`Applying ${applying.name} (made ${applying.plan.made_at}): each task is checked against its saved plan first.\n`);
  }
  if (o.syntaxCheck) {
    // Includes are checked when reached (as in Ansible): what could not be checked now is said here.
    for (const d of playbook.deferred) io.out(`[WARNING]: ${displayPos(d.pos)}: ${d.message}\n`);
    io.out(`\nplaybook: ${playbook.path}\n`);
    return ExitCode.ok;
  }
  if (o.listHosts) { io.out(listHosts(playbook, inventory, o.limit)); return ExitCode.ok; }
  if (o.listTasks) { io.out(listTasks(playbook, { only: o.tags, skip: o.skipTags })); return ExitCode.ok; }

  const json = o.json || o.report || o.planOut ? new JsonOutput() : undefined;
  const human = o.json ? undefined : new HumanOutput({ write: io.out, color: io.color, tty: io.tty, verbosity: o.verbosity });
  const emit = (e: EngineEvent) => { json?.handle(e); human?.handle(e); };
  const recorder = o.planOut ? new PlanRecorder() : undefined;
  const summary = await runPlaybook({
    playbook, inventory, modules, emit, plans: recorder ?? (applying ? new PlanGate(applying.plan, applying.name) : undefined),
    options: {
      check: o.check, diff: o.diff, limit: o.limit, tags: o.tags, skipTags: o.skipTags, extraVars, forks: o.forks,
      startAtTask: o.startAtTask, verbosity: o.verbosity, hostKeyChecking: o.hostKeyChecking, connectTimeoutMs: o.timeoutSec * 1000,
    },
  });
  if (json) json.report.exit_code = summary.exitCode;
  if (recorder && json && o.planOut) {
    const plan: SavedPlan = {
      showrunner_plan: PLAN_FORMAT, made_at: new Date().toISOString(), inputs: planInputs(o, controllerReads()),
      hosts: recorder.inOrder(json.report.plays.flatMap((p) => p.hosts)), report: json.report,
    };
    await writeFile(o.planOut, redact(JSON.stringify(plan, null, 1)) + '\n', { mode: 0o600 });
    if (!o.json) io.out(`\nThe plan is saved in ${o.planOut}: \`showrunner apply ${o.planOut}\` carries it out, \`showrunner show ${o.planOut}\` lists it.\n`);
  }
  if (o.report && json) await writeFile(o.report, redact(htmlReport(json.report, `Showrunner: ${basename(o.playbook)}`)));
  if (o.json && json) {
    io.out(JSON.stringify(json.report, null, 2) + '\n');
  } else if (o.verbosity > 0) {
    io.out(`${[...summary.roundTrips].map(([h, n]) => `${h}: ${n} round trips`).join(', ')}; ${(summary.elapsedMs / 1000).toFixed(2)} s\n`);
  }
  return summary.exitCode;
}

/** The inputs changed since the plan was made: nothing is run (exit 7), the files are named. */
export function refuseApply(planName: string, changes: string[], json: boolean, io: Io): number {
  const msg = `apply refused: the inputs of ${planName} changed since it was made, so nothing was run (make a new plan with run --check --plan-out)`;
  if (json) io.out(JSON.stringify({ refused: msg, changed_inputs: changes, exit_code: ExitCode.inputsChanged }, null, 2) + '\n');
  else io.err(`ERROR: ${msg}:\n${changes.map((c) => `  ${c}`).join('\n')}\n`);
  return ExitCode.inputsChanged;
}

function displayPos(p: { file: string; line: number; col: number }): string {
  return `${displayPath(p.file)}:${p.line}:${p.col}`;
}

function formatLoadError(e: unknown): string {
  if (e instanceof AggregateError && e.errors.every((x) => x instanceof LoadError)) return loadErrorsToText(e.errors as LoadError[]);
  if (e instanceof LoadError) return loadErrorsToText([e]);
  const errs = (e as { errors?: unknown[] }).errors;
  if (Array.isArray(errs) && errs.length && errs.every((x) => x instanceof LoadError)) return loadErrorsToText(errs as LoadError[]);
  return e instanceof Error ? e.message : String(e);
}
