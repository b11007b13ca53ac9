/**
 * Applying roles: a play's `roles:`, meta dependencies (first, once per identical parameters
 * unless allow_duplicates), import_role, and what an include_role names. A role's tasks are
 * expanded in place, each carrying its RoleInstance; its handlers go to the context's role handlers.
 */
import type { RoleInstance, SourcePos, TaskNode, Vars } from './ir.js';
import type { LoadContext } from './context.js';
import type { ListScope } from './tasks.js';
import { loadTaskList } from './tasks.js';
import { loadHandlerList } from './handlers.js';
import type { Inheritable } from './keywords.js';
import { bool, inherit, ownKeywords, str, vars as varsOf } from './keywords.js';
import { keyPos, posOf, valuePos } from './source-map.js';
import { schemaOf } from './schemas.js';
import { findRole, knownRoles, roleFile, roleName } from './role-files.js';
import { closest } from './suggest.js';
import { displayPath } from './errors.js';
import { dynamicInclude } from './imports.js';
import { argumentSpecTask } from './role-argument-specs.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDir, isFile } from './context.js';
import { pythonModule } from '../modules/library/python-module.js';

export interface RoleUse {
  name: string;
  pos: SourcePos;
  params: Vars;
  keywords: Inheritable;
  tasksFrom?: string;
  handlersFrom?: string;
  varsFrom?: string;
  defaultsFrom?: string;
  /** Undefined: as the role's meta says (roles: and dependencies); import_role runs again by default. */
  allowDuplicates?: boolean;
  /** include_role without `public: true`. */
  private?: boolean;
  /** Files the role is applied from (an include inside them naming them again is a cycle). */
  fileChain?: string[];
  /** Set by applyRole: the instance it made. */
  applied?: RoleInstance;
}

let entryKeywords: Set<string> | undefined;
/** Keys of a role entry that are keywords (the rest are role parameters), read from its schema. */
function roleEntryKeywords(): Set<string> {
  if (!entryKeywords) {
    const branches = (schemaOf('role-entry')['anyOf'] ?? []) as { properties?: object }[];
    entryKeywords = new Set(branches.flatMap((b) => Object.keys(b.properties ?? {})));
  }
  return entryKeywords;
}

/** A `roles:` or `dependencies:` entry: its name, keywords, and parameters (vars: and other keys). */
export function roleUseOf(entry: unknown, at: SourcePos): RoleUse | undefined {
  if (typeof entry === 'string') return { name: entry, pos: at, params: {}, keywords: { when: [], tags: [], vars: {} } };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const raw = entry as Record<string, unknown>;
  const name = str(raw['role']) ?? str(raw['name']);
  if (name === undefined) return undefined;
  const params: Vars = { ...varsOf(raw['vars']) };
  for (const [k, v] of Object.entries(raw)) if (!roleEntryKeywords().has(k)) params[k] = v;
  const keywords = { ...ownKeywords(raw), vars: {} };
  return { name, pos: valuePos(raw, 'role' in raw ? 'role' : 'name', posOf(raw, at)), params, keywords };
}

function readVars(ctx: LoadContext, dir: string, sub: 'defaults' | 'vars', from: string | undefined, pos: SourcePos): Vars {
  const file = roleFile(dir, sub, from);
  if (!file) {
    if (from) ctx.sink.add(pos, `${sub}_from: '${from}' not found in ${displayPath(dir)}/${sub}`);
    return {};
  }
  return varsOf(ctx.readFile(file, 'role-vars').value);
}

function metaOf(ctx: LoadContext, dir: string): { dependencies: unknown[]; allowDuplicates: boolean; file?: string } {
  const file = roleFile(dir, 'meta');
  if (!file) return { dependencies: [], allowDuplicates: false };
  const meta = ctx.readFile(file, 'role-meta').value as Record<string, unknown> | null | undefined;
  const deps = meta && Array.isArray(meta['dependencies']) ? meta['dependencies'] : [];
  return { dependencies: deps, allowDuplicates: bool(meta?.['allow_duplicates']) ?? false, file };
}

/** Expand one role use (dependencies first) into tasks; [] when it already ran with the same params. */
export function applyRole(ctx: LoadContext, use: RoleUse, outer: Inheritable, chain: string[], fromRoleDir?: string): TaskNode[] {
  const found = findRole(ctx, use.name, fromRoleDir);
  if (!found.dir) {
    const suggestion = closest(use.name, knownRoles(ctx, fromRoleDir));
    ctx.sink.add(use.pos, `role '${use.name}' not found (looked in ${found.looked.map(displayPath).join(', ')})`, suggestion ? { suggestion } : {});
    return [];
  }
  const dir = found.dir;
  if (chain.includes(dir)) {
    ctx.sink.add(use.pos, `role '${use.name}' depends on itself (${[...chain, dir].map(roleName).join(' -> ')})`);
    return [];
  }
  const meta = metaOf(ctx, dir);
  addLibraryModules(ctx, dir);
  const key = `${dir}\0${use.tasksFrom ?? ''}\0${JSON.stringify(use.params)}`;
  const allowDuplicates = use.allowDuplicates ?? meta.allowDuplicates;
  if (ctx.play.applied.has(key) && !allowDuplicates) return [];
  ctx.play.applied.add(key);

  const keywords = inherit(outer, use.keywords);
  const out: TaskNode[] = [];
  const metaFile = meta.file;
  meta.dependencies.forEach((dep, i) => {
    const depUse = roleUseOf(dep, valuePos(meta.dependencies, i, { file: metaFile ?? dir, line: 1, col: 1 }));
    if (depUse) out.push(...applyRole(ctx, depUse, keywords, [...chain, dir], dir));
  });

  const role: RoleInstance = {
    name: roleName(dir),
    dir,
    defaults: readVars(ctx, dir, 'defaults', use.defaultsFrom, use.pos),
    vars: readVars(ctx, dir, 'vars', use.varsFrom, use.pos),
    params: use.params,
  };
  if (use.private) role.private = true;
  use.applied = role;
  const tasksFile = roleFile(dir, 'tasks', use.tasksFrom);
  if (!tasksFile && use.tasksFrom) ctx.sink.add(use.pos, `tasks_from: '${use.tasksFrom}' not found in ${displayPath(dir)}/tasks`);
  const validation = argumentSpecTask(ctx, role, use.tasksFrom?.replace(/\.ya?ml$/, '') ?? 'main', keywords);
  if (validation && (tasksFile || !use.tasksFrom)) out.push(validation);
  if (tasksFile) {
    const loaded = ctx.readFile(tasksFile, 'task-list');
    const scope: ListScope = { keywords, role, file: tasksFile, roleDir: dir, chain: [...(use.fileChain ?? []), tasksFile] };
    out.push(...loadTaskList(ctx, loaded.value, scope));
  }
  addRoleHandlers(ctx, role, keywords, use.handlersFrom);
  return out;
}

/** The Python modules in the role's library/ folder, known from now on by their file names. */
function addLibraryModules(ctx: LoadContext, dir: string): void {
  const lib = join(dir, 'library');
  if (!isDir(lib)) return;
  for (const f of readdirSync(lib).sort()) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\.py)?$/.exec(f);
    const file = join(lib, f);
    if (!m || !isFile(file) || ctx.library.has(m[1]!)) continue;
    ctx.library.set(m[1]!, { file, def: pythonModule(m[1]!, file) });
  }
}

function addRoleHandlers(ctx: LoadContext, role: RoleInstance, keywords: Inheritable, from: string | undefined): void {
  const file = roleFile(role.dir, 'handlers', from);
  const key = `${role.dir}\0${from ?? ''}`;
  if (!file || ctx.play.handlersAdded.has(key)) return;
  ctx.play.handlersAdded.add(key);
  const loaded = ctx.readFile(file, 'handler-list');
  // Handlers keep the role's tags and become, not the conditions of where the role was applied.
  const handlerKeywords: Inheritable = { ...keywords, when: [], vars: {} };
  ctx.play.roleHandlers.push(...loadHandlerList(ctx, loaded.value, { keywords: handlerKeywords, role, file, roleDir: role.dir, chain: [file] }));
}

/** `import_role:` in a task list, expanded in place. */
export function applyRoleStatically(
  ctx: LoadContext, raw: Record<string, unknown>, key: 'import_role', scope: ListScope, pos: SourcePos,
): TaskNode[] {
  const spec = raw[key];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) return [];
  const s = spec as Record<string, unknown>;
  const name = str(s['name']);
  if (name === undefined || dynamicInclude(ctx, raw, key, name, pos)) return [];
  let keywords = { ...ownKeywords(raw), vars: {} };
  if (typeof s['apply'] === 'object' && s['apply'] !== null) keywords = inherit(keywords, ownKeywords(s['apply'] as Record<string, unknown>));
  const use: RoleUse = { name, pos: valuePos(s, 'name', keyPos(raw, key, pos)), params: varsOf(raw['vars']), keywords };
  const optional: [keyof RoleUse, string][] = [['tasksFrom', 'tasks_from'], ['handlersFrom', 'handlers_from'], ['varsFrom', 'vars_from'], ['defaultsFrom', 'defaults_from']];
  for (const [prop, k] of optional) {
    const v = str(s[k]);
    if (v !== undefined) (use as unknown as Record<string, unknown>)[prop] = v;
  }
  use.allowDuplicates = bool(s['allow_duplicates']) ?? true;
  return applyRole(ctx, use, scope.keywords, [], scope.roleDir);
}
