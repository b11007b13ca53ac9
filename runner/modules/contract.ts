/**
 * The module contract. A module only reads the host in `plan`; it returns what would change and a
 * closure that makes the change. The executor, never the module, decides:
 *   changed  = plan.state !== 'ok' (nothing a module returns turns one verdict into another)
 *   --check  = report the plan, do not call apply (nor settle)
 *   --diff   = print plan.diff
 * No module reads a check-mode flag, so a dry run is the real run stopped after planning.
 */
import type { KnownPaths } from './files/probe.js';
import type { KnownPackages } from './system/apt-probe.js';
import type { Connection, Become } from '../connections/connection.js';
import type { Facts } from '../facts/facts.js';
import type { PromisedState } from '../engine/promised-state.js';

/** One before/after pair, in the shape Ansible returns and prints as a unified diff. */
export interface FileDiff {
  before: string;
  after: string;
  before_header?: string;
  after_header?: string;
}

/**
 * ok      the host is already as asked
 * change  the module knows exactly what it will change (create/modify/remove), see `diff`/`summary`
 * run     the module will run something whose effect it cannot know (command/shell)
 * unknown it would change something, but what the host will hold by then cannot be read now (a
 *         service whose unit a package promised by an earlier task of a dry run may or may not bring)
 */
export type PlanState = 'ok' | 'change' | 'run' | 'unknown';

/** What a module returns to the task (and `register`): Ansible's result keys where they exist. */
export interface ModuleResult {
  /** Set by modules like command/shell/assert to say what happened. */
  msg?: string;
  rc?: number | null;
  stdout?: string;
  stderr?: string;
  /** Failure decided by the module (assert, fail, command with rc != 0). */
  failed?: boolean;
  /** Variables the task sets on the host (set_fact, register-like module facts). */
  ansible_facts?: Record<string, unknown>;
  /** Set by the engine from the plan's state alone; whatever a module puts here is replaced. */
  changed?: boolean;
  [key: string]: unknown;
}

/**
 * One thing a plan does on the host, as data (pyinfra's operations yield commands the same way):
 * a command to run, or a file to write (its content's size and sha1, not the content): what apply
 * does, described before it does it. `--check -v` prints them, `--json` carries them.
 */
export type PlanStep =
  | { run: string; what?: string }
  | { write: string; bytes: number; sha1?: string; mode?: string; owner?: string; group?: string };

export interface Plan {
  state: PlanState;
  /** What apply (or settle) does, in order. */
  steps?: PlanStep[];
  /** One line saying what would happen: "create /etc/nginx/nginx.conf", "install nginx". */
  summary?: string;
  diff?: FileDiff[];
  /** Result when nothing is applied (state ok, or --check). Merged under apply's result. */
  result?: ModuleResult;
  /** Make the change. Called only when state !== 'ok' and not in check mode. */
  apply?: () => Promise<ModuleResult | void>;
  /**
   * Only with state 'ok': work a real run does that changes nothing the task manages, so Ansible
   * does not count it as a change either (wait_for's wait, systemd's daemon-reload, yum's
   * makecache). Not called in check mode; the verdict stays ok, or failed when it fails.
   */
  settle?: () => Promise<ModuleResult | void>;
  /** Record, in --check, what apply would have made true (packages, paths, services). */
  promise?: (state: PromisedState) => void;
}

export interface ModuleContext {
  /** Read-only while the module plans (a write throws); apply and settle may write. */
  conn: Connection;
  facts: Facts;
  /** What earlier tasks would have changed in this dry run (empty in a real run). */
  promised: PromisedState;
  become?: Become;
  /** Directories searched for `src` of copy/template/unarchive: role files/ or templates/, then the playbook's. */
  searchPaths: { files: string[]; templates: string[] };
  /** Render a Jinja2 template text with the task's variables (template module). */
  renderTemplate(text: string, sourcePath: string): string;
  /** All variables visible to the task (debug var=, assert). */
  vars: Record<string, unknown>;
  /** The run's `-v` count (debug's `verbosity` threshold). */
  verbosity?: number;
  /** Evaluate a bare Jinja2 expression (debug `var`); `condition`: as a conditional (assert `that`). */
  evaluate(expression: string, condition?: boolean): unknown;
  /** Report progress of a long step (package downloads, builds) to the live output line. */
  progress(line: string): void;
  /** Options of the run that are not check mode (check mode is none of a module's business). */
  diffRequested: boolean;
  /** Where the task is written (the controller-side files include_vars looks for are found from it). */
  source?: { file: string; roleDir?: string; playbookDir: string };
  /** What the engine already read of the host's paths, for the file probes (files/probe.ts). */
  knownPaths?: KnownPaths;
  /** What the engine already read of the host's package states, for the apt probe (system/apt-probe.ts). */
  knownPackages?: KnownPackages;
}

export interface ModuleDefinition<Args = Record<string, unknown>> {
  name: string;
  /** Other names users write: 'ansible.builtin.copy' is handled by the loader; here e.g. 'systemd' -> service. */
  aliases?: string[];
  /** JSON Schema of the arguments; the truth for validation, types and editor completion. */
  schema: object;
  /** Arguments Ansible's module takes that this one does not yet: refused at load, saying so. */
  notSupported?: string[];
  /** For free-form modules (command, shell): the key the free text goes to (Ansible's _raw_params). */
  freeForm?: string;
  plan(ctx: ModuleContext, args: Args): Promise<Plan>;
  /**
   * Warnings a run that stops after planning owes the user, because it cannot find out by doing
   * (file: an owner or group that does not exist yet, which an earlier task might create). Only
   * read-only checks; the engine asks only when the task is not applied.
   */
  planOnlyWarnings?(ctx: ModuleContext, args: Args): Promise<string[]>;
}

/** A failure a module wants shown to the user as-is (no stack): wrong state on the host, bad src. */
export class ModuleError extends Error {
  override name = 'ModuleError';
  constructor(message: string, readonly result: ModuleResult = {}) {
    super(message);
  }
}
