/** `showrunner show PLAN`: what applying the plan will do, host by host (hosts with the same plan together). */
import { displayPath } from '../load/index.js';
import { diffText } from '../output/diff-text.js';
import { makeStyle } from '../output/style.js';
import { stepLine } from '../modules/plan-steps.js';
import type { SavedPlan, SavedTask } from './plan-file.js';

const MARK: Record<string, string> = { change: '~', run: '!', unknown: '?' };
const NOTE: Record<string, string> = { run: ' (will run; its effect cannot be predicted)', unknown: ' (would change; cannot be sure until an earlier change is made)' };

export function planListing(plan: SavedPlan, o: { color: boolean; diff: boolean }): string {
  const style = makeStyle(o.color);
  const i = plan.inputs;
  const out = [
    `Plan of ${displayPath(i.playbook)}, made ${plan.made_at}`,
    `  inventory: ${i.inventories.map(displayPath).join(', ') || '(implicit localhost)'}` +
      (i.limit ? `  limit: ${i.limit}` : '') + (i.tags ? `  tags: ${i.tags.join(',')}` : '') +
      (i.skip_tags ? `  skip-tags: ${i.skip_tags.join(',')}` : '') + (i.extra_vars.length ? `  extra vars: ${i.extra_vars.length}` : ''),
    `  inputs: ${i.files.length} file${i.files.length === 1 ? '' : 's'}, each checked again before the plan is applied`,
  ];
  const groups = new Map<string, string[]>();
  for (const [host, tasks] of Object.entries(plan.hosts)) {
    const key = tasks.map((t) => `${t.key} ${t.plan_sha256}`).join('\n');
    groups.set(key, [...(groups.get(key) ?? []), host]);
  }
  const totals: string[] = [];
  for (const hosts of groups.values()) {
    const tasks = plan.hosts[hosts[0]!]!;
    const changing = tasks.filter((t) => t.state !== 'ok');
    const count = `${changing.length} to change, ${tasks.length - changing.length} ok`;
    out.push('', style.bold(`${hosts.length > 1 ? 'HOSTS' : 'HOST'} ${hosts.join(', ')}: ${count}`));
    for (const t of changing) out.push(...taskLines(t, o.diff, style));
    for (const h of hosts) totals.push(`${h}: ${count}`);
    for (const h of hosts) {
      for (const f of failures(plan, h)) out.push(style.failed(`  ✗ ${f} (the dry run stopped here on ${h}: so will the apply)`));
    }
  }
  out.push('', `Plan: ${totals.join('; ') || 'no host'}`, '');
  return out.join('\n');
}

/** Where the dry run failed on a host (or could not reach it). */
function failures(plan: SavedPlan, host: string): string[] {
  return plan.report.plays.flatMap((p) => p.tasks).flatMap((t) => {
    const r = t.hosts[host] as { status?: string; ignored?: boolean; msg?: string } | undefined;
    return r && (r.status === 'failed' || r.status === 'unreachable') && !r.ignored ? [`${t.title}: ${r.msg ?? r.status}`] : [];
  });
}

function taskLines(t: SavedTask, diff: boolean, style: ReturnType<typeof makeStyle>): string[] {
  const head = style.changed(`  ${MARK[t.state] ?? '~'} ${t.title}`) + style.dim(` (${displayPath(t.file)}:${t.line})`);
  if (t.censored) return [head, '      (no_log: details hidden)'];
  const out = [head + (t.summary ? `: ${t.summary}` : '') + (NOTE[t.state] ?? '')];
  if (diff && t.diff?.length) {
    const d = diffText(t.diff, style);
    if (d) out.push(...d.split('\n').map((l) => `      ${l}`));
  }
  for (const s of t.steps ?? []) out.push(...stepLine(s).split('\n').map((l, i) => style.dim(`${i ? '          ' : '      '}${l}`)));
  return out;
}
