/**
 * Handler lists (a play's `handlers:`, a role's handlers/main.yml): tasks with a name and
 * `listen` topics; import_tasks inside them is inlined.
 */
import type { Handler, SourcePos } from './ir.js';
import type { LoadContext } from './context.js';
import type { ListScope } from './tasks.js';
import { buildTask } from './task.js';
import { inherit, ownKeywords, stringList } from './keywords.js';
import { posOf, valuePos } from './source-map.js';
import { fileRefName, importedFile } from './imports.js';

export function loadHandlerList(ctx: LoadContext, list: unknown, scope: ListScope): Handler[] {
  if (!Array.isArray(list)) return [];
  const fallback: SourcePos = { file: scope.file, line: 1, col: 1 };
  return list.flatMap((entry, i): Handler[] => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    const raw = entry as Record<string, unknown>;
    const pos = posOf(raw, valuePos(list, i, fallback));
    for (const key of ['import_tasks', 'include_tasks'] as const) {
      if (!(key in raw)) continue;
      const name = fileRefName(raw[key]);
      const file = name === undefined ? undefined : importedFile(ctx, raw, key, name, scope, pos, 'handlers');
      if (!file) return [];
      const keywords = inherit(scope.keywords, ownKeywords(raw));
      return loadHandlerList(ctx, ctx.readFile(file, 'handler-list').value, { ...scope, keywords, file, chain: [...scope.chain, file] });
    }
    if ('block' in raw || 'import_role' in raw || 'include_role' in raw) {
      ctx.sink.add(pos, 'blocks and roles inside handlers are not supported yet');
      return [];
    }
    const task = buildTask(ctx, raw, scope, pos);
    return task ? [{ ...task, listen: stringList(raw['listen']) }] : [];
  });
}
