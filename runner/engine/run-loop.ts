/**
 * A looping task on one host: its items (`loop:` rendered, or the `with_<lookup>` run), then
 * each item with its loop variables (loop_var, index_var, ansible_loop, ansible_loop_var), a
 * label and a pause between items; the results folded into the task's one result.
 */
import type { Task, Vars } from '../load/ir.js';
import { evaluateCondition, isTemplated, isUnsafeName, loopLookup, markUnsafe, pyStr, renderTracked, renderValue, UndefinedVariableError } from '../template/index.js';
import type { ItemResult, TaskResult } from './results.js';

type RunItem = (vars: Vars) => Promise<TaskResult>;

/** Ansible picks where `with_first_found` looks by the module: templates/ for template, vars/ for include_vars. */
function subdirFor(module: string): 'files' | 'templates' | 'vars' {
  for (const s of ['template', 'var', 'file'] as const) if (module.includes(s)) return `${s}s`;
  return 'files';
}

/** The items of a looping task or include (`module`: the task's module, or the include's action). */
export function loopItems(task: Pick<Task, 'loop' | 'loopWith' | 'pos'>, vars: Vars, module: string): unknown[] {
  return markedLoopItems(task, vars, module).items;
}

/**
 * The items, and whether they are unsafe (never templated again when read back): those of a
 * `with_<lookup>` always, those of `loop:` when it read a lookup's result or a registered one.
 */
export function markedLoopItems(task: Pick<Task, 'loop' | 'loopWith' | 'pos'>, vars: Vars, module: string): { items: unknown[]; unsafe: boolean } {
  const where = { file: task.pos.file, line: task.pos.line };
  if (task.loopWith) {
    const terms = renderValue(task.loop, vars, where);
    return { items: loopLookup(task.loopWith, terms, vars, where, { subdir: subdirFor(module) }), unsafe: true };
  }
  const { value: v, unsafe } = renderTracked(task.loop, vars, where);
  if (!Array.isArray(v)) {
    throw new Error(`Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(v)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`);
  }
  return { items: v, unsafe };
}

/** The item variable's name: `loop_control.loop_var`, rendered with the task's variables when it is a template. */
export function loopVarName(task: Pick<Task, 'loopControl' | 'pos'>, vars: Vars): string {
  const name = task.loopControl?.loopVar ?? 'item';
  if (!isTemplated(name)) return name;
  const rendered = pyStr(renderValue(name, vars, { file: task.pos.file, line: task.pos.line })).trim();
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rendered)) {
    throw new Error(`${task.pos.file}:${task.pos.line}: loop_control.loop_var '${name}' gave '${rendered}', which is not a valid variable name`);
  }
  return rendered;
}

/** What each item adds to the task's variables, and to its registered result. */
function loopVarsOf(task: Task, items: unknown[], index: number, loopVar: string): Vars {
  const c = task.loopControl;
  const out: Vars = { [loopVar]: items[index], ansible_loop_var: loopVar };
  if (c?.indexVar) {
    out[c.indexVar] = index;
    out.ansible_index_var = c.indexVar;
  }
  if (c?.extended) {
    const n = items.length;
    const loop: Vars = {
      index: index + 1, index0: index, revindex: n - index, revindex0: n - index - 1,
      first: index === 0, last: index === n - 1, length: n,
    };
    if (c.extendedAllitems !== false) loop.allitems = items;
    if (index > 0) loop.previtem = items[index - 1];
    if (index < n - 1) loop.nextitem = items[index + 1];
    out.ansible_loop = loop;
  }
  return out;
}

export async function runLoop(task: Task, vars: Vars, runItem: RunItem): Promise<TaskResult> {
  const where = { file: task.pos.file, line: task.pos.line };
  let items: unknown[];
  let loopVar: string;
  let unsafe: boolean;
  try {
    ({ items, unsafe } = markedLoopItems(task, vars, task.module));
    loopVar = loopVarName(task, vars);
  } catch (err) {
    // Items that name an undefined variable fail the task only when its condition holds, as in Ansible.
    if (err instanceof UndefinedVariableError) {
      const failing = task.when.find((c) => !evaluateCondition(c, vars, where));
      if (failing !== undefined) return { status: 'skipped', msg: `Conditional result was False: ${failing}` };
    }
    const ignored = task.ignoreErrors !== undefined && evaluateCondition(task.ignoreErrors, vars, where);
    return { status: 'failed', msg: (err as Error).message, ...(ignored ? { ignored } : {}) };
  }
  const results: ItemResult[] = [];
  for (let index = 0; index < items.length; index++) {
    if (index > 0 && task.loopControl?.pause) await new Promise((res) => setTimeout(res, task.loopControl!.pause! * 1000));
    const loopVars = loopVarsOf(task, items, index, loopVar);
    const itemVars: Vars = { ...vars, ...loopVars };
    // ansible_loop's allitems, previtem and nextitem are the items themselves: unsafe with them.
    const marked = [loopVar, ...('ansible_loop' in loopVars ? ['ansible_loop'] : [])];
    if (unsafe || marked.some((n) => isUnsafeName(vars, n))) markUnsafe(itemVars, marked, unsafe);
    const label = task.loopControl?.label !== undefined ? pyStr(renderValue(task.loopControl.label, itemVars, where)) : pyStr(items[index]);
    const r = await runItem(itemVars);
    results.push({ ...r, item: items[index], label, loopVars });
    if (r.status === 'unreachable') break;
  }
  return aggregate(results);
}

/** A loop task's overall status, as Ansible counts it. */
function aggregate(items: ItemResult[]): TaskResult {
  const r: TaskResult = { status: 'ok', items };
  if (!items.length || items.every((i) => i.status === 'skipped')) r.status = 'skipped';
  else if (items.some((i) => i.status === 'unreachable')) r.status = 'unreachable';
  else if (items.some((i) => i.status === 'failed' && !i.ignored)) r.status = 'failed';
  else if (items.some((i) => i.status === 'failed')) { r.status = 'failed'; r.ignored = true; }
  else if (items.some((i) => i.status === 'changed')) r.status = 'changed';
  if (items.some((i) => i.predicted)) r.predicted = true;
  if (r.status === 'failed') r.msg = 'One or more items failed';
  if (items.some((i) => i.status === 'changed')) r.module = { changed: true };
  return r;
}
