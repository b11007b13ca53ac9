/** The inputs of a saved plan checked again before it is applied: a changed file refuses the apply. */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { CliRunOptions } from '../cli/options.js';
import { sha256 } from './controller-reads.js';
import type { PlanInputs } from './plan-file.js';

/** What the dry run was asked to do, with every path made absolute so the plan applies from anywhere. */
export function planInputs(o: CliRunOptions, files: ReadonlyMap<string, string>): PlanInputs {
  return {
    playbook: resolve(o.playbook),
    inventories: o.inventories.map((i) => (existsSync(i) ? resolve(i) : i)),
    extra_vars: o.extraVars.map((e) => (e.startsWith('@') && !isAbsolute(e.slice(1)) ? `@${resolve(e.slice(1))}` : e)),
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
    ...(o.tags ? { tags: o.tags } : {}),
    ...(o.skipTags ? { skip_tags: o.skipTags } : {}),
    ...(o.startAtTask !== undefined ? { start_at_task: o.startAtTask } : {}),
    files: [...files].map(([path, hash]) => ({ path, sha256: hash })),
  };
}

/** One line per input file that is not as the plan read it. */
export function changedInputs(inputs: PlanInputs): string[] {
  const out: string[] = [];
  for (const f of inputs.files) {
    let data: Buffer;
    try {
      data = readFileSync(f.path);
    } catch {
      out.push(`${f.path} is gone`);
      continue;
    }
    if (sha256(data) !== f.sha256) out.push(`${f.path} changed`);
  }
  return out;
}

/** Files the apply has read that the dry run never did (a new group_vars file, say). */
export function newInputs(inputs: PlanInputs, reads: ReadonlyMap<string, string>): string[] {
  const known = new Set(inputs.files.map((f) => f.path));
  return [...reads.keys()].filter((p) => !known.has(p)).map((p) => `${p} is new (the plan never read it)`);
}
