/**
 * Module argument values converted as Ansible's argument checking converts them (`update_cache:
 * "yes"` is true, `port: "80"` is 80, a comma list is a list), so modules get the declared types.
 */

const TRUE = new Set(['yes', 'on', 'true', '1', 'y', 't']);
const FALSE = new Set(['no', 'off', 'false', '0', 'n', 'f']);

export function isTemplated(v: unknown): boolean {
  return typeof v === 'string' && /\{\{|\{%/.test(v);
}

/** The JSON types a property schema allows (empty when it does not say). */
export function allowedTypes(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  if (typeof s['type'] === 'string') return [s['type']];
  if (Array.isArray(s['type'])) return s['type'] as string[];
  const branches = (s['anyOf'] ?? s['oneOf']) as unknown[] | undefined;
  if (Array.isArray(branches)) {
    const all = branches.map(allowedTypes);
    return all.some((t) => t.length === 0) ? [] : [...new Set(all.flat())];
  }
  if (Array.isArray(s['enum'])) return [...new Set((s['enum'] as unknown[]).map((e) => (e === null ? 'null' : typeof e)))];
  return [];
}

function fits(v: unknown, types: string[]): boolean {
  if (v === null) return types.includes('null');
  if (Array.isArray(v)) return types.includes('array');
  if (typeof v === 'object') return types.includes('object');
  if (typeof v === 'number') return types.includes('number') || (Number.isInteger(v) && types.includes('integer'));
  return types.includes(typeof v);
}

function convert(v: unknown, types: string[]): unknown {
  for (const t of types) {
    if (t === 'boolean' && (typeof v === 'string' || typeof v === 'number')) {
      const s = String(v).toLowerCase();
      if (TRUE.has(s)) return true;
      if (FALSE.has(s)) return false;
    }
    if (t === 'integer' && typeof v === 'string' && /^[-+]?\d+$/.test(v.trim())) return parseInt(v, 10);
    if (t === 'integer' && typeof v === 'number' && Number.isInteger(v)) return v;
    if (t === 'number' && typeof v === 'string' && v.trim() !== '' && !isNaN(Number(v))) return Number(v);
    if (t === 'string' && typeof v === 'number') return String(v);
    if (t === 'string' && typeof v === 'boolean') return v ? 'True' : 'False';
    if (t === 'array' && typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
    if (t === 'array' && (typeof v === 'number' || typeof v === 'boolean')) return [v];
  }
  return v;
}

/** A copy of `args` with top-level values converted to what `schema.properties` declares. */
export function coerceArgs(args: Record<string, unknown>, schema: object): Record<string, unknown> {
  const props = (schema as Record<string, unknown>)['properties'];
  if (typeof props !== 'object' || props === null) return { ...args };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) {
    const types = allowedTypes((props as Record<string, unknown>)[k]);
    out[k] = types.length && !isTemplated(v) && !fits(v, types) ? convert(v, types) : v;
  }
  return out;
}
