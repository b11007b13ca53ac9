/**
 * Names the thing a JSON pointer into a playbook file points into ("play", "task", "block"...),
 * so messages say "'gather_facts' of play" rather than "/0/gather_facts".
 */
import type { Describe, Place } from './ajv-messages.js';

export type FileKind = 'playbook' | 'task-list' | 'handler-list' | 'role-meta' | 'role-argument-specs' | 'role-vars' | 'vars-file';

type Kind = FileKind | 'play' | 'task' | 'block' | 'handler' | 'role-list' | 'role entry' | 'import_playbook' | 'other';

const THINGS: Partial<Record<Kind, string>> = {
  play: 'play', task: 'task', block: 'block', handler: 'handler', 'role entry': 'role entry',
  import_playbook: 'import_playbook', 'role-meta': 'role meta', 'role-argument-specs': 'argument specs', 'role-vars': 'role variables', 'vars-file': 'vars file',
};

function has(v: unknown, key: string): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && key in v;
}

function step(kind: Kind, key: string, child: unknown): Kind | undefined {
  switch (kind) {
    case 'playbook':
      return has(child, 'import_playbook') ? 'import_playbook' : 'play';
    case 'task-list':
      return has(child, 'block') ? 'block' : 'task';
    case 'handler-list':
      return 'handler';
    case 'role-list':
      return 'role entry';
    case 'play':
      if (['tasks', 'pre_tasks', 'post_tasks'].includes(key)) return 'task-list';
      if (key === 'handlers') return 'handler-list';
      if (key === 'roles') return 'role-list';
      return undefined;
    case 'block':
      return ['block', 'rescue', 'always'].includes(key) ? 'task-list' : undefined;
    case 'role-meta':
      return key === 'dependencies' ? 'role-list' : undefined;
    default:
      return undefined;
  }
}

export function describeIn(fileKind: FileKind, root: unknown): Describe {
  return (segments: string[]): Place => {
    let kind: Kind = fileKind;
    let noun = THINGS[kind] ?? 'file';
    let path: string[] = [];
    let node: unknown = root;
    let inThing = true;
    for (const seg of segments) {
      const child = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[seg] : undefined;
      const next: Kind | undefined = inThing ? step(kind, seg, child) : undefined;
      if (next) {
        kind = next;
        const thing = THINGS[next];
        if (thing) {
          noun = thing;
          path = [];
        } else {
          path = [...path, seg];
        }
      } else {
        inThing = false;
        path = [...path, seg];
      }
      node = child;
    }
    return { noun, path };
  };
}
