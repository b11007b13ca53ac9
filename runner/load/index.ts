/**
 * Loading: playbooks, roles and task files read once, checked against `schemas/`, and turned into
 * the IR in `ir.ts`. Every problem found is reported together, before anything runs.
 */
import { dirname, resolve } from 'node:path';
import type { Playbook, Vars } from './ir.js';
import type { ModuleLookup } from './modules.js';
import { LoadContext } from './context.js';
import { loadPlaybookFile } from './playbook.js';
import { includeLoader } from './include-load.js';
import { vars } from './keywords.js';

export type { ModuleLookup } from './modules.js';
export { LoadError, LoadErrors, loadErrorsToText, displayPath } from './errors.js';
export { parseYaml, readYamlFile } from './yaml.js';

export interface LoadOptions {
  modules: ModuleLookup;
  /** Searched for roles after `<playbook dir>/roles` (the CLI passes the project's `roles/`). */
  roleSearchPaths?: string[];
}

/** Throws LoadErrors (an AggregateError of LoadError) when anything is wrong. */
export async function loadPlaybook(path: string, options: LoadOptions): Promise<Playbook> {
  const file = resolve(path);
  const ctx = new LoadContext(options.modules, (options.roleSearchPaths ?? []).map((p) => resolve(p)));
  ctx.playbookDir = ctx.rootDir = dirname(file);
  const plays = loadPlaybookFile(ctx, file, [], {}, [file]);
  ctx.sink.throwIfAny();
  return { path: file, dir: dirname(file), plays, includes: includeLoader(ctx), deferred: ctx.deferred };
}

/** A vars file (vars_files, group_vars/, host_vars/, -e @file): a mapping, {} when empty. */
export async function loadVarsFile(path: string): Promise<Vars> {
  return loadVarsFileSync(path);
}

/** The same, for callers that read it while a task runs (include_vars). Throws LoadErrors. */
export function loadVarsFileSync(path: string): Vars {
  const ctx = new LoadContext({ get: () => undefined, names: () => [] }, []);
  const loaded = ctx.readFile(resolve(path), 'vars-file');
  ctx.sink.throwIfAny();
  return vars(loaded.value);
}
