/**
 * What one top-level render call carries: the variables, where the text came from, and the
 * variables already resolved. Rendering is synchronous, so the active state is a plain module
 * variable; nested renders (a variable whose value is itself a template) share it.
 */
import { TemplateError, type Where } from './errors.js';

export interface RenderState {
  vars: Record<string, unknown>;
  where?: Where;
  /** Template-file mode: an error with no task line names the line inside the template. */
  fileLines: boolean;
  /** Variables whose template values were rendered in this call (Ansible renders on use). */
  resolved: Map<string, unknown>;
  /** Names being resolved right now, to report a cycle instead of overflowing the stack. */
  resolving: string[];
  /** The first error of ours raised inside compiled code (nunjucks wraps what it catches). */
  error?: Error;
  /** The render read an unsafe value (see unsafe.ts): what it gives is unsafe too. */
  unsafe?: boolean;
  /** evaluate(): the value of the single expression. */
  captured?: unknown;
}

let active: RenderState | undefined;

export function current(): RenderState {
  if (!active) throw new TemplateError('template helpers used outside a render');
  return active;
}

export function newState(vars: Record<string, unknown>, where: Where | undefined, fileLines: boolean): RenderState {
  return { vars, where, fileLines, resolved: new Map(), resolving: [] };
}

export function withState<T>(state: RenderState, fn: () => T): T {
  const previous = active;
  active = state;
  try {
    return fn();
  } finally {
    active = previous;
  }
}

/** A value read outside the variables (hostvars) was unsafe: the active render gives an unsafe value. */
export function noteUnsafe(): void {
  if (active) active.unsafe = true;
}

/** Where an error at template line `line` (0-based, from nunjucks) should point. */
export function whereAt(state: RenderState, line?: number): Where | undefined {
  const w = state.where;
  if (w?.line !== undefined || !state.fileLines || line === undefined) return w;
  return { file: w?.file, line: line + 1 };
}

/** Remember an error before nunjucks wraps it, and return it for `throw`. */
export function record<E extends Error>(err: E): E {
  const st = active;
  if (st && !st.error) st.error = err;
  return err;
}
