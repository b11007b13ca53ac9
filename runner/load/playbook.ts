/**
 * A playbook file and the playbooks it imports, as a flat list of plays in run order.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Play, SourcePos } from './ir.js';
import type { LoadContext } from './context.js';
import { isFile } from './context.js';
import { displayPath } from './errors.js';
import { keyPos, posOf, valuePos } from './source-map.js';
import { loadPlay } from './play.js';
import { tags, vars } from './keywords.js';
import { isTemplated } from './coerce.js';

export function loadPlaybookFile(ctx: LoadContext, file: string, extraTags: string[], extraVars: Record<string, unknown>, chain: string[]): Play[] {
  const loaded = ctx.readFile(file, 'playbook');
  if (!Array.isArray(loaded.value)) return [];
  const entries = loaded.value;
  const plays: Play[] = [];
  entries.forEach((entry, i) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return;
    const raw = entry as Record<string, unknown>;
    const pos = posOf(raw, valuePos(entries, i, loaded.pos));
    ctx.playbookDir = dirname(file);
    if ('import_playbook' in raw) {
      plays.push(...importPlaybook(ctx, raw, file, pos, extraTags, extraVars, chain));
      return;
    }
    const play = loadPlay(ctx, raw, file, pos, extraTags);
    play.vars = { ...extraVars, ...play.vars };
    plays.push(play);
  });
  return plays;
}

function importPlaybook(
  ctx: LoadContext, raw: Record<string, unknown>, file: string, pos: SourcePos,
  extraTags: string[], extraVars: Record<string, unknown>, chain: string[],
): Play[] {
  const name = raw['import_playbook'];
  if (typeof name !== 'string') return [];
  if (raw['when'] !== undefined) {
    ctx.sink.add(keyPos(raw, 'when', pos), `'when' on import_playbook is not supported yet`);
  }
  if (isTemplated(name)) {
    ctx.sink.add(valuePos(raw, 'import_playbook', pos), 'import_playbook with a templated name is not supported yet');
    return [];
  }
  const target = isAbsolute(name) ? name : resolve(dirname(file), name);
  if (!isFile(target)) {
    ctx.sink.add(valuePos(raw, 'import_playbook', pos), `import_playbook: file '${name}' not found (looked for ${displayPath(target)})`);
    return [];
  }
  if (chain.includes(target)) {
    ctx.sink.add(valuePos(raw, 'import_playbook', pos), `import_playbook: '${name}' imports itself (cycle)`);
    return [];
  }
  const t = [...new Set([...extraTags, ...tags(raw['tags'])])];
  return loadPlaybookFile(ctx, target, t, { ...extraVars, ...vars(raw['vars']) }, [...chain, target]);
}
