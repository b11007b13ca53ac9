/**
 * A saved plan (`run --check --plan-out FILE`): what the dry run read on the controller (every
 * input file by content hash, the options it ran with) and, per host and task, the plan it made
 * (state, summary, diff, steps) with a fingerprint of what the plan read on the host. `apply`
 * runs the same playbook for real against it. Secrets never enter it in clear: a no_log task
 * keeps only its hashes, and the whole text passes through the vault's redaction.
 */
import { readFileSync } from 'node:fs';
import type { FileDiff, PlanState, PlanStep } from '../modules/contract.js';
import type { JsonReport } from '../output/json-report.js';

export const PLAN_FORMAT = 1;

export interface SavedTask {
  /** `file:line:col#n[item]`, file relative to the playbook's folder (see engine/plan-hook.ts). */
  key: string;
  title: string;
  file: string;
  line: number;
  state: PlanState;
  summary?: string;
  diff?: FileDiff[];
  steps?: PlanStep[];
  /** sha256 of what the plan will do (see plans/plan-text.ts), before any redaction. */
  plan_sha256: string;
  /** sha256 of what the plan read on the host. */
  reads_sha256: string;
  /** no_log: summary, diff and steps are not kept. */
  censored?: true;
  /** The dry run planned it from what earlier tasks would do: compared by state and diff only. */
  rests_on_earlier?: true;
  /** sha256 of the diff alone (what such a task is compared by). */
  diff_sha256?: string;
}

export interface PlanInputs {
  playbook: string;
  inventories: string[];
  extra_vars: string[];
  limit?: string;
  tags?: string[];
  skip_tags?: string[];
  start_at_task?: string;
  /** Every controller file the dry run read, absolute path and sha256. */
  files: { path: string; sha256: string }[];
}

export interface SavedPlan {
  showrunner_plan: number;
  made_at: string;
  inputs: PlanInputs;
  hosts: Record<string, SavedTask[]>;
  /** The dry run's --json report (what `show --html` draws). */
  report: JsonReport;
}

export class PlanFileError extends Error {
  override name = 'PlanFileError';
}

export function readPlanFile(path: string): SavedPlan {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PlanFileError(`cannot read the plan ${path}: ${(e as Error).message}`);
  }
  let plan: SavedPlan;
  try {
    plan = JSON.parse(text) as SavedPlan;
  } catch (e) {
    throw new PlanFileError(`${path} is not a plan (not JSON: ${(e as Error).message})`);
  }
  if (!plan || typeof plan !== 'object' || plan.showrunner_plan !== PLAN_FORMAT || !plan.inputs || !plan.hosts) {
    throw new PlanFileError(`${path} is not a plan written by this version of showrunner (run --check --plan-out writes one)`);
  }
  return plan;
}
