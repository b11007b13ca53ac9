/**
 * Where a role lives and which of its files exist: the search path is `<playbook dir>/roles`,
 * then the configured role paths, then beside the playbook (Ansible's order for the parts kept).
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { LoadContext } from './context.js';
import { isDir, isFile } from './context.js';

export function roleCandidates(ctx: LoadContext, name: string, fromRoleDir?: string): string[] {
  if (isAbsolute(name)) return [name];
  const list = [
    join(ctx.playbookDir, 'roles', name),
    ...ctx.extraRolePaths.map((p) => resolve(ctx.playbookDir, p, name)),
    ...(fromRoleDir ? [join(dirname(fromRoleDir), name)] : []),
    resolve(ctx.playbookDir, name),
  ];
  return [...new Set(list)];
}

export function findRole(ctx: LoadContext, name: string, fromRoleDir?: string): { dir?: string; looked: string[] } {
  const looked = roleCandidates(ctx, name, fromRoleDir);
  const dir = looked.find((d) => isDir(d));
  return dir ? { dir, looked } : { looked };
}

/** Names of the roles found where `name` was looked for (for a did-you-mean). */
export function knownRoles(ctx: LoadContext, fromRoleDir?: string): string[] {
  const folders = [join(ctx.playbookDir, 'roles'), ...ctx.extraRolePaths.map((p) => resolve(ctx.playbookDir, p)), ...(fromRoleDir ? [dirname(fromRoleDir)] : [])];
  const names = new Set<string>();
  for (const folder of new Set(folders)) {
    if (!isDir(folder)) continue;
    for (const entry of readdirSync(folder)) if (isDir(join(folder, entry, 'tasks')) || isDir(join(folder, entry, 'meta'))) names.add(entry);
  }
  return [...names].sort();
}

/** `tasks/main.yml` (or .yaml, or no extension); `base` is tasks_from & co, with or without extension. */
export function roleFile(dir: string, sub: string, base = 'main'): string | undefined {
  const stem = join(dir, sub, base);
  return [`${stem}.yml`, `${stem}.yaml`, stem].find(isFile);
}

export function roleName(dir: string): string {
  return basename(dir);
}
