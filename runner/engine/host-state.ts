/** Everything the engine keeps about one host during a run. */
import type { Connection } from '../connections/connection.js';
import type { Facts } from '../facts/facts.js';
import type { Task, Vars } from '../load/ir.js';
import { PromisedState } from './promised-state.js';
import { emptyStats, type HostStats, type TaskResult } from './results.js';

export class HostState {
  /** set_fact values and registered results: they outlive the play, as in Ansible. */
  readonly hostFacts: Vars = {};
  /** What include_vars loaded (above task vars, below set_fact; kept for the run, as in Ansible). */
  readonly includedVars: Vars = {};
  /** Facts modules returned (getent, package_facts, hostname...): also under `ansible_facts`, as in Ansible. */
  readonly moduleFacts: Vars = {};
  /** Role vars of roles applied so far in this play (visible to later play tasks, as in Ansible). */
  roleVarsSeen: Vars = {};
  /** Defaults of roles included with `public: true`. */
  roleDefaultsSeen: Vars = {};
  /**
   * Counts changes to the variables kept in place here (inventory vars, the role vars and
   * defaults seen, facts modules returned): what a task's variables were merged from is reused
   * while it holds (task-vars.ts). Change them through `assignVars`.
   */
  varsVersion = 0;
  facts?: Facts;
  /** Facts exposed as variables (only when gathered, or by setup). */
  factsGathered = false;
  /** The facts exposed when a subset was asked for (play gather_subset, setup); all of `facts` when unset. */
  gatheredFacts?: Vars;

  /** The facts the host's variables show: none before gathering, a subset's, or all. */
  get visibleFacts(): Vars | undefined {
    if (!this.factsGathered) return undefined;
    return this.gatheredFacts ?? (this.facts as Vars | undefined);
  }
  failed = false;
  unreachable = false;
  /** Applying a saved plan: the host's plan differed at a task, so it stopped there (why). */
  drifted?: string;
  /** How often each task has planned on this host (a saved plan's key tells the runs apart). */
  readonly planCounts = new Map<string, number>();
  /** A play selected the host (one that add_host only made known is not in the recap, as in Ansible). */
  played = false;
  /** Handler names notified and not yet run. */
  readonly notified = new Set<string>();
  readonly promised = new PromisedState();
  readonly stats: HostStats = emptyStats();
  /** The last task that failed here and its result (what a rescue sees as ansible_failed_*). */
  lastFailure?: { task: Task; result: TaskResult };
  /** Set when a rescue starts, kept afterwards (as Ansible): ansible_failed_task and ansible_failed_result. */
  rescueVars?: Vars;
  /** The connection the current play reaches the host with. */
  conn?: Connection;
  /** Every connection opened to the host in this run, by how it reaches it (see connect.ts). */
  readonly connections = new Map<string, Promise<{ conn: Connection; facts: Facts }>>();

  constructor(readonly name: string, readonly inventoryVars: Vars) {}

  /** `Object.assign(target, values)` for one of this host's variable layers, noting a change. */
  assignVars(target: Vars, values: Vars | undefined): void {
    if (!values) return;
    for (const k of Object.keys(values)) {
      if (target[k] !== values[k] || !(k in target)) {
        Object.assign(target, values);
        this.varsVersion++;
        return;
      }
    }
  }

  /** The host takes no further part in this run. */
  get out(): boolean {
    return this.failed || this.unreachable || this.drifted !== undefined;
  }
}
