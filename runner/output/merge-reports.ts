/**
 * `--json` reports of one playbook run in shards (`--limit` per machine or CI job) merged into
 * the report a single run over all the hosts would have written: plays and tasks in order,
 * each task with every shard's host results, the recap of every host, the slowest shard's time
 * and the worst exit code.
 */
import type { HostStats } from '../engine/results.js';
import type { JsonReport } from './json-report.js';

type Play = JsonReport['plays'][number];
type Task = Play['tasks'][number];

/** Worst first, as one run decides its own: bad input, an error, an unreachable host (whatever else happened), a failed one, success. */
const EXIT_ORDER = [5, 1, 4, 2, 0];

export class MergeError extends Error {
  override name = 'MergeError';
}

const taskKey = (t: Task) => JSON.stringify([t.title, t.handler, t.file, t.line]);

function mergePlay(into: Play, from: Play): void {
  for (const h of from.hosts) if (!into.hosts.includes(h)) into.hosts.push(h);
  const byKey = new Map(into.tasks.map((t) => [taskKey(t), t]));
  let at = 0; // where the next task new to `into` goes: after the last one both shards had
  for (const t of from.tasks) {
    const same = byKey.get(taskKey(t));
    if (same) {
      Object.assign(same.hosts, t.hosts);
      at = into.tasks.indexOf(same) + 1;
    } else {
      const copy = { ...t, hosts: { ...t.hosts } };
      into.tasks.splice(at++, 0, copy);
      byKey.set(taskKey(copy), copy);
    }
  }
}

export function mergeReports(reports: JsonReport[]): JsonReport {
  if (!reports.length) throw new MergeError('no reports to merge');
  const first = reports[0]!;
  const merged: JsonReport = { playbook: first.playbook, check: first.check, plays: [], stats: {}, warnings: [] };
  const owner = new Map<string, number>();
  reports.forEach((r, i) => {
    if (r.playbook !== first.playbook) throw new MergeError(`report ${i + 1} is of ${r.playbook}, report 1 of ${first.playbook}`);
    if (r.check !== first.check) throw new MergeError(`report ${i + 1} is ${r.check ? 'a dry run' : 'a real run'}, report 1 is not`);
    if (r.plays.length !== first.plays.length) throw new MergeError(`report ${i + 1} has ${r.plays.length} plays, report 1 has ${first.plays.length}`);
    r.plays.forEach((p, n) => {
      const into = merged.plays[n];
      if (!into) merged.plays.push({ ...p, hosts: [...p.hosts], tasks: p.tasks.map((t) => ({ ...t, hosts: { ...t.hosts } })) });
      else if (into.name !== p.name) throw new MergeError(`play ${n + 1} is '${p.name}' in report ${i + 1} and '${into.name}' in report 1`);
      else mergePlay(into, p);
    });
    for (const [host, stats] of Object.entries(r.stats)) {
      const seen = owner.get(host);
      if (seen !== undefined) throw new MergeError(`host ${host} is in report ${seen + 1} and report ${i + 1}: the --limit patterns of the shards overlap`);
      owner.set(host, i);
      merged.stats[host] = stats as HostStats;
    }
    for (const w of r.warnings) if (!merged.warnings.includes(w)) merged.warnings.push(w);
  });
  const elapsed = reports.map((r) => r.elapsed_ms).filter((x): x is number => typeof x === 'number');
  if (elapsed.length) merged.elapsed_ms = Math.max(...elapsed);
  const codes = reports.map((r) => r.exit_code).filter((x): x is number => typeof x === 'number');
  if (codes.length) merged.exit_code = codes.reduce((worst, c) => (rank(c) < rank(worst) ? c : worst));
  return merged;
}

/** Lower is worse; codes this list does not know count as errors. */
function rank(code: number): number {
  const i = EXIT_ORDER.indexOf(code);
  return i < 0 ? EXIT_ORDER.indexOf(1) : i;
}
