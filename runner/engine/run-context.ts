/** What every part of one playbook run shares. */
import type { Playbook, Play, Vars, Include, IncludeLoad } from '../load/ir.js';
import type { TaskResult } from './results.js';
import type { ModuleDefinition } from '../modules/contract.js';
import type { Inventory } from '../inventory/index.js';
import type { EventSink } from './events.js';
import type { HostState } from './host-state.js';
import type { RunOptions } from './run-options.js';
import type { Semaphore } from './semaphore.js';
import type { IncludeTable } from './include-step.js';
import type { PlanHook } from './plan-hook.js';

export interface ModuleLookup {
  get(name: string): ModuleDefinition | undefined;
  names(): string[];
}

export interface RunContext {
  playbook: Playbook;
  inventory: Inventory;
  options: RunOptions;
  modules: ModuleLookup;
  emit: EventSink;
  /** Every host of the inventory that this run touched, by name. */
  hosts: Map<string, HostState>;
  /** Hosts reached only as a `delegate_to` target so far (not in the recap), by name: being set up, and ready. */
  delegates: { pending: Map<string, Promise<HostState>>; ready: Map<string, HostState> };
  forks: Semaphore;
  /** Files that includes named at run time, loaded once per include and name. */
  includeLoads: WeakMap<Include, Map<string, IncludeLoad>>;
  /** A saved plan being written (--plan-out) or applied. */
  plans?: PlanHook;
}

/** One play on one batch of hosts. */
export interface PlayContext extends RunContext {
  play: Play;
  /** vars_files of the play, loaded once (their names may be templated on play vars). */
  varsFiles: Vars;
  /** The hosts of the play (all batches) and of this batch. */
  playHosts: string[];
  batchHosts: string[];
  /** Set when the play must stop for every host (any_errors_fatal, max_fail_percentage). */
  aborted?: string;
  /** `run_once` tasks of this batch, by step: the one result every host takes. */
  runOnce: Map<string, Promise<TaskResult>>;
  /** What each include step brought, by step id: one order of entries for every host of the batch. */
  includeSteps: Map<string, IncludeTable>;
}
