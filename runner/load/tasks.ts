/**
 * Lists of tasks (a play section, a role's tasks/main.yml, an imported file) turned into TaskNodes:
 * blocks keep their structure with keywords pushed into their children; imports are inlined;
 * includes become Include nodes, resolved when reached.
 */
import type { Block, SourcePos, TaskNode } from './ir.js';
import type { LoadContext } from './context.js';
import type { TaskScope } from './task.js';
import { buildTask } from './task.js';
import { inherit, ownKeywords, str } from './keywords.js';
import { posOf, valuePos } from './source-map.js';
import { importedFile, fileRefName } from './imports.js';
import { applyRoleStatically } from './roles.js';
import { buildInclude } from './include.js';
import { conditionProblems } from './task-literals.js';

export interface ListScope extends TaskScope {
  /** The file being read (for relative imports) and the role's dir when inside a role. */
  file: string;
  roleDir?: string;
  /** Files being imported, to stop an import cycle. */
  chain: string[];
}

export function loadTaskList(ctx: LoadContext, list: unknown, scope: ListScope): TaskNode[] {
  if (!Array.isArray(list)) return [];
  const fallback: SourcePos = { file: scope.file, line: 1, col: 1 };
  return list.flatMap((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return [];
    return loadEntry(ctx, entry as Record<string, unknown>, scope, valuePos(list, i, fallback));
  });
}

function loadEntry(ctx: LoadContext, raw: Record<string, unknown>, scope: ListScope, at: SourcePos): TaskNode[] {
  const pos = posOf(raw, at);
  if ('block' in raw) return [loadBlock(ctx, raw, scope, pos)];
  if ('import_tasks' in raw) return loadImportedTasks(ctx, raw, scope, pos);
  if ('import_role' in raw) return applyRoleStatically(ctx, raw, 'import_role', scope, pos);
  for (const key of ['include_tasks', 'include_role'] as const) {
    if (key in raw) {
      const inc = buildInclude(ctx, raw, key, scope, pos);
      return inc ? [inc] : [];
    }
  }
  const task = buildTask(ctx, raw, scope, pos);
  return task ? [task] : [];
}

function loadBlock(ctx: LoadContext, raw: Record<string, unknown>, scope: ListScope, pos: SourcePos): Block {
  const keywords = inherit(scope.keywords, ownKeywords(raw));
  const inner: ListScope = { ...scope, keywords };
  const { delegateTo: _d, runOnce: _r, ...common } = keywords;
  const block: Block = {
    kind: 'block',
    pos,
    ...common,
    block: loadTaskList(ctx, raw['block'], Array.isArray(raw['rescue']) && raw['rescue'].length ? { ...inner, rescued: true } : inner),
    rescue: loadTaskList(ctx, raw['rescue'], inner),
    always: loadTaskList(ctx, raw['always'], inner),
  };
  if (raw['when'] !== undefined) ctx.sink.errors.push(...conditionProblems(raw['when'], valuePos(raw, 'when', pos)));
  const name = str(raw['name']);
  if (name !== undefined) block.name = name;
  if (scope.role) block.role = scope.role;
  return block;
}

function loadImportedTasks(ctx: LoadContext, raw: Record<string, unknown>, scope: ListScope, pos: SourcePos): TaskNode[] {
  const name = fileRefName(raw['import_tasks']);
  if (name === undefined) return [];
  const file = importedFile(ctx, raw, 'import_tasks', name, scope, pos, 'tasks');
  if (!file) return [];
  const loaded = ctx.readFile(file, 'task-list');
  return loadTaskList(ctx, loaded.value, { ...scope, keywords: inherit(scope.keywords, ownKeywords(raw)), file, chain: [...scope.chain, file] });
}
