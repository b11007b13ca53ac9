/**
 * An include reached by one host: per loop item, its condition, the file or role name rendered
 * with the host's variables, and what that names loaded (with the playbook's loader and schemas;
 * once per name for the whole run). What the host then runs is one entry per included item.
 * An error in the included file fails the host's include, naming the file, line and column.
 */
import type { Include, IncludeLoad, Vars } from '../load/ir.js';
import { evaluateCondition, isUnsafeName, markUnsafe, pyStr, renderValue, isTemplated } from '../template/index.js';
import type { HostState } from './host-state.js';
import type { PlayContext } from './run-context.js';
import type { ItemResult, TaskResult } from './results.js';
import { taskVars } from './task-vars.js';
import { loopVarName, markedLoopItems } from './run-loop.js';

export interface IncludeEntry {
  /** Same key: same file and item, run together by every host that included it. */
  key: string;
  load: IncludeLoad;
  /** Include params for the tasks it brings (the include's vars, the loop item). */
  params: Vars;
  label?: string;
}

export function resolveInclude(ctx: PlayContext, host: HostState, inc: Include, outer: Vars): { result: TaskResult; entries: IncludeEntry[] } {
  const vars = taskVars(ctx, host, inc, outer);
  const where = { file: inc.pos.file, line: inc.pos.line };
  const looping = inc.loop !== undefined;
  const loopVar = looping ? loopVarName(inc, vars) : 'item';
  const { items, unsafe } = looping ? markedLoopItems(inc, vars, inc.action) : { items: [undefined], unsafe: false };
  const entries: IncludeEntry[] = [];
  const skipped: ItemResult[] = [];
  for (const [index, item] of items.entries()) {
    const itemVars: Vars = { ...vars };
    const own: Vars = inc.action === 'include_tasks' ? { ...inc.params } : {};
    if (looping) {
      // The included tasks see the item under its name, not ansible_loop_var (as in Ansible).
      own[loopVar] = item;
      if (inc.loopControl?.indexVar) own[inc.loopControl.indexVar] = index;
      Object.assign(itemVars, own);
      if (unsafe || isUnsafeName(vars, loopVar)) markUnsafe(itemVars, [loopVar], unsafe);
    }
    const label = looping ? (inc.loopControl?.label !== undefined ? String(renderValue(inc.loopControl.label, itemVars, where)) : pyStr(item)) : undefined;
    const failing = inc.when.find((c) => !evaluateCondition(c, itemVars, where));
    if (failing !== undefined) {
      const msg = `Conditional result was False: ${failing}`;
      if (!looping) return { result: { status: 'skipped', msg }, entries: [] };
      skipped.push({ status: 'skipped', msg, item, label: label! });
      continue;
    }
    const names = {
      target: String(renderValue(inc.target, itemVars, where)),
      from: Object.fromEntries(Object.entries(inc.from).map(([k, v]) => [k, String(renderValue(v, itemVars, where))])) as Include['from'],
    };
    const load = loadFor(ctx, inc, names);
    if (load.errors.length) return { result: failure(inc, vars, load.errors.join('\n')), entries: [] };
    const params: Vars = { ...outer, ...own };
    if (looping && (unsafe || isUnsafeName(outer, loopVar))) markUnsafe(params, [loopVar], unsafe);
    entries.push({ key: JSON.stringify([names, looping ? own : null]), load, params, ...(label !== undefined ? { label } : {}) });
  }
  if (!entries.length) {
    return { result: looping ? { status: 'skipped', items: skipped, ...(skipped.length ? {} : { msg: 'No items in the list' }) } : { status: 'skipped' }, entries };
  }
  const result: TaskResult = inc.action === 'include_tasks'
    ? { status: 'ok', included: entries.map((e) => ({ file: e.load.file, ...(e.label !== undefined ? { label: e.label } : {}) })) }
    : { status: 'ok', silent: true };
  if (skipped.length) result.skippedItems = skipped;
  return { result, entries };
}

/** A plain name was loaded with the playbook; a rendered one is loaded now, once per name. */
function loadFor(ctx: PlayContext, inc: Include, names: { target: string; from: Include['from'] }): IncludeLoad {
  const plain = ![inc.target, ...Object.values(inc.from)].some(isTemplated);
  if (plain && inc.preloaded) return inc.preloaded;
  let byName = ctx.includeLoads.get(inc);
  if (!byName) ctx.includeLoads.set(inc, (byName = new Map()));
  const key = JSON.stringify(names);
  let load = byName.get(key);
  if (!load) byName.set(key, (load = ctx.playbook.includes.load(inc, names)));
  return load;
}

function failure(inc: Include, vars: Vars, msg: string): TaskResult {
  const r: TaskResult = { status: 'failed', msg };
  if (inc.ignoreErrors !== undefined && evaluateCondition(inc.ignoreErrors, vars, { file: inc.pos.file, line: inc.pos.line })) r.ignored = true;
  return r;
}

/**
 * What every host of the batch included at one include step: entries in one order for all
 * (first the first host's, in item order), so hosts that included the same file and item run
 * its tasks together, under one header, as Ansible does.
 */
export class IncludeTable {
  private readonly rows = new Map<string, { entry: IncludeEntry; first: [number, number]; hosts: Set<string> }>();

  add(host: string, hostIndex: number, entries: IncludeEntry[]): void {
    entries.forEach((entry, i) => {
      const row = this.rows.get(entry.key) ?? this.rows.set(entry.key, { entry, first: [hostIndex, i], hosts: new Set() }).get(entry.key)!;
      if (hostIndex < row.first[0]) row.first = [hostIndex, i]; // whichever host resolved first, the order is the batch's
      row.hosts.add(host);
    });
  }

  /** The entries this host runs, each with its place among all (its tasks' steps are below that place). */
  orderFor(host: string): { entry: IncludeEntry; index: number }[] {
    const sorted = [...this.rows.values()].sort((a, b) => a.first[0] - b.first[0] || a.first[1] - b.first[1]);
    return sorted.flatMap((row, index) => (row.hosts.has(host) ? [{ entry: row.entry, index }] : []));
  }
}
