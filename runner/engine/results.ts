/** What a task did on one host, as the engine reports it to the output and to `register`. */
import type { FileDiff, ModuleResult, PlanState, PlanStep } from '../modules/contract.js';

export type TaskStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable';

export interface TaskResult {
  status: TaskStatus;
  /** A failure that ignore_errors turned into a pass (counted ok + ignored). */
  ignored?: boolean;
  /** The task did not run because this is a dry run; `status` says what would happen. */
  predicted?: boolean;
  /** Plan said 'run' (a command): whether it changes anything cannot be known beforehand. */
  unpredictable?: boolean;
  /** The module's plan state ('unknown': would change, cannot be sure), when a module planned. */
  plan?: PlanState;
  /** What the plan does (or would do) on the host, as data: commands and file writes. */
  steps?: PlanStep[];
  msg?: string;
  /** One line saying what changed (or would): "install nginx", "create /var/www/live". */
  summary?: string;
  diff?: FileDiff[];
  /** The module's own result (what `register` sees besides changed/failed/skipped). */
  module?: ModuleResult;
  /** For loop tasks: one result per item. */
  items?: ItemResult[];
  /** no_log: the output shows nothing of the values. */
  censored?: boolean;
  /** `delegate_to`: where the module ran instead of the host. */
  delegatedTo?: string;
  /** The delegated host's address when it differs from its name (shown as `h1 -> h2(10.0.0.2)`, as Ansible). */
  delegatedAddress?: string;
  /** An include_tasks that was taken: each file (and loop item) it brought, shown as "included: FILE for HOST => (item=X)". */
  included?: { file: string; label?: string }[];
  /** Items of a looping include whose condition was false (the others are in `included`). */
  skippedItems?: ItemResult[];
  /** Applying a saved plan: the saved plan against the host's plan now, where they differ (the host stopped). */
  drift?: string;
  /** Not shown and not counted (an include_role that was taken, as in Ansible). */
  silent?: boolean;
  /** set_fact: the facts built from unsafe values (a lookup's, a registered result), kept unsafe. */
  unsafeFacts?: string[];
}

export interface ItemResult extends TaskResult {
  item: unknown;
  label: string;
  /** The loop variables this item ran with (item or loop_var, ansible_loop_var, index_var, ansible_loop). */
  loopVars?: Record<string, unknown>;
}

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}

/** Count one task result into a host's recap line, as Ansible does (changed and ignored also count ok). */
export function countResult(stats: HostStats, r: TaskResult): void {
  switch (r.status) {
    case 'ok': stats.ok += r.included?.length || 1; break; // each included file counts, as in Ansible
    case 'changed': stats.ok++; stats.changed++; break;
    case 'skipped': stats.skipped++; break;
    case 'failed':
      if (r.ignored) { stats.ok++; stats.ignored++; } else stats.failed++;
      break;
    case 'unreachable':
      if (r.ignored) { stats.ok++; stats.ignored++; } else stats.unreachable++; // ignore_unreachable, as Ansible counts it
      break;
  }
  // An ignored failure that changed something also counts changed (for a loop: any item that did).
  const changedItem = r.items?.some((i) => i.status === 'changed' || !!i.module?.changed);
  if (r.status === 'failed' && r.ignored && (r.module?.changed || changedItem)) stats.changed++;
}

/** The value `register: x` stores, with Ansible's keys. */
export function registeredValue(r: TaskResult): Record<string, unknown> {
  const base: Record<string, unknown> = {
    ...(r.module ?? {}),
    changed: r.status === 'changed' || (r.status === 'failed' && !!r.module?.changed),
    failed: r.status === 'failed',
  };
  if (r.status === 'skipped') base.skipped = true;
  if (r.msg !== undefined && base.msg === undefined) base.msg = r.msg;
  if (r.status === 'skipped' && typeof base.msg === 'string' && base.msg.startsWith(FALSE_CONDITION)) {
    // As Ansible: a condition's skip says why, and is neither failed nor a message.
    delete base.msg;
    delete base.failed;
    base.skip_reason = FALSE_CONDITION;
  }
  // A module that returns its own diff (file's before/after dicts) keeps it, as in Ansible.
  if (r.diff && r.diff.length && base.diff === undefined) base.diff = r.diff.length === 1 ? r.diff[0] : r.diff;
  if (r.items) loopKeys(base, r);
  for (const k of ['ansible_facts', 'debug_msg', 'debug_var', 'debug_value', 'debug_result']) delete base[k];
  return base;
}

const FALSE_CONDITION = 'Conditional result was False';

/** A loop's result: `results` (each with its loop variables), `skipped` either way, `failed` only when it failed. */
function loopKeys(base: Record<string, unknown>, r: TaskResult): void {
  const items = r.items!;
  base.results = items.map((i) => ({ ...registeredValue(i), ...(i.loopVars ?? { item: i.item, ansible_loop_var: 'item' }) }));
  if (!base.failed) delete base.failed;
  if (!items.length) {
    base.skipped_reason = 'No items in the list';
    return;
  }
  if (r.status === 'skipped') base.msg = 'All items skipped';
  else base.skipped = false;
  base.msg ??= r.status === 'failed' ? 'One or more items failed' : 'All items completed';
}
