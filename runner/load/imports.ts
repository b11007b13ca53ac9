/**
 * Where an import_tasks / include_tasks file is: in the role's tasks/ (or handlers/) first, then
 * beside the file that names it. An import is static: a templated name or a loop is refused.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { SourcePos } from './ir.js';
import type { LoadContext } from './context.js';
import { isFile } from './context.js';
import { displayPath } from './errors.js';
import { keyPos, valuePos } from './source-map.js';
import { isTemplated } from './coerce.js';
import { loopKeys } from './loops.js';

export function fileRefName(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && typeof (v as { file?: unknown }).file === 'string') return (v as { file: string }).file;
  return undefined;
}

/** True (and an error reported) when the import cannot be made static. */
export function dynamicInclude(ctx: LoadContext, raw: Record<string, unknown>, key: string, name: string | undefined, pos: SourcePos): boolean {
  // Only imports and the include_tasks of handler lists (read with the play) come here.
  const why = key.startsWith('import_') ? `${key} is static: use ${key.replace('import_', 'include_')}` : `not supported yet for ${key} in handlers`;
  if (name !== undefined && isTemplated(name)) {
    ctx.sink.add(valuePos(raw, key, pos), `a templated name is ${why.startsWith('not') ? why : `not possible (${why})`}`, { expected: 'a plain file or role name' });
    return true;
  }
  const loop = loopKeys(raw)[0];
  if (loop) {
    ctx.sink.add(keyPos(raw, loop, pos), `'${loop}' is ${why.startsWith('not') ? why : `not possible (${why})`}`);
    return true;
  }
  return false;
}

/** The file a task-file name points to, or the places looked at. */
export function findTaskFile(name: string, scope: { file: string; roleDir?: string }, sub: 'tasks' | 'handlers'): { file?: string; looked: string[] } {
  const candidates = isAbsolute(name)
    ? [name]
    : [...(scope.roleDir ? [join(scope.roleDir, sub, name)] : []), resolve(dirname(scope.file), name)];
  const looked = [...new Set(candidates)];
  const file = looked.find(isFile);
  return file ? { file, looked } : { looked };
}

export function importedFile(
  ctx: LoadContext, raw: Record<string, unknown>, key: string, name: string,
  scope: { file: string; roleDir?: string; chain: string[] }, pos: SourcePos, sub: 'tasks' | 'handlers',
): string | undefined {
  if (dynamicInclude(ctx, raw, key, name, pos)) return undefined;
  const { file: found, looked: places } = findTaskFile(name, scope, sub);
  if (!found) {
    const looked = places.map(displayPath).join(', ');
    ctx.sink.add(valuePos(raw, key, pos), `${key}: file '${name}' not found (looked for ${looked})`);
    return undefined;
  }
  if (scope.chain.includes(found) || found === scope.file) {
    ctx.sink.add(valuePos(raw, key, pos), `${key}: '${name}' imports itself (cycle)`);
    return undefined;
  }
  return found;
}
