/**
 * The checked, normalized form of playbooks that `load/` hands to the engine. Everything here was
 * validated against `schemas/`; the engine trusts it and never re-validates structure.
 * Values may still hold Jinja2 templates: they are rendered per host at run time.
 */

export interface SourcePos {
  file: string;
  line: number; // 1-based
  col: number; // 1-based
}

export type Vars = Record<string, unknown>;

export interface Playbook {
  path: string; // absolute
  dir: string; // folder of the playbook: group_vars/, host_vars/, roles/ beside it
  plays: Play[];
  /** Resolves includes at run time with the same loader and schemas. */
  includes: IncludeLoader;
  /** Includes that cannot be checked before the run: named only at run time, or with errors (they fail a host only when reached). */
  deferred: DeferredInclude[];
}

export interface DeferredInclude {
  pos: SourcePos;
  message: string;
  /** 'errors': the named file has errors; 'runtime': the name is known only when reached. */
  kind: 'errors' | 'runtime';
}

export interface Play {
  name: string;
  pos: SourcePos;
  hosts: string; // a host pattern ("streaming", "all:!db", "web*")
  vars: Vars;
  /** vars_files entries, paths relative to the playbook dir resolved; may be templated. */
  varsFiles: string[];
  gatherFacts: boolean;
  /** `gather_subset` of the play's fact gathering (all when unset). */
  gatherSubset?: string[];
  become?: boolean;
  becomeUser?: string;
  strategy: 'linear' | 'free';
  /** Batch sizes for rolling updates: numbers or percentages ('30%'); the last repeats. */
  serial?: (number | string)[];
  maxFailPercentage?: number;
  anyErrorsFatal: boolean;
  ignoreUnreachable?: boolean;
  checkMode?: boolean;
  diff?: boolean;
  noLog?: boolean;
  tags: string[];
  environment?: Record<string, string>;
  /** `connection: local` runs on this machine unless the inventory says otherwise (its ansible_connection wins, as in Ansible). */
  connection?: 'local' | 'ssh';
  remoteUser?: string;
  port?: number;
  /** Run notified handlers even on hosts that failed. */
  forceHandlers?: boolean;
  /** Sections in run order; handlers are flushed at the end of each. Roles are already expanded into `tasks` (before the play's own tasks). */
  preTasks: TaskNode[];
  tasks: TaskNode[];
  postTasks: TaskNode[];
  /** Role handlers first (in role order), then the play's own (an include_role adds its own when reached). */
  handlers: Handler[];
}

/** A role as it was applied in one place (same role twice with other params = two instances). */
export interface RoleInstance {
  name: string;
  dir: string;
  defaults: Vars; // defaults/main.yml
  vars: Vars; // vars/main.yml
  params: Vars; // `- role: x` extra keys / `vars:` given where it was applied
  /** include_role without `public: true`: its vars and defaults stay inside the role. */
  private?: boolean;
}

/** Keywords shared by tasks, blocks and handlers (already inherited from enclosing blocks/roles where Ansible inherits them). */
export interface TaskCommon {
  name?: string;
  pos: SourcePos;
  /** All conditions must hold (inherited from blocks/roles/imports prepended). Jinja2 expressions without braces. */
  when: string[];
  tags: string[];
  vars: Vars; // task- and block-level vars (inner wins)
  role?: RoleInstance;
  become?: boolean;
  becomeUser?: string;
  ignoreErrors?: boolean | string;
  ignoreUnreachable?: boolean;
  /** Seconds the task may take (Ansible's `timeout` keyword); 0 or absent: no limit. */
  timeout?: number;
  checkMode?: boolean | string;
  diff?: boolean;
  noLog?: boolean | string;
  environment?: Record<string, string>;
  anyErrorsFatal?: boolean;
}

export interface Task extends TaskCommon {
  kind: 'task';
  /** Canonical module name (FQCN prefixes like ansible.builtin. removed, aliases kept as written so results read as users expect). */
  module: string;
  /** A role's library/ module: the Python file that `module` names. */
  library?: string;
  /** Module arguments; free-form text already split (command/shell: `_raw_params` + k=v). */
  args: Vars;
  /** `loop:` / `with_<lookup>:` value as written (list, mapping or template string). */
  loop?: unknown;
  /** `with_<lookup>:` names the lookup whose result (wantlist) is the list of items. */
  loopWith?: string;
  loopControl?: LoopControl;
  register?: string;
  notify: string[];
  changedWhen?: string[] | boolean;
  failedWhen?: string[] | boolean;
  until?: string[];
  /** A number, or a template rendered when the task runs. */
  retries?: number | string;
  delay?: number | string;
  /** Another inventory host (or localhost) the module runs on, with this host's variables; may be templated. */
  delegateTo?: string;
  /** Facts the delegated task gathers or sets go to the host it ran on. */
  delegateFacts?: boolean;
  runOnce?: boolean;
  /** `async`: seconds the job may take on the host (a number, or a template rendered when the task runs). */
  async?: number | string;
  /** `poll`: seconds between checks on the job; 0 starts it and goes on. */
  poll?: number | string;
}

export interface LoopControl {
  loopVar: string;
  /** Template shown instead of the item. */
  label?: string;
  indexVar?: string;
  /** Seconds to wait between items. */
  pause?: number;
  /** `ansible_loop` (index, first, last, previtem...); `allitems` unless extendedAllitems is false. */
  extended?: boolean;
  extendedAllitems?: boolean;
}

export interface Block extends TaskCommon {
  kind: 'block';
  block: TaskNode[];
  rescue: TaskNode[];
  always: TaskNode[];
}

/**
 * An include_tasks / include_role, resolved when a host reaches it (as Ansible does): its `when`
 * is checked then (per item with a loop), the name rendered, the file loaded and checked by the
 * same loader as the playbook, and its tasks run. Keywords of the include itself stay on it; the
 * included tasks get the enclosing blocks' keywords and `apply`, and its `vars` as include params.
 */
export interface Include extends TaskCommon {
  kind: 'include';
  action: 'include_tasks' | 'include_role';
  /** The file (include_tasks) or role name, as written: may be templated. */
  target: string;
  /** include_role's tasks_from / vars_from / defaults_from / handlers_from, as written. */
  from: { tasks?: string; vars?: string; defaults?: string; handlers?: string };
  /** include_role `public: true`: the role's vars and defaults stay visible after it. */
  public: boolean;
  /** The include's own `vars:` (include params for include_tasks, role params for include_role). */
  params: Vars;
  loop?: unknown;
  loopWith?: string;
  loopControl?: Task['loopControl'];
  /** Where the include is written, for finding its file and building its tasks at run time. */
  origin: IncludeOrigin;
  /** The file as loaded with the playbook, when its name is plain (errors kept for when it is reached). */
  preloaded?: IncludeLoad;
}

export interface IncludeOrigin {
  file: string;
  /** Where the file or role name is written (errors about finding it point here). */
  at: SourcePos;
  playbookDir: string;
  roleDir?: string;
  chain: string[];
  /** Keywords the included tasks start from: enclosing blocks' and roles', then `apply:`. */
  keywords: Omit<TaskCommon, 'name' | 'pos' | 'role'> & { delegateTo?: string; runOnce?: boolean };
  role?: RoleInstance;
}

/** One included file (or role), loaded and checked: its tasks, the handlers it brings, or its errors. */
export interface IncludeLoad {
  /** The file shown as "included: FILE" (the role's dir for include_role). */
  file: string;
  tasks: TaskNode[];
  handlers: Handler[];
  /** What is wrong in it, as "file:line:col: reason" lines; the host's include fails with them when reached. */
  errors: string[];
  /** include_role: the role instance (for public vars after the include). */
  role?: RoleInstance;
}

/** Loads includes whose file is known only when a host reaches them (the playbook's loader, kept for the run). */
export interface IncludeLoader {
  load(inc: Include, names: { target: string; from: Include['from'] }): IncludeLoad;
}

export type TaskNode = Task | Block | Include;

export interface Handler extends Task {
  /** The handler's name (notify target) and its `listen` topics. */
  listen: string[];
}
