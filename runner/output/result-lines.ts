/** How one host's result of one task reads, in Ansible's words ("ok: [web1]", "fatal: [web1]: FAILED! => ..."). */
import type { TaskResult, ItemResult } from '../engine/results.js';
import type { Style } from './style.js';
import { diffText } from './diff-text.js';
import { stepLine } from '../modules/plan-steps.js';

export interface LineOptions {
  verbosity: number;
  style: Style;
  /** A dry run: changes are what would happen. */
  check: boolean;
}

/** Results that say no more than their status can be folded with other hosts' on one line. */
export function isPlain(r: TaskResult, o: LineOptions): boolean {
  return (r.status === 'skipped' || ((r.status === 'ok' || r.status === 'changed') && !(r.summary && r.predicted)))
    && !r.items && !r.diff?.length && !payload(r) && o.verbosity === 0 && !r.ignored;
}

export function statusWord(r: TaskResult): string {
  switch (r.status) {
    case 'ok': return 'ok';
    case 'changed': return 'changed';
    case 'skipped': return 'skipping';
    case 'failed': return 'fatal';
    case 'unreachable': return 'fatal';
  }
}

export function colour(r: TaskResult, s: Style, text: string): string {
  if (r.status === 'failed' && r.ignored) return s.failed(text);
  return { ok: s.ok, changed: s.changed, skipped: s.skipped, failed: s.failed, unreachable: s.failed }[r.status](text);
}

export function resultLines(host: string, r: TaskResult, o: LineOptions): string[] {
  const s = o.style;
  const out: string[] = [];
  if (r.diff?.length) {
    const d = diffText(r.diff, s);
    if (d) out.push(d);
  }
  if (r.items) {
    for (const i of r.items) out.push(...itemLines(host, i, o));
    if (r.status === 'skipped') out.push(s.skipped(`skipping: [${host}]`));
    if (r.ignored) out.push(s.dim('...ignoring'));
    return out;
  }
  out.push(oneLine(host, r, o));
  out.push(...stepLines(r, o));
  if (r.ignored) out.push(s.dim('...ignoring'));
  return out;
}

/** With -v, what the plan does (or, in a dry run, would do) on the host: its commands and file writes. */
function stepLines(r: TaskResult, o: LineOptions): string[] {
  if (o.verbosity === 0 || !r.steps?.length || r.censored) return [];
  const head = r.predicted ? 'would do' : 'did';
  return [o.style.dim(`  ${head}:`), ...r.steps.map((st) => o.style.dim(`    ${stepLine(st).split('\n').join('\n      ')}`))];
}

export function itemLines(host: string, i: ItemResult, o: LineOptions): string[] {
  const out: string[] = [];
  if (i.diff?.length) {
    const d = diffText(i.diff, o.style);
    if (d) out.push(d);
  }
  if (i.status === 'failed') out.push(colour(i, o.style, `failed: [${host}] (item=${i.label}) => ${detail(i, o.verbosity)}`));
  else out.push(colour(i, o.style, `${statusWord(i)}: [${host}] => (item=${i.label})${tail(i, o)}`));
  out.push(...stepLines(i, o));
  return out;
}

function oneLine(host: string, r: TaskResult, o: LineOptions): string {
  if (r.status === 'failed' && r.drift) {
    // A saved plan that no longer holds: the one line, then the difference as lines to read.
    const line = colour(r, o.style, `fatal: [${host}]: PLAN DRIFT! => ${JSON.stringify({ changed: false, msg: r.msg })}`);
    return [line, ...r.drift.split('\n').map((l) => `    ${l.startsWith('+') ? o.style.added(l) : l.startsWith('-') ? o.style.removed(l) : l}`)].join('\n');
  }
  if (r.status === 'failed') return colour(r, o.style, `fatal: [${host}]: FAILED! => ${detail(r, o.verbosity)}`);
  if (r.status === 'unreachable') {
    // Ansible's one JSON line, then the rest of a long message (host key refusals) as lines to read.
    const [first, ...rest] = (r.msg ?? '').split('\n');
    const line = colour(r, o.style, `fatal: [${host}]: UNREACHABLE! => ${JSON.stringify({ changed: false, msg: first, unreachable: true })}`);
    return rest.length ? [line, ...rest.map((l) => o.style.failed(`    ${l}`))].join('\n') : line;
  }
  return colour(r, o.style, `${statusWord(r)}: [${host}]`) + tail(r, o);
}

/** What follows the status: a debug payload, the change summary, or the result with -v. */
function tail(r: TaskResult, o: LineOptions): string {
  const p = payload(r);
  if (p) return ` => ${JSON.stringify(p, null, 4)}`;
  if (o.verbosity > 0 && r.module) return ` => ${JSON.stringify(r.module)}`;
  if ((r.status === 'changed' || r.status === 'ok') && r.summary && (r.predicted || o.verbosity > 0)) {
    return o.style.dim(`  ${r.summary}${r.predicted ? predictionNote(r) : ''}`);
  }
  return '';
}

/** What a dry run's line adds to the summary when the plan was not exact. */
function predictionNote(r: TaskResult): string {
  if (r.status === 'ok') return ' (not done in a dry run; it changes nothing)';
  if (r.plan === 'unknown') return ' (would change; cannot be sure)';
  if (r.unpredictable) return ' (will run; its effect cannot be predicted)';
  return '';
}

/** debug's msg/var output is what the user asked to see. */
function payload(r: TaskResult): Record<string, unknown> | undefined {
  const m = r.module;
  if (!m || r.status === 'failed') return undefined;
  if (m.censored) return r.status === 'ok' ? undefined : undefined;
  // Ansible prints a loop item's debug var with the loop variables beside it, keys sorted.
  if ('debug_var' in m) return sortedKeys({ ...(r as ItemResult).loopVars, [String(m.debug_var)]: m.debug_value });
  if ('debug_msg' in m) return sortedKeys({ msg: m.debug_msg });
  if ('debug_result' in m) return sortedKeys(m.debug_result as Record<string, unknown>);
  return undefined;
}

/** Keys sorted at every level, as Ansible's output prints results. */
function sortedKeys<T>(v: T): T {
  if (Array.isArray(v)) return v.map(sortedKeys) as T;
  if (typeof v !== 'object' || v === null) return v;
  const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, x]) => [k, sortedKeys(x)])) as T;
}

function detail(r: TaskResult, verbosity = 0): string {
  const m: Record<string, unknown> = { changed: !!r.module?.changed };
  for (const k of ['rc', 'stdout', 'stderr', 'cmd'] as const) {
    const v = r.module?.[k];
    if (v === undefined || v === '' || v === null) continue;
    m[k] = typeof v === 'string' && verbosity === 0 ? tailOf(v) : v;
  }
  m.msg = tailOf(String(r.msg ?? r.module?.msg ?? 'failed'));
  return JSON.stringify(m);
}

/** Long command output in a failure line: its last lines (where the error is), the rest with -v or --json. */
function tailOf(text: string, keep = 15): string {
  const lines = text.split('\n');
  if (lines.length <= keep + 1) return text;
  return `[${lines.length - keep} earlier lines hidden; -v or --json shows them]\n${lines.slice(-keep).join('\n')}`;
}
