/** A whole playbook run: plays in order, one connection per host for all of them, the recap. */
import type { Playbook } from '../load/ir.js';
import type { Inventory } from '../inventory/index.js';
import type { EventSink } from './events.js';
import type { HostState } from './host-state.js';
import { forksFor, type RunOptions } from './run-options.js';
import type { ModuleLookup, RunContext } from './run-context.js';
import type { HostStats } from './results.js';
import { Semaphore } from './semaphore.js';
import { runPlay } from './run-play.js';
import { closeAll } from './connect.js';
import { displayPath } from '../load/index.js';
import type { PlanHook } from './plan-hook.js';

/** Exit codes, as ansible-playbook's: scripts rely on them. */
export const ExitCode = { ok: 0, error: 1, hostFailed: 2, hostUnreachable: 4, badInput: 5, planDrift: 6, inputsChanged: 7 } as const;

export interface RunSummary {
  stats: Map<string, HostStats>;
  exitCode: number;
  elapsedMs: number;
  /** Round trips per host (commands and transfers), for -v and the benchmark. */
  roundTrips: Map<string, number>;
}

export async function runPlaybook(args: {
  playbook: Playbook; inventory: Inventory; options: RunOptions; modules: ModuleLookup; emit: EventSink; plans?: PlanHook;
}): Promise<RunSummary> {
  const started = Date.now();
  const hosts = new Map<string, HostState>();
  const delegates = { pending: new Map<string, Promise<HostState>>(), ready: new Map<string, HostState>() };
  const rctx: RunContext = { ...args, hosts, delegates, forks: new Semaphore(forksFor(args.options, args.inventory.hosts.size)), includeLoads: new WeakMap() };
  args.emit({ type: 'playbook-start', path: args.playbook.path, check: args.options.check });
  // Included files with errors fail a host only when reached (as in Ansible); -v says so up front.
  if (args.options.verbosity > 0) {
    for (const d of args.playbook.deferred) if (d.kind === 'errors') args.emit({ type: 'warning', message: `${displayPath(d.pos.file)}:${d.pos.line}:${d.pos.col}: ${d.message}` });
  }
  try {
    for (const play of args.playbook.plays) if ((await runPlay(rctx, play)) === 'stop') break;
  } finally {
    await closeAll([...hosts.values(), ...[...delegates.ready.values()].filter((h) => !hosts.has(h.name))]);
  }
  const stats = new Map([...hosts].filter(([, h]) => h.played).map(([n, h]) => [n, h.stats]));
  const elapsedMs = Date.now() - started;
  args.emit({ type: 'recap', stats, elapsedMs });
  const all = [...hosts.values()];
  const exitCode = all.some((h) => h.unreachable) ? ExitCode.hostUnreachable
    : all.some((h) => h.drifted !== undefined) ? ExitCode.planDrift
    : all.some((h) => h.failed || h.stats.failed > 0) ? ExitCode.hostFailed : ExitCode.ok;
  return { stats, exitCode, elapsedMs, roundTrips: new Map(all.map((h) => [h.name, h.conn?.roundTrips ?? 0])) };
}
