/** `--json`: one structured report of the whole run, written when it ends. */
import type { EngineEvent } from '../engine/events.js';
import type { HostStats, TaskResult } from '../engine/results.js';

interface TaskEntry { title: string; handler: boolean; file?: string; line?: number; hosts: Record<string, unknown> }
interface PlayEntry { name: string; hosts: string[]; tasks: TaskEntry[] }

export interface JsonReport {
  playbook?: string;
  check: boolean;
  plays: PlayEntry[];
  stats: Record<string, HostStats>;
  warnings: string[];
  elapsed_ms?: number;
  exit_code?: number;
}

export class JsonOutput {
  readonly report: JsonReport = { check: false, plays: [], stats: {}, warnings: [] };
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly started = new Map<string, number>();

  readonly handle = (e: EngineEvent): void => {
    const plays = this.report.plays;
    switch (e.type) {
      case 'playbook-start': this.report.playbook = e.path; this.report.check = e.check; break;
      case 'play-start': plays.push({ name: e.play.name, hosts: e.hosts, tasks: [] }); this.tasks.clear(); break;
      case 'task-start': {
        if (this.tasks.has(e.id)) break;
        const t: TaskEntry = { title: e.title, handler: e.handler, file: e.pos?.file, line: e.pos?.line, hosts: {} };
        this.tasks.set(e.id, t);
        plays[plays.length - 1]?.tasks.push(t);
        break;
      }
      case 'host-start': this.started.set(`${e.id} ${e.host}`, Date.now()); break;
      case 'host-result': {
        const began = this.started.get(`${e.id} ${e.host}`);
        this.tasks.get(e.id)!.hosts[e.host] = { ...resultJson(e.result), ...(began === undefined ? {} : { elapsed_ms: Date.now() - began }) };
        break;
      }
      case 'warning': this.report.warnings.push(e.host ? `${e.host}: ${e.message}` : e.message); break;
      case 'recap':
        this.report.stats = Object.fromEntries(e.stats);
        this.report.elapsed_ms = e.elapsedMs;
        break;
      default: break;
    }
  };
}

function resultJson(r: TaskResult): Record<string, unknown> {
  const out: Record<string, unknown> = { status: r.status, changed: r.status === 'changed' || (r.status === 'failed' && !!r.module?.changed) };
  if (r.predicted) out.predicted = true;
  if (r.unpredictable) out.unpredictable = true;
  if (r.plan) out.plan = r.plan;
  if (r.steps) out.steps = r.steps;
  if (r.ignored) out.ignored = true;
  if (r.summary) out.summary = r.summary;
  if (r.msg) out.msg = r.msg;
  if (r.drift) out.drift = r.drift;
  if (r.diff?.length) out.diff = r.diff;
  if (r.items) out.items = r.items.map((i) => ({ label: i.label, ...resultJson(i) }));
  if (r.module && !r.censored) out.result = r.module;
  if (r.censored) out.censored = true;
  if (r.included) out.included = r.included;
  if (r.delegatedTo) out.delegated_to = r.delegatedTo;
  return out;
}
