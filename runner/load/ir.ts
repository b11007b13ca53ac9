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
}

export interface Play {
  name: string;
  pos: SourcePos;
  hosts: string; // a host pattern ("streaming", "all:!db", "web*")
  vars: Vars;
  /** vars_files entries, paths relative to the playbook dir resolved; may be templated. */
  varsFiles: string[];
  gatherFacts: boolean;
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
  /** `connection: local` runs on this machine whatever the inventory says. */
  connection?: 'local' | 'ssh';
  remoteUser?: string;
  port?: number;
  /** Run notified handlers even on hosts that failed. */
  forceHandlers?: boolean;
  /** Sections in run order; handlers are flushed at the end of each. Roles are already expanded into `tasks` (before the play's own tasks). */
  preTasks: TaskNode[];
  tasks: TaskNode[];
  postTasks: TaskNode[];
  /** Role handlers first (in role order), then the play's own. */
  handlers: Handler[];
}

/** A role as it was applied in one place (same role twice with other params = two instances). */
export interface RoleInstance {
  name: string;
  dir: string;
  defaults: Vars; // defaults/main.yml
  vars: Vars; // vars/main.yml
  params: Vars; // `- role: x` extra keys / `vars:` given where it was applied
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
  retries?: number;
  delay?: number;
  /** `delegate_to: localhost` is the only delegation supported. */
  delegateTo?: string;
  runOnce?: boolean;
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
  /**
   * An include_tasks / include_role: its `when` (on this block only, not on the children) is
   * evaluated once when it is reached, as Ansible does; the file is what `included:` names.
   */
  include?: { kind: 'include_tasks' | 'include_role'; file: string };
  block: TaskNode[];
  rescue: TaskNode[];
  always: TaskNode[];
}

export type TaskNode = Task | Block;

export interface Handler extends Task {
  /** The handler's name (notify target) and its `listen` topics. */
  listen: string[];
}
