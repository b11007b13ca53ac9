/**
 * Where each mapping and list read from YAML came from, so that a check made long after parsing
 * (a schema error, an unknown module) can still point at the offending key or value. Keyed by
 * the object itself: plain JS values flow through the loader and positions follow them.
 */
import type { SourcePos } from './ir.js';

interface NodeInfo {
  pos: SourcePos;
  keys: Map<string, { key: SourcePos; value: SourcePos }>;
  items: SourcePos[];
}

const infos = new WeakMap<object, NodeInfo>();

export function recordNode(obj: object, pos: SourcePos): NodeInfo {
  const info: NodeInfo = { pos, keys: new Map(), items: [] };
  infos.set(obj, info);
  return info;
}

/** What was recorded for a mapping or list (the parse cache stores it). */
export function nodeInfo(obj: object): NodeInfo | undefined {
  return infos.get(obj);
}

function info(obj: unknown): NodeInfo | undefined {
  return typeof obj === 'object' && obj !== null ? infos.get(obj) : undefined;
}

/** Position of a mapping or list itself (its first key or item). */
export function posOf(obj: unknown, fallback: SourcePos): SourcePos {
  return info(obj)?.pos ?? fallback;
}

/** Position of `key` in a mapping (falls back to the mapping). */
export function keyPos(obj: unknown, key: string, fallback: SourcePos): SourcePos {
  const i = info(obj);
  return i?.keys.get(key)?.key ?? i?.pos ?? fallback;
}

/** Position of the value under `key` in a mapping, or item `index` of a list. */
export function valuePos(obj: unknown, key: string | number, fallback: SourcePos): SourcePos {
  const i = info(obj);
  if (!i) return fallback;
  if (typeof key === 'number' || (Array.isArray(obj) && /^\d+$/.test(key))) {
    return i.items[Number(key)] ?? i.pos;
  }
  return i.keys.get(key)?.value ?? i.pos;
}

/** Position of the thing at a JSON pointer (ajv's instancePath) below `root`; key position when `asKey`. */
export function pointerPos(root: unknown, pointer: string, fallback: SourcePos, asKey = false): SourcePos {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let parent: unknown = undefined;
  let node: unknown = root;
  let pos = posOf(root, fallback);
  for (const part of parts) {
    parent = node;
    if (typeof node !== 'object' || node === null) break;
    node = (node as Record<string, unknown>)[part];
    pos = asKey && !Array.isArray(parent) && part === parts[parts.length - 1]
      ? keyPos(parent, part, pos)
      : valuePos(parent, part, pos);
  }
  return pos;
}

/** Copy positions of `from` onto a new object built from it (normalized copies keep pointing home). */
export function copyPos<T extends object>(from: unknown, to: T): T {
  const i = info(from);
  if (i) infos.set(to, i);
  return to;
}
