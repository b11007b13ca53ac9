/**
 * nunjucks passes `f(a, key=value)` keyword arguments as a trailing object flagged
 * `__keywords`; Jinja2 functions see them by name. This splits them back apart.
 */
export interface SplitArgs {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

export function isKwargs(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { __keywords?: boolean }).__keywords === true;
}

export function splitKwargs(all: unknown[]): SplitArgs {
  const last = all[all.length - 1];
  if (!isKwargs(last)) return { args: all, kwargs: {} };
  const kwargs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(last)) if (k !== '__keywords') kwargs[k] = v;
  return { args: all.slice(0, -1), kwargs };
}

/** Positional argument `i`, else keyword `name`, else `dflt` (Python's parameter binding). */
export function arg<T>(p: SplitArgs, i: number, name: string, dflt: T): T {
  if (i < p.args.length && p.args[i] !== undefined) return p.args[i] as T;
  if (Object.prototype.hasOwnProperty.call(p.kwargs, name)) return p.kwargs[name] as T;
  return dflt;
}
