/** One play: pick its hosts, split them into serial batches, walk each batch. */
import type { Play, Vars } from '../load/ir.js';
import { matchHosts, hostInventoryVars } from '../inventory/index.js';
import { loadVarsFile } from '../load/index.js';
import { renderValue } from '../template/index.js';
import { HostState } from './host-state.js';
import type { RunContext, PlayContext } from './run-context.js';
import { LinearGate } from './linear-gate.js';
import { Program } from './program.js';
import { HostWalker } from './host-walker.js';
import { serialBatches } from './serial.js';
import { stepId } from './steps.js';
import { resolve } from 'node:path';

/** Returns 'stop' when the whole run must end (any_errors_fatal, max_fail_percentage), as Ansible's does. */
export async function runPlay(rctx: RunContext, play: Play): Promise<'go' | 'stop'> {
  const hosts = await playHosts(rctx, play);
  if (!hosts.length) {
    rctx.emit({ type: 'no-hosts', play, pattern: play.hosts });
    return 'go';
  }
  const varsFiles = await loadPlayVarsFiles(rctx, play);
  for (const batch of serialBatches(hosts, play.serial)) {
    // Like ansible-playbook: batches are cut from every host of the play, each gets its header.
    rctx.emit({ type: 'play-start', play, hosts: batch });
    const live = batch.filter((h) => !rctx.hosts.get(h)!.out);
    if (!live.length) continue;
    const pctx: PlayContext = { ...rctx, play, varsFiles, playHosts: hosts, batchHosts: live, runOnce: new Map(), includeSteps: new Map() };
    const program = new Program(play, { only: rctx.options.tags, skip: rctx.options.skipTags }, rctx.options.startAtTask);
    const gate = play.strategy === 'linear'
      ? new LinearGate(live, (pos) => {
          rctx.emit({ type: 'task-end', id: stepId(pos) });
          checkFailPercentage(pctx, live);
        })
      : undefined;
    await Promise.all(live.map((h) => new HostWalker(pctx, rctx.hosts.get(h)!, program, gate).walk()));
    if (pctx.aborted) {
      rctx.emit({ type: 'play-abort', play, reason: pctx.aborted });
      return pctx.aborted === 'end_play' ? 'go' : 'stop';
    }
    if (live.every((h) => rctx.hosts.get(h)!.out)) break; // a whole batch failed: the play stops
  }
  return 'go';
}

/** Hosts of the play: the pattern, --limit, minus hosts that failed earlier in the run. */
async function playHosts(rctx: RunContext, play: Play): Promise<string[]> {
  let names = matchHosts(rctx.inventory, play.hosts);
  if (rctx.options.limit) {
    const allowed = new Set(matchHosts(rctx.inventory, rctx.options.limit));
    names = names.filter((n) => allowed.has(n));
  }
  for (const n of names) {
    if (!rctx.hosts.has(n)) {
      rctx.hosts.set(n, (await rctx.delegates.pending.get(n)) ?? new HostState(n, await hostInventoryVars(rctx.inventory, n, rctx.playbook.dir)));
    }
    rctx.hosts.get(n)!.played = true;
  }
  const live = names.filter((n) => !rctx.hosts.get(n)!.out);
  return play.serial ? names : live;
}

async function loadPlayVarsFiles(rctx: RunContext, play: Play): Promise<Vars> {
  const out: Vars = {};
  for (const f of play.varsFiles) {
    const name = String(renderValue(f, { ...play.vars, ...rctx.options.extraVars }));
    Object.assign(out, await loadVarsFile(resolve(rctx.playbook.dir, name)));
  }
  return out;
}

function checkFailPercentage(pctx: PlayContext, batch: string[]): void {
  const pct = pctx.play.maxFailPercentage;
  if (pct === undefined || pctx.aborted) return;
  const failed = batch.filter((h) => pctx.hosts.get(h)!.out).length;
  if ((failed / batch.length) * 100 > pct) pctx.aborted = `max_fail_percentage ${pct}% exceeded (${failed} of ${batch.length} hosts failed)`;
}
