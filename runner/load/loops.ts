/**
 * `loop:` and `with_<lookup>:` as Ansible reads them: `with_X: terms` is the lookup X run with
 * `wantlist=True` when the task runs (runner/template/lookups/), so every with_* form and the
 * lookup()/query() of the same name behave alike. Here: which key loops, and loop_control.
 */
import type { LoopControl, SourcePos, Task } from './ir.js';
import type { LoadContext } from './context.js';
import { keyPos } from './source-map.js';
import { LOOKUP_NAMES } from '../template/lookups/index.js';

/** The task keys that make it loop: `loop` and `with_<lookup>` for each lookup there is. */
export function loopKeys(raw: Record<string, unknown>): string[] {
  return Object.keys(raw).filter((k) => raw[k] !== undefined && (k === 'loop' || (k.startsWith('with_') && LOOKUP_NAMES.has(k.slice(5)))));
}

function controlOf(c: Record<string, unknown>): LoopControl {
  const control: LoopControl = { loopVar: typeof c['loop_var'] === 'string' ? c['loop_var'] : 'item' };
  if (typeof c['label'] === 'string') control.label = c['label'];
  if (typeof c['index_var'] === 'string') control.indexVar = c['index_var'];
  if (typeof c['pause'] === 'number') control.pause = c['pause'];
  if (c['extended'] === true) control.extended = true;
  if (c['extended_allitems'] === false) control.extendedAllitems = false;
  return control;
}

export function loopOf(ctx: LoadContext, raw: Record<string, unknown>, pos: SourcePos): Pick<Task, 'loop' | 'loopWith' | 'loopControl'> | undefined {
  const present = loopKeys(raw);
  if (present.length > 1) {
    ctx.sink.add(keyPos(raw, present[1]!, pos), `'${present[1]}' cannot be used with '${present[0]}'`, { expected: 'one loop' });
  }
  const lc = raw['loop_control'];
  if (!present.length) {
    if (lc !== undefined) ctx.sink.add(keyPos(raw, 'loop_control', pos), `'loop_control' without a loop`);
    return undefined;
  }
  const key = present[0]!;
  const result: Pick<Task, 'loop' | 'loopWith' | 'loopControl'> = { loop: raw[key] };
  if (key !== 'loop') result.loopWith = key.slice(5);
  if (typeof lc === 'object' && lc !== null && !Array.isArray(lc)) result.loopControl = controlOf(lc as Record<string, unknown>);
  return result;
}
