/**
 * Variables are rendered when a template uses them, as Ansible does: `url: "http://{{ host }}/"`
 * becomes text only when `{{ url }}` is rendered, with the variables of that render. The vars
 * object is read in place (never copied); rendered values are kept for the rest of the call.
 */
import { TemplateError } from './errors.js';
import { isTemplated } from './detect.js';
import { isDict } from './py-values.js';
import { record, whereAt, type RenderState } from './state.js';
import { isUnsafeName } from './unsafe.js';

type Resolver = (value: unknown, state: RenderState) => unknown;
let resolveNested: Resolver | undefined;

/** render.ts supplies how a nested value is rendered (renderValue inside the current state). */
export function setResolver(fn: Resolver): void {
  resolveNested = fn;
}

/** Objects that render their own values when read (hostvars): never rendered as a whole. */
const live = new WeakSet<object>();

export function renderedOnRead<T extends object>(value: T): T {
  live.add(value);
  return value;
}

/** True when a value holds a template anywhere inside it. */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplated(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (isDict(value)) {
    if (live.has(value)) return false;
    for (const k in value) if (holdsTemplate(value[k])) return true;
  }
  return false;
}

export function lookupVar(state: RenderState, name: string): unknown {
  const raw = state.vars[name];
  if (isUnsafeName(state.vars, name)) {
    state.unsafe = true;
    return raw;
  }
  if (!holdsTemplate(raw)) return raw;
  if (state.resolved.has(name)) return state.resolved.get(name);
  if (state.resolving.includes(name)) {
    const chain = [...state.resolving.slice(state.resolving.indexOf(name)), name].join(' -> ');
    throw record(new TemplateError(`recursive loop detected in variable '${name}': ${chain}`, whereAt(state)));
  }
  state.resolving.push(name);
  try {
    const value = resolveNested!(raw, state);
    state.resolved.set(name, value);
    return value;
  } finally {
    state.resolving.pop();
  }
}
