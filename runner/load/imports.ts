/**
 * Where an import_tasks/include_tasks file is, and whether it can be read at load time at all:
 * a templated name or a loop makes an include dynamic, which is not supported yet.
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

/** True (and an error reported) when the import/include cannot be made static. */
export function dynamicInclude(ctx: LoadContext, raw: Record<string, unknown>, key: string, name: string | undefined, pos: SourcePos): boolean {
  if (name !== undefined && isTemplated(name)) {
    ctx.sink.add(valuePos(raw, key, pos), `${key} with a templated name is not supported yet`, { expected: 'a plain file or role name' });
    return true;
  }
  const loop = loopKeys(raw)[0];
  if (loop) {
    ctx.sink.add(keyPos(raw, loop, pos), `${key} with '${loop}' is not supported yet`);
    return true;
  }
  return false;
}

export function importedFile(
  ctx: LoadContext, raw: Record<string, unknown>, key: string, name: string,
  scope: { file: string; roleDir?: string; chain: string[] }, pos: SourcePos, sub: 'tasks' | 'handlers',
): string | undefined {
  if (dynamicInclude(ctx, raw, key, name, pos)) return undefined;
  const candidates = isAbsolute(name)
    ? [name]
    : [...(scope.roleDir ? [join(scope.roleDir, sub, name)] : []), resolve(dirname(scope.file), name)];
  const unique = [...new Set(candidates)];
  const found = unique.find(isFile);
  if (!found) {
    const looked = unique.map(displayPath).join(', ');
    ctx.sink.add(valuePos(raw, key, pos), `${key}: file '${name}' not found (looked for ${looked})`);
    return undefined;
  }
  if (scope.chain.includes(found) || found === scope.file) {
    ctx.sink.add(valuePos(raw, key, pos), `${key}: '${name}' imports itself (cycle)`);
    return undefined;
  }
  return found;
}
