/**
 * Saved plans, as the engine sees them: every module plan of a run is shown to the hook before
 * anything is applied. Writing a plan (`--check --plan-out`) records them; applying one compares
 * each with the saved plan and, where they differ, gets back why, and the host stops there.
 */
import type { FileDiff, PlanState, PlanStep } from '../modules/contract.js';

export interface PlannedTask {
  host: string;
  /** The task's place, the same in every run of the same files: `file:line:col#n[item]`. */
  key: string;
  title: string;
  file: string;
  line: number;
  state: PlanState;
  summary?: string;
  diff?: FileDiff[];
  steps?: PlanStep[];
  /** sha256 of what the plan read on the host. */
  reads: string;
  /** The task's values are not to be kept (no_log). */
  noLog: boolean;
  /** The plan found what earlier tasks of the dry run would do (its commands may depend on it). */
  restsOnEarlier: boolean;
}

/** Why a host stops: one line, and the saved plan against the live one as a unified diff. */
export interface PlanDrift {
  msg: string;
  difference: string;
}

export interface PlanHook {
  /** A module has planned on a host. Returns the difference when the host must stop before this task. */
  planned(task: PlannedTask): PlanDrift | undefined;
}
