/**
 * `loop` and the older `with_*` forms as one `loop` value: `with_items` flattens nested lists one
 * level, `with_dict` gives {key, value} items as `dict2items` does.
 */
import type { SourcePos, Task } from './ir.js';
import type { LoadContext } from './context.js';
import { keyPos } from './source-map.js';
import { isTemplated } from './coerce.js';

const LOOP_KEYS = ['loop', 'with_items', 'with_list', 'with_dict'] as const;

function flattenOnce(items: unknown[]): unknown[] {
  return items.flatMap((i) => (Array.isArray(i) ? i : [i]));
}

/** `"{{ x }}"` -> `"{{ (x) | dict2items }}"`, so the engine only ever sees a list. */
function withFilter(template: string, filter: string): string {
  const m = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(template);
  return m ? `{{ (${m[1]!.trim()}) | ${filter} }}` : template;
}

function loopValue(key: (typeof LOOP_KEYS)[number], v: unknown): unknown {
  switch (key) {
    case 'with_items':
      if (Array.isArray(v)) return flattenOnce(v);
      return typeof v === 'string' && !isTemplated(v) ? [v] : v;
    case 'with_dict':
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        return Object.entries(v).map(([key, value]) => ({ key, value }));
      }
      return typeof v === 'string' ? withFilter(v, 'dict2items') : v;
    default:
      return typeof v === 'string' && !isTemplated(v) ? [v] : v;
  }
}

export function loopOf(
  ctx: LoadContext, raw: Record<string, unknown>, pos: SourcePos,
): { loop: unknown; loopControl?: NonNullable<Task['loopControl']> } | undefined {
  const present = LOOP_KEYS.filter((k) => raw[k] !== undefined);
  if (present.length > 1) {
    ctx.sink.add(keyPos(raw, present[1]!, pos), `'${present[1]}' cannot be used with '${present[0]}'`, { expected: 'one loop' });
  }
  const lc = raw['loop_control'];
  if (!present.length) {
    if (lc !== undefined) ctx.sink.add(keyPos(raw, 'loop_control', pos), `'loop_control' without a loop`);
    return undefined;
  }
  const key = present[0]!;
  const result: { loop: unknown; loopControl?: NonNullable<Task['loopControl']> } = { loop: loopValue(key, raw[key]) };
  if (typeof lc === 'object' && lc !== null && !Array.isArray(lc)) {
    const c = lc as Record<string, unknown>;
    const control: NonNullable<Task['loopControl']> = { loopVar: typeof c['loop_var'] === 'string' ? c['loop_var'] : 'item' };
    if (typeof c['label'] === 'string') control.label = c['label'];
    if (typeof c['index_var'] === 'string') control.indexVar = c['index_var'];
    if (typeof c['pause'] === 'number') control.pause = c['pause'];
    result.loopControl = control;
  }
  return result;
}
