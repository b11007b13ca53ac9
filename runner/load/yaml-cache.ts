/**
 * Parsed YAML kept between runs, keyed by a hash of the file's path and text and of the code
 * that parsed it: a file that did not change since the last run is read back from JSON (native,
 * quick) with the position of every key and item, instead of parsed again (the yaml package
 * costs most of the start-up of a large playbook). Only what round-trips exactly is kept: plain
 * mappings, lists and scalars, no anchors shared between places, no errors, nothing vaulted
 * (secrets never reach the disk). Entries are `<sha256>.json` in cacheDir() (cache-dir.ts). Any
 * problem with it is the same as a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, stamp } from './cache-dir.js';
import type { SourcePos } from './ir.js';
import { parseYamlCollect, type ParsedYaml } from './yaml.js';
import { recordNode, nodeInfo } from './source-map.js';

const FORMAT = 1;
type At = [number, number];
/** Per mapping or list, in depth-first order: its position, then its keys' or items' positions. */
type Info = [At, ([string, At, At][] | null), (At[] | null)];
interface Entry { format: number; value: unknown; pos: At; infos: Info[] }

/** parseYamlCollect, answered from the cache when this text of this file was parsed before. */
export function parseYamlCached(text: string, file: string): ParsedYaml {
  const dir = cacheDir();
  if (!dir || text.includes('$ANSIBLE_VAULT')) return parseYamlCollect(text, file);
  const key = createHash('sha256').update(`${FORMAT}\0${stamp()}\0${file}\0`).update(text).digest('hex');
  const path = join(dir, `${key}.json`);
  try {
    const hit = revive(JSON.parse(readFileSync(path, 'utf8')) as Entry, file);
    if (hit) return hit;
  } catch {
    // a miss
  }
  const parsed = parseYamlCollect(text, file);
  if (!parsed.errors.length) {
    const entry = flatten(parsed);
    if (entry) {
      try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${path}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(entry));
        renameSync(tmp, path);
      } catch {
        // not cached this time
      }
    }
  }
  return parsed;
}

const at = (p: SourcePos): At => [p.line, p.col];

function isPlain(v: object): boolean {
  return Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype;
}

/** The entry to store, or undefined when the value would not come back the same. */
function flatten(parsed: ParsedYaml): Entry | undefined {
  const infos: Info[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown): boolean => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v !== 'object' || !isPlain(v) || seen.has(v)) return false;
    seen.add(v);
    const info = nodeInfo(v);
    if (!info) return false;
    const keys = Array.isArray(v) ? null : [...info.keys].map(([k, p]): [string, At, At] => [k, at(p.key), at(p.value)]);
    infos.push([at(info.pos), keys, Array.isArray(v) ? info.items.map(at) : null]);
    return Array.isArray(v) ? v.every(walk) : Object.values(v).every(walk);
  };
  if (!walk(parsed.value)) return undefined;
  return { format: FORMAT, value: parsed.value, pos: at(parsed.pos), infos };
}

/** The parse result back from an entry, positions recorded as the parser records them. */
function revive(entry: Entry, file: string): ParsedYaml | undefined {
  if (entry.format !== FORMAT) return undefined;
  const pos = ([line, col]: At): SourcePos => ({ file, line, col });
  let next = 0;
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    const [p, keys, items] = entry.infos[next++]!;
    const info = recordNode(v, pos(p));
    if (keys) for (const [k, kp, vp] of keys) info.keys.set(k, { key: pos(kp), value: pos(vp) });
    if (items) info.items.push(...items.map(pos));
    if (Array.isArray(v)) v.forEach(walk);
    else Object.values(v).forEach(walk);
  };
  walk(entry.value);
  return { value: entry.value, pos: pos(entry.pos), errors: [] };
}
