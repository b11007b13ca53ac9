/**
 * Keyword values in the forms Ansible accepts, turned into the one form the IR holds
 * (`when` as a list of expressions, `tags` as a list, ...). Inputs were schema-checked already;
 * anything of the wrong type is ignored here because its error has been reported.
 */
import type { TaskCommon, Vars } from './ir.js';

/** A condition written as `"{{ x }}"` is the bare expression `x`. */
function bareExpression(s: string): string {
  const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(s);
  return m && !m[1]!.includes('}}') ? m[1]!.trim() : s.trim();
}

function conditionText(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return bareExpression(v);
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function conditions(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items.map(conditionText).filter((s): s is string => s !== undefined && s !== '');
}

/** changed_when/failed_when: a plain boolean stays one (the engine needs no expression for it). */
export function conditionOrBool(v: unknown): string[] | boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  return conditions(v);
}

export function tags(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return items
    .flatMap((t) => (typeof t === 'string' ? t.split(',') : typeof t === 'number' ? [String(t)] : []))
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

export function stringList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return items.filter((s): s is string => typeof s === 'string');
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function bool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function boolOrTemplate(v: unknown): boolean | string | undefined {
  return typeof v === 'boolean' || typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

export function vars(v: unknown): Vars {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? { ...(v as Vars) } : {};
}

export function environment(v: unknown): Record<string, string> | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null && typeof x !== 'object') out[k] = String(x);
  return out;
}

/** The keywords shared by tasks, blocks, handlers, role entries and imports, as written on one of them. */
export type Inheritable = Omit<TaskCommon, 'name' | 'pos' | 'role'> & { delegateTo?: string; runOnce?: boolean };

export function ownKeywords(raw: Record<string, unknown>): Inheritable {
  const k: Inheritable = { when: conditions(raw['when']), tags: tags(raw['tags']), vars: vars(raw['vars']) };
  const set = <K extends keyof Inheritable>(key: K, value: Inheritable[K] | undefined) => {
    if (value !== undefined) k[key] = value;
  };
  set('become', bool(raw['become']));
  set('becomeUser', str(raw['become_user']));
  set('ignoreErrors', boolOrTemplate(raw['ignore_errors']));
  set('ignoreUnreachable', bool(raw['ignore_unreachable']));
  set('timeout', num(raw['timeout']));
  set('checkMode', boolOrTemplate(raw['check_mode']));
  set('diff', bool(raw['diff']));
  set('noLog', boolOrTemplate(raw['no_log']));
  set('environment', environment(raw['environment']));
  set('anyErrorsFatal', bool(raw['any_errors_fatal']));
  set('delegateTo', str(raw['delegate_to']));
  set('runOnce', bool(raw['run_once']));
  return k;
}

/**
 * What children get from an enclosing block, role or import: conditions and tags add up,
 * vars and environment merge (inner wins), other keywords apply unless the child sets its own.
 */
export function inherit(outer: Inheritable, inner: Inheritable): Inheritable {
  const merged: Inheritable = { ...outer, ...stripUndefined(inner) };
  merged.when = [...outer.when, ...inner.when];
  merged.tags = [...new Set([...outer.tags, ...inner.tags])];
  merged.vars = { ...outer.vars, ...inner.vars };
  if (outer.environment || inner.environment) merged.environment = { ...outer.environment, ...inner.environment };
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const NO_KEYWORDS: Inheritable = { when: [], tags: [], vars: {} };
