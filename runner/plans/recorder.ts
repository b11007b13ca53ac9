/** `run --check --plan-out`: every plan of the dry run, kept per host in run order. */
import type { PlanHook, PlannedTask } from '../engine/plan-hook.js';
import type { SavedTask } from './plan-file.js';
import { diffHash, planHash } from './plan-text.js';

export class PlanRecorder implements PlanHook {
  readonly hosts = new Map<string, SavedTask[]>();

  planned(t: PlannedTask): undefined {
    const saved: SavedTask = {
      key: t.key, title: t.title, file: t.file, line: t.line, state: t.state,
      ...(t.noLog ? { censored: true as const } : withoutEmpty({ summary: t.summary, diff: t.diff, steps: t.steps })),
      plan_sha256: planHash(t),
      reads_sha256: t.reads,
      ...(t.restsOnEarlier ? { rests_on_earlier: true as const, diff_sha256: diffHash(t) } : {}),
    };
    const list = this.hosts.get(t.host) ?? this.hosts.set(t.host, []).get(t.host)!;
    list.push(saved);
    return undefined;
  }

  /** Hosts in the order the plays list them (the inventory's), not the order they planned in. */
  inOrder(hosts: string[]): Record<string, SavedTask[]> {
    const names = [...new Set([...hosts, ...this.hosts.keys()])].filter((h) => this.hosts.has(h));
    return Object.fromEntries(names.map((h) => [h, this.hosts.get(h)!]));
  }
}

function withoutEmpty<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))) as Partial<T>;
}
