/** A saved or live plan as lines to read, and the difference between two of them. */
import { createTwoFilesPatch } from 'diff';
import type { FileDiff, PlanState, PlanStep } from '../modules/contract.js';
import { stepLine } from '../modules/plan-steps.js';
import { sha256 } from './controller-reads.js';

export interface PlanShape {
  state: PlanState;
  summary?: string;
  diff?: FileDiff[];
  steps?: PlanStep[];
}

/**
 * The hash two plans are compared by: what the task will do (state, summary, diff), and for a
 * command the commands themselves. A file's steps are left out: how a change is made (a mkdir -p
 * of a parent an earlier task makes) may differ once earlier tasks have really run; what it
 * makes is in the diff.
 */
export function planHash(p: PlanShape): string {
  return sha256(JSON.stringify({ state: p.state, summary: p.summary ?? null, diff: p.diff ?? [], ...(p.state === 'run' ? { steps: p.steps ?? [] } : {}) }));
}

/** The diff alone: what a task planned from earlier would-be changes is compared by (with its state). */
export function diffHash(p: PlanShape): string {
  return sha256(JSON.stringify(p.diff ?? []));
}

export function planLines(p: PlanShape): string[] {
  const out = [`state: ${p.state}`];
  if (p.summary) out.push(`summary: ${p.summary}`);
  for (const d of p.diff ?? []) {
    if (d.before === d.after) continue;
    const patch = createTwoFilesPatch(d.before_header ?? 'before', d.after_header ?? 'after', nl(d.before), nl(d.after), undefined, undefined, { context: 3 });
    out.push(`diff: ${d.after_header ?? d.before_header ?? ''}`.trimEnd());
    for (const line of patch.split('\n').slice(1)) {
      if (line === '' || /^=+$/.test(line) || line === '\\ No newline at end of file') continue;
      out.push(`  ${line}`);
    }
  }
  for (const s of p.steps ?? []) {
    const [first, ...rest] = `${stepLine(s)}${'write' in s && s.sha1 ? ` sha1 ${s.sha1}` : ''}`.split('\n');
    out.push(`step: ${first}`, ...rest.map((l) => `      ${l}`));
  }
  return out;
}

/** A unified diff of the saved plan against the plan the host gives now. */
export function planDifference(saved: PlanShape, live: PlanShape, savedName: string): string {
  const patch = createTwoFilesPatch(`saved plan (${savedName})`, 'the host now', `${planLines(saved).join('\n')}\n`, `${planLines(live).join('\n')}\n`, undefined, undefined, { context: 2 });
  return patch.split('\n').slice(1).filter((l) => l !== '' && !/^=+$/.test(l) && l !== '\\ No newline at end of file').join('\n');
}

function nl(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}
