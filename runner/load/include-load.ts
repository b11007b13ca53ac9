/**
 * Loading what an include names, with the playbook's own loader: the file (or role) is found as
 * an import's would be, read, checked against the schemas and turned into tasks, in a context of
 * its own so that its errors stay with the include. Used for plain names while the playbook loads
 * and, for names known only at run time, when a host reaches the include.
 */
import type { Include, IncludeLoad, IncludeLoader, TaskNode } from './ir.js';
import type { LoadContext } from './context.js';
import type { ListScope } from './tasks.js';
import { loadTaskList } from './tasks.js';
import { applyRole, type RoleUse } from './roles.js';
import { findTaskFile } from './imports.js';
import { findRole, roleFile } from './role-files.js';
import { displayPath, sortErrors, LoadError } from './errors.js';

type Names = { target: string; from: Include['from'] };

/** The include's file loaded and checked; 'cycle' when it names a file it is already inside of. */
export function loadInclude(parent: LoadContext, inc: Include, names: Names): IncludeLoad | 'cycle' {
  const ctx = parent.child();
  ctx.playbookDir = inc.origin.playbookDir;
  const o = inc.origin;
  const scope: ListScope = { keywords: o.keywords, file: o.file, chain: o.chain };
  if (o.roleDir) scope.roleDir = o.roleDir;
  if (o.role) scope.role = o.role;
  const loaded = inc.action === 'include_tasks' ? tasksFile(ctx, inc, names.target, scope) : role(ctx, inc, names, scope);
  if (loaded === 'cycle') return loaded;
  return { ...loaded, errors: sortErrors(ctx.sink.errors).map((e) => e.message) };
}

function tasksFile(ctx: LoadContext, inc: Include, name: string, scope: ListScope): Omit<IncludeLoad, 'errors'> | 'cycle' {
  const found = findTaskFile(name, scope, 'tasks');
  if (!found.file) {
    ctx.sink.add(inc.origin.at, `include_tasks: file '${name}' not found (looked for ${found.looked.map(displayPath).join(', ')})`);
    return { file: name, tasks: [], handlers: [] };
  }
  const file = found.file;
  if (scope.chain.includes(file)) return 'cycle';
  const list = ctx.readFile(file, 'task-list');
  const tasks: TaskNode[] = loadTaskList(ctx, list.value, { ...scope, file, chain: [...scope.chain, file] });
  // Roles the file imports bring their handlers, as an include_role's do.
  return { file, tasks, handlers: ctx.play.roleHandlers };
}

function role(ctx: LoadContext, inc: Include, names: Names, scope: ListScope): Omit<IncludeLoad, 'errors'> | 'cycle' {
  const found = findRole(ctx, names.target, scope.roleDir);
  const tasks = found.dir ? roleFile(found.dir, 'tasks', names.from.tasks) : undefined;
  if (tasks && scope.chain.includes(tasks)) return 'cycle';
  const use: RoleUse = {
    name: names.target, pos: inc.origin.at, params: inc.params, keywords: { when: [], tags: [], vars: {} },
    allowDuplicates: true, private: !inc.public, fileChain: scope.chain,
  };
  if (names.from.tasks !== undefined) use.tasksFrom = names.from.tasks;
  if (names.from.vars !== undefined) use.varsFrom = names.from.vars;
  if (names.from.defaults !== undefined) use.defaultsFrom = names.from.defaults;
  if (names.from.handlers !== undefined) use.handlersFrom = names.from.handlers;
  const list = applyRole(ctx, use, scope.keywords, [], scope.roleDir);
  const out: Omit<IncludeLoad, 'errors'> = { file: found.dir ?? names.target, tasks: list, handlers: ctx.play.roleHandlers };
  if (use.applied) out.role = use.applied;
  return out;
}

/** The loader kept for the run: includes named only then are loaded by it when reached. */
export function includeLoader(root: LoadContext): IncludeLoader {
  return {
    load(inc, names) {
      try {
        const r = loadInclude(root, inc, names);
        if (r !== 'cycle') return r;
        // A file that includes itself by a templated name: one more level, loaded now.
        return loadInclude(root, { ...inc, origin: { ...inc.origin, chain: [] } }, names) as IncludeLoad;
      } catch (e) {
        const message = e instanceof LoadError ? e.message : `${displayPath(inc.origin.at.file)}:${inc.origin.at.line}:${inc.origin.at.col}: ${(e as Error).message}`;
        return { file: names.target, tasks: [], handlers: [], errors: [message] };
      }
    },
  };
}
