/**
 * The diff of the file module: Ansible shows before/after dicts of path, state and the changed
 * attributes; here they are `key: value` lines so the unified diff reads naturally.
 */
import type { FileDiff } from '../contract.js';
import type { AttrChanges } from './attributes.js';

export type FileState = 'absent' | 'file' | 'directory' | 'link' | 'hard' | 'touch';

export function stateDiff(path: string, before: string, after: string, attrs: AttrChanges = {}, extra: { before?: Record<string, string>; after?: Record<string, string> } = {}): FileDiff {
  const lines = (state: string, side: 0 | 1, more: Record<string, string> = {}): string => {
    const out = [`path: ${path}`, `state: ${state}`];
    for (const [k, v] of Object.entries(more)) out.push(`${k}: ${v}`);
    for (const [k, pair] of Object.entries(attrs)) if (pair && pair[side] !== '') out.push(`${k}: ${pair[side]}`);
    return out.join('\n') + '\n';
  };
  return {
    before_header: path,
    after_header: path,
    before: lines(before, 0, extra.before),
    after: lines(after, 1, extra.after),
  };
}
