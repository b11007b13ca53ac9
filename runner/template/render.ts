/**
 * The four ways the runner renders: a template file, task arguments, a bare expression and a
 * condition, each with Ansible's rules for what comes back.
 */
import { isTemplated, SINGLE_VAR } from './detect.js';
import { compile, syntaxError, type Compiled } from './environment.js';
import { TemplateError, UndefinedVariableError, type Where } from './errors.js';
import { setResolver } from './lazy.js';
import { convertRendered } from './py-literal.js';
import { isDict, pyStr, truthy } from './py-values.js';
import { current, newState, withState, type RenderState } from './state.js';
import { setTemplateRenderer } from './lookups/index.js';
import type { StringMode } from './syntax.js';
import { OMIT } from './undef.js';
import { templateVars } from './template-vars.js';
import type { NunjucksError } from './nunjucks-internals.js';

/** Filters whose text result Ansible never turns back into a list, dict or bool. */
const TEXT_FILTERS = new Set(['to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'json']);

function compileOrThrow(src: string, shown: string, mode: StringMode, capture: boolean, state: RenderState): Compiled {
  try {
    return compile(src, mode, capture);
  } catch (err) {
    throw syntaxError(err as NunjucksError, shown, state.where, state.fileLines);
  }
}

function trailingNewlines(text: string): number {
  let n = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\n'; i--) n++;
  return n;
}

/** Runs a compiled template in `state`; returns the text (or, in capture mode, state.captured). */
function run(compiled: Compiled, src: string, state: RenderState): string {
  return withState(state, () => {
    try {
      const text = compiled.template.render({}) as string;
      // Ansible keeps the source's trailing newlines even where trim_blocks ate them.
      const missing = trailingNewlines(src) - trailingNewlines(text);
      return missing > 0 ? text + '\n'.repeat(missing) : text;
    } catch (err) {
      if (state.error) throw state.error;
      if (err instanceof TemplateError) throw err;
      throw syntaxError(err as NunjucksError, src, state.where, state.fileLines);
    }
  });
}

function nativeOf(value: unknown, lastFilter: string | undefined): unknown {
  if (value === OMIT || Array.isArray(value) || isDict(value) || typeof value === 'boolean') return value;
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return pyStr(value);
  return lastFilter && TEXT_FILTERS.has(lastFilter) ? value : convertRendered(value);
}

function renderString(text: string, state: RenderState): unknown {
  if (!isTemplated(text)) return text;
  const single = SINGLE_VAR.exec(text);
  if (single && Object.prototype.hasOwnProperty.call(state.vars, single[1])) {
    const raw = state.vars[single[1]];
    if (raw === null || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  }
  const compiled = compileOrThrow(text, text, 'raw', false, state);
  if (!compiled.single) return convertRendered(run(compiled, text, state));
  const capturing = compileOrThrow(text, text, 'raw', true, state);
  state.captured = undefined;
  run(capturing, text, state);
  return nativeOf(state.captured, compiled.lastFilter);
}

function renderIn(value: unknown, state: RenderState): unknown {
  if (typeof value === 'string') return renderString(value, state);
  if (Array.isArray(value)) return value.map((v) => renderIn(v, state));
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[String(renderIn(k, state))] = renderIn(v, state);
    return out;
  }
  return value;
}

setResolver(renderIn);
setTemplateRenderer((text, path, extra) => {
  const outer = current();
  return render(text, { ...outer.vars, ...templateVars(path), ...extra }, { file: path });
});

/** A whole template text (template module): trim_blocks, trailing newline kept, always text. */
export function render(text: string, vars: Record<string, unknown>, where?: Where): string {
  const state = newState(vars, where, true);
  return run(compileOrThrow(text, text, 'python', false, state), text, state);
}

/** Task arguments: recursively through lists and dicts, strings rendered as Ansible renders args. */
export function renderValue(value: unknown, vars: Record<string, unknown>, where?: Where): unknown {
  const state = newState(vars, where, false);
  return renderIn(value, state);
}

/**
 * renderValue that also says whether the value read anything unsafe (a lookup's result, a loop
 * item of one, a registered result): what it gives is then unsafe too, as in Ansible.
 */
export function renderTracked(value: unknown, vars: Record<string, unknown>, where?: Where): { value: unknown; unsafe: boolean } {
  const state = newState(vars, where, false);
  const out = renderIn(value, state);
  return { value: out, unsafe: !!state.unsafe };
}

/**
 * Task arguments rendered as renderValue does, with the (rendered) keys whose value read anything
 * unsafe: set_fact keeps those facts unsafe, as Ansible templates each value on its own.
 */
export function renderArgsTracked(args: Record<string, unknown>, vars: Record<string, unknown>, where?: Where): { value: Record<string, unknown>; unsafe: string[] } {
  const state = newState(vars, where, false);
  const value: Record<string, unknown> = {};
  const unsafe: string[] = [];
  for (const [k, v] of Object.entries(args)) {
    const key = String(renderIn(k, state));
    state.unsafe = false;
    value[key] = renderIn(v, state);
    if (state.unsafe) unsafe.push(key);
  }
  return { value, unsafe };
}

/**
 * A value rendered as Ansible renders what hostvars gives: with `vars` (that host's own), and a
 * text naming a variable they do not define is left as it is.
 */
export function renderLenient(value: unknown, vars: Record<string, unknown>): unknown {
  if (typeof value === 'string') {
    if (!isTemplated(value)) return value;
    try {
      return renderValue(value, vars);
    } catch (err) {
      if (err instanceof UndefinedVariableError) return value;
      throw err;
    }
  }
  if (Array.isArray(value)) return value.map((v) => renderLenient(v, vars));
  if (isDict(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = renderLenient(v, vars);
    return out;
  }
  return value;
}

/** `mode`: a bare condition reads its string constants with Python's escapes (`'\n'` is a newline), as Ansible's conditionals do. */
function evaluateIn(expression: string, state: RenderState, mode: 'raw' | 'python' = 'raw'): unknown {
  if (isTemplated(expression)) return renderIn(expression, state);
  const src = `{{ ${expression} }}`;
  const compiled = compileOrThrow(src, expression, mode, true, state);
  state.captured = undefined;
  run(compiled, expression, state);
  return state.captured;
}

/** A bare Jinja2 expression ("x | default(1) + 2"), returning its native value. */
export function evaluate(expression: string, vars: Record<string, unknown>, where?: Where): unknown {
  const state = newState(vars, where, false);
  return evaluateIn(expression, state);
}

/** `when:` / `that:` / `changed_when:` semantics (see ANSIBLE-NOTES: templated conditions). */
export function evaluateCondition(condition: string | boolean, vars: Record<string, unknown>, where?: Where): boolean {
  if (typeof condition === 'boolean') return condition;
  const state = newState(vars, where, false);
  let expr: unknown = condition;
  if (isTemplated(condition)) {
    expr = renderIn(condition, state);
    if (typeof expr === 'boolean') return expr;
    expr = pyStr(expr);
  }
  const text = (expr as string).trim();
  if (text === '') return true;
  return truthy(evaluateIn(text, state, 'python'));
}
