/** `showrunner run`: load and check everything, then run the playbook and show what happened. */
import { basename, resolve } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { loadPlaybook, LoadError, loadErrorsToText, displayPath } from '../load/index.js';
import { loadInventory, type Inventory } from '../inventory/index.js';
import { parseExtraVars } from '../vars/extra-vars.js';
import { runPlaybook, ExitCode } from '../engine/run-playbook.js';
import { modules } from '../modules/registry.js';
import { HumanOutput } from '../output/human.js';
import { JsonOutput } from '../output/json-report.js';
import { htmlReport } from '../output/html-report.js';
import type { EngineEvent } from '../engine/events.js';
import { parseRunArgs } from './options.js';
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
  const o = parseRunArgs(argv);
  // Whatever a vault decrypts is a secret: everything this run prints is redacted.
  const io: Io = { ...plainIo, out: (s) => plainIo.out(redact(s)), err: (s) => plainIo.err(redact(s)) };
  let playbook, inventory: Inventory, extraVars;
  try {
    setVaultSecrets(await loadVaultSecrets(vaultIdSpecs(o.vault)));
    inventory = await loadInventory(o.inventories);
    extraVars = await parseExtraVars(o.extraVars);
    playbook = await loadPlaybook(resolve(o.playbook), { modules, roleSearchPaths: [projectRoles] });
    if (o.limit?.startsWith('@')) o.limit = (await readFile(o.limit.slice(1), 'utf8')).split(/\s+/).filter(Boolean).join(',');
    const noHosts = o.limit === undefined ? undefined : limitProblem(inventory, o.limit);
    if (noHosts) throw new Error(noHosts);
  } catch (e) {
    io.err(`ERROR: ${formatLoadError(e)}\n`);
    return ExitCode.badInput;
  }
  if (o.syntaxCheck) {
    // Includes are checked when reached (as in Ansible): what could not be checked now is said here.
    for (const d of playbook.deferred) io.out(`[WARNING]: ${displayPos(d.pos)}: ${d.message}\n`);
    io.out(`\nplaybook: ${playbook.path}\n`);
    return ExitCode.ok;
  }
  if (o.listHosts) { io.out(listHosts(playbook, inventory, o.limit)); return ExitCode.ok; }
  if (o.listTasks) { io.out(listTasks(playbook, { only: o.tags, skip: o.skipTags })); return ExitCode.ok; }

  const json = o.json || o.report ? new JsonOutput() : undefined;
  const human = o.json ? undefined : new HumanOutput({ write: io.out, color: io.color, tty: io.tty, verbosity: o.verbosity });
  const emit = (e: EngineEvent) => { json?.handle(e); human?.handle(e); };
  const summary = await runPlaybook({
    playbook, inventory, modules, emit,
    options: {
      check: o.check, diff: o.diff, limit: o.limit, tags: o.tags, skipTags: o.skipTags, extraVars, forks: o.forks,
      startAtTask: o.startAtTask, verbosity: o.verbosity, hostKeyChecking: o.hostKeyChecking, connectTimeoutMs: o.timeoutSec * 1000,
    },
  });
  if (json) json.report.exit_code = summary.exitCode;
  if (o.report && json) await writeFile(o.report, redact(htmlReport(json.report, `Showrunner: ${basename(o.playbook)}`)));
  if (o.json && json) {
    io.out(JSON.stringify(json.report, null, 2) + '\n');
  } else if (o.verbosity > 0) {
    io.out(`${[...summary.roundTrips].map(([h, n]) => `${h}: ${n} round trips`).join(', ')}; ${(summary.elapsedMs / 1000).toFixed(2)} s\n`);
  }
  return summary.exitCode;
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
