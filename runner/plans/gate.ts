/**
 * `apply PLAN`: each plan of the real run against the saved one. They agree when the hashes of
 * what they will do are equal, when the saved plan could not know (`unknown`: a would-be change
 * an earlier task promised), or when a task the saved plan never reached changes nothing now.
 * Anything else stops the host before the task applies, with the difference.
 */
import type { PlanDrift, PlanHook, PlannedTask } from '../engine/plan-hook.js';
import { redact } from '../vault/keyring.js';
import type { SavedPlan, SavedTask } from './plan-file.js';
import { diffHash, planDifference, planHash, planLines } from './plan-text.js';
import { displayPath } from '../load/index.js';

export class PlanGate implements PlanHook {
  private readonly saved = new Map<string, Map<string, SavedTask>>();

  constructor(plan: SavedPlan, private readonly planName: string) {
    for (const [host, tasks] of Object.entries(plan.hosts)) this.saved.set(host, new Map(tasks.map((t) => [t.key, t])));
  }

  planned(t: PlannedTask): PlanDrift | undefined {
    const saved = this.saved.get(t.host)?.get(t.key);
    const where = `${displayPath(t.file)}:${t.line}`;
    const stop = `the host differs from the saved plan ${this.planName} at task "${t.title}" (${where}); it stopped before that task changed anything`;
    if (!saved) {
      if (t.state === 'ok') return undefined;
      const lines = t.noLog ? [`state: ${t.state}`, '(no_log: details hidden)'] : planLines(t);
      return { msg: stop, difference: redact(['the saved plan never reached this task; now it plans:', ...lines.map((l) => `+${l}`)].join('\n')) };
    }
    if (saved.state === 'unknown' || saved.plan_sha256 === planHash(t)) return undefined;
    // Planned from what earlier tasks would do: how it gets there may differ now that they did it.
    if (saved.rests_on_earlier && saved.state === t.state && (!saved.diff_sha256 || saved.diff_sha256 === diffHash(t) || !(saved.diff?.length || saved.censored))) return undefined;
    if (saved.censored || t.noLog) {
      return { msg: stop, difference: `-state: ${saved.state}\n+state: ${t.state}\n(no_log: the rest of the difference is hidden)` };
    }
    const reads = saved.reads_sha256 !== t.reads ? '\n(what the task reads on the host has changed since the plan)' : '';
    return { msg: stop, difference: redact(planDifference(saved, t, this.planName)) + reads };
  }
}
